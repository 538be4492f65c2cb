import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreateUser, TPage, TResetPassword, TSetUserActive, TUpdateUser, TUser, TUserListQuery } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { authQueryKeys } from '../../auth/api/auth.queries.ts';
import { departmentsQueryKeys } from '../../departments/api/departments.queries.ts';
import { rolesQueryKeys } from '../../roles/api/roles.queries.ts';

export type UserSort = TUserListQuery['sort'];

export interface UserFilters {
  q?: string;
  departmentId?: string;
  includeSubDepartments?: boolean;
  roleId?: string;
  isActive?: boolean;
  sort: UserSort;
}

export const usersQueryKeys = {
  all: ['users'] as const,
  lists: () => [...usersQueryKeys.all, 'list'] as const,
  list: (filters: UserFilters) => [...usersQueryKeys.lists(), filters] as const,
  /** Small look-ups for pickers (manager, department head, audit user filter). */
  options: (q: string) => [...usersQueryKeys.lists(), 'options', q] as const,
  details: () => [...usersQueryKeys.all, 'detail'] as const,
  detail: (id: string) => [...usersQueryKeys.details(), id] as const,
};

function listParams(filters: UserFilters) {
  return {
    q: filters.q?.trim() || undefined,
    departmentId: filters.departmentId,
    includeSubDepartments: filters.departmentId && filters.includeSubDepartments ? 'true' : undefined,
    roleId: filters.roleId,
    isActive: filters.isActive === undefined ? undefined : String(filters.isActive),
    sort: filters.sort,
  };
}

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: usersQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TUser>>('/users', { ...listParams(filters), limit: PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

export function useUserOptions(q: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: usersQueryKeys.options(q),
    queryFn: ({ signal }) =>
      api.get<TPage<TUser>>('/users', { q: q.trim() || undefined, isActive: 'true', limit: 20, sort: 'displayName' }, { signal }),
    select: (page) => page.items,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    staleTime: 60_000,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: usersQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TUser>(`/users/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUser) => api.post<TUser>('/users', body),
    onSuccess: (created) => {
      queryClient.setQueryData(usersQueryKeys.detail(created.id), created);
      // Department and role lists show member counts.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: departmentsQueryKeys.list() }),
        queryClient.invalidateQueries({ queryKey: rolesQueryKeys.list() }),
      ]);
    },
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateUser }) => api.patch<TUser>(`/users/${encodeURIComponent(id)}`, body),
    onSuccess: (saved, { body }) => {
      queryClient.setQueryData(usersQueryKeys.detail(saved.id), saved);
      const work = [queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() })];
      if (body.departmentId !== undefined) work.push(queryClient.invalidateQueries({ queryKey: departmentsQueryKeys.list() }));
      if (body.roleIds !== undefined) {
        work.push(queryClient.invalidateQueries({ queryKey: rolesQueryKeys.list() }));
      }
      // Editing oneself changes the session's name, roles and permissions.
      const me = queryClient.getQueryData<{ id: string } | null>(authQueryKeys.session());
      if (me?.id === saved.id) work.push(queryClient.invalidateQueries({ queryKey: authQueryKeys.session() }));
      return Promise.all(work);
    },
  });
}

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TSetUserActive }) => api.post<TUser>(`/users/${encodeURIComponent(id)}/active`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(usersQueryKeys.detail(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() });
    },
  });
}

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TResetPassword }) => api.post<void>(`/users/${encodeURIComponent(id)}/password`, body),
    // The record's version may move with the password change; keep the cached copy current.
    onSuccess: (_void, { id }) => queryClient.invalidateQueries({ queryKey: usersQueryKeys.detail(id) }),
  });
}
