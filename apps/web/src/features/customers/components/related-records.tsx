import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';

/** Filled in by later modules (opportunities, contracts, shipments, invoices, payments). */
const SECTIONS: { key: string; title: ParseKeys }[] = [
  { key: 'opportunities', title: 'customers.opportunities' },
  { key: 'contracts', title: 'customers.contracts' },
  { key: 'shipments', title: 'customers.shipments' },
  { key: 'invoices', title: 'customers.invoices' },
  { key: 'payments', title: 'customers.payments' },
];

export function RelatedRecords() {
  const { t } = useTranslation();
  return (
    <div className="related-grid" data-testid="customer-related">
      {SECTIONS.map((s) => (
        <Card key={s.key} size="small" title={t(s.title)} data-testid={`related-${s.key}`}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.relatedEmpty')} style={{ margin: '8px 0' }} />
        </Card>
      ))}
    </div>
  );
}
