import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TApprovalInstanceStatus } from '@crm/contracts';

const COLORS: Record<TApprovalInstanceStatus, string> = {
  running: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function ApprovalStatusTag({ status }: { status: TApprovalInstanceStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="approval-status" data-status={status}>
      {t(`approvals.status.${status}`)}
    </Tag>
  );
}
