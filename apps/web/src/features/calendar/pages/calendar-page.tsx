import { useMemo, useState } from 'react';
import { Button, Flex, Segmented, Spin, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Permission, type TCalendarEvent } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useCalendar } from '../../tasks/api/tasks.queries.ts';
import { AssigneeSelect } from '../../tasks/components/assignee-select.tsx';
import { TaskDetailDrawer } from '../../tasks/components/task-detail-drawer.tsx';
import { TaskFormDrawer } from '../../tasks/components/task-form-drawer.tsx';
import { EVENT_LOOK, OVERDUE_COLOR } from '../../tasks/components/task-kind.tsx';
import { useTaskParam } from '../../tasks/hooks/use-task-param.ts';
import { DATE, defaultDueOn, shift, visibleDays, type CalendarView } from '../calendar-dates.ts';
import { AgendaList } from '../components/agenda-list.tsx';
import { DayPanel } from '../components/day-panel.tsx';
import { MiniMonth } from '../components/mini-month.tsx';
import { MonthGrid } from '../components/month-grid.tsx';
import { WeekView } from '../components/week-view.tsx';
import '../calendar.css';

const isView = (v: string | null): v is CalendarView => v === 'month' || v === 'week';

/**
 * 日程: a month grid or a week of one person's tasks, planned visits and next follow-ups. A click on
 * a day selects it (and shows it beside the grid), on an entry opens the task; "+" adds a task on
 * that day. Phones get a day picker and an agenda list per day. View, day, person and open task
 * live in the address.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const me = useCurrentUser();
  const canCreate = usePermission(Permission.taskUpdate);
  const [params, setParams] = useSearchParams();
  const [openTaskId, openTask, closeTask] = useTaskParam();
  const [creatingOn, setCreatingOn] = useState<Dayjs | null>(null);

  const view: CalendarView = isView(params.get('view')) ? (params.get('view') as CalendarView) : isMobile ? 'week' : 'month';
  const dateParam = params.get('date');
  const selected = dateParam && dayjs(dateParam, DATE, true).isValid() ? dateParam : dayjs().format(DATE);
  const anchor = dayjs(selected);
  const userId = params.get('user') ?? undefined;
  const canPickUser = me.dataScope !== 'own';

  const update = (changes: Record<string, string | null>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const days = visibleDays(view, anchor);
  const range = { from: days[0]!.format(DATE), to: days[days.length - 1]!.format(DATE), userId };
  const calendar = useCalendar(range);
  const today = dayjs();

  const eventsByDate = useMemo(() => {
    const map = new Map<string, TCalendarEvent[]>();
    for (const e of calendar.data?.events ?? []) map.set(e.date, [...(map.get(e.date) ?? []), e]);
    return map;
  }, [calendar.data]);

  const heading =
    view === 'month'
      ? anchor.format(t('calendar.monthFormat'))
      : `${days[0]!.format(t('calendar.weekRangeFormat'))} – ${days[6]!.format(t('calendar.weekRangeFormat'))}`;
  const viewingOther = userId !== undefined && userId !== me.id;
  const title = viewingOther && calendar.data?.userName ? t('calendar.titleOf', { name: calendar.data.userName }) : t('calendar.title');
  const add = canCreate ? (day: Dayjs) => setCreatingOn(defaultDueOn(day)) : undefined;
  const selectDay = (date: string) => update({ date });

  const toolbar = (
    <Flex align="center" justify="space-between" gap={8} wrap className="calendar-toolbar">
      <Flex align="center" gap={4}>
        <Button
          icon={<LeftOutlined />}
          aria-label={t('calendar.prev')}
          onClick={() => update({ date: shift(view, anchor, -1).format(DATE) })}
          data-testid="calendar-prev"
        />
        <Button onClick={() => update({ date: dayjs().format(DATE) })} data-testid="calendar-today">
          {t('calendar.today')}
        </Button>
        <Button
          icon={<RightOutlined />}
          aria-label={t('calendar.next')}
          onClick={() => update({ date: shift(view, anchor, 1).format(DATE) })}
          data-testid="calendar-next"
        />
        <Typography.Title level={5} style={{ margin: '0 0 0 8px', whiteSpace: 'nowrap' }} data-testid="calendar-heading">
          {heading}
        </Typography.Title>
        {calendar.isFetching ? <Spin size="small" style={{ marginInlineStart: 8 }} data-testid="calendar-loading" /> : null}
      </Flex>
      <Flex align="center" gap={12} wrap className="calendar-legend">
        {(['task', 'visit', 'follow-up'] as const).map((type) => (
          <span key={type}>
            <i style={{ background: EVENT_LOOK[type].color }} />
            {t(`calendar.eventType.${type}`)}
          </span>
        ))}
        <span>
          <i style={{ background: OVERDUE_COLOR }} />
          {t('calendar.overdue')}
        </span>
      </Flex>
    </Flex>
  );

  const body = calendar.isError ? (
    <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
  ) : isMobile ? (
    <>
      <MiniMonth
        days={days}
        anchor={view === 'month' ? anchor : null}
        today={today}
        selected={selected}
        eventsByDate={eventsByDate}
        onSelectDay={selectDay}
      />
      <AgendaList
        days={days}
        today={today}
        selected={selected}
        eventsByDate={eventsByDate}
        showEmptyDays={view === 'week'}
        onOpen={openTask}
        onAdd={add}
      />
    </>
  ) : (
    <div className="calendar-layout">
      {view === 'month' ? (
        <MonthGrid
          days={days}
          anchor={anchor}
          today={today}
          selected={selected}
          eventsByDate={eventsByDate}
          onSelectDay={selectDay}
          onOpen={openTask}
          onAdd={add}
        />
      ) : (
        <WeekView
          days={days}
          today={today}
          selected={selected}
          eventsByDate={eventsByDate}
          onSelectDay={selectDay}
          onOpen={openTask}
          onAdd={add}
        />
      )}
      <DayPanel date={selected} events={eventsByDate.get(selected) ?? []} onOpen={openTask} onAdd={add ? () => add(anchor) : undefined} />
    </div>
  );

  return (
    <PageContainer
      title={<span data-testid="calendar-title">{title}</span>}
      extra={
        <>
          {canPickUser ? (
            <div style={{ width: isMobile ? '100%' : 220 }}>
              <AssigneeSelect
                value={userId ?? me.id}
                currentName={calendar.data?.userName}
                onChange={(id) => update({ user: id === me.id ? null : id })}
                data-testid="calendar-user"
              />
            </div>
          ) : null}
          <Segmented<CalendarView>
            value={view}
            onChange={(v) => update({ view: v })}
            options={[
              { value: 'month', label: t('calendar.view.month') },
              { value: 'week', label: t('calendar.view.week') },
            ]}
            data-testid="calendar-view"
          />
          {add ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => add(anchor)} data-testid="calendar-new-task">
              {t('calendar.addTask')}
            </Button>
          ) : null}
        </>
      }
    >
      {toolbar}
      {body}
      <TaskDetailDrawer taskId={openTaskId} onClose={closeTask} />
      <TaskFormDrawer
        open={creatingOn !== null}
        defaultDueAt={creatingOn}
        defaultAssigneeId={viewingOther ? userId : undefined}
        onClose={() => setCreatingOn(null)}
        onSaved={(task) => {
          if (task.dueAt) update({ date: dayjs(task.dueAt).format(DATE) });
        }}
      />
    </PageContainer>
  );
}
