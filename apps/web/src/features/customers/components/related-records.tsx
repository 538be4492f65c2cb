import { Skeleton } from 'antd';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { CustomerPanelCard } from '../panels/customer-panel-card.tsx';
import { useCustomerPanels } from '../panels/panels.queries.ts';

/** The business records of a customer, one panel per module (opportunities, contracts, shipments, invoices, receipts, …). */
export function RelatedRecords({ customerId }: { customerId: string }) {
  const panels = useCustomerPanels(customerId);
  if (panels.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (panels.isError) return <QueryError error={panels.error} onRetry={() => void panels.refetch()} />;
  return (
    <div className="related-grid" data-testid="customer-related">
      {panels.data.panels.map((panel) => (
        <CustomerPanelCard key={panel.key} panel={panel} />
      ))}
    </div>
  );
}
