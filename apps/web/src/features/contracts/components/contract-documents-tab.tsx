import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import type { TContractType } from '@crm/contracts';

// The archive panel is its own chunk: most visits of a contract never open it.
const ContractDocumentsPanel = lazy(() =>
  import('../documents/contract-documents-panel.tsx').then((m) => ({ default: m.ContractDocumentsPanel })),
);

/** 文档归档: bid-award notice, signed original, technical agreement … of the contract. */
export function ContractDocumentsTab(props: { contractId: string; contractType: TContractType; canWrite: boolean }) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', padding: 24 }} />}>
      <ContractDocumentsPanel {...props} />
    </Suspense>
  );
}
