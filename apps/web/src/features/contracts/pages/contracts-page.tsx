import { useState } from 'react';
import { Badge, Button, DatePicker, Flex, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  Permission,
  ZContractStatusValues,
  ZContractTypeValues,
  type TContractListItem,
  type TContractStatus,
  type TContractType,
} from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useUrlFilters } from '../../../shared/hooks/use-url-filters.ts';
import { ListSearch, SortSelect, StatusFilter } from '../../../shared/ui/list-filters.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { ListCard, RecordCard, RecordListBody, RowLink } from '../../../shared/ui/record-list.tsx';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { OwnerSelect } from '../../opportunities/components/owner-select.tsx';
import { useContracts, type ContractFilters, type ContractSort } from '../api/contracts.queries.ts';
import { formatMoney } from '../components/contract-format.ts';
import { ContractStatusTag, ContractTypeTag, ReviewLevelTag } from '../components/contract-tags.tsx';
import '../contracts.css';

const SORTS: ContractSort[] = ['updated_desc', 'signed_desc', 'amount_desc'];
const isSort = (v: string | null): v is ContractSort => !!v && (SORTS as string[]).includes(v);
const isType = (v: string | null): v is TContractType => !!v && (ZContractTypeValues as readonly string[]).includes(v);

function filtersFrom(params: URLSearchParams): ContractFilters {
  const sort = params.get('sort');
  const type = params.get('type');
  return {
    q: params.get('q') ?? undefined,
    statuses: params.getAll('status').filter((s): s is TContractStatus => (ZContractStatusValues as readonly string[]).includes(s)),
    type: isType(type) ? type : undefined,
    customerId: params.get('customerId') ?? undefined,
    ownerId: params.get('ownerId') ?? undefined,
    signedFrom: params.get('signedFrom') ?? undefined,
    signedTo: params.get('signedTo') ?? undefined,
    sort: isSort(sort) ? sort : 'updated_desc',
  };
}

function toParams(f: ContractFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  for (const s of f.statuses ?? []) p.append('status', s);
  if (f.type) p.set('type', f.type);
  if (f.customerId) p.set('customerId', f.customerId);
  if (f.ownerId) p.set('ownerId', f.ownerId);
  if (f.signedFrom) p.set('signedFrom', f.signedFrom);
  if (f.signedTo) p.set('signedTo', f.signedTo);
  if (f.sort !== 'updated_desc') p.set('sort', f.sort);
  return p;
}

const contractUrl = (id: string) => `/contracts/${encodeURIComponent(id)}`;

function ContractNumber({ c }: { c: TContractListItem }) {
  const { t } = useTranslation();
  return c.number ? <span>{c.number}</span> : <Typography.Text type="secondary">{t('contracts.list.noNumber')}</Typography.Text>;
}

function ContractCard({ c }: { c: TContractListItem }) {
  const { t } = useTranslation();
  return (
    <RecordCard
      to={contractUrl(c.id)}
      testId="contract-card"
      title={c.title}
      subtitle={c.customerName ?? '—'}
      tag={<ContractStatusTag status={c.status} />}
    >
      <Flex gap={6} wrap align="center" style={{ margin: '6px 0' }}>
        {c.number ? <Typography.Text>{c.number}</Typography.Text> : null}
        <ContractTypeTag type={c.type} />
        {c.reviewLevel ? <ReviewLevelTag level={c.reviewLevel} compact /> : null}
        {c.hasOpenAmendment ? <Tag color="purple">{t('contracts.list.amending')}</Tag> : null}
      </Flex>
      <Flex justify="space-between" align="baseline" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.ownerName ?? '—'} ·{' '}
          {c.signedDate ? `${t('contracts.fields.signedDate')} ${formatDate(c.signedDate)}` : formatDate(c.updatedAt)}
        </Typography.Text>
        <Typography.Text strong className="tabular">
          {formatMoney(c.amountInclTax, c.currency)}
        </Typography.Text>
      </Flex>
    </RecordCard>
  );
}

/** 合同列表: search and filters in the address bar, a table on desktops and cards on phones, "load more" paging. */
export function ContractsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canCreate = usePermission(Permission.contractWrite);
  const canPickOwner = usePermission(Permission.userRead);
  const { filters, effective, q, setQ, set } = useUrlFilters(filtersFrom, toParams, { trimSearch: true });
  const [showFilters, setShowFilters] = useState(false);
  const contracts = useContracts(effective);

  const activeFilters =
    (filters.statuses?.length ? 1 : 0) +
    (filters.type ? 1 : 0) +
    (filters.ownerId ? 1 : 0) +
    (filters.signedFrom ? 1 : 0) +
    (filters.sort !== 'updated_desc' ? 1 : 0);
  const search = (
    <ListSearch
      value={q}
      onChange={setQ}
      placeholder={t('contracts.list.searchPlaceholder')}
      style={{ width: isMobile ? '100%' : 240 }}
      testId="contract-search"
    />
  );
  const moreFilters = (
    <>
      <StatusFilter
        statuses={ZContractStatusValues}
        label={(s) => t(`contracts.status.${s}`)}
        value={filters.statuses}
        onChange={(statuses) => set({ statuses })}
        placeholder={t('contracts.list.allStatuses')}
        style={{ width: isMobile ? '100%' : 170 }}
        testId="contract-status-filter"
      />
      <Select<TContractType>
        allowClear
        value={filters.type}
        onChange={(type) => set({ type })}
        placeholder={t('contracts.list.allTypes')}
        options={ZContractTypeValues.map((v) => ({ value: v, label: t(`contracts.type.${v}`) }))}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 120 }}
      />
      {canPickOwner ? (
        <OwnerSelect
          value={filters.ownerId}
          onChange={(ownerId) => set({ ownerId })}
          placeholder={t('contracts.list.owner')}
          style={{ width: isMobile ? 'calc(50% - 4px)' : 130 }}
        />
      ) : null}
      <DatePicker.RangePicker
        value={filters.signedFrom && filters.signedTo ? [dayjs(filters.signedFrom), dayjs(filters.signedTo)] : null}
        onChange={(range) =>
          set({
            signedFrom: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            signedTo: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        placeholder={[t('contracts.list.signedFrom'), t('contracts.list.signedTo')]}
        style={{ width: isMobile ? '100%' : 250 }}
      />
      <SortSelect
        sorts={SORTS}
        label={(s) => t(`contracts.list.sort.${s}`)}
        value={filters.sort}
        onChange={(sort) => set({ sort })}
        style={{ width: isMobile ? '100%' : 140 }}
        ariaLabel={t('contracts.list.sortLabel')}
      />
    </>
  );
  // Phones: the search, and the other filters behind a button.
  const filterBar = isMobile ? (
    <Flex vertical gap={8}>
      <Flex gap={8}>
        <div style={{ flex: 1, minWidth: 0 }}>{search}</div>
        <Badge count={activeFilters} size="small">
          <Button
            icon={<FilterOutlined />}
            onClick={() => setShowFilters((v) => !v)}
            aria-expanded={showFilters}
            data-testid="contract-filters-toggle"
          >
            {t('contracts.list.filters')}
          </Button>
        </Badge>
      </Flex>
      {showFilters ? (
        <Flex gap={8} wrap>
          {moreFilters}
        </Flex>
      ) : null}
    </Flex>
  ) : (
    <Flex gap={8} wrap align="center">
      {search}
      {moreFilters}
    </Flex>
  );

  const columns: TableColumnsType<TContractListItem> = [
    {
      key: 'number',
      title: t('contracts.fields.number'),
      width: 170,
      fixed: 'left',
      render: (_v, c) => (
        <RowLink to={contractUrl(c.id)}>
          <ContractNumber c={c} />
        </RowLink>
      ),
    },
    {
      key: 'title',
      title: t('contracts.fields.title'),
      width: 260,
      ellipsis: true,
      render: (_v, c) => (
        <Flex gap={4} align="center" style={{ minWidth: 0 }}>
          <Typography.Text ellipsis>{c.title}</Typography.Text>
          {c.hasOpenAmendment ? <Tag color="purple">{t('contracts.list.amending')}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'customer',
      title: t('contracts.fields.customer'),
      width: 200,
      ellipsis: true,
      render: (_v, c) => <RowLink to={`/customers/${encodeURIComponent(c.customerId)}`}>{c.customerName ?? '—'}</RowLink>,
    },
    { key: 'type', title: t('contracts.fields.type'), width: 100, render: (_v, c) => <ContractTypeTag type={c.type} /> },
    { key: 'status', title: t('contracts.fields.status'), width: 100, render: (_v, c) => <ContractStatusTag status={c.status} /> },
    {
      key: 'review',
      title: t('contracts.fields.review'),
      width: 100,
      render: (_v, c) => (c.reviewLevel ? <ReviewLevelTag level={c.reviewLevel} compact /> : '—'),
    },
    {
      key: 'amount',
      title: t('contracts.fields.amount'),
      width: 160,
      align: 'right',
      render: (_v, c) => (
        <span className="tabular" data-testid="contract-row-amount">
          {formatMoney(c.amountInclTax, c.currency)}
        </span>
      ),
    },
    { key: 'signed', title: t('contracts.fields.signedDate'), width: 110, render: (_v, c) => formatDate(c.signedDate) },
    {
      key: 'owner',
      title: t('contracts.fields.owner'),
      width: 140,
      ellipsis: true,
      render: (_v, c) => [c.ownerName, c.departmentName].filter(Boolean).join(' · ') || '—',
    },
    { key: 'updated', title: t('common.updatedAt'), width: 160, render: (_v, c) => formatDateTime(c.updatedAt) },
  ];

  return (
    <PageContainer
      title={t('contracts.title')}
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/contracts/new')} data-testid="contract-create">
            {t('contracts.create')}
          </Button>
        ) : null
      }
    >
      <ListCard style={{ marginBottom: 12 }}>{filterBar}</ListCard>
      <ListCard>
        <RecordListBody<TContractListItem>
          query={contracts}
          recordUrl={(c) => contractUrl(c.id)}
          renderCard={(c) => <ContractCard c={c} />}
          columns={columns}
          scrollX={columns.reduce((n, c) => n + Number(c.width ?? 100), 0)}
          emptyText={t('contracts.list.empty')}
          emptyTestId="contracts-empty"
          listTestId="contracts-list"
          tableTestId="contracts-table"
          rowTestId="contract-row"
          hideLoadMoreWhileLoading
        />
      </ListCard>
    </PageContainer>
  );
}
