import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TIntegrationCall, TIntegrationCallOutcome, TIntegrationOverview, TPage } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export const integrationsQueryKeys = {
  all: ['integrations'] as const,
  overview: () => [...integrationsQueryKeys.all, 'overview'] as const,
  calls: (system: string, outcome: TIntegrationCallOutcome | undefined) =>
    [...integrationsQueryKeys.all, 'calls', system, outcome ?? 'all'] as const,
};

/** Refreshed every half minute while the page is open: it is a monitor. */
export function useIntegrationOverview() {
  return useQuery({
    queryKey: integrationsQueryKeys.overview(),
    queryFn: ({ signal }) => api.get<TIntegrationOverview>('/integrations', undefined, { signal }),
    refetchInterval: 30_000,
  });
}

export function useIntegrationCalls(system: string, outcome: TIntegrationCallOutcome | undefined) {
  return useInfiniteQuery({
    queryKey: integrationsQueryKeys.calls(system, outcome),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TIntegrationCall>>(
        `/integrations/${encodeURIComponent(system)}/calls`,
        { outcome, limit: 20, cursor: pageParam },
        { signal },
      ),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    refetchInterval: 30_000,
  });
}
