import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAssignmentRule,
  TAssignmentRuleInput,
  TCustomer,
  TCustomerBatchRequest,
  TCustomerBatchResult,
  TCustomerGrade,
  TCustomerPool,
  TOwnerChange,
  TPage,
  TPoolSettings,
  TPoolStatus,
  TReclaimOutcome,
  TUpdateAssignmentRule,
  TUpdatePool,
} from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { customersQueryKeys } from '../api/customers.queries.ts';

export interface PoolCustomerFilters {
  poolId?: string;
  q?: string;
  grades?: TCustomerGrade[];
}

export const poolQueryKeys = {
  all: ['customer-pools'] as const,
  pools: () => [...poolQueryKeys.all, 'pools'] as const,
  status: () => [...poolQueryKeys.all, 'status'] as const,
  customers: (filters: PoolCustomerFilters) => [...poolQueryKeys.all, 'customers', filters] as const,
  ownerHistory: (customerId: string) => [...customersQueryKeys.detail(customerId), 'owner-history'] as const,
  rules: () => ['customer-assignment-rules'] as const,
};

export function usePools() {
  return useQuery({
    queryKey: poolQueryKeys.pools(),
    queryFn: ({ signal }) => api.get<TCustomerPool[]>('/customer-pools', undefined, { signal }),
  });
}

export function usePoolStatus() {
  return useQuery({
    queryKey: poolQueryKeys.status(),
    queryFn: ({ signal }) => api.get<TPoolStatus>('/customer-pools/status', undefined, { signal }),
  });
}

export function usePoolCustomers(filters: PoolCustomerFilters) {
  return useInfiniteQuery({
    queryKey: poolQueryKeys.customers(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TCustomer>>(
        '/customer-pools/customers',
        { poolId: filters.poolId, q: filters.q?.trim() || undefined, grade: filters.grades, limit: PAGE_SIZE, cursor: pageParam },
        { signal },
      ),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

export function useOwnerHistory(customerId: string) {
  return useQuery({
    queryKey: poolQueryKeys.ownerHistory(customerId),
    queryFn: ({ signal }) =>
      api.get<{ items: TOwnerChange[] }>(`/customers/${encodeURIComponent(customerId)}/owner-history`, undefined, { signal }),
    select: (data) => data.items,
  });
}

/** After an owner change every customer list, the pools and the record itself are out of date. */
function useOwnershipMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.all }),
        queryClient.invalidateQueries({ queryKey: poolQueryKeys.all }),
      ]),
  });
}

const path = (id: string, action: string) => `/customers/${encodeURIComponent(id)}/${action}`;

export const useClaimCustomer = () => useOwnershipMutation((id: string) => api.post<TCustomer>(path(id, 'claim')));
export const useReleaseCustomer = () =>
  useOwnershipMutation(({ id, reason }: { id: string; reason: string }) => api.post<TCustomer>(path(id, 'release'), { reason }));
export const useAssignCustomer = () =>
  useOwnershipMutation(({ id, ownerId, reason }: { id: string; ownerId: string; reason: string }) =>
    api.post<TCustomer>(path(id, 'assign'), { ownerId, reason }),
  );
export const useAutoAssignCustomer = () => useOwnershipMutation((id: string) => api.post<TCustomer>(path(id, 'auto-assign')));
export const useCustomerBatch = () =>
  useOwnershipMutation((request: TCustomerBatchRequest) => api.post<TCustomerBatchResult>('/customers/batch', request));

export const useSavePool = () =>
  useOwnershipMutation(({ id, body }: { id?: string; body: TPoolSettings | TUpdatePool }) =>
    id ? api.patch<TCustomerPool>(`/customer-pools/${encodeURIComponent(id)}`, body) : api.post<TCustomerPool>('/customer-pools', body),
  );
export const useRunReclaim = () => useOwnershipMutation(() => api.post<TReclaimOutcome>('/customer-pools/reclaim'));

export function useAssignmentRules() {
  return useQuery({
    queryKey: poolQueryKeys.rules(),
    queryFn: ({ signal }) => api.get<TAssignmentRule[]>('/customer-assignment-rules', undefined, { signal }),
  });
}

export function useSaveAssignmentRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TAssignmentRuleInput | TUpdateAssignmentRule }) =>
      id
        ? api.patch<TAssignmentRule>(`/customer-assignment-rules/${encodeURIComponent(id)}`, body)
        : api.post<TAssignmentRule>('/customer-assignment-rules', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: poolQueryKeys.rules() }),
  });
}

export function useDeleteAssignmentRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete(`/customer-assignment-rules/${encodeURIComponent(id)}`, { query: { version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: poolQueryKeys.rules() }),
  });
}
