import { useState } from 'react';
import { Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { TIntegrationCall, TIntegrationCallOutcome } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useIntegrationCalls } from '../api/integrations.queries.ts';
import { useOperationLabel } from './labels.ts';

const OUTCOME_COLOR: Record<TIntegrationCallOutcome, string> = { ok: 'success', error: 'error', limited: 'warning' };

function OutcomeTag({ outcome }: { outcome: TIntegrationCallOutcome }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`integrations.outcome.${outcome}`)}</Tag>;
}

/** The latest calls of one system, newest first, filtered by outcome. */
export function IntegrationCalls({ system }: { system: string }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const operationLabel = useOperationLabel();
  const [outcome, setOutcome] = useState<TIntegrationCallOutcome | 'all'>('all');
  const calls = useIntegrationCalls(system, outcome === 'all' ? undefined : outcome);
  const items = flattenPages(calls.data);
  const caller = (c: TIntegrationCall) => c.callerName ?? c.caller ?? '—';
  const error = (c: TIntegrationCall) => (c.outcome === 'ok' ? '' : [c.errorKind, c.message].filter(Boolean).join(' · '));

  const columns: ColumnsType<TIntegrationCall> = [
    {
      key: 'time',
      title: t('integrations.column.time'),
      width: 160,
      render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.startedAt)}</span>,
    },
    { key: 'operation', title: t('integrations.column.operation'), width: 96, render: (_, c) => operationLabel(c.operation) },
    {
      key: 'duration',
      title: t('integrations.column.duration'),
      width: 84,
      align: 'right',
      render: (_, c) => t('integrations.ms', { value: c.durationMs }),
    },
    { key: 'outcome', title: t('integrations.column.outcome'), width: 80, render: (_, c) => <OutcomeTag outcome={c.outcome} /> },
    { key: 'status', title: t('integrations.column.status'), width: 84, render: (_, c) => c.statusCode ?? '—' },
    {
      key: 'error',
      title: t('integrations.column.error'),
      render: (_, c) => (
        <Typography.Text type={c.outcome === 'error' ? 'danger' : 'secondary'} ellipsis={{ tooltip: error(c) }} style={{ width: 220 }}>
          {error(c) || '—'}
        </Typography.Text>
      ),
    },
    { key: 'caller', title: t('integrations.column.caller'), width: 96, render: (_, c) => caller(c) },
    {
      key: 'reference',
      title: t('integrations.column.reference'),
      width: 230,
      render: (_, c) =>
        c.reference ? (
          <Typography.Text copyable={{ text: c.reference }} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {c.reference}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div data-testid={`integration-calls-${system}`}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('integrations.callsTitle')}</Typography.Text>
        <Segmented<TIntegrationCallOutcome | 'all'>
          size="small"
          value={outcome}
          onChange={setOutcome}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'ok', label: t('integrations.outcome.ok') },
            { value: 'error', label: t('integrations.outcome.error') },
            { value: 'limited', label: t('integrations.outcome.limited') },
          ]}
          data-testid="integration-outcome-filter"
        />
      </Flex>
      {calls.isError ? (
        <QueryError error={calls.error} onRetry={() => void calls.refetch()} />
      ) : isMobile ? (
        items.length === 0 && !calls.isPending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('integrations.emptyCalls')} />
        ) : (
          <div className="integration-call-list">
            {items.map((c) => (
              <div key={c.id} className="integration-call-item" data-testid="integration-call">
                <Flex justify="space-between" align="center" gap={8}>
                  <span>
                    {operationLabel(c.operation)} <OutcomeTag outcome={c.outcome} />
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('integrations.ms', { value: c.durationMs })}
                  </Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(c.startedAt)} · {caller(c)}
                  {c.statusCode ? ` · ${c.statusCode}` : ''}
                </Typography.Text>
                {error(c) ? (
                  <Typography.Paragraph type="danger" style={{ margin: 0, fontSize: 12 }} ellipsis={{ rows: 2 }}>
                    {error(c)}
                  </Typography.Paragraph>
                ) : null}
              </div>
            ))}
          </div>
        )
      ) : (
        <Table<TIntegrationCall>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={calls.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('integrations.emptyCalls')} /> }}
          onRow={() => ({ 'data-testid': 'integration-call' }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
      {items.length > 0 ? (
        <LoadMore
          count={items.length}
          hasMore={calls.hasNextPage}
          loading={calls.isFetchingNextPage}
          onLoadMore={() => void calls.fetchNextPage()}
        />
      ) : null}
    </div>
  );
}
