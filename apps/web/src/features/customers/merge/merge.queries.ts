import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCustomer, TCustomerMerge, TMergeCustomers, TPage } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { customersQueryKeys } from '../api/customers.queries.ts';
import { activitiesQueryKeys } from '../activities/activities.queries.ts';
import { panelsQueryKeys } from '../panels/panels.queries.ts';
import { tasksQueryKeys } from '../../tasks/api/tasks.queries.ts';

export const mergesQueryKeys = {
  all: ['customer-merges'] as const,
  customer: (customerId: string) => [...mergesQueryKeys.all, customerId] as const,
};

/** Merges into this customer that can still be undone. */
export function useCustomerMerges(customerId: string) {
  return useQuery({
    queryKey: mergesQueryKeys.customer(customerId),
    queryFn: ({ signal }) =>
      api.get<{ items: TCustomerMerge[]; undoWindowHours: number }>(`/customers/${encodeURIComponent(customerId)}/merges`, undefined, {
        signal,
      }),
  });
}

/** A merge or its undo touches both customers and everything that moved between them. */
function useInvalidateMerge() {
  const queryClient = useQueryClient();
  return (m: TCustomerMerge) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: customersQueryKeys.all }),
      queryClient.invalidateQueries({ queryKey: activitiesQueryKeys.timeline(m.survivorId) }),
      queryClient.invalidateQueries({ queryKey: activitiesQueryKeys.timeline(m.mergedId) }),
      queryClient.invalidateQueries({ queryKey: panelsQueryKeys.all }),
      queryClient.invalidateQueries({ queryKey: mergesQueryKeys.all }),
      queryClient.invalidateQueries({ queryKey: tasksQueryKeys.all }),
    ]);
}

export function useMergeCustomers() {
  const invalidate = useInvalidateMerge();
  return useMutation({
    mutationFn: ({ survivorId, body }: { survivorId: string; body: TMergeCustomers }) =>
      api.post<TCustomerMerge>(`/customers/${encodeURIComponent(survivorId)}/merge`, body),
    onSuccess: invalidate,
  });
}

export function useUndoMerge() {
  const invalidate = useInvalidateMerge();
  return useMutation({
    mutationFn: (mergeId: string) => api.post<TCustomerMerge>(`/customer-merges/${encodeURIComponent(mergeId)}/undo`),
    onSuccess: invalidate,
  });
}

/** Customers the user may merge into this one: searched like the customer list, this one left out. */
export function useMergeCandidates(q: string, exceptId: string) {
  return useQuery({
    queryKey: [...mergesQueryKeys.all, 'candidates', q] as const,
    queryFn: ({ signal }) => api.get<TPage<TCustomer>>('/customers', { q: q.trim() || undefined, limit: 20 }, { signal }),
    select: (page) => page.items.filter((c) => c.id !== exceptId),
    placeholderData: keepPreviousData,
  });
}
