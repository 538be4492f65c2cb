import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { TAuditEntry, TPage } from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export interface AuditFilters {
  userId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO date-times. */
  from?: string;
  to?: string;
}

/** Bigger pages than elsewhere: the table is virtualised and the log is long. */
export const AUDIT_PAGE_SIZE = 100;

export const auditQueryKeys = {
  all: ['audit'] as const,
  lists: () => [...auditQueryKeys.all, 'list'] as const,
  list: (filters: AuditFilters) => [...auditQueryKeys.lists(), filters] as const,
};

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TAuditEntry>>('/audit-log', { ...filters, limit: AUDIT_PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

/** A plain link: the browser downloads with the session cookie (GET needs no CSRF token). */
export function auditExportUrl(filters: AuditFilters, format: 'xlsx' | 'csv'): string {
  return apiUrl('/audit-log/export', { ...filters, format });
}
