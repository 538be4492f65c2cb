import { useEffect, useRef } from 'react';
import { Card, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TApprovalStepView, TRequirement } from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useApprovalInstance } from '../../approvals/api/approvals.queries.ts';
import { ApprovalActionBar } from '../../approvals/components/approval-detail.tsx';
import { ApprovalStatusTag } from '../../approvals/components/approval-status-tag.tsx';

const STEP_COLORS: Record<TApprovalStepView['state'], string> = {
  waiting: 'gray',
  active: 'blue',
  approved: 'green',
  skipped: 'gray',
  auto_approved: 'green',
};
const TASK_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', transferred: 'warning' };

/**
 * The review's approval: its steps with each product manager and what they did, and (for the one
 * holding the task) approve / reject right here. People outside the approval see only that it runs.
 */
export function RequirementApprovalCard({ requirement, onDecided }: { requirement: TRequirement; onDecided: () => void }) {
  const { t } = useTranslation();
  const instance = useApprovalInstance(requirement.approvalInstanceId ?? undefined);
  const status = instance.data?.status;
  const seen = useRef(status);
  // An action in the bar decides the approval: the requirement changed with it.
  useEffect(() => {
    if (seen.current !== undefined && status !== seen.current) onDecided();
    seen.current = status;
  }, [status, onDecided]);

  if (!requirement.approvalInstanceId) return null;
  const hidden = instance.isError && isApiError(instance.error) && instance.error.status === 404;
  const i = instance.data;
  return (
    <Card
      size="small"
      title={t('requirements.detail.approval')}
      style={{ marginBottom: 12 }}
      extra={
        i ? (
          <Link to={`/approvals/${encodeURIComponent(i.id)}`} data-testid="requirement-approval-link">
            {t('requirements.detail.viewApproval')}
          </Link>
        ) : null
      }
      data-testid="requirement-approval"
    >
      {hidden ? (
        <Typography.Text type="secondary">{t('requirements.detail.notVisible')}</Typography.Text>
      ) : !i ? (
        <Spin />
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <ApprovalStatusTag status={i.status} />
            <Typography.Text type="secondary">
              {t('approvals.initiatorIs', { name: i.initiatorName })} · {formatDateTime(i.createdAt)}
            </Typography.Text>
          </Flex>
          <Timeline
            items={i.steps.map((s) => ({
              color: STEP_COLORS[s.state],
              content: (
                <div data-testid="requirement-approval-step" data-state={s.state}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{s.name}</Typography.Text>
                    <Tag>{t(`approvals.stepState.${s.state}`)}</Tag>
                  </Flex>
                  {s.tasks.map((task) => (
                    <Flex key={task.id} gap={6} align="center" wrap style={{ marginTop: 4 }}>
                      <span>{task.assigneeName}</span>
                      <Tag color={TASK_COLORS[task.status] ?? 'default'}>{t(`approvals.taskStatus.${task.status}`)}</Tag>
                      {task.comment ? <Typography.Text type="secondary">“{task.comment}”</Typography.Text> : null}
                    </Flex>
                  ))}
                </div>
              ),
            }))}
          />
          {i.status === 'running' && (i.can.act || i.can.withdraw) ? <ApprovalActionBar instance={i} /> : null}
        </Flex>
      )}
    </Card>
  );
}
