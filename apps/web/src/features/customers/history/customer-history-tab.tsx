import { Flex } from 'antd';
import { GradeHistoryCard } from '../grading/grade-history-card.tsx';
import { OwnerHistoryCard } from '../pool/owner-history-card.tsx';

/** The "History" tab of the customer 360 page: one card per kind of history, stacked. */
export function CustomerHistoryTab({ customerId }: { customerId: string }) {
  return (
    <Flex vertical gap={16} data-testid="customer-history">
      <OwnerHistoryCard customerId={customerId} />
      <GradeHistoryCard customerId={customerId} />
    </Flex>
  );
}
