import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCalendar, TCreateTask, TPage, TTask, TTaskListQuery, TTaskStatus, TUpdateTask } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export interface TaskFilters {
  view: TTaskListQuery['view'];
  status: TTaskStatus;
}

export interface CalendarRange {
  from: string;
  to: string;
  /** Whose calendar; the signed-in user when absent. */
  userId?: string;
}

export const tasksQueryKeys = {
  all: ['tasks'] as const,
  list: (filters: TaskFilters) => [...tasksQueryKeys.all, 'list', filters] as const,
  detail: (id: string) => [...tasksQueryKeys.all, 'detail', id] as const,
  /** Under `tasks`: every task change refreshes the calendar too. */
  calendar: (range: CalendarRange) => [...tasksQueryKeys.all, 'calendar', range] as const,
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

export function useTask(id: string | null) {
  return useQuery({
    queryKey: tasksQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TTask>(`/tasks/${encodeURIComponent(id!)}`, undefined, { signal }),
    enabled: id !== null,
  });
}

export function useCalendar(range: CalendarRange) {
  return useQuery({
    queryKey: tasksQueryKeys.calendar(range),
    queryFn: ({ signal }) => api.get<TCalendar>('/calendar', { from: range.from, to: range.to, userId: range.userId }, { signal }),
    // Moving to the next month keeps the old grid until the new one is there.
    placeholderData: keepPreviousData,
  });
}

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateTask) => api.post<TTask>('/tasks', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tasksQueryKeys.all }),
  });
}

export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateTask }) => api.patch<TTask>(`/tasks/${encodeURIComponent(id)}`, body),
    onSuccess: (task) => {
      queryClient.setQueryData(tasksQueryKeys.detail(task.id), task);
      return queryClient.invalidateQueries({ queryKey: tasksQueryKeys.all });
    },
  });
}
