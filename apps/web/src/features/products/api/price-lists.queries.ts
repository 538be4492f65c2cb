import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreatePriceList,
  TCustomer,
  TPage,
  TPriceList,
  TPriceListDetail,
  TPriceListStatus,
  TPriceResolveRequest,
  TPriceResolveResult,
  TUpdatePriceList,
} from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export interface PriceListFilters {
  q?: string;
  status?: TPriceListStatus;
}

export const priceListsQueryKeys = {
  all: ['price-lists'] as const,
  lists: () => [...priceListsQueryKeys.all, 'list'] as const,
  list: (filters: PriceListFilters) => [...priceListsQueryKeys.lists(), filters] as const,
  details: () => [...priceListsQueryKeys.all, 'detail'] as const,
  detail: (id: string) => [...priceListsQueryKeys.details(), id] as const,
};

export function usePriceLists(filters: PriceListFilters) {
  return useInfiniteQuery({
    queryKey: priceListsQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TPriceList>>(
        '/price-lists',
        { q: filters.q?.trim() || undefined, status: filters.status, limit: PAGE_SIZE, cursor: pageParam },
        { signal },
      ),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

export function usePriceList(id: string | null) {
  return useQuery({
    queryKey: priceListsQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TPriceListDetail>(`/price-lists/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useCreatePriceList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreatePriceList) => api.post<TPriceListDetail>('/price-lists', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: priceListsQueryKeys.all }),
  });
}

export function useUpdatePriceList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdatePriceList }) =>
      api.patch<TPriceListDetail>(`/price-lists/${encodeURIComponent(id)}`, body),
    onSuccess: (list) => {
      queryClient.setQueryData(priceListsQueryKeys.detail(list.id), list);
      void queryClient.invalidateQueries({ queryKey: priceListsQueryKeys.lists() });
    },
  });
}

/** Which price each product gets for a customer (or a grade and province) on a date, explained. */
export function useResolvePrices() {
  return useMutation({
    mutationFn: (body: TPriceResolveRequest) => api.post<TPriceResolveResult>('/price-lists/resolve', body),
  });
}

/** The price lists that price a product (first 20, highest priority first). */
export function usePriceListsOfProduct(productId: string) {
  return useQuery({
    queryKey: [...priceListsQueryKeys.lists(), 'product', productId],
    queryFn: ({ signal }) => api.get<TPage<TPriceList>>('/price-lists', { productId, limit: 20 }, { signal }).then((r) => r.items),
  });
}

/** Customers matching a name, for the price check (the caller's data scope applies). */
export function useCustomerOptions(q: string) {
  return useQuery<TCustomer[]>({
    queryKey: ['customers', 'price-check-options', q],
    queryFn: ({ signal }) =>
      api.get<TPage<TCustomer>>('/customers', { q: q.trim() || undefined, limit: 20, sort: 'name' }, { signal }).then((r) => r.items),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
