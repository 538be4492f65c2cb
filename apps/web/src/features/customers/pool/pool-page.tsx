import { useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Input, Progress, Row, Segmented, Skeleton, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permission, type TCustomer } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { formatDate } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { customerRegion } from '../components/customer-columns.tsx';
import { CustomerGradeTag, CustomerTypeTag } from '../components/customer-tags.tsx';
import { useClaimCustomer, usePoolCustomers, usePoolStatus } from './pool.queries.ts';

const ALL = 'all';

/** 公海: the customers waiting in the pools that serve the user, with the user's claim allowance. */
export function PoolPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const canClaim = usePermission(Permission.customerClaim);
  const status = usePoolStatus();
  const [poolId, setPoolId] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const list = usePoolCustomers({ poolId: poolId === ALL ? undefined : poolId, q });
  const claim = useClaimCustomer();
  const [claiming, setClaiming] = useState<string | null>(null);
  const customers = flattenPages(list.data);
  const s = status.data;
  const quotaLeft = s?.dailyClaimQuota == null ? null : Math.max(0, s.dailyClaimQuota - s.claimedToday);

  const onClaim = async (c: TCustomer) => {
    setClaiming(c.id);
    try {
      await claim.mutateAsync(c.id);
      message.success(t('pool.claimedNamed', { name: c.name }));
    } catch (error) {
      showError(error);
      void list.refetch();
    } finally {
      setClaiming(null);
    }
  };

  return (
    <PageContainer title={t('pool.title')}>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col span={12}>
          <Card size="small" style={{ height: '100%' }} data-testid="pool-owned">
            {s ? (
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{t('pool.owned')}</Typography.Text>
                <Typography.Text strong style={{ fontSize: 20 }}>
                  {s.owned}
                  {s.ownerCap ? <Typography.Text type="secondary"> / {s.ownerCap}</Typography.Text> : null}
                </Typography.Text>
                {s.ownerCap ? (
                  <Progress percent={Math.min(100, Math.round((s.owned / s.ownerCap) * 100))} showInfo={false} size="small" />
                ) : null}
              </Flex>
            ) : (
              <Skeleton active paragraph={false} />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" style={{ height: '100%' }} data-testid="pool-quota">
            {s ? (
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{t('pool.claimedToday')}</Typography.Text>
                <Typography.Text strong style={{ fontSize: 20 }}>
                  {s.claimedToday}
                  {s.dailyClaimQuota != null ? <Typography.Text type="secondary"> / {s.dailyClaimQuota}</Typography.Text> : null}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {quotaLeft === null ? t('pool.noPool') : t('pool.quotaLeft', { count: quotaLeft })}
                </Typography.Text>
              </Flex>
            ) : (
              <Skeleton active paragraph={false} />
            )}
          </Card>
        </Col>
      </Row>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        {s && s.pools.length > 1 ? (
          // Pool names with counts can be wider than a phone: the switch scrolls sideways on its own.
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented
              value={poolId}
              onChange={(v) => setPoolId(String(v))}
              options={[
                { value: ALL, label: t('pool.allPools') },
                ...s.pools.map((p) => ({ value: p.id, label: `${p.name} (${p.size})` })),
              ]}
              data-testid="pool-switch"
            />
          </div>
        ) : null}
        <Input.Search
          allowClear
          placeholder={t('pool.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 360, flex: '1 1 220px' }}
          data-testid="pool-search"
        />
      </Flex>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : customers.length === 0 ? (
        <Card>
          <Empty description={s && s.pools.length === 0 ? t('pool.noPool') : t('pool.empty')} />
        </Card>
      ) : (
        <div className="pool-grid" data-testid="pool-list">
          {customers.map((c) => (
            <Card key={c.id} size="small" data-testid="pool-customer">
              <Flex justify="space-between" gap={8} align="flex-start">
                <Link to={`/customers/${c.id}`} style={{ minWidth: 0, fontWeight: 600, wordBreak: 'break-word' }}>
                  {c.name}
                </Link>
                <CustomerGradeTag grade={c.grade} />
              </Flex>
              <Flex gap={6} wrap style={{ margin: '8px 0' }}>
                <CustomerTypeTag type={c.type} />
                {c.industry ? <Typography.Text type="secondary">{c.industry}</Typography.Text> : null}
              </Flex>
              <div className="kv-list">
                <span>{t('customers.region')}</span>
                <span>{customerRegion(c) ?? '—'}</span>
                <span>{t('customers.lastActivity')}</span>
                <span>{formatDate(c.lastActivityAt, t('customers.noActivity'))}</span>
              </div>
              {canClaim ? (
                <Button
                  type="primary"
                  ghost
                  block
                  icon={<UserAddOutlined />}
                  style={{ marginTop: 12 }}
                  loading={claiming === c.id}
                  disabled={quotaLeft === 0}
                  onClick={() => void onClaim(c)}
                  data-testid="pool-claim"
                >
                  {t('pool.claim')}
                </Button>
              ) : null}
            </Card>
          ))}
        </div>
      )}
      {customers.length > 0 ? (
        <LoadMore
          count={customers.length}
          hasMore={Boolean(list.hasNextPage)}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      ) : null}
    </PageContainer>
  );
}
