import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateRequirement,
  TPage,
  TRequirement,
  TRequirementLineReviewRequest,
  TRequirementListItem,
  TRequirementListQuery,
  TRequirementStatus,
  TUpdateRequirement,
} from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { approvalsQueryKeys } from '../../approvals/api/approvals.queries.ts';

export type RequirementSort = TRequirementListQuery['sort'];

export interface RequirementFilters {
  q?: string;
  statuses?: TRequirementStatus[];
  mine?: boolean;
  customerId?: string;
  opportunityId?: string;
  sort: RequirementSort;
}

export const requirementsQueryKeys = {
  all: ['requirements'] as const,
  lists: () => [...requirementsQueryKeys.all, 'list'] as const,
  list: (filters: RequirementFilters, limit = PAGE_SIZE) => [...requirementsQueryKeys.lists(), filters, limit] as const,
  details: () => [...requirementsQueryKeys.all, 'detail'] as const,
  detail: (id: string) => [...requirementsQueryKeys.details(), id] as const,
};

const requirementPath = (id: string) => `/requirements/${encodeURIComponent(id)}`;

function listParams(filters: RequirementFilters) {
  return {
    q: filters.q?.trim() || undefined,
    status: filters.statuses,
    mine: filters.mine ? 'true' : undefined,
    customerId: filters.customerId,
    opportunityId: filters.opportunityId,
    sort: filters.sort,
  };
}

export function useRequirements(filters: RequirementFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? PAGE_SIZE;
  return useInfiniteQuery({
    queryKey: requirementsQueryKeys.list(filters, limit),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TRequirementListItem>>('/requirements', { ...listParams(filters), limit, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useRequirement(id: string | undefined) {
  return useQuery({
    queryKey: requirementsQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TRequirement>(requirementPath(id!), undefined, { signal }),
    enabled: !!id,
  });
}

/** After a change: the requirement's own query takes the answer, lists reload. */
function useSaved() {
  const queryClient = useQueryClient();
  return (saved: TRequirement) => {
    queryClient.setQueryData(requirementsQueryKeys.detail(saved.id), saved);
    return queryClient.invalidateQueries({ queryKey: requirementsQueryKeys.lists() });
  };
}

export function useCreateRequirement() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: TCreateRequirement) => api.post<TRequirement>('/requirements', body), onSuccess: saved });
}

export function useUpdateRequirement() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateRequirement }) => api.patch<TRequirement>(requirementPath(id), body),
    onSuccess: saved,
  });
}

export type RequirementAction = { kind: 'submit' | 'withdraw'; version: number } | { kind: 'cancel'; version: number; reason: string };

/** Submit to review, withdraw, cancel: each starts or ends an approval too. */
export function useRequirementAction() {
  const saved = useSaved();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: RequirementAction }) =>
      api.post<TRequirement>(
        `${requirementPath(id)}/${action.kind}`,
        action.kind === 'cancel' ? { version: action.version, reason: action.reason } : { version: action.version },
      ),
    onSuccess: async (requirement) => {
      await saved(requirement);
      await queryClient.invalidateQueries({ queryKey: approvalsQueryKeys.all });
    },
  });
}

/** The product manager's decision on one line. */
export function useReviewLine() {
  const saved = useSaved();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, lineId, body }: { id: string; lineId: string; body: TRequirementLineReviewRequest }) =>
      api.post<TRequirement>(`${requirementPath(id)}/lines/${encodeURIComponent(lineId)}/review`, body),
    onSuccess: async (requirement, { body }) => {
      await saved(requirement);
      // A new code is a new catalogue product.
      if (body.decision === 'new_code') await queryClient.invalidateQueries({ queryKey: ['products'] });
    },
  });
}

/** Refetches a requirement (e.g. after the approval it is in was decided). */
export function useRefreshRequirement() {
  const queryClient = useQueryClient();
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: requirementsQueryKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: requirementsQueryKeys.lists() }),
    ]);
}

/** Download (or show) a photo or document of the requirement. */
export function requirementAttachmentUrl(id: string, fileId: string): string {
  return apiUrl(`${requirementPath(id)}/attachments/${encodeURIComponent(fileId)}`);
}
