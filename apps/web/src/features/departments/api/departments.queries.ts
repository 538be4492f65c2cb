import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreateDepartment, TDepartment, TPage, TUpdateDepartment } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { usersQueryKeys } from '../../users/api/users.queries.ts';

export const departmentsQueryKeys = {
  all: ['departments'] as const,
  list: () => [...departmentsQueryKeys.all, 'list'] as const,
  detail: (id: string) => [...departmentsQueryKeys.all, 'detail', id] as const,
};

/** All departments the user can see, flat; the tree is built in the browser. */
export function useDepartments(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: departmentsQueryKeys.list(),
    queryFn: ({ signal }) => api.get<TPage<TDepartment>>('/departments', undefined, { signal }),
    select: (page) => page.items,
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useDepartment(id: string | null) {
  return useQuery({
    queryKey: departmentsQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TDepartment>(`/departments/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateDepartment) => api.post<TDepartment>('/departments', body),
    onSuccess: (created) => {
      queryClient.setQueryData(departmentsQueryKeys.detail(created.id), created);
      return queryClient.invalidateQueries({ queryKey: departmentsQueryKeys.list() });
    },
  });
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateDepartment }) =>
      api.patch<TDepartment>(`/departments/${encodeURIComponent(id)}`, body),
    onSuccess: (saved, { body }) => {
      queryClient.setQueryData(departmentsQueryKeys.detail(saved.id), saved);
      const invalidations = [queryClient.invalidateQueries({ queryKey: departmentsQueryKeys.list() })];
      // Users show their department's name, and filter by subtree.
      if (body.name !== undefined || body.parentId !== undefined) {
        invalidations.push(queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() }));
      }
      return Promise.all(invalidations);
    },
  });
}

export function useDeleteDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    // The version guards against deleting a department someone has just changed.
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete(`/departments/${encodeURIComponent(id)}`, { query: { version } }),
    onSuccess: (_void, { id }) => {
      queryClient.removeQueries({ queryKey: departmentsQueryKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: departmentsQueryKeys.list() });
    },
  });
}
