import { useQuery } from '@tanstack/react-query';
import type { TCustomerPanels } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';

export const panelsQueryKeys = {
  all: ['customer-panels'] as const,
  customer: (customerId: string) => [...panelsQueryKeys.all, customerId] as const,
};

export function useCustomerPanels(customerId: string) {
  return useQuery({
    queryKey: panelsQueryKeys.customer(customerId),
    queryFn: ({ signal }) => api.get<TCustomerPanels>(`/customers/${encodeURIComponent(customerId)}/panels`, undefined, { signal }),
  });
}
