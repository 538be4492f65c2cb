import { Button, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Permission, ZQuoteSortValues, ZQuoteStatusValues, type TQuoteListItem, type TQuoteStatus } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useUrlFilters } from '../../../shared/hooks/use-url-filters.ts';
import { FlagFilter, ListSearch, SortSelect, StatusFilter } from '../../../shared/ui/list-filters.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { ListCard, RecordCard, RecordListBody, RowLink } from '../../../shared/ui/record-list.tsx';
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

const quoteUrl = (id: string) => `/quotes/${encodeURIComponent(id)}`;

function QuoteCard({ q }: { q: TQuoteListItem }) {
  const { t } = useTranslation();
  return (
    <RecordCard
      to={quoteUrl(q.id)}
      testId="quote-card"
      title={q.customerName ?? q.title}
      subtitle={
        <>
          {q.number} · {t('quotes.versionNo', { no: q.versionNo })}
        </>
      }
      tag={<QuoteStatusTag status={q.status} />}
    >
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
    </RecordCard>
  );
}

/** The quotes the user may see: search, status, mine, needing approval; a table on desktops, cards on phones. */
export function QuotesPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canCreate = usePermission(Permission.quoteWrite);
  const { filters, effective, q, setQ, set } = useUrlFilters(filtersFrom, toParams);
  const quotes = useQuotes(effective);

  const filterBar = (
    <Flex gap={8} wrap align="center">
      <ListSearch
        value={q}
        onChange={setQ}
        placeholder={t('quotes.searchPlaceholder')}
        style={{ width: isMobile ? '100%' : 280 }}
        testId="quote-search"
      />
      <StatusFilter
        statuses={ZQuoteStatusValues}
        label={(s) => t(`quotes.statusLabel.${s}`)}
        value={filters.statuses}
        onChange={(statuses) => set({ statuses })}
        placeholder={t('quotes.allStatuses')}
        style={{ minWidth: 180, flex: isMobile ? '1 1 100%' : undefined }}
      />
      <SortSelect
        sorts={SORTS}
        label={(s) => t(`quotes.sort.${s.replace(/^-/, '') as 'updatedAt'}`)}
        value={filters.sort}
        onChange={(sort) => set({ sort })}
        style={{ width: 150 }}
        ariaLabel={t('quotes.sort.label')}
      />
      <FlagFilter checked={filters.mine} onChange={(mine) => set({ mine })}>
        {t('quotes.mine')}
      </FlagFilter>
      <FlagFilter checked={filters.requiresApproval} onChange={(requiresApproval) => set({ requiresApproval })}>
        {t('quotes.needsApprovalOnly')}
      </FlagFilter>
    </Flex>
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
      <ListCard style={{ marginBottom: 16 }}>{filterBar}</ListCard>
      <ListCard>
        <RecordListBody<TQuoteListItem>
          query={quotes}
          recordUrl={(r) => quoteUrl(r.id)}
          renderCard={(r) => <QuoteCard q={r} />}
          scrollX={1100}
          emptyText={t('quotes.empty')}
          listTestId="quotes-list"
          tableTestId="quotes-table"
          columns={[
            {
              title: t('quotes.number'),
              width: 170,
              render: (_v, r) => <RowLink to={quoteUrl(r.id)}>{r.number}</RowLink>,
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
      </ListCard>
    </PageContainer>
  );
}
