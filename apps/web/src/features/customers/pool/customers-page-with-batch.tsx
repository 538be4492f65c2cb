import { CustomersPage } from '../pages/customers-page.tsx';
import { CustomerBatchBar } from './customer-batch-bar.tsx';

/** The customer list with the batch operations on the selected rows. */
export function CustomersPageWithBatch() {
  return <CustomersPage renderBatchActions={(ids, clear) => <CustomerBatchBar selectedIds={ids} onDone={clear} />} />;
}
