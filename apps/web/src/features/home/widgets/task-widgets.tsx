import { useCallback, useMemo } from 'react';
import { Badge, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TMe, TPage, TTask } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDateTime, formatRelative } from '../../../shared/utils/format.ts';
import { tasksQueryKeys } from '../../tasks/api/tasks.queries.ts';
import '../../targets/targets.css';

const WEEK_MS = 7 * 86_400_000;

function TaskLine({ task, showAssignee, overdue }: { task: TTask; showAssignee: boolean; overdue: boolean }) {
  const { t } = useTranslation();
  // The task opens in the tasks page's drawer, which links on to the record it is about.
  const to = `/tasks?${new URLSearchParams({ task: task.id }).toString()}`;
  return (
    <Link to={to} className="dashboard-list-item" data-testid={`home-task-${task.id}`}>
      <Badge status={overdue ? 'error' : 'processing'} style={{ marginTop: 4 }} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text ellipsis style={{ display: 'block' }}>
          {task.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {overdue ? t('targets.dashboard.overdueSince', { time: formatRelative(task.dueAt) }) : formatDateTime(task.dueAt).slice(0, 16)}
          {task.relatedLabel ? ` · ${task.relatedLabel}` : ''}
        </Typography.Text>
      </div>
      {showAssignee && task.assigneeName ? <Tag style={{ marginInlineEnd: 0 }}>{task.assigneeName}</Tag> : null}
    </Link>
  );
}

function TaskListCard(props: {
  title: string;
  empty: string;
  /** A name for the list in the cache, and its filters (computed when fetched: "the next 7 days" moves). */
  name: string;
  query: () => Record<string, string | number | boolean>;
  testId: string;
  showAssignee: boolean;
  overdue: boolean;
  keep?: (task: TTask) => boolean;
}) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: [...tasksQueryKeys.all, 'dashboard', props.name],
    queryFn: ({ signal }) => api.get<TPage<TTask>>('/tasks', props.query(), { signal }),
  });
  const items = useMemo(() => (list.data?.items ?? []).filter(props.keep ?? (() => true)).slice(0, 6), [list.data, props.keep]);
  return (
    <Card
      title={props.title}
      extra={<Link to="/tasks">{t('targets.dashboard.viewAll')}</Link>}
      style={{ height: '100%' }}
      styles={{ body: { paddingTop: 8, paddingBottom: 8 } }}
      data-testid={props.testId}
    >
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} />
      ) : (
        items.map((task) => <TaskLine key={task.id} task={task} showAssignee={props.showAssignee} overdue={props.overdue} />)
      )}
    </Card>
  );
}

const upcomingQuery = () => {
  const now = Date.now();
  return {
    view: 'mine',
    status: 'open',
    dueAfter: new Date(now).toISOString(),
    dueBefore: new Date(now + WEEK_MS).toISOString(),
    limit: 20,
  };
};

/** 近期待办: my open tasks due in the next seven days, soonest first. */
export function UpcomingTasksWidget() {
  const { t } = useTranslation();
  return (
    <TaskListCard
      title={t('targets.dashboard.tasksTitle')}
      empty={t('targets.dashboard.tasksEmpty')}
      name="upcoming"
      query={upcomingQuery}
      testId="home-upcoming-tasks"
      showAssignee={false}
      overdue={false}
    />
  );
}

const isFollowUp = (task: TTask) => task.source === 'follow-up';

/** 逾期跟进: follow-ups whose time has passed, mine for a rep, the team's for a manager, all for a director. */
export function OverdueFollowUpsWidget({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const wide = me.dataScope !== 'own';
  const query = useCallback(() => ({ view: wide ? 'scope' : 'mine', overdue: true, limit: 50 }), [wide]);
  return (
    <TaskListCard
      title={t('targets.dashboard.overdueTitle')}
      empty={t('targets.dashboard.overdueEmpty')}
      name={wide ? 'overdue-scope' : 'overdue-mine'}
      query={query}
      testId="home-overdue-follow-ups"
      showAssignee={wide}
      overdue
      keep={isFollowUp}
    />
  );
}
