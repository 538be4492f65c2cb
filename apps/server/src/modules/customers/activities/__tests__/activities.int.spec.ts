import type { TActivity, TCustomer, TTask } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let rep1: Session; // rep.east1 黄磊, 华东一组
let rep2: Session; // rep.north1 朱峰, 华北一组
let mgr: Session; // mgr.east 张伟, 华东大区
let admin: Session;

const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, mgr, admin] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east'), t.login('admin')]);
});

let seq = 0;
async function newCustomer(s: Session, extra: Record<string, unknown> = {}): Promise<TCustomer> {
  seq += 1;
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: `苏州跟进测试${'甲乙丙丁戊己庚辛壬癸'[seq % 10]}${seq}号电气设备有限公司`, type: 'industrial', ...extra },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const at = (offsetMs: number) => new Date(t.clock.now().getTime() + offsetMs).toISOString();

async function addActivity(s: Session, customerId: string, payload: Record<string, unknown>) {
  return s.request({
    method: 'POST',
    url: `/api/v1/customers/${customerId}/activities`,
    payload: { type: 'visit', content: '拜访设备部，介绍新款智能电表', occurredAt: at(-HOUR), ...payload },
  });
}

async function myTasks(s: Session, query = ''): Promise<TTask[]> {
  const res = await s.request({ method: 'GET', url: `/api/v1/tasks?limit=200${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

function upload(s: Session, name: string, content: Buffer) {
  const boundary = '----activitytest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.request({
    method: 'POST',
    url: '/api/v1/files',
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe('activities on a customer', () => {
  it('records a visit with a follow-up: timeline, last activity, the owner’s follow-up task and the audit trail', async () => {
    const c = await newCustomer(rep1, { contacts: [{ name: '周工', mobile: '13912345601' }] });
    const detail = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json();
    const contactId = detail.contacts[0].id;
    const occurredAt = at(-2 * HOUR);
    const followUp = at(48 * HOUR);
    const res = await addActivity(rep1, c.id, { contactId, occurredAt, nextFollowUpAt: followUp });
    expect(res.statusCode).toBe(201);
    const a: TActivity = res.json();
    expect(a).toMatchObject({
      type: 'visit',
      contactName: '周工',
      authorName: '黄磊',
      canEdit: true,
      occurredAt,
      nextFollowUpAt: followUp,
    });

    const customer = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json().customer as TCustomer;
    expect(customer.lastActivityAt).toBe(occurredAt);

    const tasks = (await myTasks(rep1)).filter((x) => x.relatedId === c.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ source: 'follow-up', status: 'open', dueAt: followUp, relatedType: 'customer', relatedLabel: c.name });

    const log = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=activity&entityId=${a.id}` })).json().items;
    expect(log.map((e: { action: string }) => e.action)).toContain('activity.create');
    const taskLog = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=task&entityId=${tasks[0]!.id}` })).json()
      .items;
    expect(taskLog.map((e: { action: string }) => e.action)).toContain('task.create');
  });

  it('moves the one open follow-up task when a later activity sets a new date, and never moves last activity backwards', async () => {
    const c = await newCustomer(rep1);
    expect((await addActivity(rep1, c.id, { occurredAt: at(-HOUR), nextFollowUpAt: at(24 * HOUR) })).statusCode).toBe(201);
    const later = at(72 * HOUR);
    expect((await addActivity(rep1, c.id, { type: 'call', occurredAt: at(-5 * HOUR), nextFollowUpAt: later })).statusCode).toBe(201);
    const tasks = (await myTasks(rep1)).filter((x) => x.relatedId === c.id && x.status === 'open');
    expect(tasks.map((x) => x.dueAt)).toEqual([later]);
    const customer = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json().customer as TCustomer;
    expect(customer.lastActivityAt).toBe(at(-HOUR));
  });

  it('gives the follow-up to the customer’s owner when a manager records the activity', async () => {
    const c = await newCustomer(rep1);
    const res = await addActivity(mgr, c.id, { type: 'meeting', nextFollowUpAt: at(30 * HOUR) });
    expect(res.statusCode).toBe(201);
    expect(res.json().authorName).toBe('张伟');
    expect((await myTasks(rep1)).some((x) => x.relatedId === c.id)).toBe(true);
    expect((await myTasks(mgr)).some((x) => x.relatedId === c.id)).toBe(false);
  });

  it('pages the timeline newest first with a keyset cursor', async () => {
    const c = await newCustomer(rep1);
    for (const [i, type] of (['call', 'wecom', 'note', 'visit', 'meeting'] as const).entries()) {
      expect((await addActivity(rep1, c.id, { type, content: `第${i}次`, occurredAt: at(-(i + 1) * HOUR) })).statusCode).toBe(201);
    }
    const seen: TActivity[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers/${c.id}/activities?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: TActivity[]; nextCursor: string | null } = (await rep1.request({ method: 'GET', url })).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((a) => a.content)).toEqual(['第0次', '第1次', '第2次', '第3次', '第4次']);
    const notes = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}/activities?type=note` })).json().items;
    expect(notes.map((a: TActivity) => a.content)).toEqual(['第2次']);
  });

  it('refuses a time in the future, a follow-up before the activity and a contact of another customer', async () => {
    const c = await newCustomer(rep1);
    const other = await newCustomer(rep1, { contacts: [{ name: '外人' }] });
    const otherContact = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${other.id}` })).json().contacts[0].id;
    expect((await addActivity(rep1, c.id, { occurredAt: at(2 * HOUR) })).json().code).toBe('ACTIVITY_IN_FUTURE');
    expect((await addActivity(rep1, c.id, { nextFollowUpAt: at(-3 * HOUR) })).json().code).toBe('ACTIVITY_FOLLOW_UP_TOO_EARLY');
    expect((await addActivity(rep1, c.id, { contactId: otherContact })).json().code).toBe('ACTIVITY_CONTACT_INVALID');
    expect((await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}/activities` })).json().items).toEqual([]);
  });
});

describe('who may read and write activities', () => {
  it('a rep cannot list or add activities on another rep’s customer (404), the manager of the office can read them', async () => {
    const c = await newCustomer(rep1);
    expect((await addActivity(rep1, c.id, {})).statusCode).toBe(201);
    expect((await rep2.request({ method: 'GET', url: `/api/v1/customers/${c.id}/activities` })).statusCode).toBe(404);
    const intruder = await addActivity(rep2, c.id, {});
    expect(intruder.statusCode).toBe(404);
    const managerView = await mgr.request({ method: 'GET', url: `/api/v1/customers/${c.id}/activities` });
    expect(managerView.statusCode).toBe(200);
    expect(managerView.json().items).toHaveLength(1);
    expect(managerView.json().items[0].canEdit).toBe(false);
  });

  it('only the author edits or deletes, within the edit window; deleting takes its follow-up task with it', async () => {
    const c = await newCustomer(rep1);
    const a: TActivity = (await addActivity(rep1, c.id, { nextFollowUpAt: at(24 * HOUR) })).json();
    const url = `/api/v1/customers/${c.id}/activities/${a.id}`;
    const byManager = await mgr.request({ method: 'PATCH', url, payload: { version: a.version, content: '改写' } });
    expect(byManager.statusCode).toBe(403);
    expect(byManager.json().code).toBe('ACTIVITY_NOT_AUTHOR');
    const edited = await rep1.request({ method: 'PATCH', url, payload: { version: a.version, content: '补充：客户要求报价' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ content: '补充：客户要求报价', version: a.version + 1 });
    const stale = await rep1.request({ method: 'PATCH', url, payload: { version: a.version, content: 'x' } });
    expect(stale.statusCode).toBe(409);

    const log = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=activity&entityId=${a.id}` })).json().items;
    const update = log.find((e: { action: string }) => e.action === 'activity.update');
    expect(update.changes.content).toEqual({ from: '拜访设备部，介绍新款智能电表', to: '补充：客户要求报价' });

    expect((await rep1.request({ method: 'DELETE', url })).statusCode).toBe(204);
    expect((await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}/activities` })).json().items).toEqual([]);
    const tasks = (await myTasks(rep1, '&status=cancelled')).filter((x) => x.relatedId === c.id);
    expect(tasks.map((x) => x.status)).toEqual(['cancelled']);
  });

  it('closes edits after 72 hours', async () => {
    const c = await newCustomer(rep1);
    const a: TActivity = (await addActivity(rep1, c.id, {})).json();
    const start = t.clock.now();
    try {
      t.clock.advance(73 * HOUR);
      // Sessions end after 12 hours: sign in again three days later.
      const later = await t.login('rep.east1');
      const url = `/api/v1/customers/${c.id}/activities/${a.id}`;
      const late = await later.request({ method: 'PATCH', url, payload: { version: a.version, content: '太晚了' } });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('ACTIVITY_EDIT_WINDOW_PASSED');
      expect((await later.request({ method: 'DELETE', url })).json().code).toBe('ACTIVITY_EDIT_WINDOW_PASSED');
      const list = (await later.request({ method: 'GET', url: `/api/v1/customers/${c.id}/activities` })).json().items;
      expect(list[0].canEdit).toBe(false);
    } finally {
      t.clock.set(start);
      [rep1, rep2, mgr, admin] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east'), t.login('admin')]);
    }
  });

  it('attaches the author’s own images and documents; whoever sees the customer downloads them', async () => {
    const c = await newCustomer(rep1);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const file = (await upload(rep1, '现场照片.png', png)).json();
    const zip = (await upload(rep1, 'a.zip', Buffer.from('504b0506000000000000000000000000000000000000', 'hex'))).json();
    const othersFile = (await upload(rep2, '别人的.png', png)).json();
    expect((await addActivity(rep1, c.id, { attachmentIds: [othersFile.id] })).json().code).toBe('ACTIVITY_ATTACHMENT_INVALID');
    expect((await addActivity(rep1, c.id, { attachmentIds: [zip.id] })).json().code).toBe('ACTIVITY_ATTACHMENT_INVALID');
    const a: TActivity = (await addActivity(rep1, c.id, { attachmentIds: [file.id] })).json();
    expect(a.attachments).toEqual([{ id: file.id, name: '现场照片.png', mimeType: 'image/png', size: png.length }]);
    const url = `/api/v1/customers/${c.id}/activities/${a.id}/attachments/${file.id}`;
    const byManager = await mgr.request({ method: 'GET', url });
    expect(byManager.statusCode).toBe(200);
    expect(byManager.rawPayload.equals(png)).toBe(true);
    expect((await rep2.request({ method: 'GET', url })).statusCode).toBe(404);

    // The manager's photo on the rep's customer: the rep cannot open the manager's file directly,
    // but may through the activity on their customer.
    const managersFile = (await upload(mgr, '会议纪要.png', png)).json();
    expect((await rep1.request({ method: 'GET', url: `/api/v1/files/${managersFile.id}/content` })).statusCode).toBe(404);
    const byManagerActivity: TActivity = (await addActivity(mgr, c.id, { type: 'meeting', attachmentIds: [managersFile.id] })).json();
    const repDownload = await rep1.request({
      method: 'GET',
      url: `/api/v1/customers/${c.id}/activities/${byManagerActivity.id}/attachments/${managersFile.id}`,
    });
    expect(repDownload.statusCode).toBe(200);
    expect(repDownload.headers['content-disposition']).toContain("filename*=UTF-8''");
    // A file id that is not attached to that activity answers 404.
    const wrong = `/api/v1/customers/${c.id}/activities/${byManagerActivity.id}/attachments/${file.id}`;
    expect((await rep1.request({ method: 'GET', url: wrong })).statusCode).toBe(404);
  });
});
