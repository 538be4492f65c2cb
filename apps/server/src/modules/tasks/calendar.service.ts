import type { TCalendar, TCalendarEvent, TCalendarEventType, TCalendarQuery, TTask } from '@crm/contracts';
import { scopeFilter } from '../../kernel/access/access.ts';
import { writeListAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import { addDays, businessDate, startOfBusinessDay, type Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { People } from '../admin/index.ts';
import { findUserInScope } from './task-people.ts';
import * as repo from './tasks.repository.ts';
import type { TaskService } from './tasks.service.ts';

/**
 * What a task shows as on the calendar. Planned visits are tasks of kind `visit`: an activity
 * records what happened (its time cannot lie in the future), a task plans what will. Next
 * follow-ups are the follow-up tasks that an activity's next follow-up date creates.
 */
export function calendarEventType(task: Pick<TTask, 'kind' | 'source'>): TCalendarEventType {
  if (task.source === 'follow-up') return 'follow-up';
  if (task.kind === 'visit') return 'visit';
  return 'task';
}

/** 日程: one person's tasks, planned visits and next follow-ups, by business day. */
export function createCalendarService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summary'>;
  tasks: Pick<TaskService, 'present'>;
}) {
  const { db, clock } = deps;
  return {
    /** My calendar, or (within my data scope) a team member's; anyone else's answers 404. */
    async read(actor: Actor, query: TCalendarQuery): Promise<TCalendar> {
      const userId = query.userId ?? actor.userId;
      if (!userId) throw new AppError(CommonError.NOT_FOUND);
      const user = await findUserInScope(deps.people, actor, userId);
      if (!user) throw new AppError(CommonError.NOT_FOUND);
      const rows = await repo.listTasksDueBetween(db, {
        scope: scopeFilter(actor, repo.taskScopeColumns),
        assigneeId: userId,
        from: startOfBusinessDay(query.from, clock.timezone),
        to: startOfBusinessDay(addDays(query.to, 1), clock.timezone),
        statuses: query.includeDone === false ? ['open'] : ['open', 'done'],
      });
      await writeListAudit(db, actor, { action: 'calendar.read', entityType: 'task' }, { ...query, userId });
      const now = clock.now().getTime();
      const tasks = await deps.tasks.present(rows);
      const events: TCalendarEvent[] = tasks.map((task, i) => {
        const dueAt = rows[i]!.dueAt!;
        return {
          type: calendarEventType(task),
          date: businessDate(dueAt, clock.timezone),
          at: dueAt.toISOString(),
          isOverdue: task.status === 'open' && dueAt.getTime() < now,
          task,
        };
      });
      return { from: query.from, to: query.to, userId, userName: user.displayName, events };
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
