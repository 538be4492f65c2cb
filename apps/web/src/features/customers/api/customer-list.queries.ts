import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TCustomer, TCustomerColumn, TCustomerCount, TCustomerListQuery, TPage } from '@crm/contracts';
import { api, apiUrl, type QueryParams } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import type { Language } from '../../../shared/i18n/i18n.ts';
import { customersQueryKeys } from './customers.queries.ts';

export type CustomerSort = TCustomerListQuery['sort'];

/** The filters of the customer list as the address bar and saved views carry them. */
export interface CustomerListFilters {
  q?: string;
  ownerIds?: string[];
  departmentId?: string;
  types?: TCustomerListQuery['type'];
  grades?: TCustomerListQuery['grade'];
  statuses?: TCustomerListQuery['status'];
  industry?: string;
  province?: string;
  city?: string;
  tags?: string[];
  inPool?: boolean;
  /** Business dates (YYYY-MM-DD, Asia/Shanghai). */
  lastActivityAfter?: string;
  lastActivityBefore?: string;
  createdFrom?: string;
  createdTo?: string;
  mine?: boolean;
}

/** Filters as the API's query parameters (and as a saved view stores them). */
export function filterParams(filters: CustomerListFilters): QueryParams {
  return {
    q: filters.q?.trim() || undefined,
    ownerId: filters.ownerIds,
    departmentId: filters.departmentId,
    type: filters.types,
    grade: filters.grades,
    status: filters.statuses,
    industry: filters.industry,
    province: filters.province,
    city: filters.city,
    tag: filters.tags,
    inPool: filters.inPool === undefined ? undefined : String(filters.inPool),
    lastActivityAfter: filters.lastActivityAfter,
    lastActivityBefore: filters.lastActivityBefore,
    createdFrom: filters.createdFrom,
    createdTo: filters.createdTo,
    mine: filters.mine ? 'true' : undefined,
  };
}

export const customerListQueryKeys = {
  // Under the customer lists' key, so that every customer change that refreshes lists refreshes this one too.
  list: (filters: CustomerListFilters, sort: CustomerSort) => [...customersQueryKeys.lists(), 'filtered', filters, sort] as const,
  count: (filters: CustomerListFilters) => [...customersQueryKeys.lists(), 'count', filters] as const,
};

export function useCustomerList(filters: CustomerListFilters, sort: CustomerSort) {
  return useInfiniteQuery({
    queryKey: customerListQueryKeys.list(filters, sort),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TCustomer>>('/customers', { ...filterParams(filters), sort, limit: PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

/** How many customers match ("10,000+" beyond the server's cap). */
export function useCustomerCount(filters: CustomerListFilters) {
  return useQuery({
    queryKey: customerListQueryKeys.count(filters),
    queryFn: ({ signal }) => api.get<TCustomerCount>('/customers/count', filterParams(filters), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** A plain link: the browser streams the file to disk with the session cookie (GET needs no CSRF token). */
export function customerExportUrl(
  filters: CustomerListFilters,
  sort: CustomerSort,
  columns: readonly TCustomerColumn[],
  lang: Language,
): string {
  return apiUrl('/customers/export', { ...filterParams(filters), sort, columns, lang });
}
