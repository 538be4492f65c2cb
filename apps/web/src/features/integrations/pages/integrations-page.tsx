import { Badge, Button, Card, Descriptions, Empty, Flex, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TIntegrationHealth, TIntegrationState, TIntegrationStats } from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDateTime, formatRelative } from '../../../shared/utils/format.ts';
import { useIntegrationOverview } from '../api/integrations.queries.ts';
import { IntegrationCalls } from '../components/integration-calls.tsx';
import { useOperationLabel, useSystemLabel } from '../components/labels.ts';
import '../integrations.css';

const STATE_BADGE: Record<TIntegrationState, 'success' | 'warning' | 'error' | 'default'> = {
  ok: 'success',
  degraded: 'warning',
  failing: 'error',
  idle: 'default',
  not_configured: 'default',
};

function StatsBlock({ label, stats }: { label: string; stats: TIntegrationStats }) {
  const { t } = useTranslation();
  const rate = stats.errorRate === null ? '—' : `${(stats.errorRate * 100).toFixed(stats.errorRate < 0.1 && stats.errorRate > 0 ? 1 : 0)}%`;
  const tiles = [
    { key: 'calls', label: t('integrations.calls'), value: String(stats.calls) },
    {
      key: 'errorRate',
      label: t('integrations.errorRate'),
      value: rate,
      danger: (stats.errorRate ?? 0) >= 0.2,
      sub: stats.errors > 0 ? `${t('integrations.errors')} ${stats.errors}` : undefined,
    },
    {
      key: 'p95',
      label: t('integrations.p95'),
      value: stats.p95Ms === null ? '—' : t('integrations.ms', { value: stats.p95Ms }),
      sub: stats.avgMs === null ? undefined : `${t('integrations.avg')} ${t('integrations.ms', { value: stats.avgMs })}`,
    },
    { key: 'limited', label: t('integrations.limited'), value: String(stats.limited), warn: stats.limited > 0 },
  ];
  return (
    <div className="integration-stats">
      <Typography.Text type="secondary" className="integration-stats-label">
        {label}
      </Typography.Text>
      <div className="integration-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className="integration-tile" data-testid={`integration-${tile.key}`}>
            <div className="integration-tile-label">{tile.label}</div>
            <div className={`integration-tile-value${tile.danger ? ' is-danger' : ''}${tile.warn ? ' is-warn' : ''}`}>{tile.value}</div>
            {tile.sub ? <div className="integration-tile-sub">{tile.sub}</div> : null}
          </div>
        ))}
      </div>
    </div>
  );
}

function IntegrationCard({ item }: { item: TIntegrationHealth }) {
  const { t } = useTranslation();
  const systemLabel = useSystemLabel();
  const operationLabel = useOperationLabel();
  const limits =
    item.limits.length === 0
      ? t('integrations.noLimit')
      : item.limits
          .map((l) =>
            l.windowMs === 1000
              ? t('integrations.perSecond', { count: l.limit })
              : l.windowMs === 60_000
                ? t('integrations.perMinute', { count: l.limit })
                : t('integrations.perWindow', { count: l.limit, seconds: l.windowMs / 1000 }),
          )
          .join(' · ');
  const lastError = item.lastError;
  return (
    <Card
      className="integration-card"
      data-testid={`integration-${item.system}`}
      title={
        <Flex align="center" gap={8} wrap>
          <span>{systemLabel(item.system)}</span>
          <Tag>{t(`integrations.mode.${item.mode}`)}</Tag>
        </Flex>
      }
      extra={
        <Tooltip title={t(`integrations.stateHint.${item.state}`)}>
          <Badge
            status={STATE_BADGE[item.state]}
            text={<span data-testid="integration-state">{t(`integrations.state.${item.state}`)}</span>}
          />
        </Tooltip>
      }
    >
      <div className="integration-stats-row">
        <StatsBlock label={t('integrations.lastHour')} stats={item.lastHour} />
        <StatsBlock label={t('integrations.lastDay')} stats={item.lastDay} />
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
        style={{ margin: '16px 0' }}
        items={[
          { key: 'limits', label: t('integrations.limits'), children: limits },
          {
            key: 'last',
            label: t('integrations.lastCall'),
            children: item.lastCallAt ? (
              <Tooltip title={formatDateTime(item.lastCallAt)}>{formatRelative(item.lastCallAt)}</Tooltip>
            ) : (
              t('integrations.never')
            ),
          },
          {
            key: 'error',
            label: t('integrations.lastError'),
            children: lastError ? (
              <Typography.Text type="danger" data-testid="integration-last-error">
                {formatDateTime(lastError.startedAt).slice(0, 16)} · {operationLabel(lastError.operation)} ·{' '}
                {[lastError.statusCode, lastError.errorKind].filter(Boolean).join(' / ')}
              </Typography.Text>
            ) : (
              t('integrations.never')
            ),
          },
        ]}
      />
      <IntegrationCalls system={item.system} />
    </Card>
  );
}

/** 集成健康: each external system's state, error rate and latency over the last hour and day, and its latest calls. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const overview = useIntegrationOverview();
  return (
    <PageContainer
      title={t('integrations.title')}
      extra={
        <>
          {overview.data ? (
            <Typography.Text type="secondary" style={{ alignSelf: 'center', fontSize: 12 }}>
              {t('integrations.updatedAt', { time: formatDateTime(overview.data.at).slice(11) })}
            </Typography.Text>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void overview.refetch()} loading={overview.isFetching}>
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('integrations.subtitle')}
      </Typography.Paragraph>
      {overview.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.data.items.length === 0 ? (
        <Card>
          <Empty description={t('integrations.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {overview.data.items.map((item) => (
            <IntegrationCard key={item.system} item={item} />
          ))}
        </Flex>
      )}
    </PageContainer>
  );
}
