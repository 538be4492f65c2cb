import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateLead,
  TLead,
  TLeadAssignRequest,
  TLeadBatchAssignRequest,
  TLeadBatchResult,
  TLeadConversionPreview,
  TLeadConvertRequest,
  TLeadConvertResult,
  TLeadDisqualifyRequest,
  TLeadSort,
  TLeadSource,
  TLeadSourcesUpdate,
  TLeadStatus,
  TPage,
  TUpdateLead,
} from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { customersQueryKeys } from '../../customers/api/customers.queries.ts';
import { recordActivitiesQueryKey } from '../../customers/activities/record-activities.queries.ts';
import { tasksQueryKeys } from '../../tasks/api/tasks.queries.ts';

export interface LeadFilters {
  q?: string;
  status?: TLeadStatus[];
  source?: string[];
  ownerId?: string;
  mine?: boolean;
  createdFrom?: string;
  createdTo?: string;
  sort: TLeadSort;
}

export const leadsQueryKeys = {
  all: ['leads'] as const,
  lists: () => [...leadsQueryKeys.all, 'list'] as const,
  list: (filters: LeadFilters) => [...leadsQueryKeys.lists(), filters] as const,
  detail: (id: string) => [...leadsQueryKeys.all, 'detail', id] as const,
  preview: (id: string) => [...leadsQueryKeys.all, 'preview', id] as const,
  sources: () => [...leadsQueryKeys.all, 'sources'] as const,
};

const path = (id: string) => `/leads/${encodeURIComponent(id)}`;

export function useLeads(filters: LeadFilters) {
  return useInfiniteQuery({
    queryKey: leadsQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TLead>>(
        '/leads',
        {
          q: filters.q?.trim() || undefined,
          status: filters.status,
          source: filters.source,
          ownerId: filters.ownerId,
          mine: filters.mine ? 'true' : undefined,
          createdFrom: filters.createdFrom,
          createdTo: filters.createdTo,
          sort: filters.sort,
          limit: PAGE_SIZE,
          cursor: pageParam,
        },
        { signal },
      ),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: string) {
  return useQuery({
    queryKey: leadsQueryKeys.detail(id),
    queryFn: ({ signal }) => api.get<TLead>(path(id), undefined, { signal }),
  });
}

export function useLeadSources() {
  return useQuery({
    queryKey: leadsQueryKeys.sources(),
    queryFn: ({ signal }) => api.get<TLeadSource[]>('/lead-sources', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** A change of one lead: its detail, the lists and (for assignments and follow-ups) the tasks. */
function useLeadMutation<V, R extends { id: string } | { lead: TLead } | TLeadBatchResult>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      const lead = 'lead' in result ? result.lead : 'id' in result ? (result as TLead) : undefined;
      if (lead) queryClient.setQueryData(leadsQueryKeys.detail(lead.id), lead);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: leadsQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: tasksQueryKeys.all }),
      ]);
    },
  });
}

export function useCreateLead() {
  return useLeadMutation((body: TCreateLead) => api.post<TLead>('/leads', body));
}

export function useUpdateLead() {
  return useLeadMutation(({ id, body }: { id: string; body: TUpdateLead }) => api.patch<TLead>(path(id), body));
}

export function useQualifyLead() {
  return useLeadMutation(({ id, version }: { id: string; version: number }) => api.post<TLead>(`${path(id)}/qualify`, { version }));
}

export function useDisqualifyLead() {
  return useLeadMutation(({ id, body }: { id: string; body: TLeadDisqualifyRequest }) => api.post<TLead>(`${path(id)}/disqualify`, body));
}

export function useReopenLead() {
  return useLeadMutation(({ id, version }: { id: string; version: number }) => api.post<TLead>(`${path(id)}/reopen`, { version }));
}

export function useAssignLead() {
  return useLeadMutation(({ id, body }: { id: string; body: TLeadAssignRequest }) => api.post<TLead>(`${path(id)}/assign`, body));
}

export function useBatchAssignLeads() {
  return useLeadMutation((body: TLeadBatchAssignRequest) => api.post<TLeadBatchResult>('/leads/batch-assign', body));
}

/** The duplicate verdict for the conversion wizard; asked afresh each time the wizard opens. */
export function useConversionPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: leadsQueryKeys.preview(id),
    queryFn: ({ signal }) => api.post<TLeadConversionPreview>(`${path(id)}/convert/preview`, undefined, { signal }),
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TLeadConvertRequest }) => api.post<TLeadConvertResult>(`${path(id)}/convert`, body),
    onSuccess: (result) => {
      queryClient.setQueryData(leadsQueryKeys.detail(result.lead.id), result.lead);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: leadsQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: recordActivitiesQueryKey('/leads', result.lead.id) }),
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['activities'] }),
        queryClient.invalidateQueries({ queryKey: ['opportunities'] }),
      ]);
    },
  });
}

export function useUpdateLeadSources() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLeadSourcesUpdate) => api.put<TLeadSource[]>('/lead-sources', body),
    onSuccess: (sources) => queryClient.setQueryData(leadsQueryKeys.sources(), sources),
  });
}
