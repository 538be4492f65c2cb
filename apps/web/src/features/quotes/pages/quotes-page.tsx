import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Empty, Flex, Input, Select, Spin, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Permission, ZQuoteSortValues, ZQuoteStatusValues, type TQuoteListItem, type TQuoteStatus } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useQuotes, type QuoteFilters, type QuoteSort } from '../api/quotes.queries.ts';
import { formatMoney } from '../components/quote-format.ts';
import { QuoteStatusTag } from '../components/quote-status-tag.tsx';

const SORTS: QuoteSort[] = ['-updatedAt', '-createdAt', '-number', '-totalInclTax', 'validUntil'];

function filtersFrom(params: URLSearchParams): QuoteFilters {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? undefined,
    statuses: params.getAll('status').filter((s): s is TQuoteStatus => (ZQuoteStatusValues as readonly string[]).includes(s)),
    mine: params.get('mine') === 'true' || undefined,
    requiresApproval: params.get('approval') === 'true' || undefined,
    opportunityId: params.get('opportunityId') ?? undefined,
    sort: sort && (ZQuoteSortValues as readonly string[]).includes(sort) ? (sort as QuoteSort) : '-updatedAt',
  };
}

function toParams(f: QuoteFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  for (const s of f.statuses ?? []) p.append('status', s);
  if (f.mine) p.set('mine', 'true');
  if (f.requiresApproval) p.set('approval', 'true');
  if (f.opportunityId) p.set('opportunityId', f.opportunityId);
  if (f.sort !== '-updatedAt') p.set('sort', f.sort);
  return p;
}

function QuoteCard({ q }: { q: TQuoteListItem }) {
  const { t } = useTranslation();
  return (
    <Link to={`/quotes/${encodeURIComponent(q.id)}`} className="card-link" data-testid="quote-card">
      <Card size="small" hoverable>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word' }}>
              {q.customerName ?? q.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {q.number} · {t('quotes.versionNo', { no: q.versionNo })}
            </Typography.Text>
          </div>
          <QuoteStatusTag status={q.status} />
        </Flex>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, margin: '6px 0' }} ellipsis>
          {q.title}
        </Typography.Text>
        <Flex justify="space-between" align="baseline">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {q.ownerName} · {t('quotes.validUntil')} {formatDate(q.validUntil)}
          </Typography.Text>
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(q.totalInclTax, q.currency)}
          </Typography.Text>
        </Flex>
      </Card>
    </Link>
  );
}

/** The quotes the user may see: search, status, mine, needing approval; a table on desktops, cards on phones. */
export function QuotesPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canCreate = usePermission(Permission.quoteWrite);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const [q, setQ] = useState(filters.q ?? '');
  const debounced = useDebouncedValue(q, 300);
  const effective = useMemo(() => ({ ...filters, q: debounced || undefined }), [filters, debounced]);
  const quotes = useQuotes(effective);
  const items = flattenPages(quotes.data);
  const set = (next: Partial<QuoteFilters>) => setParams(toParams({ ...effective, ...next }), { replace: true });

  const filterBar = (
    <Flex gap={8} wrap align="center">
      <Input.Search
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('quotes.searchPlaceholder')}
        style={{ width: isMobile ? '100%' : 280 }}
        data-testid="quote-search"
      />
      <Select<TQuoteStatus[]>
        mode="multiple"
        allowClear
        value={filters.statuses ?? []}
        onChange={(statuses) => set({ statuses })}
        placeholder={t('quotes.allStatuses')}
        options={ZQuoteStatusValues.map((s) => ({ value: s, label: t(`quotes.statusLabel.${s}`) }))}
        style={{ minWidth: 180, flex: isMobile ? '1 1 100%' : undefined }}
        maxTagCount="responsive"
      />
      <Select<QuoteSort>
        value={filters.sort}
        onChange={(sort) => set({ sort })}
        options={SORTS.map((s) => ({ value: s, label: t(`quotes.sort.${s.replace(/^-/, '') as 'updatedAt'}`) }))}
        style={{ width: 150 }}
        aria-label={t('quotes.sort.label')}
      />
      <Checkbox checked={!!filters.mine} onChange={(e) => set({ mine: e.target.checked || undefined })}>
        {t('quotes.mine')}
      </Checkbox>
      <Checkbox checked={!!filters.requiresApproval} onChange={(e) => set({ requiresApproval: e.target.checked || undefined })}>
        {t('quotes.needsApprovalOnly')}
      </Checkbox>
    </Flex>
  );

  let body;
  if (quotes.isError) body = <QueryError error={quotes.error} onRetry={() => void quotes.refetch()} />;
  else if (quotes.isLoading) body = <Spin style={{ display: 'block', padding: 32 }} />;
  else if (items.length === 0) body = <Empty description={t('quotes.empty')} />;
  else if (isMobile)
    body = (
      <Flex vertical gap={8} data-testid="quotes-list">
        {items.map((x) => (
          <QuoteCard key={x.id} q={x} />
        ))}
      </Flex>
    );
  else
    body = (
      <Table<TQuoteListItem>
        rowKey="id"
        dataSource={items}
        pagination={false}
        size="middle"
        scroll={{ x: 1100 }}
        data-testid="quotes-table"
        onRow={(r) => ({ onClick: () => void navigate(`/quotes/${encodeURIComponent(r.id)}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('quotes.number'),
            width: 170,
            render: (_v, r) => (
              <Link to={`/quotes/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()}>
                {r.number}
              </Link>
            ),
          },
          { title: t('quotes.customer'), dataIndex: 'customerName', ellipsis: true },
          { title: t('quotes.quoteTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('quotes.version'), width: 70, render: (_v, r) => t('quotes.versionNo', { no: r.versionNo }) },
          { title: t('quotes.status'), width: 120, render: (_v, r) => <QuoteStatusTag status={r.status} /> },
          {
            title: t('quotes.total'),
            width: 150,
            align: 'right',
            render: (_v, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(r.totalInclTax, r.currency)}</span>,
          },
          { title: t('quotes.validUntil'), width: 110, render: (_v, r) => formatDate(r.validUntil) },
          { title: t('quotes.owner'), dataIndex: 'ownerName', width: 100 },
          { title: t('quotes.updatedAt'), width: 160, render: (_v, r) => formatDateTime(r.updatedAt) },
        ]}
      />
    );

  return (
    <PageContainer
      title={t('quotes.title')}
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/quotes/new')} data-testid="quote-create">
            {t('quotes.create')}
          </Button>
        ) : null
      }
    >
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }} style={{ marginBottom: 16 }}>
        {filterBar}
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {body}
        <LoadMore
          count={items.length}
          hasMore={!!quotes.hasNextPage}
          loading={quotes.isFetchingNextPage}
          onLoadMore={() => void quotes.fetchNextPage()}
        />
      </Card>
    </PageContainer>
  );
}
