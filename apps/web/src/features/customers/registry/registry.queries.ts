import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  ADVERSE_BUSINESS_STATUS,
  CommonErrorCode,
  RegistryErrorCode,
  type TRegistryChange,
  type TRegistryCompany,
  type TRegistryMatch,
  type TRegistryRefreshResult,
} from '@crm/contracts';
import { api, isApiError } from '../../../shared/api/api-client.ts';
import { customersQueryKeys } from '../api/customers.queries.ts';

export const registryQueryKeys = {
  all: ['registry'] as const,
  searches: () => [...registryQueryKeys.all, 'search'] as const,
  search: (q: string) => [...registryQueryKeys.searches(), q] as const,
  company: (keyword: string) => [...registryQueryKeys.all, 'company', keyword] as const,
  changes: (customerId: string) => [...registryQueryKeys.all, 'changes', customerId] as const,
};

/** True when the registry cannot answer now (down, refused, busy, not reachable): the form goes on without it. */
export function isRegistryOutage(error: unknown): boolean {
  if (!isApiError(error)) return !(error instanceof DOMException && error.name === 'AbortError');
  return (
    error.code === RegistryErrorCode.REGISTRY_UNAVAILABLE ||
    error.code === RegistryErrorCode.REGISTRY_REFUSED ||
    error.code === RegistryErrorCode.REGISTRY_BUSY ||
    error.code === CommonErrorCode.INTERNAL ||
    error.status >= 500
  );
}

export const isAdverseStatus = (status: string | null | undefined) => !!status && ADVERSE_BUSINESS_STATUS.test(status);

/** Registry matches for part of a name; pass the query already debounced (under two characters asks nothing). */
export function useRegistrySearch(q: string, enabled: boolean) {
  const query = q.trim();
  return useQuery({
    queryKey: registryQueryKeys.search(query),
    queryFn: ({ signal }) => api.get<TRegistryMatch[]>('/registry/companies', { q: query }, { signal }),
    enabled: enabled && query.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** One registry company mapped to the fields of a new customer (cached: every registry call is billed). */
export function fetchRegistryCompany(queryClient: QueryClient, keyword: string): Promise<TRegistryCompany> {
  return queryClient.fetchQuery({
    queryKey: registryQueryKeys.company(keyword),
    queryFn: ({ signal }) => api.get<TRegistryCompany>(`/registry/companies/${encodeURIComponent(keyword)}`, undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useRegistryChanges(customerId: string) {
  return useQuery({
    queryKey: registryQueryKeys.changes(customerId),
    queryFn: ({ signal }) =>
      api.get<{ items: TRegistryChange[] }>(`/customers/${encodeURIComponent(customerId)}/registry-changes`, undefined, { signal }),
  });
}

/** Refreshes the customer's registry snapshot now; the record and its history reload. */
export function useRefreshRegistry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (customerId: string) => api.post<TRegistryRefreshResult>(`/customers/${encodeURIComponent(customerId)}/registry-refresh`),
    onSuccess: (_result, customerId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.detail(customerId) }),
        queryClient.invalidateQueries({ queryKey: registryQueryKeys.changes(customerId) }),
      ]),
  });
}
