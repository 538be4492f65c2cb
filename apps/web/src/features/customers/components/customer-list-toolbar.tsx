import type { ReactNode } from 'react';
import { Button, Flex, Select, Switch, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZCustomerSortValues, type TCustomerCount } from '@crm/contracts';
import type { CustomerSort } from '../api/customer-list.queries.ts';

/** "Name ↑" style labels for the sort keys. */
function useSortLabels(): Record<CustomerSort, string> {
  const { t } = useTranslation();
  return {
    name: `${t('customers.name')} ↑`,
    '-name': `${t('customers.name')} ↓`,
    grade: `${t('customers.grade')} ↑`,
    '-grade': `${t('customers.grade')} ↓`,
    lastActivityAt: `${t('customers.lastActivity')} ↑`,
    '-lastActivityAt': `${t('customers.lastActivity')} ↓`,
    createdAt: `${t('common.createdAt')} ↑`,
    '-createdAt': `${t('common.createdAt')} ↓`,
    creditLimit: `${t('customers.list.creditLimitShort')} ↑`,
    '-creditLimit': `${t('customers.list.creditLimitShort')} ↓`,
  };
}

interface Props {
  mine: boolean;
  onMineChange: (mine: boolean) => void;
  sort: CustomerSort;
  onSortChange: (sort: CustomerSort) => void;
  count: TCustomerCount | undefined;
  /** The saved-views menu. */
  views: ReactNode;
  /** The column chooser (desktop only). */
  columns?: ReactNode;
  /** Where the export downloads from; no button without it (no permission). */
  exportUrl?: string;
  /** More controls on the left (e.g. the select mode on phones). */
  extra?: ReactNode;
}

/** Above the list: views, count and "only mine" on the left; sort, columns and export on the right. */
export function CustomerListToolbar({ mine, onMineChange, sort, onSortChange, count, views, columns, exportUrl, extra }: Props) {
  const { t, i18n } = useTranslation();
  const sortLabels = useSortLabels();
  const total = count ? (count.capped ? `${count.count.toLocaleString(i18n.language)}+` : count.count.toLocaleString(i18n.language)) : null;
  return (
    <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
      <Flex align="center" gap={12} wrap>
        {views}
        {total !== null ? (
          <Typography.Text type="secondary" data-testid="customer-count">
            {t('customers.list.count', { count: count?.count ?? 0, total })}
          </Typography.Text>
        ) : null}
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, whiteSpace: 'nowrap', cursor: 'pointer' }}>
          <Switch size="small" checked={mine} onChange={onMineChange} data-testid="customer-filter-mine" />
          {t('customers.onlyMine')}
        </label>
        {extra}
      </Flex>
      <Flex align="center" gap={8} wrap>
        <Select<CustomerSort>
          value={sort}
          onChange={onSortChange}
          options={ZCustomerSortValues.map((v) => ({ value: v, label: sortLabels[v] }))}
          aria-label={t('customers.sortBy')}
          prefix={<span style={{ color: 'rgba(0, 0, 0, 0.45)' }}>{t('customers.sortBy')}</span>}
          popupMatchSelectWidth={false}
          style={{ minWidth: 180 }}
          data-testid="customer-sort"
        />
        {columns}
        {exportUrl ? (
          <Button icon={<DownloadOutlined />} href={exportUrl} download data-testid="customer-export">
            {t('customers.list.export')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
