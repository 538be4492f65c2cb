import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TRequirementLineDecision, TRequirementStatus } from '@crm/contracts';

const COLORS: Record<TRequirementStatus, string> = {
  draft: 'default',
  in_review: 'orange',
  approved: 'green',
  returned: 'red',
  contracted: 'blue',
  cancelled: 'default',
};

export function RequirementStatusTag({ status }: { status: TRequirementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="requirement-status" data-status={status}>
      {t(`requirements.statusLabel.${status}`)}
    </Tag>
  );
}

const DECISION_COLORS: Record<TRequirementLineDecision, string> = {
  pending: 'default',
  standard: 'green',
  non_standard: 'orange',
  new_code: 'cyan',
};

export function LineDecisionTag({ decision }: { decision: TRequirementLineDecision }) {
  const { t } = useTranslation();
  return (
    <Tag color={DECISION_COLORS[decision]} style={{ marginInlineEnd: 0 }} data-testid="line-decision" data-decision={decision}>
      {t(`requirements.decision.${decision}`)}
    </Tag>
  );
}
