import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreateRole, TMe, TPage, TPermissionInfo, TRole, TUpdateRole } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { authQueryKeys } from '../../auth/api/auth.queries.ts';
import { usersQueryKeys } from '../../users/api/users.queries.ts';

export const rolesQueryKeys = {
  all: ['roles'] as const,
  list: () => [...rolesQueryKeys.all, 'list'] as const,
  detail: (id: string) => [...rolesQueryKeys.all, 'detail', id] as const,
  /** The catalogue of assignable permissions (labels translated by the server). */
  permissions: () => [...rolesQueryKeys.all, 'permissions'] as const,
};

export function useRoles(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: rolesQueryKeys.list(),
    queryFn: ({ signal }) => api.get<TPage<TRole>>('/roles', undefined, { signal }),
    select: (page) => page.items,
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useRole(id: string | null) {
  return useQuery({
    queryKey: rolesQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TRole>(`/roles/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function usePermissionCatalog() {
  return useQuery({
    queryKey: rolesQueryKeys.permissions(),
    queryFn: ({ signal }) => api.get<{ items: TPermissionInfo[] }>('/permissions', undefined, { signal }),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateRole) => api.post<TRole>('/roles', body),
    onSuccess: (created) => {
      queryClient.setQueryData(rolesQueryKeys.detail(created.id), created);
      return queryClient.invalidateQueries({ queryKey: rolesQueryKeys.list() });
    },
  });
}

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateRole }) => api.patch<TRole>(`/roles/${encodeURIComponent(id)}`, body),
    onSuccess: (saved, { body }) => {
      queryClient.setQueryData(rolesQueryKeys.detail(saved.id), saved);
      const work = [queryClient.invalidateQueries({ queryKey: rolesQueryKeys.list() })];
      // Users list their roles by name.
      if (body.nameZh !== undefined || body.nameEn !== undefined) {
        work.push(queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() }));
      }
      // When the signed-in user holds this role, their permissions and scope follow it.
      const me = queryClient.getQueryData<TMe | null>(authQueryKeys.session());
      if (me?.roles.some((r) => r.id === saved.id)) {
        work.push(queryClient.invalidateQueries({ queryKey: authQueryKeys.session() }));
      }
      return Promise.all(work);
    },
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/roles/${encodeURIComponent(id)}`),
    onSuccess: (_void, id) => {
      queryClient.removeQueries({ queryKey: rolesQueryKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: rolesQueryKeys.list() });
    },
  });
}
