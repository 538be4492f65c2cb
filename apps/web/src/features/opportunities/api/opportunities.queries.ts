import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TBoard,
  TBoardColumn,
  TCreateOpportunity,
  TForecast,
  TMoveStage,
  TOpportunity,
  TOpportunityListQuery,
  TOpportunitySummary,
  TPage,
  TPipeline,
  TPipelineSummary,
  TStageChange,
  TUpdateOpportunity,
  TUpdatePipeline,
} from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export type OpportunitySort = TOpportunityListQuery['sort'];

export interface OpportunityFilters {
  q?: string;
  stageIds?: string[];
  stageKind?: 'open' | 'won' | 'lost';
  ownerIds?: string[];
  departmentId?: string;
  customerId?: string;
  expectedCloseFrom?: string;
  expectedCloseTo?: string;
  mine?: boolean;
  sort: OpportunitySort;
}

export interface BoardFilters {
  ownerId?: string;
  departmentId?: string;
  q?: string;
}

export const opportunitiesQueryKeys = {
  all: ['opportunities'] as const,
  lists: () => [...opportunitiesQueryKeys.all, 'list'] as const,
  list: (filters: OpportunityFilters) => [...opportunitiesQueryKeys.lists(), filters] as const,
  details: () => [...opportunitiesQueryKeys.all, 'detail'] as const,
  detail: (id: string) => [...opportunitiesQueryKeys.details(), id] as const,
  history: (id: string) => [...opportunitiesQueryKeys.detail(id), 'history'] as const,
  boards: () => [...opportunitiesQueryKeys.all, 'board'] as const,
  board: (filters: BoardFilters) => [...opportunitiesQueryKeys.boards(), filters] as const,
  summary: (filters: BoardFilters) => [...opportunitiesQueryKeys.all, 'summary', filters] as const,
  forecast: (period: string, filters: BoardFilters) => [...opportunitiesQueryKeys.all, 'forecast', period, filters] as const,
  pipeline: ['opportunity-pipeline'] as const,
};

/** Board cards per column on the first load. */
export const BOARD_COLUMN_SIZE = 20;

export function useOpportunities(filters: OpportunityFilters, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: opportunitiesQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TOpportunitySummary>>(
        '/opportunities',
        {
          q: filters.q?.trim() || undefined,
          stageId: filters.stageIds,
          stageKind: filters.stageKind,
          ownerId: filters.ownerIds,
          departmentId: filters.departmentId,
          customerId: filters.customerId,
          expectedCloseFrom: filters.expectedCloseFrom,
          expectedCloseTo: filters.expectedCloseTo,
          mine: filters.mine ? 'true' : undefined,
          sort: filters.sort,
          limit: PAGE_SIZE,
          cursor: pageParam,
        },
        { signal },
      ),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useOpportunity(id: string) {
  return useQuery({
    queryKey: opportunitiesQueryKeys.detail(id),
    queryFn: ({ signal }) => api.get<TOpportunity>(`/opportunities/${encodeURIComponent(id)}`, undefined, { signal }),
  });
}

export function useStageHistory(id: string) {
  return useQuery({
    queryKey: opportunitiesQueryKeys.history(id),
    queryFn: ({ signal }) =>
      api.get<{ items: TStageChange[] }>(`/opportunities/${encodeURIComponent(id)}/stage-history`, undefined, { signal }),
    select: (r) => r.items,
  });
}

export function usePipeline() {
  return useQuery({
    queryKey: opportunitiesQueryKeys.pipeline,
    queryFn: ({ signal }) => api.get<TPipeline>('/opportunity-pipeline', undefined, { signal }),
    staleTime: 60_000,
  });
}

export function useBoard(filters: BoardFilters) {
  return useQuery({
    queryKey: opportunitiesQueryKeys.board(filters),
    queryFn: ({ signal }) =>
      api.get<TBoard>('/opportunities/board', { ...filters, q: filters.q?.trim() || undefined, limit: BOARD_COLUMN_SIZE }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The next cards of one board column. */
export function fetchBoardColumn(filters: BoardFilters, stageId: string, cursor: string) {
  return api.get<{ cards: TBoardColumn['cards']; nextCursor: string | null }>('/opportunities/board/column', {
    ...filters,
    q: filters.q?.trim() || undefined,
    stageId,
    cursor,
    limit: BOARD_COLUMN_SIZE,
  });
}

export function usePipelineSummary(filters: BoardFilters) {
  return useQuery({
    queryKey: opportunitiesQueryKeys.summary(filters),
    queryFn: ({ signal }) => api.get<TPipelineSummary>('/opportunities/pipeline-summary', { ...filters }, { signal }),
  });
}

export function useForecast(period: string, filters: BoardFilters) {
  return useQuery({
    queryKey: opportunitiesQueryKeys.forecast(period, filters),
    queryFn: ({ signal }) => api.get<TForecast>('/opportunities/forecast', { period, ...filters }, { signal }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateOpportunities() {
  const qc = useQueryClient();
  return (opportunity?: TOpportunity) => {
    if (opportunity) qc.setQueryData(opportunitiesQueryKeys.detail(opportunity.id), opportunity);
    void qc.invalidateQueries({ queryKey: opportunitiesQueryKeys.lists() });
    void qc.invalidateQueries({ queryKey: opportunitiesQueryKeys.boards() });
    void qc.invalidateQueries({ queryKey: [...opportunitiesQueryKeys.all, 'summary'] });
    void qc.invalidateQueries({ queryKey: [...opportunitiesQueryKeys.all, 'forecast'] });
    if (opportunity) {
      void qc.invalidateQueries({ queryKey: opportunitiesQueryKeys.history(opportunity.id) });
      // The customer 360 page lists the customer's opportunities.
      void qc.invalidateQueries({ queryKey: ['customer-panels', opportunity.customerId] });
    }
  };
}

export function useCreateOpportunity() {
  const invalidate = useInvalidateOpportunities();
  return useMutation({
    mutationFn: (input: TCreateOpportunity) => api.post<TOpportunity>('/opportunities', input),
    onSuccess: (o) => invalidate(o),
  });
}

export function useUpdateOpportunity(id: string) {
  const invalidate = useInvalidateOpportunities();
  return useMutation({
    mutationFn: (input: TUpdateOpportunity) => api.patch<TOpportunity>(`/opportunities/${encodeURIComponent(id)}`, input),
    onSuccess: (o) => invalidate(o),
  });
}

export function useMoveStage() {
  const invalidate = useInvalidateOpportunities();
  return useMutation({
    mutationFn: ({ id, ...input }: TMoveStage & { id: string }) =>
      api.post<TOpportunity>(`/opportunities/${encodeURIComponent(id)}/stage`, input),
    onSuccess: (o) => invalidate(o),
  });
}

export function useUpdatePipeline() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TUpdatePipeline) => api.put<TPipeline>('/opportunity-pipeline', input),
    onSuccess: (p) => {
      qc.setQueryData(opportunitiesQueryKeys.pipeline, p);
      void qc.invalidateQueries({ queryKey: opportunitiesQueryKeys.all });
    },
  });
}
