import type { TCalendar, TCustomer, TNotification, TTask } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let rep1: Session; // rep.east1 黄磊, 华东一组 (owns 南京华能电气设备有限公司)
let rep2: Session; // rep.east2 周杰, 华东一组
let north: Session; // rep.north1 朱峰, 华北一组
let mgr: Session; // mgr.east 张伟, 华东大区
let admin: Session;

const HOUR = 3_600_000;
// The test clock starts on Monday 2026-11-02 at 10:00 in Shanghai (02:00 UTC).

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, north, mgr, admin] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('admin'),
  ]);
});

const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();
const post = (s: Session, payload: unknown) => s.request({ method: 'POST', url: '/api/v1/tasks', payload });
const patch = (s: Session, id: string, payload: unknown) => s.request({ method: 'PATCH', url: `/api/v1/tasks/${id}`, payload });
const calendar = (s: Session, query: string) => s.request({ method: 'GET', url: `/api/v1/calendar?${query}` });

async function notifications(s: Session, kind: string): Promise<TNotification[]> {
  const items = (await s.request({ method: 'GET', url: '/api/v1/notifications?limit=200' })).json().items as TNotification[];
  return items.filter((n) => n.kind === kind);
}

async function customerOf(s: Session, name: string): Promise<string> {
  const found = (
    (await s.request({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(name)}` })).json().items as TCustomer[]
  ).find((c) => c.name === name);
  if (!found) throw new Error(`${name} not visible`);
  return found.id;
}

async function auditActions(entityId: string): Promise<string[]> {
  const items = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=task&entityId=${entityId}` })).json().items;
  return items.map((e: { action: string }) => e.action);
}

const runReminderJob = () => t.kernel.jobs.runNow(t.modules.tasks.jobs.notifyDue, {});

describe('tasks for oneself and assigned tasks', () => {
  it('a rep writes down a task for themselves about their customer; the label comes from the customer', async () => {
    const customerId = await customerOf(rep1, '南京华能电气设备有限公司');
    const res = await post(rep1, {
      title: '准备电表招标技术文件',
      kind: 'todo',
      dueAt: at(26 * HOUR),
      relatedType: 'customer',
      relatedId: customerId,
      relatedLabel: '随便写的名字',
    });
    expect(res.statusCode).toBe(201);
    const task: TTask = res.json();
    expect(task).toMatchObject({
      assigneeName: '黄磊',
      createdByName: '黄磊',
      kind: 'todo',
      status: 'open',
      source: 'manual',
      relatedType: 'customer',
      relatedId: customerId,
      relatedLabel: '南京华能电气设备有限公司',
      remindAt: null,
    });
    expect(await auditActions(task.id)).toContain('task.create');
    // Nobody is told about a task one gives oneself.
    expect((await notifications(rep1, 'tasks.assigned')).map((n) => n.entityId)).not.toContain(task.id);
  });

  it('a manager gives a rep of the team a task; the rep is told in the inbox and the assignment is audited', async () => {
    const res = await post(mgr, {
      title: '回访苏州供电分公司，确认二期电表需求',
      kind: 'visit',
      dueAt: at(48 * HOUR),
      remindAt: at(47 * HOUR),
      assigneeId: rep2.userId,
      notes: '带上新款三相表样机',
    });
    expect(res.statusCode).toBe(201);
    const task: TTask = res.json();
    expect(task).toMatchObject({
      assigneeId: rep2.userId,
      assigneeName: '周杰',
      createdBy: mgr.userId,
      createdByName: '张伟',
      kind: 'visit',
    });

    const told = (await notifications(rep2, 'tasks.assigned')).find((n) => n.entityId === task.id);
    expect(told).toMatchObject({ entityType: 'task', link: `/tasks?task=${task.id}`, readAt: null });
    expect(told!.title).toBe('张伟 给您分配了待办：回访苏州供电分公司，确认二期电表需求');
    expect(told!.body).toContain('2026-11-04 10:00');
    expect(await auditActions(task.id)).toEqual(['task.assign']);

    const mine = (await rep2.request({ method: 'GET', url: '/api/v1/tasks?limit=200' })).json().items as TTask[];
    expect(mine.map((x) => x.id)).toContain(task.id);
    const given = (await mgr.request({ method: 'GET', url: '/api/v1/tasks?view=assigned&limit=200' })).json().items as TTask[];
    expect(given.map((x) => x.id)).toContain(task.id);
    expect((await mgr.request({ method: 'GET', url: '/api/v1/tasks?limit=200' })).json().items.map((x: TTask) => x.id)).not.toContain(
      task.id,
    );
    // The rep opens it from the inbox link.
    expect((await rep2.request({ method: 'GET', url: `/api/v1/tasks/${task.id}` })).json()).toMatchObject({ notes: '带上新款三相表样机' });
  });

  it('a manager hands a task to another rep of the team, who is told; the first rep no longer has it', async () => {
    const task: TTask = (await post(mgr, { title: '整理华东区框架协议清单', assigneeId: rep2.userId, dueAt: at(30 * HOUR) })).json();
    const res = await patch(mgr, task.id, { version: task.version, assigneeId: rep1.userId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ assigneeId: rep1.userId, assigneeName: '黄磊' });
    expect((await notifications(rep1, 'tasks.assigned')).map((n) => n.entityId)).toContain(task.id);
    expect((await rep2.request({ method: 'GET', url: `/api/v1/tasks/${task.id}` })).statusCode).toBe(404);
    expect(await auditActions(task.id)).toEqual(expect.arrayContaining(['task.assign', 'task.reassign']));
  });

  it('nobody assigns outside their data scope: a rep to a colleague, a manager to another region', async () => {
    const byRep = await post(rep1, { title: '帮我跟一下华能', assigneeId: rep2.userId });
    expect(byRep.statusCode).toBe(403);
    expect(byRep.json()).toMatchObject({ code: 'TASK_ASSIGNEE_NOT_ALLOWED', errors: [expect.objectContaining({ path: 'assigneeId' })] });
    const byManager = await post(mgr, { title: '华北的事', assigneeId: north.userId });
    expect(byManager.statusCode).toBe(403);
    // Handing an own task to someone out of scope is refused the same way.
    const own: TTask = (await post(rep1, { title: '自己的待办' })).json();
    expect((await patch(rep1, own.id, { version: own.version, assigneeId: north.userId })).statusCode).toBe(403);
    expect((await notifications(north, 'tasks.assigned')).filter((n) => n.title.includes('华北的事'))).toEqual([]);
  });

  it('links only records the user sees, and refuses a reminder after the due time', async () => {
    const customerId = await customerOf(rep1, '南京华能电气设备有限公司');
    const foreign = await post(north, { title: '看看华东的客户', relatedType: 'customer', relatedId: customerId });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('TASK_RELATED_NOT_FOUND');
    const late = await post(rep1, { title: '提醒太晚', dueAt: at(2 * HOUR), remindAt: at(3 * HOUR) });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('TASK_REMINDER_AFTER_DUE');
    // A link to a kind of record whose module registers no check (contracts come with a later module) keeps the given label.
    const contractId = '00000000-0000-4000-8000-000000000001';
    const linked = await post(rep1, {
      title: '合同回款跟进',
      relatedType: 'contract',
      relatedId: contractId,
      relatedLabel: 'HT202611-00001',
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({ relatedType: 'contract', relatedId: contractId, relatedLabel: 'HT202611-00001' });
    expect((await post(rep1, { title: '只有类型没有编号', relatedType: 'contract' })).statusCode).toBe(400);
  });
});

describe('the reminder job', () => {
  it('tells the assignee at the reminder time, once, and again only when the reminder moves', async () => {
    const task: TTask = (
      await post(rep1, { title: '给国网江苏打电话确认开标时间', kind: 'call', dueAt: at(3 * HOUR), remindAt: at(2 * HOUR) })
    ).json();
    const reminders = async () => (await notifications(await t.login('rep.east1'), 'tasks.reminder')).filter((n) => n.entityId === task.id);
    const start = t.clock.now();
    try {
      t.clock.advance(HOUR);
      await runReminderJob();
      expect(await reminders()).toEqual([]);

      t.clock.advance(HOUR + 5 * 60_000);
      await runReminderJob();
      const first = await reminders();
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ title: '待办提醒：给国网江苏打电话确认开标时间', link: `/tasks?task=${task.id}` });
      expect(first[0]!.body).toContain('2026-11-02 13:00');

      // Past the due time nothing more comes: the task was reminded already.
      await runReminderJob();
      t.clock.advance(2 * HOUR);
      await runReminderJob();
      expect(await reminders()).toHaveLength(1);
      const due = (await notifications(await t.login('rep.east1'), 'tasks.due')).filter((n) => n.entityId === task.id);
      expect(due).toEqual([]);

      // A new reminder time is announced again when it comes.
      const current: TTask = (await (await t.login('rep.east1')).request({ method: 'GET', url: `/api/v1/tasks/${task.id}` })).json();
      const moved = await patch(await t.login('rep.east1'), task.id, {
        version: current.version,
        dueAt: at(5 * HOUR),
        remindAt: at(4 * HOUR),
      });
      expect(moved.statusCode).toBe(200);
      t.clock.advance(4 * HOUR + 60_000);
      await runReminderJob();
      expect(await reminders()).toHaveLength(2);
    } finally {
      t.clock.set(start);
      [rep1, rep2, north, mgr, admin] = await Promise.all([
        t.login('rep.east1'),
        t.login('rep.east2'),
        t.login('rep.north1'),
        t.login('mgr.east'),
        t.login('admin'),
      ]);
    }
  });
});

describe('the calendar', () => {
  it('shows a person’s tasks, planned visits and next follow-ups by business day; not cancelled ones', async () => {
    const s = await t.login('rep.east3');
    // Tuesday 01:30 in Shanghai is still Monday in UTC: the calendar counts Shanghai days.
    const todo: TTask = (await post(s, { title: '提交投标保证金', dueAt: '2026-11-02T17:30:00Z' })).json();
    const visit: TTask = (await post(s, { title: '拜访南京供电公司计量中心', kind: 'visit', dueAt: '2026-11-05T06:00:00Z' })).json();
    const done: TTask = (await post(s, { title: '已完成的电话', kind: 'call', dueAt: '2026-11-03T01:00:00Z' })).json();
    await patch(s, done.id, { version: done.version, status: 'done' });
    const cancelled: TTask = (await post(s, { title: '取消的会议', kind: 'meeting', dueAt: '2026-11-03T03:00:00Z' })).json();
    await patch(s, cancelled.id, { version: cancelled.version, status: 'cancelled' });
    const overdue: TTask = (await post(s, { title: '上午就该发的报价', dueAt: '2026-11-02T01:00:00Z' })).json();
    const outside: TTask = (await post(s, { title: '下个月的事', dueAt: '2026-12-20T02:00:00Z' })).json();

    const customer = await s.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '扬州日程测试电力设备有限公司', type: 'industrial' },
    });
    expect(customer.statusCode).toBe(201);
    const activity = await s.request({
      method: 'POST',
      url: `/api/v1/customers/${customer.json().id}/activities`,
      payload: { type: 'visit', content: '初次拜访', occurredAt: at(-HOUR), nextFollowUpAt: '2026-11-06T02:00:00Z' },
    });
    expect(activity.statusCode).toBe(201);

    const res = await calendar(s, 'from=2026-11-02&to=2026-11-08');
    expect(res.statusCode).toBe(200);
    const body: TCalendar = res.json();
    expect(body).toMatchObject({ from: '2026-11-02', to: '2026-11-08', userId: s.userId, userName: '林晓' });
    const byId = new Map(body.events.map((e) => [e.task.id, e]));
    expect(byId.get(todo.id)).toMatchObject({ type: 'task', date: '2026-11-03', at: '2026-11-02T17:30:00.000Z', isOverdue: false });
    expect(byId.get(visit.id)).toMatchObject({ type: 'visit', date: '2026-11-05' });
    expect(byId.get(done.id)).toMatchObject({ type: 'task', date: '2026-11-03', isOverdue: false, task: { status: 'done' } });
    expect(byId.get(overdue.id)).toMatchObject({ date: '2026-11-02', isOverdue: true });
    expect(byId.has(cancelled.id)).toBe(false);
    expect(byId.has(outside.id)).toBe(false);
    const followUp = body.events.find((e) => e.type === 'follow-up');
    expect(followUp).toMatchObject({ date: '2026-11-06', task: { relatedLabel: '扬州日程测试电力设备有限公司', source: 'follow-up' } });
    // Soonest first.
    const times = body.events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    // Without done tasks on request.
    const open: TCalendar = (await calendar(s, 'from=2026-11-02&to=2026-11-08&includeDone=false')).json();
    expect(open.events.map((e) => e.task.id)).not.toContain(done.id);
  });

  it('a manager looks at a team member’s calendar; a rep cannot read anyone else’s, nor a manager another region’s', async () => {
    const s = await t.login('rep.east4');
    const task: TTask = (await post(s, { title: '拜访常州供电公司', kind: 'visit', dueAt: '2026-11-10T02:00:00Z' })).json();
    const team = await calendar(mgr, `from=2026-11-09&to=2026-11-15&userId=${s.userId}`);
    expect(team.statusCode).toBe(200);
    expect((team.json() as TCalendar).events.map((e) => e.task.id)).toContain(task.id);
    expect(team.json().userName).toBe('徐明');

    expect((await calendar(rep1, `from=2026-11-09&to=2026-11-15&userId=${s.userId}`)).statusCode).toBe(404);
    expect((await calendar(rep1, `from=2026-11-09&to=2026-11-15&userId=${mgr.userId}`)).statusCode).toBe(404);
    expect((await calendar(mgr, `from=2026-11-09&to=2026-11-15&userId=${north.userId}`)).statusCode).toBe(404);
    // My own calendar does not show someone else's tasks.
    const own: TCalendar = (await calendar(mgr, 'from=2026-11-09&to=2026-11-15')).json();
    expect(own.userId).toBe(mgr.userId);
    expect(own.events.map((e) => e.task.id)).not.toContain(task.id);
  });

  it('refuses a reversed or too long range', async () => {
    expect((await calendar(rep1, 'from=2026-11-10&to=2026-11-01')).statusCode).toBe(400);
    expect((await calendar(rep1, 'from=2026-11-01&to=2027-01-15')).statusCode).toBe(400);
    expect((await calendar(rep1, 'from=2026-10-26&to=2026-12-06')).statusCode).toBe(200);
  });
});
