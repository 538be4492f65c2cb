import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TMarkRead, TNotification, TPage } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export interface NotificationFilters {
  unread?: boolean;
}

export const notificationsQueryKeys = {
  all: ['notifications'] as const,
  lists: () => [...notificationsQueryKeys.all, 'list'] as const,
  list: (filters: NotificationFilters, limit: number = PAGE_SIZE) => [...notificationsQueryKeys.lists(), filters, limit] as const,
  unreadCount: () => [...notificationsQueryKeys.all, 'unread-count'] as const,
};

export function useNotifications(filters: NotificationFilters, limit: number = PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: notificationsQueryKeys.list(filters, limit),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TNotification>>(
        '/notifications',
        { unread: filters.unread ? 'true' : undefined, limit, cursor: pageParam },
        { signal },
      ),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
  });
}

/** The bell's number; polled every minute while the tab is visible. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationsQueryKeys.unreadCount(),
    queryFn: ({ signal }) => api.get<{ unread: number }>('/notifications/unread-count', undefined, { signal }),
    refetchInterval: 60_000,
    staleTime: 30_000,
    select: (data) => data.unread,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TMarkRead) => api.post<void>('/notifications/read', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: notificationsQueryKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: notificationsQueryKeys.unreadCount() });
    },
  });
}
