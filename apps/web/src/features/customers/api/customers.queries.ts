import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CustomerErrorCode,
  ZDuplicateMatch,
  type TContact,
  type TContactInput,
  type TCreateCustomer,
  type TCustomer,
  type TCustomerGrade,
  type TCustomerListQuery,
  type TCustomerStatus,
  type TCustomerType,
  type TDuplicateCheckRequest,
  type TDuplicateCheckResult,
  type TDuplicateMatch,
  type TPage,
  type TUpdateContact,
  type TUpdateCustomer,
} from '@crm/contracts';
import { api, isApiError } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export type CustomerSort = TCustomerListQuery['sort'];

export interface CustomerFilters {
  q?: string;
  types?: TCustomerType[];
  grades?: TCustomerGrade[];
  statuses?: TCustomerStatus[];
  province?: string;
  mine?: boolean;
  sort: CustomerSort;
}

export interface CustomerDetail {
  customer: TCustomer;
  contacts: TContact[];
}

/** Problem codes of the customer module that the web app reacts to (shared with the server). */
export const CustomerProblemCode = {
  /** Same credit code or name: cannot be saved. */
  duplicate: CustomerErrorCode.CUSTOMER_DUPLICATE,
  /** Similar customers: may be saved again with `acknowledgeDuplicates: true`. */
  possibleDuplicate: CustomerErrorCode.CUSTOMER_POSSIBLE_DUPLICATE,
} as const;

export const customersQueryKeys = {
  all: ['customers'] as const,
  lists: () => [...customersQueryKeys.all, 'list'] as const,
  list: (filters: CustomerFilters) => [...customersQueryKeys.lists(), filters] as const,
  details: () => [...customersQueryKeys.all, 'detail'] as const,
  detail: (id: string) => [...customersQueryKeys.details(), id] as const,
  duplicateChecks: () => [...customersQueryKeys.all, 'duplicate-check'] as const,
  duplicateCheck: (request: TDuplicateCheckRequest) => [...customersQueryKeys.duplicateChecks(), request] as const,
};

function listParams(filters: CustomerFilters) {
  return {
    q: filters.q?.trim() || undefined,
    type: filters.types,
    grade: filters.grades,
    status: filters.statuses,
    province: filters.province,
    mine: filters.mine ? 'true' : undefined,
    sort: filters.sort,
  };
}

export function useCustomers(filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: customersQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TCustomer>>('/customers', { ...listParams(filters), limit: PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | null) {
  return useQuery({
    queryKey: customersQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<CustomerDetail>(`/customers/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

/**
 * The live duplicate check while a customer form is being filled in. Pass the request already
 * debounced; null (e.g. a name too short to compare) asks nothing.
 */
export function useDuplicateCheck(request: TDuplicateCheckRequest | null) {
  return useQuery({
    queryKey: customersQueryKeys.duplicateCheck(request ?? { name: '' }),
    queryFn: ({ signal }) => api.post<TDuplicateCheckResult>('/customers/duplicate-check', request, { signal }),
    enabled: !!request,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

const ZMatches = z.array(ZDuplicateMatch);

/** The matches a 409 duplicate problem carries, or null when the error is something else. */
export function duplicateProblem(error: unknown): { verdict: 'block' | 'warn'; title: string; matches: TDuplicateMatch[] } | null {
  if (!isApiError(error)) return null;
  if (error.code !== CustomerProblemCode.duplicate && error.code !== CustomerProblemCode.possibleDuplicate) return null;
  const parsed = ZMatches.safeParse(error.extension('matches'));
  return {
    verdict: error.code === CustomerProblemCode.duplicate ? 'block' : 'warn',
    title: error.problem.title,
    matches: parsed.success ? parsed.data : [],
  };
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCustomer) => api.post<TCustomer>('/customers', body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.lists() }),
        // A new customer is a new candidate for every duplicate check.
        queryClient.removeQueries({ queryKey: customersQueryKeys.duplicateChecks() }),
      ]),
  });
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateCustomer }) => api.patch<TCustomer>(`/customers/${encodeURIComponent(id)}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData<CustomerDetail>(customersQueryKeys.detail(saved.id), (old) => (old ? { ...old, customer: saved } : old));
      queryClient.removeQueries({ queryKey: customersQueryKeys.duplicateChecks() });
      return queryClient.invalidateQueries({ queryKey: customersQueryKeys.lists() });
    },
  });
}

/** Contacts change the detail only (one of them may lose its primary flag): reload it. */
function useContactMutation<V extends { customerId: string }, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (_result, { customerId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.detail(customerId) }),
        // The list searches contact mobiles; the duplicate check compares contact points.
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.lists() }),
        queryClient.removeQueries({ queryKey: customersQueryKeys.duplicateChecks() }),
      ]),
  });
}

const contactsPath = (customerId: string) => `/customers/${encodeURIComponent(customerId)}/contacts`;

export function useAddContact() {
  return useContactMutation(({ customerId, body }: { customerId: string; body: TContactInput }) =>
    api.post<TContact>(contactsPath(customerId), body),
  );
}

export function useUpdateContact() {
  return useContactMutation(({ customerId, contactId, body }: { customerId: string; contactId: string; body: TUpdateContact }) =>
    api.patch<TContact>(`${contactsPath(customerId)}/${encodeURIComponent(contactId)}`, body),
  );
}

export function useDeleteContact() {
  return useContactMutation(({ customerId, contactId }: { customerId: string; contactId: string }) =>
    api.delete(`${contactsPath(customerId)}/${encodeURIComponent(contactId)}`),
  );
}
