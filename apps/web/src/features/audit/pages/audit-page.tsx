import { useCallback, useState } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useViewportHeight } from '../../../shared/hooks/use-viewport-height.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useAuditLog, type AuditFilters } from '../api/audit.queries.ts';
import { AuditDetailDrawer } from '../components/audit-detail-drawer.tsx';
import { AuditFilterForm } from '../components/audit-filter-form.tsx';
import { AuditTable } from '../components/audit-table.tsx';

export function AuditPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const viewport = useViewportHeight();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [open, setOpen] = useState<TAuditEntry | null>(null);
  const log = useAuditLog(filters);
  const entries = flattenPages(log.data);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = log;

  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const tableHeight = Math.max(320, viewport - (isMobile ? 260 : 420));

  return (
    <PageContainer title={t('audit.title')}>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <AuditFilterForm filters={filters} onChange={setFilters} />
      </Card>
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        {log.isError ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <>
            <AuditTable
              entries={entries}
              loading={log.isPending || (log.isPlaceholderData && log.isFetching)}
              height={tableHeight}
              onOpen={setOpen}
              onNearEnd={loadMore}
              compact={isMobile}
            />
            <LoadMore count={entries.length} hasMore={!!hasNextPage} loading={isFetchingNextPage} onLoadMore={loadMore} />
          </>
        )}
      </Card>
      <AuditDetailDrawer entry={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
