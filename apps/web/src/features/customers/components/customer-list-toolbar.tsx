import { Flex, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZCustomerSortValues } from '@crm/contracts';
import type { CustomerFilters, CustomerSort } from '../api/customers.queries.ts';

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
  };
}

/** Above the list: "only mine" on the left, the sort order on the right. */
export function CustomerListToolbar({ filters, onChange }: { filters: CustomerFilters; onChange: (filters: CustomerFilters) => void }) {
  const { t } = useTranslation();
  const sortLabels = useSortLabels();
  return (
    <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
      <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, whiteSpace: 'nowrap', cursor: 'pointer' }}>
        <Switch
          size="small"
          checked={!!filters.mine}
          onChange={(mine) => onChange({ ...filters, mine: mine || undefined })}
          data-testid="customer-filter-mine"
        />
        {t('customers.onlyMine')}
      </label>
      <Select<CustomerSort>
        value={filters.sort}
        onChange={(sort) => onChange({ ...filters, sort })}
        options={ZCustomerSortValues.map((v) => ({ value: v, label: sortLabels[v] }))}
        aria-label={t('customers.sortBy')}
        prefix={<span style={{ color: 'rgba(0, 0, 0, 0.45)' }}>{t('customers.sortBy')}</span>}
        popupMatchSelectWidth={false}
        style={{ minWidth: 180 }}
        data-testid="customer-sort"
      />
    </Flex>
  );
}
