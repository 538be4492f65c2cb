import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCustomerGrade,
  TGradeHistoryEntry,
  TGradingRunResult,
  TGradingSettings,
  TPage,
  TUpdateGradingSettings,
} from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { customersQueryKeys } from '../api/customers.queries.ts';

/** A customer's grading state as the grade endpoints answer it. */
export interface CustomerGradeState {
  customerId: string;
  grade: TCustomerGrade;
  ruleGrade: TCustomerGrade;
  gradeOverridden: boolean;
  gradeOverrideReason: string | null;
  strategic: boolean;
  version: number;
}

export const gradingQueryKeys = {
  all: ['customer-grading'] as const,
  settings: () => [...gradingQueryKeys.all, 'settings'] as const,
  histories: () => [...gradingQueryKeys.all, 'history'] as const,
  history: (customerId: string) => [...gradingQueryKeys.histories(), customerId] as const,
};

const HISTORY_PAGE = 20;
const customerPath = (id: string) => `/customers/${encodeURIComponent(id)}`;

export function useGradeHistory(customerId: string) {
  return useInfiniteQuery({
    queryKey: gradingQueryKeys.history(customerId),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TGradeHistoryEntry>>(
        `${customerPath(customerId)}/grade-history`,
        { limit: HISTORY_PAGE, cursor: pageParam },
        { signal },
      ),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
  });
}

/** A grade change shows on the customer (detail and lists) and in its history. */
function useGradeMutation<V extends { customerId: string }>(mutationFn: (variables: V) => Promise<CustomerGradeState>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (_state, { customerId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.detail(customerId) }),
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: gradingQueryKeys.history(customerId) }),
      ]),
  });
}

export function useOverrideGrade() {
  return useGradeMutation(({ customerId, grade, reason }: { customerId: string; grade: TCustomerGrade; reason: string }) =>
    api.post<CustomerGradeState>(`${customerPath(customerId)}/grade`, { grade, reason }),
  );
}

export function useClearGradeOverride() {
  return useGradeMutation(({ customerId }: { customerId: string }) =>
    api.delete<CustomerGradeState>(`${customerPath(customerId)}/grade-override`),
  );
}

export function useSetStrategic() {
  return useGradeMutation(({ customerId, strategic, reason }: { customerId: string; strategic: boolean; reason: string }) =>
    api.put<CustomerGradeState>(`${customerPath(customerId)}/strategic`, { strategic, reason }),
  );
}

export function useGradingSettings() {
  return useQuery({
    queryKey: gradingQueryKeys.settings(),
    queryFn: ({ signal }) => api.get<TGradingSettings>('/customer-grading/settings', undefined, { signal }),
  });
}

export function useUpdateGradingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateGradingSettings) => api.put<TGradingSettings>('/customer-grading/settings', body),
    onSuccess: (saved) => queryClient.setQueryData(gradingQueryKeys.settings(), saved),
  });
}

/** Recomputes every customer's grade now; every customer may have changed. */
export function useRecomputeGrades() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TGradingRunResult>('/customer-grading/recompute'),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customersQueryKeys.all }),
        queryClient.invalidateQueries({ queryKey: gradingQueryKeys.histories() }),
      ]),
  });
}
