import { Card, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TOwnerChange } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useOwnerHistory } from './pool.queries.ts';

const kindColor: Record<TOwnerChange['kind'], string> = {
  create: 'blue',
  assign: 'green',
  transfer: 'orange',
  auto_assign: 'cyan',
  claim: 'green',
  release: 'gold',
  reclaim: 'red',
  merge: 'purple',
};

/** Who owned the customer, since when, and why it changed: part of the History tab. */
export function OwnerHistoryCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const history = useOwnerHistory(customerId);

  const describe = (c: TOwnerChange) => {
    const from = c.fromOwnerName ?? (c.poolName ? t('pool.poolNamed', { name: c.poolName }) : '—');
    const to = c.toOwnerName ?? (c.poolName ? t('pool.poolNamed', { name: c.poolName }) : '—');
    return c.kind === 'create' ? to : `${from} → ${to}`;
  };
  const reasonOf = (c: TOwnerChange) => {
    if (!c.reason) return null;
    if (c.kind === 'reclaim' && (c.reason === 'no_activity' || c.reason === 'no_deal')) return t(`pool.reclaimReason.${c.reason}`);
    return c.reason;
  };

  return (
    <Card title={t('pool.ownerHistory')} data-testid="owner-history">
      {history.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={history.data.map((c) => ({
            key: c.id,
            color: kindColor[c.kind],
            content: (
              <div data-testid="owner-change">
                <div>
                  <Tag color={kindColor[c.kind]}>{t(`pool.kind.${c.kind}`)}</Tag>
                  <Typography.Text strong>{describe(c)}</Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(c.at)} · {c.byName ?? t('pool.system')}
                </Typography.Text>
                {reasonOf(c) ? <Typography.Paragraph style={{ margin: '4px 0 0' }}>{reasonOf(c)}</Typography.Paragraph> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
