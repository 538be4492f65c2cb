import { useMemo } from 'react';
import { Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { TCustomer, TCustomerColumn } from '@crm/contracts';
import type { CustomerSort } from '../api/customer-list.queries.ts';
import { sortOrder, useCustomerColumnDefs, type SortField } from './customer-columns.tsx';
import { DEFAULT_CUSTOMER_SORT } from './customer-filters.ts';

export { customerRegion } from './customer-columns.tsx';

interface Props {
  customers: TCustomer[];
  loading: boolean;
  height: number;
  /** Visible columns in their order (the name is always first and fixed). */
  columns: readonly TCustomerColumn[];
  sort: CustomerSort;
  onSortChange: (sort: CustomerSort) => void;
  onOpen: (customer: TCustomer) => void;
  /** Called when the user scrolls near the end, to fetch the next page. */
  onNearEnd: () => void;
  selectedIds: readonly string[];
  onSelectionChange: (ids: string[]) => void;
}

const SELECTION_WIDTH = 48;

/** Virtualised: only the visible rows are in the DOM; scrolling near the end loads the next page. */
export function CustomersTable({
  customers,
  loading,
  height,
  columns: visible,
  sort,
  onSortChange,
  onOpen,
  onNearEnd,
  selectedIds,
  onSelectionChange,
}: Props) {
  const defs = useCustomerColumnDefs();

  const columns: TableColumnsType<TCustomer> = useMemo(
    () =>
      visible.map((key) => {
        const def = defs[key];
        return {
          key,
          title: def.title,
          width: def.width,
          align: def.align,
          ellipsis: key !== 'name' && key !== 'tags',
          fixed: key === 'name' ? ('left' as const) : undefined,
          sorter: def.sortField ? true : undefined,
          sortOrder: def.sortField ? sortOrder(sort, def.sortField) : undefined,
          render: (_: unknown, c: TCustomer) => def.render(c),
        };
      }),
    [visible, defs, sort],
  );
  const scrollX = useMemo(() => SELECTION_WIDTH + visible.reduce((sum, key) => sum + defs[key].width, 0), [visible, defs]);

  const onChange: TableProps<TCustomer>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey ? defs[s.columnKey as TCustomerColumn]?.sortField : undefined;
    if (!field || !s?.order) {
      onSortChange(DEFAULT_CUSTOMER_SORT);
      return;
    }
    onSortChange((s.order === 'descend' ? `-${field}` : field) as `${'' | '-'}${SortField}`);
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
        scroll={{ x: scrollX, y: height }}
        onChange={onChange}
        sortDirections={['ascend', 'descend']}
        showSorterTooltip={false}
        rowSelection={{
          columnWidth: SELECTION_WIDTH,
          fixed: 'left',
          selectedRowKeys: selectedIds as string[],
          // The header checkbox selects every loaded row; the list loads more as it scrolls.
          onChange: (keys) => onSelectionChange(keys as string[]),
          getCheckboxProps: (c) => ({ 'aria-label': c.name, 'data-testid': 'customer-select' }) as object,
        }}
        onRow={(customer) => ({
          onClick: (e) => {
            // A click on the checkbox cell selects; anywhere else opens the customer.
            if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
            onOpen(customer);
          },
          style: { cursor: 'pointer' },
        })}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 300) onNearEnd();
        }}
      />
    </div>
  );
}
