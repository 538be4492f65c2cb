import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, LinkOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { relatedRecordPath, type TTask } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { isRelatedType, TASK_KIND_LOOK } from './task-kind.tsx';

const SHORT = (value: string) => formatDateTime(value).slice(0, 16);

/** Overdue and due-today tasks stand out; the rest show their due time quietly. */
export function dueState(task: Pick<TTask, 'status' | 'dueAt'>, now = dayjs()): 'overdue' | 'today' | 'later' | 'none' {
  if (!task.dueAt || task.status !== 'open') return 'none';
  const due = dayjs(task.dueAt);
  if (due.isBefore(now)) return 'overdue';
  if (due.isSame(now, 'day')) return 'today';
  return 'later';
}

interface Props {
  task: TTask;
  showAssignee: boolean;
  busy: boolean;
  onComplete: () => void;
  onReopen: () => void;
  /** Opens the task's details. */
  onOpen: () => void;
}

export function TaskItem({ task, showAssignee, busy, onComplete, onReopen, onOpen }: Props) {
  const { t } = useTranslation();
  const state = dueState(task);
  const href = relatedRecordPath(task.relatedType, task.relatedId);
  const look = TASK_KIND_LOOK[task.kind];
  const title = task.source === 'follow-up' && task.relatedLabel ? t('tasks.followUp', { label: task.relatedLabel }) : task.title;
  const accent = state === 'overdue' ? '#ff4d4f' : state === 'today' ? '#fa8c16' : 'transparent';
  return (
    <Flex
      gap={12}
      align="flex-start"
      style={{ padding: '12px 12px 12px 10px', borderBottom: '1px solid #f0f0f0', borderInlineStart: `3px solid ${accent}` }}
      data-testid="task-item"
      data-due={state}
    >
      {task.status === 'open' ? (
        <Tooltip title={t('tasks.complete')}>
          <Button
            shape="circle"
            icon={<CheckOutlined />}
            loading={busy}
            onClick={onComplete}
            aria-label={t('tasks.complete')}
            style={{ flex: 'none' }}
            data-testid="task-complete"
          />
        </Tooltip>
      ) : (
        <Tooltip title={t('tasks.reopen')}>
          <Button
            shape="circle"
            icon={<UndoOutlined />}
            loading={busy}
            onClick={onReopen}
            aria-label={t('tasks.reopen')}
            style={{ flex: 'none' }}
          />
        </Tooltip>
      )}
      <div style={{ minWidth: 0, flex: 1 }}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Link
            strong
            delete={task.status !== 'open'}
            style={{ wordBreak: 'break-word', color: 'inherit' }}
            onClick={onOpen}
            data-testid="task-title"
          >
            {task.kind !== 'todo' ? <span style={{ color: look.color, marginInlineEnd: 6 }}>{look.icon}</span> : null}
            {title}
          </Typography.Link>
          <Flex gap={4} wrap>
            {state === 'overdue' ? <Tag color="red">{t('tasks.overdue')}</Tag> : null}
            {state === 'today' ? <Tag color="orange">{t('tasks.today')}</Tag> : null}
            {task.status === 'cancelled' ? <Tag>{t('tasks.status.cancelled')}</Tag> : null}
          </Flex>
        </Flex>
        {task.notes ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0 0' }}>
            {task.notes}
          </Typography.Paragraph>
        ) : null}
        <Flex gap={12} wrap style={{ marginTop: 4, fontSize: 12 }}>
          <Typography.Text type={state === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="task-due">
            {task.status === 'done' && task.doneAt
              ? t('tasks.doneAt', { time: SHORT(task.doneAt) })
              : task.dueAt
                ? t('tasks.due', { time: SHORT(task.dueAt) })
                : t('tasks.noDue')}
          </Typography.Text>
          {href ? (
            <Link to={href} style={{ fontSize: 12 }} data-testid="task-related-link">
              <LinkOutlined /> {isRelatedType(task.relatedType) ? t(`calendar.task.relatedType.${task.relatedType}`) : null}
              {task.source !== 'follow-up' && task.relatedLabel ? ` · ${task.relatedLabel}` : null}
            </Link>
          ) : null}
          {showAssignee && task.assigneeName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tasks.assignee', { name: task.assigneeName })}
            </Typography.Text>
          ) : null}
        </Flex>
      </div>
    </Flex>
  );
}
