import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAddApprover,
  TApprovalBox,
  TApprovalComment,
  TApprovalDefinition,
  TApprovalInboxItem,
  TApprovalInstance,
  TApprovalType,
  TApproveTask,
  TPage,
  TPublishApprovalDefinition,
  TRejectTask,
  TTransferTask,
} from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export const approvalsQueryKeys = {
  all: ['approvals'] as const,
  boxes: () => [...approvalsQueryKeys.all, 'box'] as const,
  box: (box: TApprovalBox) => [...approvalsQueryKeys.boxes(), box] as const,
  todoCount: () => [...approvalsQueryKeys.all, 'todo-count'] as const,
  instance: (id: string) => [...approvalsQueryKeys.all, 'instance', id] as const,
  people: (q: string) => [...approvalsQueryKeys.all, 'people', q] as const,
  definitions: () => [...approvalsQueryKeys.all, 'definitions'] as const,
  definition: (key: string) => [...approvalsQueryKeys.definitions(), key] as const,
};

export function useApprovalBox(box: TApprovalBox) {
  return useInfiniteQuery({
    queryKey: approvalsQueryKeys.box(box),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TApprovalInboxItem>>('/approvals/tasks', { box, limit: PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

/** The badge of the menu: pending approval tasks of the signed-in user. */
export function useApprovalTodoCount() {
  return useQuery({
    queryKey: approvalsQueryKeys.todoCount(),
    queryFn: ({ signal }) => api.get<{ todo: number }>('/approvals/tasks/count', undefined, { signal }),
    refetchInterval: 60_000,
    select: (data) => data.todo,
  });
}

export function useApprovalInstance(id: string | undefined) {
  return useQuery({
    queryKey: approvalsQueryKeys.instance(id ?? ''),
    queryFn: ({ signal }) => api.get<TApprovalInstance>(`/approvals/instances/${encodeURIComponent(id!)}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function usePeopleSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: approvalsQueryKeys.people(q),
    queryFn: ({ signal }) => api.get<{ id: string; displayName: string; departmentName: string }[]>('/approvals/people', { q }, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export type ApprovalAction =
  | { kind: 'approve'; taskId: string; body: TApproveTask }
  | { kind: 'reject'; taskId: string; body: TRejectTask }
  | { kind: 'transfer'; taskId: string; body: TTransferTask }
  | { kind: 'add-approver'; taskId: string; body: TAddApprover }
  | { kind: 'comments'; instanceId: string; body: TApprovalComment }
  | { kind: 'withdraw'; instanceId: string; body: { comment?: string } };

/** One action on an approval; the instance, the boxes and the badge are refreshed. */
export function useApprovalAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ApprovalAction) =>
      'taskId' in action
        ? api.post<TApprovalInstance>(`/approvals/tasks/${encodeURIComponent(action.taskId)}/${action.kind}`, action.body)
        : api.post<TApprovalInstance>(`/approvals/instances/${encodeURIComponent(action.instanceId)}/${action.kind}`, action.body),
    onSuccess: (instance) => {
      queryClient.setQueryData(approvalsQueryKeys.instance(instance.id), instance);
      void queryClient.invalidateQueries({ queryKey: approvalsQueryKeys.boxes() });
      void queryClient.invalidateQueries({ queryKey: approvalsQueryKeys.todoCount() });
    },
  });
}

export function attachmentUrl(instanceId: string, fileId: string): string {
  return apiUrl(`/approvals/instances/${encodeURIComponent(instanceId)}/attachments/${encodeURIComponent(fileId)}`);
}

export function useApprovalTypes() {
  return useQuery({
    queryKey: approvalsQueryKeys.definitions(),
    queryFn: ({ signal }) => api.get<TApprovalType[]>('/approvals/definitions', undefined, { signal }),
  });
}

export function useApprovalDefinition(key: string | undefined) {
  return useQuery({
    queryKey: approvalsQueryKeys.definition(key ?? ''),
    queryFn: ({ signal }) => api.get<TApprovalDefinition>(`/approvals/definitions/${encodeURIComponent(key!)}`, undefined, { signal }),
    enabled: !!key,
  });
}

export function usePublishDefinition(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TPublishApprovalDefinition) =>
      api.post<TApprovalDefinition>(`/approvals/definitions/${encodeURIComponent(key)}/versions`, body),
    onSuccess: (definition) => {
      queryClient.setQueryData(approvalsQueryKeys.definition(key), definition);
      void queryClient.invalidateQueries({ queryKey: approvalsQueryKeys.definitions(), exact: true });
    },
  });
}
