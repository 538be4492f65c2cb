import { useState } from 'react';
import { Button, Descriptions, Dropdown, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, LinkOutlined, MoreOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TApprovalInstance, TApprovalStepView } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { attachmentUrl } from '../api/approvals.queries.ts';
import { ApprovalActionDialog, type DialogKind } from './approval-action-dialog.tsx';
import { ApprovalStatusTag } from './approval-status-tag.tsx';

const STEP_COLORS: Record<TApprovalStepView['state'], string> = {
  waiting: 'gray',
  active: 'blue',
  approved: 'green',
  skipped: 'gray',
  auto_approved: 'green',
};

const TASK_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', transferred: 'warning' };

/** An approval: the record, its facts, the steps with their people, the history. */
export function ApprovalDetail({ instance }: { instance: TApprovalInstance }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={16} data-testid="approval-detail">
      <Flex vertical gap={4}>
        <Flex gap={8} align="center" wrap>
          <Tag>{instance.typeLabel}</Tag>
          <ApprovalStatusTag status={instance.status} />
          <Typography.Text type="secondary">{t('approvals.definitionVersion', { no: instance.definitionVersionNo })}</Typography.Text>
        </Flex>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="approval-title">
          {instance.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('approvals.initiatorIs', { name: instance.initiatorName })} · {formatDateTime(instance.createdAt)}
        </Typography.Text>
        {instance.link ? (
          <div>
            <Button icon={<LinkOutlined />} onClick={() => void navigate(instance.link!)} data-testid="approval-record-link">
              {t('approvals.openRecord')}
            </Button>
          </div>
        ) : null}
      </Flex>

      {instance.facts.length > 0 ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered title={t('approvals.facts')}>
          {instance.facts.map((f) => (
            <Descriptions.Item key={f.key} label={f.label}>
              {f.value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : null}

      <div>
        <Typography.Title level={5}>{t('approvals.steps')}</Typography.Title>
        <Timeline
          data-testid="approval-steps"
          items={instance.steps.map((s) => ({
            color: STEP_COLORS[s.state],
            content: (
              <div data-testid="approval-step" data-state={s.state}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{s.name}</Typography.Text>
                  <Tag>{t(`approvals.stepState.${s.state}`)}</Tag>
                  {s.tasks.length > 1 ? <Typography.Text type="secondary">{t(`approvals.mode.${s.mode}`)}</Typography.Text> : null}
                </Flex>
                {s.tasks.map((task) => (
                  <Flex key={task.id} gap={6} align="center" wrap style={{ marginTop: 4 }}>
                    <span>{task.assigneeName}</span>
                    <Tag color={TASK_COLORS[task.status] ?? 'default'}>{t(`approvals.taskStatus.${task.status}`)}</Tag>
                    {task.origin !== 'rule' ? <Tag>{t(`approvals.origin.${task.origin}`)}</Tag> : null}
                    {task.comment ? <Typography.Text type="secondary">“{task.comment}”</Typography.Text> : null}
                    {task.decidedAt ? <Typography.Text type="secondary">{formatDateTime(task.decidedAt)}</Typography.Text> : null}
                  </Flex>
                ))}
              </div>
            ),
          }))}
        />
      </div>

      <div>
        <Typography.Title level={5}>{t('approvals.history')}</Typography.Title>
        <Timeline
          data-testid="approval-history"
          items={instance.history.map((h) => ({
            content: (
              <div>
                <Typography.Text strong>{h.actorName === 'system' ? t('approvals.system') : h.actorName}</Typography.Text>{' '}
                {t(`approvals.action.${h.kind}`)}
                {h.targetName ? ` ${t('approvals.historyTarget', { name: h.targetName })}` : ''}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {formatDateTime(h.createdAt)}
                </Typography.Text>
                {h.comment && h.kind !== 'finish' && h.comment !== 'already_approved' ? <div>{h.comment}</div> : null}
                {h.attachments.map((a) => (
                  <div key={a.id}>
                    <a href={attachmentUrl(instance.id, a.id)} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {a.name}
                    </a>
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      </div>
    </Flex>
  );
}

/** The actions the actor may take, as a bar (the drawer's footer; at the bottom of the screen on phones). */
export function ApprovalActionBar({ instance }: { instance: TApprovalInstance }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const size = isMobile ? 'large' : 'middle';
  const more = [
    ...(instance.can.act
      ? [
          { key: 'transfer', label: t('approvals.buttons.transfer') },
          { key: 'add-approver', label: t('approvals.buttons.addApprover') },
        ]
      : []),
    { key: 'comments', label: t('approvals.buttons.comment') },
    ...(instance.can.withdraw ? [{ key: 'withdraw', label: t('approvals.buttons.withdraw'), danger: true }] : []),
  ];
  return (
    <>
      <Flex gap={8} justify="flex-end" wrap={false} data-testid="approval-action-bar">
        <Dropdown menu={{ items: more, onClick: ({ key }) => setDialog(key as DialogKind) }} trigger={['click']}>
          <Button size={size} icon={<MoreOutlined />} data-testid="approval-more">
            {t('approvals.buttons.more')}
          </Button>
        </Dropdown>
        {instance.can.act ? (
          <Space.Compact style={isMobile ? { flex: 1 } : undefined}>
            <Button
              size={size}
              danger
              icon={<CloseOutlined />}
              onClick={() => setDialog('reject')}
              style={isMobile ? { flex: 1 } : undefined}
              data-testid="approval-reject"
            >
              {t('approvals.buttons.reject')}
            </Button>
            <Button
              size={size}
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => setDialog('approve')}
              style={isMobile ? { flex: 1 } : undefined}
              data-testid="approval-approve"
            >
              {t('approvals.buttons.approve')}
            </Button>
          </Space.Compact>
        ) : null}
      </Flex>
      <ApprovalActionDialog kind={dialog} instance={instance} onClose={() => setDialog(null)} />
    </>
  );
}
