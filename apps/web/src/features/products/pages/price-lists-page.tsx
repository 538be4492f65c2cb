import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Spin, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Permission, regionOfProvinces, ZPriceListStatusValues, type TPriceList, type TPriceListStatus } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { usePriceLists } from '../api/price-lists.queries.ts';
import { PriceListDrawer } from '../components/price-list-drawer.tsx';
import { PriceTester } from '../components/price-tester.tsx';
import { PriceListStatusTag } from '../components/product-tags.tsx';

function useDescribe() {
  const { t } = useTranslation();
  return {
    conditions: (l: TPriceList) => {
      const region = regionOfProvinces(l.provinces);
      const where =
        l.provinces.length === 0
          ? t('products.priceList.anyProvince')
          : region
            ? t(`products.priceList.region.${region}`)
            : l.provinces.length > 4
              ? `${l.provinces.slice(0, 4).join('、')}…`
              : l.provinces.join('、');
      const who =
        l.grades.length === 0 ? t('products.priceList.anyGrade') : t('products.priceList.gradeCondition', { grades: l.grades.join('/') });
      return `${who} · ${where}`;
    },
    validity: (l: TPriceList) =>
      l.validFrom && l.validTo
        ? `${l.validFrom} ~ ${l.validTo}`
        : l.validFrom
          ? t('products.priceList.fromOnly', { from: l.validFrom })
          : l.validTo
            ? t('products.priceList.toOnly', { to: l.validTo })
            : t('products.priceList.always'),
  };
}

/** Price lists by customer grade and region, their editor, and the price check. */
export function PriceListsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const canWrite = usePermission(Permission.priceListWrite);
  const canCheck = usePermission(Permission.productRead);
  const describe = useDescribe();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<TPriceListStatus | undefined>();
  const search = useDebouncedValue(q, 300);
  const lists = usePriceLists({ q: search, status });
  const items = useMemo(() => flattenPages(lists.data), [lists.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = lists;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const [creating, setCreating] = useState(false);
  // The open list lives in the address (?open=id), so that other pages can link to it.
  const openId = params.get('open');
  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('open', id);
    else next.delete('open');
    setParams(next, { replace: true });
  };
  const drawer = creating ? ({ mode: 'create' } as const) : openId ? ({ mode: 'edit', id: openId } as const) : null;

  return (
    <PageContainer
      title={t('products.priceList.title')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="price-list-create">
            {t('products.priceList.create')}
          </Button>
        ) : null
      }
    >
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }} style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('products.priceList.name')}
            style={{ maxWidth: isMobile ? undefined : 320, flex: isMobile ? '1 1 100%' : undefined }}
          />
          <Select<TPriceListStatus>
            allowClear
            value={status}
            onChange={setStatus}
            placeholder={t('products.allStatuses')}
            options={ZPriceListStatusValues.map((s) => ({ value: s, label: t(`products.priceList.statusValue.${s}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        {lists.isError ? (
          <QueryError error={lists.error} onRetry={() => void lists.refetch()} />
        ) : isMobile ? (
          lists.isPending ? (
            <Spin style={{ display: 'block', padding: 32 }} />
          ) : items.length === 0 ? (
            <Empty description={t('products.priceList.empty')} />
          ) : (
            <Flex vertical gap={8} data-testid="price-lists-list">
              {items.map((l) => (
                <Card key={l.id} size="small" hoverable onClick={() => open(l.id)} data-testid="price-list-card">
                  <Flex justify="space-between" align="flex-start" gap={8}>
                    <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                      {l.name}
                    </Typography.Text>
                    <PriceListStatusTag status={l.status} />
                  </Flex>
                  <div className="kv-list" style={{ marginTop: 8 }}>
                    <span>{t('products.priceList.conditions')}</span>
                    <span>{describe.conditions(l)}</span>
                    <span>{t('products.priceList.validity')}</span>
                    <span>{describe.validity(l)}</span>
                    <span>{t('products.priceList.priority')}</span>
                    <span>
                      {l.priority} · {t('products.priceList.entryCount', { count: l.entryCount })}
                    </span>
                  </div>
                </Card>
              ))}
            </Flex>
          )
        ) : (
          <Table<TPriceList>
            size="middle"
            rowKey="id"
            loading={lists.isPending}
            dataSource={items}
            pagination={false}
            scroll={{ x: 960 }}
            locale={{ emptyText: t('products.priceList.empty') }}
            onRow={(l) => ({ onClick: () => open(l.id), style: { cursor: 'pointer' } })}
            data-testid="price-lists-table"
            columns={[
              {
                key: 'name',
                title: t('products.priceList.name'),
                width: 300,
                render: (_, l) => (
                  <div style={{ lineHeight: 1.4 }}>
                    <Typography.Text strong>{l.name}</Typography.Text>
                    {l.description ? (
                      <Typography.Paragraph
                        type="secondary"
                        ellipsis={{ rows: 1, tooltip: l.description }}
                        style={{ fontSize: 12, margin: 0 }}
                      >
                        {l.description}
                      </Typography.Paragraph>
                    ) : null}
                  </div>
                ),
              },
              {
                key: 'conditions',
                title: t('products.priceList.conditions'),
                width: 200,
                render: (_, l) => (
                  <Flex gap={4} wrap>
                    {l.grades.length === 0 ? (
                      <Tag>{t('products.priceList.anyGrade')}</Tag>
                    ) : (
                      l.grades.map((g) => (
                        <Tag key={g} color="gold">
                          {g}
                        </Tag>
                      ))
                    )}
                    <Tag color={l.provinces.length ? 'cyan' : undefined}>{describe.conditions(l).split(' · ')[1]}</Tag>
                  </Flex>
                ),
              },
              { key: 'priority', title: t('products.priceList.priority'), width: 80, align: 'right', render: (_, l) => l.priority },
              { key: 'validity', title: t('products.priceList.validity'), width: 200, render: (_, l) => describe.validity(l) },
              {
                key: 'entries',
                title: t('products.priceList.entries'),
                width: 110,
                align: 'right',
                render: (_, l) => t('products.priceList.entryCount', { count: l.entryCount }),
              },
              {
                key: 'status',
                title: t('products.priceList.status'),
                width: 80,
                render: (_, l) => <PriceListStatusTag status={l.status} />,
              },
            ]}
          />
        )}
        {hasNextPage || items.length > 50 ? (
          <LoadMore count={items.length} hasMore={!!hasNextPage} loading={isFetchingNextPage} onLoadMore={loadMore} />
        ) : null}
      </Card>
      {canCheck ? <PriceTester /> : null}
      <PriceListDrawer
        state={drawer}
        readOnly={!canWrite}
        onClose={() => {
          setCreating(false);
          open(null);
        }}
      />
    </PageContainer>
  );
}
