import { useEffect, useRef } from 'react';
import { Button, Empty, Flex, Spin } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TContract } from '@crm/contracts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApprovalInstance } from '../../approvals/api/approvals.queries.ts';
import { ApprovalActionBar, ApprovalDetail } from '../../approvals/components/approval-detail.tsx';
import { useRefreshContract } from '../api/contracts.queries.ts';

/** 审批: the contract's approval in the approvals engine (steps, people, history), decided here or in the inbox. */
export function ContractApproval({ contract }: { contract: TContract }) {
  const { t } = useTranslation();
  const instance = useApprovalInstance(contract.approvalInstanceId ?? undefined);
  const refresh = useRefreshContract();
  // A decision taken here moves the contract (approved, back to draft): reload it when the approval moves.
  const seen = useRef<string | null>(null);
  const state = instance.data ? `${instance.data.id}:${instance.data.status}:${instance.data.version}` : null;
  useEffect(() => {
    if (state === null) return;
    if (seen.current !== null && seen.current !== state) void refresh(contract.id);
    seen.current = state;
  }, [state, contract.id, refresh]);

  if (!contract.approvalInstanceId) return <Empty description={t('contracts.approval.none')} data-testid="contract-approval-empty" />;
  if (instance.isError) return <QueryError error={instance.error} onRetry={() => void instance.refetch()} />;
  if (!instance.data) return <Spin style={{ display: 'block', padding: 24 }} />;
  const acts = instance.data.can.act || instance.data.can.withdraw || instance.data.can.comment;
  return (
    <Flex vertical gap={12} data-testid="contract-approval">
      <Flex justify="flex-end">
        <Link to={`/approvals/${encodeURIComponent(instance.data.id)}`}>
          <Button size="small" icon={<LinkOutlined />} data-testid="contract-approval-open">
            {t('contracts.approval.openInInbox')}
          </Button>
        </Link>
      </Flex>
      <ApprovalDetail instance={instance.data} />
      {acts ? <ApprovalActionBar instance={instance.data} /> : null}
    </Flex>
  );
}
