import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreateCustomerView, TSavedView, TUpdateCustomerView } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';

export const customerViewsQueryKeys = {
  all: ['customer-views'] as const,
};

const PATH = '/customer-views';

/** The signed-in user's saved views of the customer list. */
export function useCustomerViews() {
  return useQuery({
    queryKey: customerViewsQueryKeys.all,
    queryFn: ({ signal }) => api.get<{ items: TSavedView[] }>(PATH, undefined, { signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

function useViewMutation<V>(mutationFn: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerViewsQueryKeys.all }),
  });
}

export function useCreateCustomerView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCustomerView) => api.post<TSavedView>(PATH, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerViewsQueryKeys.all }),
  });
}

export function useUpdateCustomerView() {
  return useViewMutation(({ id, body }: { id: string; body: TUpdateCustomerView }) =>
    api.patch<TSavedView>(`${PATH}/${encodeURIComponent(id)}`, body),
  );
}

export function useDeleteCustomerView() {
  return useViewMutation((id: string) => api.delete(`${PATH}/${encodeURIComponent(id)}`));
}
