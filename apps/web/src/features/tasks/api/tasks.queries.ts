import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPage, TTask, TTaskListQuery, TTaskStatus, TUpdateTask } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export interface TaskFilters {
  view: TTaskListQuery['view'];
  status: TTaskStatus;
}

export const tasksQueryKeys = {
  all: ['tasks'] as const,
  list: (filters: TaskFilters) => [...tasksQueryKeys.all, 'list', filters] as const,
};

export function useTasks(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: tasksQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TTask>>('/tasks', { view: filters.view, status: filters.status, limit: PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
  });
}

export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateTask }) => api.patch<TTask>(`/tasks/${encodeURIComponent(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tasksQueryKeys.all }),
  });
}
