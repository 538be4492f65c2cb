import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Input, Select, Spin, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AppstoreOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Permission, ZOpportunitySortValues, type TOpportunitySummary } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDate } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { usePipeline, useOpportunities, type OpportunityFilters, type OpportunitySort } from '../api/opportunities.queries.ts';
import { OpportunityFormDrawer } from '../components/opportunity-form-drawer.tsx';
import { OwnerSelect } from '../components/owner-select.tsx';
import { formatMoney, StageTag, useStageName } from '../components/stage-label.tsx';

const isSort = (v: string | null): v is OpportunitySort => !!v && (ZOpportunitySortValues as readonly string[]).includes(v);

function OpportunityCardList({ items, loading }: { items: TOpportunitySummary[]; loading: boolean }) {
  const { t } = useTranslation();
  const { data: pipeline } = usePipeline();
  const stages = new Map(pipeline?.stages.map((s) => [s.id, s]));
  if (loading && items.length === 0) return <Spin style={{ display: 'block', padding: 32 }} />;
  if (items.length === 0) return <Empty />;
  return (
    <Flex vertical gap={8} data-testid="opportunities-list">
      {items.map((o) => (
        <Link key={o.id} to={`/opportunities/${o.id}`} style={{ color: 'inherit' }}>
          <Card size="small" hoverable>
            <Flex justify="space-between" gap={8} align="flex-start">
              <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                {o.name}
              </Typography.Text>
              <StageTag stage={stages.get(o.stageId)} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.customerName}
            </Typography.Text>
            <div className="kv-list" style={{ marginTop: 6 }}>
              <span>{t('opportunities.fields.amount')}</span>
              <span>{formatMoney(o.amount, o.currency)}</span>
              <span>{t('opportunities.fields.probability')}</span>
              <span>{o.probability}%</span>
              <span>{t('opportunities.fields.expectedCloseDate')}</span>
              <span>{formatDate(o.expectedCloseDate)}</span>
              <span>{t('opportunities.fields.owner')}</span>
              <span>{o.ownerName ?? '—'}</span>
            </div>
          </Card>
        </Link>
      ))}
    </Flex>
  );
}

/** 商机列表: filters in the address bar, a table on desktops and cards on phones, "load more" paging. */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canCreate = usePermission(Permission.opportunityCreate);
  const canSeeTeam = usePermission(Permission.opportunityAssign);
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search, 300);
  const { data: pipeline } = usePipeline();
  const stageName = useStageName();
  const stagesById = useMemo(() => new Map(pipeline?.stages.map((s) => [s.id, s])), [pipeline]);

  const sortParam = params.get('sort');
  const filters: OpportunityFilters = {
    q: q || undefined,
    stageIds: params.getAll('stageId'),
    mine: params.get('mine') === 'true',
    ownerIds: params.get('ownerId') ? [params.get('ownerId')!] : undefined,
    customerId: params.get('customerId') ?? undefined,
    expectedCloseFrom: params.get('from') ?? undefined,
    expectedCloseTo: params.get('to') ?? undefined,
    sort: isSort(sortParam) ? sortParam : '-createdAt',
  };
  const list = useOpportunities(filters);
  const items = flattenPages(list.data);

  function setParam(key: string, value: string | string[] | undefined) {
    const next = new URLSearchParams(params);
    next.delete(key);
    for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
    setParams(next, { replace: true });
  }

  const columns: TableColumnsType<TOpportunitySummary> = [
    {
      key: 'name',
      title: t('opportunities.fields.name'),
      width: 260,
      fixed: 'left',
      render: (_, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link>,
    },
    {
      key: 'customer',
      title: t('opportunities.fields.customer'),
      width: 220,
      ellipsis: true,
      render: (_, o) => <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>,
    },
    { key: 'stage', title: t('opportunities.fields.stage'), width: 120, render: (_, o) => <StageTag stage={stagesById.get(o.stageId)} /> },
    {
      key: 'amount',
      title: t('opportunities.fields.amount'),
      width: 150,
      align: 'right',
      render: (_, o) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(o.amount, o.currency)}</span>,
    },
    { key: 'probability', title: t('opportunities.fields.probability'), width: 80, align: 'right', render: (_, o) => `${o.probability}%` },
    {
      key: 'weighted',
      title: t('opportunities.fields.weightedAmount'),
      width: 150,
      align: 'right',
      render: (_, o) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(o.weightedAmount, o.currency)}</span>,
    },
    { key: 'close', title: t('opportunities.fields.expectedCloseDate'), width: 120, render: (_, o) => formatDate(o.expectedCloseDate) },
    { key: 'owner', title: t('opportunities.fields.owner'), width: 100, render: (_, o) => o.ownerName ?? '—' },
    {
      key: 'tender',
      title: t('opportunities.fields.isTender'),
      width: 150,
      ellipsis: true,
      render: (_, o) => (o.isTender ? (o.tenderNumber ?? t('common.yes')) : '—'),
    },
  ];

  return (
    <PageContainer
      title={t('opportunities.title')}
      extra={
        <>
          <Button icon={<AppstoreOutlined />} onClick={() => navigate('/opportunities/board')} data-testid="to-board">
            {t('opportunities.viewBoard')}
          </Button>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opportunity-create">
              {t('opportunities.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap align="center">
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setParam('q', e.target.value || undefined);
            }}
            placeholder={t('opportunities.searchPlaceholder')}
            style={{ width: isMobile ? '100%' : 240 }}
            data-testid="opportunity-search"
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('opportunities.filters.stage')}
            value={filters.stageIds}
            onChange={(v: string[]) => setParam('stageId', v)}
            options={pipeline?.stages.map((s) => ({ value: s.id, label: stageName(s) }))}
            style={{ width: isMobile ? '100%' : 220 }}
          />
          <DatePicker.RangePicker
            value={
              filters.expectedCloseFrom && filters.expectedCloseTo
                ? [dayjs(filters.expectedCloseFrom), dayjs(filters.expectedCloseTo)]
                : null
            }
            onChange={(range) => {
              const next = new URLSearchParams(params);
              next.delete('from');
              next.delete('to');
              if (range?.[0] && range[1]) {
                next.set('from', range[0].format('YYYY-MM-DD'));
                next.set('to', range[1].format('YYYY-MM-DD'));
              }
              setParams(next, { replace: true });
            }}
            placeholder={[t('opportunities.filters.closeRange'), t('opportunities.filters.closeRange')]}
            style={{ width: isMobile ? '100%' : 260 }}
          />
          {canSeeTeam ? (
            <OwnerSelect
              value={filters.ownerIds?.[0]}
              onChange={(id) => setParam('ownerId', id)}
              placeholder={t('opportunities.filters.owner')}
              style={{ width: isMobile ? '100%' : 160 }}
            />
          ) : null}
          <Select
            value={filters.sort}
            onChange={(v: string) => setParam('sort', v)}
            options={ZOpportunitySortValues.map((s) => ({ value: s, label: t(`opportunities.sort.${s}`) }))}
            style={{ width: isMobile ? '100%' : 180 }}
            aria-label={t('opportunities.sort.label')}
          />
          <Flex align="center" gap={6}>
            <Switch size="small" checked={filters.mine} onChange={(v) => setParam('mine', v ? 'true' : undefined)} />
            <Typography.Text>{t('opportunities.filters.mine')}</Typography.Text>
          </Flex>
        </Flex>
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : isMobile ? (
        <OpportunityCardList items={items} loading={list.isLoading} />
      ) : (
        <Table<TOpportunitySummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: columns.reduce((n, c) => n + Number(c.width ?? 100), 0) }}
          data-testid="opportunities-table"
        />
      )}
      <LoadMore
        count={items.length}
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
      <OpportunityFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(o) => navigate(`/opportunities/${o.id}`)} />
    </PageContainer>
  );
}
