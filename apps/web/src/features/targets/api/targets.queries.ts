import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TMetricInfo, TPerformance, TPerformanceSummary, TSaveTargetSplit, TTargetSplit } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';

export type SubjectRef = { type: 'user' | 'department'; id: string };
export const subjectParam = (s: SubjectRef) => `${s.type}:${s.id}`;

/** Metric labels come in the interface language: each language has its own cache entries. */
export const targetsQueryKeys = {
  all: ['targets'] as const,
  metrics: (lang: string) => [...targetsQueryKeys.all, 'metrics', lang] as const,
  split: (period: string, metric: string, departmentId: string, lang: string) =>
    [...targetsQueryKeys.all, 'split', period, metric, departmentId, lang] as const,
  /** Performance depends on targets: a saved split refreshes it too. */
  performance: (period: string, subject: string | null, lang: string) =>
    [...targetsQueryKeys.all, 'performance', period, subject, lang] as const,
  summary: (period: string, departmentId: string | null, lang: string) =>
    [...targetsQueryKeys.all, 'summary', period, departmentId, lang] as const,
};

export function useMetrics() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: targetsQueryKeys.metrics(i18n.language),
    queryFn: ({ signal }) => api.get<{ items: TMetricInfo[] }>('/targets/metrics', undefined, { signal }),
    select: (r) => r.items,
    staleTime: 5 * 60_000,
  });
}

export function useTargetSplit(query: { period: string; metric: string; departmentId: string | undefined }) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: targetsQueryKeys.split(query.period, query.metric, query.departmentId ?? '', i18n.language),
    queryFn: ({ signal }) => api.get<TTargetSplit>('/targets/split', query, { signal }),
    enabled: !!query.departmentId && !!query.metric,
    placeholderData: keepPreviousData,
  });
}

export function useSaveTargetSplit() {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: (body: TSaveTargetSplit) => api.post<TTargetSplit>('/targets', body),
    onSuccess: (split) => {
      queryClient.setQueryData(targetsQueryKeys.split(split.period, split.metric.key, split.department.id, i18n.language), split);
      void queryClient.invalidateQueries({ queryKey: [...targetsQueryKeys.all, 'performance'] });
      void queryClient.invalidateQueries({ queryKey: [...targetsQueryKeys.all, 'summary'] });
    },
  });
}

/** A subject's performance; the signed-in user's own when no subject is given. */
export function usePerformance(period: string, subject: SubjectRef | null, options: { enabled?: boolean } = {}) {
  const param = subject ? subjectParam(subject) : null;
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: targetsQueryKeys.performance(period, param, i18n.language),
    queryFn: ({ signal }) => api.get<TPerformance>('/performance', { period, subject: param ?? undefined }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** Computes the summary anew (the server otherwise shares one computed in the last few seconds). */
export function useRecomputeSummary(period: string, departmentId: string | null) {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.get<TPerformanceSummary>('/performance/summary', { period, departmentId: departmentId ?? undefined, fresh: 'true' }),
    onSuccess: (data) => queryClient.setQueryData(targetsQueryKeys.summary(period, departmentId, i18n.language), data),
  });
}

export function usePerformanceSummary(period: string, departmentId: string | null, options: { enabled?: boolean } = {}) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: targetsQueryKeys.summary(period, departmentId, i18n.language),
    queryFn: ({ signal }) =>
      api.get<TPerformanceSummary>('/performance/summary', { period, departmentId: departmentId ?? undefined }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
