import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateQuote,
  TPage,
  TQuote,
  TQuoteCompany,
  TQuoteListItem,
  TQuoteListQuery,
  TQuotePreview,
  TQuotePreviewRequest,
  TQuoteSettings,
  TQuoteStatus,
  TUpdateQuote,
  TUpdateQuoteSettings,
} from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export type QuoteSort = TQuoteListQuery['sort'];

export interface QuoteFilters {
  q?: string;
  statuses?: TQuoteStatus[];
  mine?: boolean;
  requiresApproval?: boolean;
  opportunityId?: string;
  sort: QuoteSort;
}

export const quotesQueryKeys = {
  all: ['quotes'] as const,
  lists: () => [...quotesQueryKeys.all, 'list'] as const,
  list: (filters: QuoteFilters, limit = PAGE_SIZE) => [...quotesQueryKeys.lists(), filters, limit] as const,
  details: () => [...quotesQueryKeys.all, 'detail'] as const,
  detail: (id: string, versionNo?: number) => [...quotesQueryKeys.details(), id, versionNo ?? 'current'] as const,
  preview: (request: TQuotePreviewRequest) => [...quotesQueryKeys.all, 'preview', request] as const,
  company: () => [...quotesQueryKeys.all, 'company'] as const,
  settings: () => [...quotesQueryKeys.all, 'settings'] as const,
};

const quotePath = (id: string) => `/quotes/${encodeURIComponent(id)}`;

function listParams(filters: QuoteFilters) {
  return {
    q: filters.q?.trim() || undefined,
    status: filters.statuses,
    mine: filters.mine ? 'true' : undefined,
    requiresApproval: filters.requiresApproval ? 'true' : undefined,
    opportunityId: filters.opportunityId,
    sort: filters.sort,
  };
}

export function useQuotes(filters: QuoteFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? PAGE_SIZE;
  return useInfiniteQuery({
    queryKey: quotesQueryKeys.list(filters, limit),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TQuoteListItem>>('/quotes', { ...listParams(filters), limit, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** A quote: its current version, or an older one by number. */
export function useQuote(id: string | undefined, versionNo?: number) {
  return useQuery({
    queryKey: quotesQueryKeys.detail(id ?? '', versionNo),
    queryFn: ({ signal }) =>
      api.get<TQuote>(versionNo === undefined ? quotePath(id!) : `${quotePath(id!)}/versions/${versionNo}`, undefined, { signal }),
    enabled: !!id,
  });
}

/** Prices, totals and approval flags of the lines being edited, from the server (nothing is saved). */
export function useQuotePreview(request: TQuotePreviewRequest | null) {
  return useQuery({
    queryKey: quotesQueryKeys.preview(request ?? { lines: [] }),
    queryFn: ({ signal }) => api.post<TQuotePreview>('/quotes/preview', request, { signal }),
    enabled: request !== null && (request.opportunityId !== undefined || request.quoteId !== undefined),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

export function useQuoteCompany() {
  return useQuery({
    queryKey: quotesQueryKeys.company(),
    queryFn: ({ signal }) => api.get<TQuoteCompany>('/quotes/company', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** After a change: the quote's own queries take the answer, lists reload. */
function useSaved() {
  const queryClient = useQueryClient();
  return (saved: TQuote) => {
    queryClient.setQueryData(quotesQueryKeys.detail(saved.id), saved);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: quotesQueryKeys.lists() }),
      // Older versions change status too (superseded).
      queryClient.invalidateQueries({ queryKey: [...quotesQueryKeys.details(), saved.id], predicate: (q) => q.queryKey[3] !== 'current' }),
    ]);
  };
}

export function useCreateQuote() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: TCreateQuote) => api.post<TQuote>('/quotes', body), onSuccess: saved });
}

export function useUpdateQuote() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateQuote }) => api.patch<TQuote>(quotePath(id), body),
    onSuccess: saved,
  });
}

export type QuoteAction =
  | { kind: 'submit' | 'withdraw' | 'send' | 'newVersion'; version: number }
  | { kind: 'approval'; version: number; decision: 'approve' | 'refuse'; comment?: string | null }
  | { kind: 'accept'; version: number; note?: string | null }
  | { kind: 'reject'; version: number; reason: string };

function actionRequest(id: string, action: QuoteAction): Promise<TQuote> {
  const path = quotePath(id);
  switch (action.kind) {
    case 'newVersion':
      return api.post<TQuote>(`${path}/versions`, { version: action.version });
    case 'approval':
      return api.post<TQuote>(`${path}/approval`, { version: action.version, decision: action.decision, comment: action.comment ?? null });
    case 'accept':
      return api.post<TQuote>(`${path}/accept`, { version: action.version, note: action.note ?? null });
    case 'reject':
      return api.post<TQuote>(`${path}/reject`, { version: action.version, reason: action.reason });
    default:
      return api.post<TQuote>(`${path}/${action.kind}`, { version: action.version });
  }
}

/** Submit, withdraw, approve/refuse, send, accept, reject, new version. */
export function useQuoteAction() {
  const saved = useSaved();
  return useMutation({ mutationFn: ({ id, action }: { id: string; action: QuoteAction }) => actionRequest(id, action), onSuccess: saved });
}

export function quoteExportUrl(id: string, versionNo: number, lang: string): string {
  return apiUrl(`${quotePath(id)}/export`, { versionNo, lang });
}

export function useQuoteSettings() {
  return useQuery({
    queryKey: quotesQueryKeys.settings(),
    queryFn: ({ signal }) => api.get<TQuoteSettings>('/quotes/settings', undefined, { signal }),
  });
}

export function useUpdateQuoteSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateQuoteSettings) => api.put<TQuoteSettings>('/quotes/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(quotesQueryKeys.settings(), saved);
      return queryClient.invalidateQueries({ queryKey: quotesQueryKeys.company() });
    },
  });
}
