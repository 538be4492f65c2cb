import type { TNotification, TTask } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let rep1: Session; // rep.east1 黄磊, 华东一组
let rep2: Session; // rep.north1 朱峰, 华北一组
let mgr: Session; // mgr.east 张伟, 华东大区

const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, mgr] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east')]);
});

const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

let seq = 0;
/** A customer of the session's user with a visit whose follow-up is due after `dueInMs`; answers the follow-up task. */
async function followUp(s: Session, dueInMs: number): Promise<TTask> {
  seq += 1;
  const customer = await s.request({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: `无锡待办测试${'甲乙丙丁戊己庚辛壬癸'[seq % 10]}${seq}号仪表有限公司`, type: 'industrial' },
  });
  expect(customer.statusCode).toBe(201);
  const id = customer.json().id;
  const activity = await s.request({
    method: 'POST',
    url: `/api/v1/customers/${id}/activities`,
    payload: { type: 'call', content: '电话沟通招标计划', occurredAt: at(-HOUR), nextFollowUpAt: at(dueInMs) },
  });
  expect(activity.statusCode).toBe(201);
  const tasks = (await s.request({ method: 'GET', url: `/api/v1/tasks?relatedId=${id}` })).json().items as TTask[];
  expect(tasks).toHaveLength(1);
  return tasks[0]!;
}

async function unreadDueNotifications(s: Session): Promise<TNotification[]> {
  const items = (await s.request({ method: 'GET', url: '/api/v1/notifications?unread=true&limit=200' })).json().items as TNotification[];
  return items.filter((n) => n.kind === 'tasks.due');
}

const runReminderJob = () => t.kernel.jobs.runNow(t.modules.tasks.jobs.notifyDue, {});

describe('tasks', () => {
  it('lists my open tasks soonest first; filters by status, due time and overdue', async () => {
    const later = await followUp(rep1, 50 * HOUR);
    const sooner = await followUp(rep1, 5 * HOUR);
    const mine = (await rep1.request({ method: 'GET', url: '/api/v1/tasks?status=open' })).json().items as TTask[];
    const ids = mine.map((x) => x.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(mine.every((x) => x.assigneeName === '黄磊' && x.status === 'open')).toBe(true);
    const dueSoon = (await rep1.request({ method: 'GET', url: `/api/v1/tasks?dueBefore=${encodeURIComponent(at(24 * HOUR))}` })).json()
      .items as TTask[];
    expect(dueSoon.map((x) => x.id)).toContain(sooner.id);
    expect(dueSoon.map((x) => x.id)).not.toContain(later.id);
    expect((await rep1.request({ method: 'GET', url: '/api/v1/tasks?overdue=true' })).json().items).toEqual([]);
  });

  it('completes with one call, reopens, and moves the due time; a stale version is refused', async () => {
    const task = await followUp(rep1, 10 * HOUR);
    const url = `/api/v1/tasks/${task.id}`;
    const done = await rep1.request({ method: 'PATCH', url, payload: { version: task.version, status: 'done' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneAt: t.clock.now().toISOString() });
    const open = (await rep1.request({ method: 'GET', url: '/api/v1/tasks?status=open&limit=200' })).json().items as TTask[];
    expect(open.map((x) => x.id)).not.toContain(task.id);
    expect((await rep1.request({ method: 'PATCH', url, payload: { version: task.version, status: 'open' } })).statusCode).toBe(409);
    const moveWhileDone = await rep1.request({ method: 'PATCH', url, payload: { version: done.json().version, dueAt: at(20 * HOUR) } });
    expect(moveWhileDone.json().code).toBe('TASK_NOT_OPEN');
    const reopened = await rep1.request({ method: 'PATCH', url, payload: { version: done.json().version, status: 'open' } });
    expect(reopened.json()).toMatchObject({ status: 'open', doneAt: null });
    const moved = await rep1.request({ method: 'PATCH', url, payload: { version: reopened.json().version, dueAt: at(30 * HOUR) } });
    expect(moved.json().dueAt).toBe(at(30 * HOUR));
    const admin = await t.login('admin');
    const log = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=task&entityId=${task.id}` })).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['task.complete', 'task.reopen', 'task.update']));
  });

  it('a manager lists the team’s tasks through the data scope; another rep neither sees nor changes them', async () => {
    const task = await followUp(rep1, 8 * HOUR);
    const own = (await mgr.request({ method: 'GET', url: '/api/v1/tasks?limit=200' })).json().items as TTask[];
    expect(own.map((x) => x.id)).not.toContain(task.id);
    const team = (await mgr.request({ method: 'GET', url: '/api/v1/tasks?view=scope&limit=200' })).json().items as TTask[];
    expect(team.map((x) => x.id)).toContain(task.id);
    const other = (await rep2.request({ method: 'GET', url: '/api/v1/tasks?view=scope&limit=200' })).json().items as TTask[];
    expect(other.map((x) => x.id)).not.toContain(task.id);
    const write = await rep2.request({
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      payload: { version: task.version, status: 'done' },
    });
    expect(write.statusCode).toBe(404);
  });
});

describe('the due-task reminder job', () => {
  it('tells the assignee once when a task becomes due, and again only after the due time moves', async () => {
    const task = await followUp(rep2, 2 * HOUR);
    const before = (await unreadDueNotifications(rep2)).length;
    await runReminderJob();
    expect(await unreadDueNotifications(rep2)).toHaveLength(before);

    const start = t.clock.now();
    try {
      t.clock.advance(3 * HOUR);
      await runReminderJob();
      const fresh = await t.login('rep.north1');
      const notes = await unreadDueNotifications(fresh);
      expect(notes).toHaveLength(before + 1);
      expect(notes[0]).toMatchObject({ entityType: 'task', entityId: task.id, link: `/customers/${task.relatedId}` });
      expect(notes[0]!.title).toContain(task.title);
      await runReminderJob();
      expect(await unreadDueNotifications(fresh)).toHaveLength(before + 1);

      const current = (await fresh.request({ method: 'GET', url: `/api/v1/tasks?relatedId=${task.relatedId}` })).json().items[0] as TTask;
      const moved = await fresh.request({
        method: 'PATCH',
        url: `/api/v1/tasks/${task.id}`,
        payload: { version: current.version, dueAt: at(HOUR) },
      });
      expect(moved.statusCode).toBe(200);
      t.clock.advance(2 * HOUR);
      await runReminderJob();
      const again = await t.login('rep.north1');
      expect(await unreadDueNotifications(again)).toHaveLength(before + 2);
      // Done tasks are never announced.
      const done = await followUp(again, HOUR);
      const latest = (await again.request({ method: 'GET', url: `/api/v1/tasks?relatedId=${done.relatedId}` })).json().items[0] as TTask;
      await again.request({ method: 'PATCH', url: `/api/v1/tasks/${done.id}`, payload: { version: latest.version, status: 'done' } });
      t.clock.advance(2 * HOUR);
      await runReminderJob();
      expect(await unreadDueNotifications(await t.login('rep.north1'))).toHaveLength(before + 2);
    } finally {
      t.clock.set(start);
      rep2 = await t.login('rep.north1');
    }
  });
});
