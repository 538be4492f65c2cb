import { useInfiniteQuery, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { TActivity, TCreateActivity, TPage, TUpdateActivity } from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { tasksQueryKeys } from '../../tasks/api/tasks.queries.ts';

/** A record type whose 跟进记录 live under its own path: `/leads`, `/opportunities`. */
export type ActivityRecordPath = '/leads' | '/opportunities';

const TIMELINE_PAGE = 20;

export const recordActivitiesQueryKey = (base: ActivityRecordPath, id: string) => ['record-activities', base, id] as const;
const activitiesPath = (base: ActivityRecordPath, id: string) => `${base}/${encodeURIComponent(id)}/activities`;

export function useRecordActivities(base: ActivityRecordPath, id: string) {
  return useInfiniteQuery({
    queryKey: recordActivitiesQueryKey(base, id),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TActivity>>(activitiesPath(base, id), { limit: TIMELINE_PAGE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
  });
}

/**
 * Writing, changing and deleting a record's activities: afterwards the timeline, the follow-up tasks
 * and whatever else the record shows from them (`alsoChanged`: its detail, its lists) are read again.
 */
export function useRecordActivityMutations(base: ActivityRecordPath, id: string, alsoChanged: QueryKey[] = []) {
  const queryClient = useQueryClient();
  const onSuccess = () =>
    Promise.all(
      [recordActivitiesQueryKey(base, id), tasksQueryKeys.all, ...alsoChanged].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
  const path = activitiesPath(base, id);
  return {
    create: useMutation({ mutationFn: (body: TCreateActivity) => api.post<TActivity>(path, body), onSuccess }),
    update: useMutation({
      mutationFn: ({ activityId, body }: { activityId: string; body: TUpdateActivity }) =>
        api.patch<TActivity>(`${path}/${encodeURIComponent(activityId)}`, body),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (activityId: string) => api.delete(`${path}/${encodeURIComponent(activityId)}`), onSuccess }),
  };
}

export function recordAttachmentUrl(base: ActivityRecordPath, id: string, activityId: string, fileId: string): string {
  return apiUrl(`${activitiesPath(base, id)}/${encodeURIComponent(activityId)}/attachments/${encodeURIComponent(fileId)}`);
}
