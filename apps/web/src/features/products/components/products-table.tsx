import { useMemo } from 'react';
import { Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TProduct, TProductSort } from '@crm/contracts';
import { formatTaxRate, formatYuan, useProductFieldAccess } from './product-format.ts';
import { ProductStatusTag } from './product-tags.tsx';

interface Props {
  products: TProduct[];
  loading: boolean;
  height: number;
  sort: TProductSort;
  onSortChange: (sort: TProductSort) => void;
  onOpen: (product: TProduct) => void;
  /** Called when the user scrolls near the end, to fetch the next page. */
  onNearEnd: () => void;
}

type Col = {
  key: string;
  title: string;
  width: number;
  align?: 'right';
  sortField?: 'materialCode' | 'name' | 'listPrice' | 'updatedAt';
  render: (p: TProduct) => React.ReactNode;
};

/** Virtualised catalogue table; floor price, cost and margin columns only for those who may see them. */
export function ProductsTable({ products, loading, height, sort, onSortChange, onOpen, onNearEnd }: Props) {
  const { t } = useTranslation();
  const access = useProductFieldAccess();
  const defs = useMemo(() => {
    const cols: Col[] = [
      {
        key: 'materialCode',
        title: t('products.materialCode'),
        width: 130,
        sortField: 'materialCode',
        render: (p) => <Typography.Text copyable={{ text: p.materialCode, tooltips: false }}>{p.materialCode}</Typography.Text>,
      },
      { key: 'name', title: t('products.name'), width: 240, sortField: 'name', render: (p) => p.name },
      { key: 'model', title: t('products.model'), width: 220, render: (p) => p.model ?? '—' },
      { key: 'category', title: t('products.category'), width: 130, render: (p) => p.categoryName },
      { key: 'unit', title: t('products.unit'), width: 64, render: (p) => p.unit },
      {
        key: 'listPrice',
        title: t('products.listPrice'),
        width: 120,
        align: 'right',
        sortField: 'listPrice',
        render: (p) => formatYuan(p.listPrice),
      },
    ];
    if (access.floorPrice)
      cols.push({
        key: 'floorPrice',
        title: t('products.floorPrice'),
        width: 120,
        align: 'right',
        render: (p) => formatYuan(p.floorPrice),
      });
    if (access.cost)
      cols.push({
        key: 'standardCost',
        title: t('products.standardCost'),
        width: 120,
        align: 'right',
        render: (p) => formatYuan(p.standardCost),
      });
    if (access.margin) {
      cols.push({
        key: 'margin',
        title: t('products.margin'),
        width: 110,
        align: 'right',
        render: (p) => (p.listMarginPercent ? `${p.listMarginPercent}%` : '—'),
      });
    }
    cols.push(
      { key: 'taxRate', title: t('products.taxRate'), width: 72, align: 'right', render: (p) => formatTaxRate(p.taxRate) },
      {
        key: 'warranty',
        title: t('products.warrantyMonths'),
        width: 100,
        align: 'right',
        render: (p) => t('products.monthsValue', { count: p.warrantyMonths }),
      },
      {
        key: 'leadTime',
        title: t('products.leadTimeDays'),
        width: 96,
        align: 'right',
        render: (p) => t('products.daysValue', { count: p.leadTimeDays }),
      },
      { key: 'status', title: t('products.status'), width: 84, render: (p) => <ProductStatusTag status={p.status} /> },
    );
    return cols;
  }, [t, access.floorPrice, access.cost, access.margin]);

  const columns: TableColumnsType<TProduct> = defs.map((d) => ({
    key: d.key,
    title: d.title,
    width: d.width,
    align: d.align,
    ellipsis: d.key !== 'materialCode',
    fixed: d.key === 'materialCode' ? ('left' as const) : undefined,
    sorter: d.sortField ? true : undefined,
    sortOrder: d.sortField ? (sort === d.sortField ? 'ascend' : sort === `-${d.sortField}` ? 'descend' : null) : undefined,
    render: (_: unknown, p: TProduct) => d.render(p),
  }));
  const scrollX = defs.reduce((sum, d) => sum + d.width, 0);

  const onChange: TableProps<TProduct>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = defs.find((d) => d.key === s?.columnKey)?.sortField;
    if (!field || !s?.order) {
      onSortChange('materialCode');
      return;
    }
    onSortChange(s.order === 'descend' ? `-${field}` : field);
  };

  return (
    <div data-testid="products-table">
      <Table<TProduct>
        virtual
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={products}
        loading={loading}
        pagination={false}
        scroll={{ x: scrollX, y: height }}
        onChange={onChange}
        sortDirections={['ascend', 'descend']}
        showSorterTooltip={false}
        onRow={(p) => ({ onClick: () => onOpen(p), style: { cursor: 'pointer' } })}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 300) onNearEnd();
        }}
      />
    </div>
  );
}
