import { Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCustomer } from '@crm/contracts';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import type { CustomerSort } from '../api/customers.queries.ts';
import { DEFAULT_CUSTOMER_SORT } from './customer-filters.ts';
import { CustomerGradeTag, CustomerStatusTag, CustomerTypeTag } from './customer-tags.tsx';

type SortField = 'name' | 'grade' | 'lastActivityAt' | 'createdAt';

interface Props {
  customers: TCustomer[];
  loading: boolean;
  height: number;
  sort: CustomerSort;
  onSortChange: (sort: CustomerSort) => void;
  onOpen: (customer: TCustomer) => void;
  /** Called when the user scrolls near the end, to fetch the next page. */
  onNearEnd: () => void;
}

function sortOrder(sort: CustomerSort, field: SortField): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function customerRegion(c: Pick<TCustomer, 'province' | 'city' | 'country'>): string | null {
  const parts = [c.province, c.city].filter((p): p is string => !!p);
  // "上海 上海": a municipality is its own city.
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  if (unique.length > 0) return unique.join(' ');
  return c.country && c.country !== '中国' ? c.country : null;
}

const Blank = () => <Typography.Text type="secondary">—</Typography.Text>;

/** Virtualised: only the visible rows are in the DOM; scrolling near the end loads the next page. */
export function CustomersTable({ customers, loading, height, sort, onSortChange, onOpen, onNearEnd }: Props) {
  const { t } = useTranslation();

  const columns: TableColumnsType<TCustomer> = [
    {
      key: 'name',
      title: t('customers.name'),
      sorter: true,
      sortOrder: sortOrder(sort, 'name'),
      width: 260,
      fixed: 'left',
      render: (_, c) => (
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
    },
    { key: 'type', title: t('customers.type'), width: 100, render: (_, c) => <CustomerTypeTag type={c.type} /> },
    {
      key: 'grade',
      title: t('customers.grade'),
      width: 96,
      sorter: true,
      sortOrder: sortOrder(sort, 'grade'),
      render: (_, c) => <CustomerGradeTag grade={c.grade} />,
    },
    { key: 'status', title: t('customers.status'), width: 96, render: (_, c) => <CustomerStatusTag status={c.status} /> },
    {
      key: 'owner',
      title: t('customers.owner'),
      width: 100,
      ellipsis: true,
      render: (_, c) => c.ownerName ?? <Typography.Text type="secondary">{t('duplicates.noOwner')}</Typography.Text>,
    },
    { key: 'department', title: t('customers.department'), width: 120, ellipsis: true, render: (_, c) => c.departmentName ?? <Blank /> },
    { key: 'city', title: t('customers.region'), width: 110, ellipsis: true, render: (_, c) => customerRegion(c) ?? <Blank /> },
    {
      key: 'lastActivityAt',
      title: t('customers.lastActivity'),
      width: 120,
      sorter: true,
      sortOrder: sortOrder(sort, 'lastActivityAt'),
      render: (_, c) => (c.lastActivityAt ? formatDate(c.lastActivityAt) : <Blank />),
    },
    {
      key: 'createdAt',
      title: t('common.createdAt'),
      width: 120,
      sorter: true,
      sortOrder: sortOrder(sort, 'createdAt'),
      render: (_, c) => <span title={formatDateTime(c.createdAt)}>{formatDate(c.createdAt)}</span>,
    },
  ];

  const onChange: TableProps<TCustomer>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey as SortField | undefined;
    if (!field || !s?.order) {
      onSortChange(DEFAULT_CUSTOMER_SORT);
      return;
    }
    onSortChange((s.order === 'descend' ? `-${field}` : field) as CustomerSort);
  };

  return (
    <div data-testid="customers-table">
      <Table<TCustomer>
        virtual
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={customers}
        loading={loading}
        pagination={false}
        scroll={{ x: 1120, y: height }}
        onChange={onChange}
        sortDirections={['ascend', 'descend']}
        showSorterTooltip={false}
        onRow={(customer) => ({ onClick: () => onOpen(customer), style: { cursor: 'pointer' } })}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 300) onNearEnd();
        }}
      />
    </div>
  );
}
