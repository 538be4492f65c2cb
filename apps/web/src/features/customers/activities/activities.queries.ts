import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TActivity, TCreateActivity, TPage, TUpdateActivity } from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { customersQueryKeys } from '../api/customers.queries.ts';
import { tasksQueryKeys } from '../../tasks/api/tasks.queries.ts';

const TIMELINE_PAGE = 20;

export const activitiesQueryKeys = {
  all: ['activities'] as const,
  timeline: (customerId: string) => [...activitiesQueryKeys.all, customerId] as const,
};

const base = (customerId: string) => `/customers/${encodeURIComponent(customerId)}/activities`;

export function useActivities(customerId: string) {
  return useInfiniteQuery({
    queryKey: activitiesQueryKeys.timeline(customerId),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TActivity>>(base(customerId), { limit: TIMELINE_PAGE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
  });
}

/** An activity changes the timeline, the customer's last activity and (with a follow-up) the owner's tasks. */
function useActivityMutation<V extends { customerId: string }, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (_result, { customerId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: activitiesQueryKeys.timeline(customerId) }),
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.detail(customerId) }),
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: tasksQueryKeys.all }),
      ]),
  });
}

export function useCreateActivity() {
  return useActivityMutation(({ customerId, body }: { customerId: string; body: TCreateActivity }) =>
    api.post<TActivity>(base(customerId), body),
  );
}

export function useUpdateActivity() {
  return useActivityMutation(({ customerId, activityId, body }: { customerId: string; activityId: string; body: TUpdateActivity }) =>
    api.patch<TActivity>(`${base(customerId)}/${encodeURIComponent(activityId)}`, body),
  );
}

export function useDeleteActivity() {
  return useActivityMutation(({ customerId, activityId }: { customerId: string; activityId: string }) =>
    api.delete(`${base(customerId)}/${encodeURIComponent(activityId)}`),
  );
}

/** Download link of an attachment, through the activity (readable by whoever sees the customer). */
export function attachmentUrl(customerId: string, activityId: string, fileId: string): string {
  return apiUrl(`${base(customerId)}/${encodeURIComponent(activityId)}/attachments/${encodeURIComponent(fileId)}`);
}
