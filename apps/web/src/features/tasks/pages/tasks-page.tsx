import { useState } from 'react';
import { App, Button, Card, Empty, Segmented, Skeleton } from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TTask, TTaskStatus } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { Permission } from '@crm/contracts';
import { useTasks, useUpdateTask, type TaskFilters } from '../api/tasks.queries.ts';
import { TaskDetailDrawer } from '../components/task-detail-drawer.tsx';
import { TaskFormDrawer } from '../components/task-form-drawer.tsx';
import { TaskItem } from '../components/task-item.tsx';
import { useTaskParam } from '../hooks/use-task-param.ts';

/** 我的待办: open tasks soonest first (overdue and due today highlighted), done with one click. */
export function TasksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const me = useCurrentUser();
  const navigate = useNavigate();
  // Someone whose data scope is wider than their own records may look at the team's tasks.
  const canSeeTeam = me.dataScope !== 'own';
  const mayAssign = usePermission(Permission.taskAssign);
  const canAssign = canSeeTeam && mayAssign;
  const canCreate = usePermission(Permission.taskUpdate);
  const [openTaskId, openTask, closeTask] = useTaskParam();
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<TaskFilters>({ view: 'mine', status: 'open' });
  const tasks = useTasks(filters);
  const update = useUpdateTask();
  const items = flattenPages(tasks.data);

  const setStatus = (task: TTask, status: TTaskStatus) =>
    update.mutate(
      { id: task.id, body: { version: task.version, status } },
      {
        onSuccess: () => void message.success(status === 'done' ? t('tasks.completed') : t('tasks.reopened')),
        onError: (e) => showError(e, { onStale: () => void tasks.refetch() }),
      },
    );

  return (
    <PageContainer
      title={t('tasks.title')}
      extra={
        <>
          {canSeeTeam ? (
            <Segmented<TaskFilters['view']>
              value={filters.view}
              onChange={(view) => setFilters((f) => ({ ...f, view }))}
              options={[
                { value: 'mine', label: t('tasks.viewMine') },
                ...(canAssign ? [{ value: 'assigned' as const, label: t('calendar.task.viewAssigned') }] : []),
                { value: 'scope', label: t('tasks.viewTeam') },
              ]}
              data-testid="tasks-view"
            />
          ) : null}
          <Segmented<TTaskStatus>
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            options={(['open', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
            data-testid="tasks-status"
          />
          <Button icon={<CalendarOutlined />} onClick={() => navigate('/calendar')}>
            {t('calendar.menu')}
          </Button>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
              {t('calendar.task.new')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card styles={{ body: { padding: 0 } }} data-testid="tasks-list">
        {tasks.isPending ? (
          <div style={{ padding: 16 }}>
            <Skeleton active paragraph={{ rows: 4 }} />
          </div>
        ) : tasks.isError ? (
          <div style={{ padding: 16 }}>
            <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={filters.status === 'open' ? t('tasks.emptyOpen') : t('tasks.empty')}
            style={{ padding: '32px 0' }}
          />
        ) : (
          <>
            {items.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                showAssignee={filters.view !== 'mine'}
                busy={update.isPending && update.variables?.id === task.id}
                onComplete={() => setStatus(task, 'done')}
                onReopen={() => setStatus(task, 'open')}
                onOpen={() => openTask(task.id)}
              />
            ))}
            <LoadMore
              count={items.length}
              hasMore={tasks.hasNextPage}
              loading={tasks.isFetchingNextPage}
              onLoadMore={() => void tasks.fetchNextPage()}
            />
          </>
        )}
      </Card>
      <TaskDetailDrawer taskId={openTaskId} onClose={closeTask} />
      <TaskFormDrawer open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
