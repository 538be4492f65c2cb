import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEFAULT_CUSTOMER_COLUMNS, ZCustomerColumnValues, type TCustomer, type TCustomerColumn } from '@crm/contracts';
import { formatDate, formatDateTime, formatDecimal } from '../../../shared/utils/format.ts';
import type { CustomerSort } from '../api/customer-list.queries.ts';
import { CustomerGradeTag, CustomerStatusTag, CustomerTypeTag } from './customer-tags.tsx';

export type SortField = 'name' | 'grade' | 'lastActivityAt' | 'createdAt' | 'creditLimit';

export interface CustomerColumnDef {
  key: TCustomerColumn;
  title: string;
  width: number;
  /** The server-side sort this column's header toggles. */
  sortField?: SortField;
  align?: 'right';
  render: (customer: TCustomer) => ReactNode;
}

export function customerRegion(c: Pick<TCustomer, 'province' | 'city' | 'country'>): string | null {
  const parts = [c.province, c.city].filter((p): p is string => !!p);
  // "上海 上海": a municipality is its own city.
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  if (unique.length > 0) return unique.join(' ');
  return c.country && c.country !== '中国' ? c.country : null;
}

const Blank = () => <Typography.Text type="secondary">—</Typography.Text>;
const textOr = (value: string | null) => value || <Blank />;

/** Every column of the customer list, keyed by its contract name. */
export function useCustomerColumnDefs(): Record<TCustomerColumn, CustomerColumnDef> {
  const { t } = useTranslation();
  const col = (
    key: TCustomerColumn,
    title: string,
    width: number,
    render: CustomerColumnDef['render'],
    extra?: Partial<CustomerColumnDef>,
  ) => ({
    key,
    title,
    width,
    render,
    ...extra,
  });
  return {
    name: col(
      'name',
      t('customers.name'),
      230,
      (c) => (
        <div style={{ minWidth: 0 }}>
          <Link
            to={`/customers/${encodeURIComponent(c.id)}`}
            onClick={(e) => e.stopPropagation()}
            className="customer-name-link"
            title={c.name}
          >
            {c.name}
          </Link>
          {c.shortName ? (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
              {c.shortName}
            </Typography.Text>
          ) : null}
        </div>
      ),
      { sortField: 'name' },
    ),
    shortName: col('shortName', t('customers.shortName'), 120, (c) => textOr(c.shortName)),
    creditCode: col('creditCode', t('customers.creditCode'), 190, (c) => textOr(c.creditCode)),
    type: col('type', t('customers.type'), 112, (c) => <CustomerTypeTag type={c.type} />),
    grade: col('grade', t('customers.grade'), 88, (c) => <CustomerGradeTag grade={c.grade} />, { sortField: 'grade' }),
    status: col('status', t('customers.status'), 90, (c) => <CustomerStatusTag status={c.status} />),
    industry: col('industry', t('customers.industry'), 110, (c) => textOr(c.industry)),
    region: col('region', t('customers.region'), 108, (c) => customerRegion(c) ?? <Blank />),
    address: col('address', t('customers.address'), 220, (c) => textOr(c.address)),
    owner: col(
      'owner',
      t('customers.owner'),
      96,
      (c) => c.ownerName ?? <Typography.Text type="secondary">{t('duplicates.noOwner')}</Typography.Text>,
    ),
    department: col('department', t('customers.department'), 112, (c) => textOr(c.departmentName)),
    tags: col('tags', t('customers.tags'), 160, (c) =>
      c.tags.length > 0 ? (
        <Flex gap={4} wrap={false} style={{ overflow: 'hidden' }}>
          {c.tags.map((tag) => (
            <Tag key={tag} style={{ marginInlineEnd: 0 }}>
              {tag}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Blank />
      ),
    ),
    source: col('source', t('customers.source'), 110, (c) => textOr(c.source)),
    lastActivityAt: col(
      'lastActivityAt',
      t('customers.lastActivity'),
      116,
      (c) => (c.lastActivityAt ? <span title={formatDateTime(c.lastActivityAt)}>{formatDate(c.lastActivityAt)}</span> : <Blank />),
      { sortField: 'lastActivityAt' },
    ),
    lastDealAt: col('lastDealAt', t('customers.lastDeal'), 120, (c) => (c.lastDealAt ? formatDate(c.lastDealAt) : <Blank />)),
    creditLimit: col('creditLimit', t('customers.creditLimit'), 150, (c) => (c.creditLimit ? formatDecimal(c.creditLimit) : <Blank />), {
      sortField: 'creditLimit',
      align: 'right',
    }),
    creditDays: col('creditDays', t('customers.creditDays'), 130, (c) => (c.creditDays === null ? <Blank /> : c.creditDays), {
      align: 'right',
    }),
    taxId: col('taxId', t('customers.taxId'), 180, (c) => textOr(c.taxId)),
    billingAddress: col('billingAddress', t('customers.billingAddress'), 220, (c) => textOr(c.billingAddress)),
    billingPhone: col('billingPhone', t('customers.billingPhone'), 130, (c) => textOr(c.billingPhone)),
    bankName: col('bankName', t('customers.bankName'), 160, (c) => textOr(c.bankName)),
    bankAccount: col('bankAccount', t('customers.bankAccount'), 190, (c) => textOr(c.bankAccount)),
    createdAt: col(
      'createdAt',
      t('common.createdAt'),
      108,
      (c) => <span title={formatDateTime(c.createdAt)}>{formatDate(c.createdAt)}</span>,
      { sortField: 'createdAt' },
    ),
    updatedAt: col('updatedAt', t('common.updatedAt'), 120, (c) => (
      <span title={formatDateTime(c.updatedAt)}>{formatDate(c.updatedAt)}</span>
    )),
  };
}

/** Visible columns from a loose list (a saved view, local storage): known keys once each, the name always first. */
export function normaliseColumns(value: unknown): TCustomerColumn[] {
  const list = Array.isArray(value) ? value : [];
  const known = list.filter((k): k is TCustomerColumn => (ZCustomerColumnValues as readonly unknown[]).includes(k));
  if (known.length === 0) return [...DEFAULT_CUSTOMER_COLUMNS];
  return ['name', ...new Set(known.filter((k) => k !== 'name'))];
}

export function sortOrder(sort: CustomerSort, field: SortField): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
