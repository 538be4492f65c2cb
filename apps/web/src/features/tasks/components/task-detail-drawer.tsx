import { useState } from 'react';
import { App, Button, Descriptions, Flex, Popconfirm, Result, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, LinkOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { relatedRecordPath, type TTask, type TTaskStatus } from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useTask, useUpdateTask } from '../api/tasks.queries.ts';
import { dueState } from './task-item.tsx';
import { isRelatedType, TASK_KIND_LOOK } from './task-kind.tsx';
import { TaskFormDrawer } from './task-form-drawer.tsx';

const SHORT = (value: string | null) => (value ? formatDateTime(value).slice(0, 16) : null);

interface Props {
  taskId: string | null;
  onClose: () => void;
}

/** 待办详情: everything about one task, with complete / reopen, edit and cancel. */
export function TaskDetailDrawer({ taskId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const query = useTask(taskId);
  const update = useUpdateTask();
  const [editing, setEditing] = useState(false);
  const task = query.data;

  const setStatus = (current: TTask, status: TTaskStatus) =>
    update.mutate(
      { id: current.id, body: { version: current.version, status } },
      {
        onSuccess: () =>
          void message.success(
            status === 'done' ? t('tasks.completed') : status === 'open' ? t('tasks.reopened') : t('calendar.task.cancelledMessage'),
          ),
        onError: (e) => showError(e, { onStale: () => void query.refetch() }),
      },
    );

  const state = task ? dueState(task) : 'none';
  const href = task ? relatedRecordPath(task.relatedType, task.relatedId) : null;
  const title = task && task.source === 'follow-up' && task.relatedLabel ? t('tasks.followUp', { label: task.relatedLabel }) : task?.title;

  return (
    <>
      <ResponsiveDrawer
        open={taskId !== null}
        onClose={onClose}
        width={480}
        title={t('calendar.task.detail')}
        footer={
          task ? (
            <Flex justify="flex-end" gap={8} wrap>
              {task.status === 'open' ? (
                <>
                  <Popconfirm title={t('calendar.task.cancelConfirm')} onConfirm={() => setStatus(task, 'cancelled')}>
                    <Button icon={<CloseOutlined />} disabled={update.isPending} data-testid="task-cancel">
                      {t('calendar.task.cancel')}
                    </Button>
                  </Popconfirm>
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="task-edit">
                    {t('common.edit')}
                  </Button>
                  <Button
                    type="primary"
                    icon={<CheckOutlined />}
                    loading={update.isPending}
                    onClick={() => setStatus(task, 'done')}
                    data-testid="task-detail-complete"
                  >
                    {t('calendar.task.complete')}
                  </Button>
                </>
              ) : (
                <Button
                  icon={<UndoOutlined />}
                  loading={update.isPending}
                  onClick={() => setStatus(task, 'open')}
                  data-testid="task-detail-reopen"
                >
                  {t('calendar.task.reopen')}
                </Button>
              )}
            </Flex>
          ) : null
        }
      >
        {query.isPending && taskId ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : query.isError ? (
          isApiError(query.error) && query.error.status === 404 ? (
            <Result status="404" subTitle={t('calendar.task.notFound')} />
          ) : (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          )
        ) : task ? (
          <div data-testid="task-detail">
            <Flex align="flex-start" gap={10} style={{ marginBottom: 16 }}>
              <span style={{ color: TASK_KIND_LOOK[task.kind].color, fontSize: 20, lineHeight: '28px' }}>
                {TASK_KIND_LOOK[task.kind].icon}
              </span>
              <div style={{ minWidth: 0 }}>
                <Typography.Title
                  level={5}
                  style={{ margin: 0, wordBreak: 'break-word' }}
                  delete={task.status !== 'open'}
                  data-testid="task-detail-title"
                >
                  {title}
                </Typography.Title>
                <Flex gap={4} wrap style={{ marginTop: 6 }}>
                  <Tag color={TASK_KIND_LOOK[task.kind].color}>{t(`calendar.task.kind.${task.kind}`)}</Tag>
                  <Tag color={task.status === 'done' ? 'success' : task.status === 'cancelled' ? 'default' : 'processing'}>
                    {t(`tasks.status.${task.status}`)}
                  </Tag>
                  {state === 'overdue' ? <Tag color="red">{t('tasks.overdue')}</Tag> : null}
                  {state === 'today' ? <Tag color="orange">{t('tasks.today')}</Tag> : null}
                </Flex>
              </div>
            </Flex>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 96 } }}
              items={[
                { key: 'due', label: t('calendar.task.dueAt'), children: SHORT(task.dueAt) ?? t('calendar.task.noDue') },
                { key: 'remind', label: t('calendar.task.remind'), children: SHORT(task.remindAt) ?? t('calendar.task.noRemind') },
                { key: 'assignee', label: t('calendar.task.assignee'), children: task.assigneeName ?? '—' },
                ...(task.createdBy && task.createdBy !== task.assigneeId
                  ? [{ key: 'by', label: t('calendar.task.assignedBy'), children: task.createdByName ?? '—' }]
                  : []),
                {
                  key: 'related',
                  label: t('calendar.task.related'),
                  children: task.relatedLabel ? (
                    href ? (
                      <Link to={href} data-testid="task-detail-related">
                        <LinkOutlined /> {isRelatedType(task.relatedType) ? `${t(`calendar.task.relatedType.${task.relatedType}`)} · ` : ''}
                        {task.relatedLabel}
                      </Link>
                    ) : (
                      task.relatedLabel
                    )
                  ) : (
                    '—'
                  ),
                },
                ...(task.status === 'done' && task.doneAt
                  ? [{ key: 'done', label: t('tasks.status.done'), children: SHORT(task.doneAt) }]
                  : []),
                {
                  key: 'source',
                  label: t('calendar.task.createdAt'),
                  children: `${SHORT(task.createdAt)} · ${t(`calendar.task.source.${task.source}`)}`,
                },
              ]}
            />
            {task.notes ? (
              <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, borderRadius: 6 }}>
                {task.notes}
              </Typography.Paragraph>
            ) : null}
          </div>
        ) : null}
      </ResponsiveDrawer>
      <TaskFormDrawer open={editing && !!task} task={task} onClose={() => setEditing(false)} />
    </>
  );
}
