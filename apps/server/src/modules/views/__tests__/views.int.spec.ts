import type { TSavedView } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let rep1: Session;
let rep2: Session;
let admin: Session;

const URL = '/api/v1/customer-views';

async function create(s: Session, payload: Record<string, unknown>) {
  return s.request({ method: 'POST', url: URL, payload });
}
async function listOf(s: Session): Promise<TSavedView[]> {
  const res = await s.request({ method: 'GET', url: URL });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, admin] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('admin')]);
});

describe('saved customer views', () => {
  it('creates, renames, updates and deletes own views, each change audited', async () => {
    const res = await create(rep1, {
      name: 'A 级电网客户',
      filters: { grade: ['A'], type: ['grid'], tag: ['集招'], inPool: false, lastActivityBefore: '2026-10-01' },
      sort: '-lastActivityAt',
      columns: ['name', 'grade', 'owner', 'lastActivityAt'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const view: TSavedView = res.json();
    expect(view).toMatchObject({
      entityType: 'customer',
      name: 'A 级电网客户',
      filters: { grade: ['A'], type: ['grid'], tag: ['集招'], inPool: false, lastActivityBefore: '2026-10-01' },
      sort: '-lastActivityAt',
      columns: ['name', 'grade', 'owner', 'lastActivityAt'],
      isDefault: false,
      version: 1,
    });

    const renamed = await rep1.request({ method: 'PATCH', url: `${URL}/${view.id}`, payload: { version: 1, name: '重点电网客户' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '重点电网客户', version: 2, columns: view.columns, filters: view.filters });

    const stale = await rep1.request({ method: 'PATCH', url: `${URL}/${view.id}`, payload: { version: 1, name: 'x' } });
    expect(stale.statusCode).toBe(409);

    const updated = await rep1.request({
      method: 'PATCH',
      url: `${URL}/${view.id}`,
      payload: { version: 2, filters: { grade: ['A', 'B'] }, sort: null, columns: ['grade', 'name'] },
    });
    expect(updated.json()).toMatchObject({ filters: { grade: ['A', 'B'] }, sort: null, columns: ['grade', 'name'], version: 3 });

    expect((await rep1.request({ method: 'DELETE', url: `${URL}/${view.id}` })).statusCode).toBe(204);
    expect((await listOf(rep1)).some((v) => v.id === view.id)).toBe(false);

    const log = await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=saved_view&entityId=${view.id}` });
    const actions = log.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['saved_view.delete', 'saved_view.update', 'saved_view.update', 'saved_view.create']);
    expect(log.json().items[2].changes).toEqual({ name: { from: 'A 级电网客户', to: '重点电网客户' } });
  });

  it('keeps one default view per user, moving it when another view becomes the default', async () => {
    const first: TSavedView = (await create(rep1, { name: '默认一', filters: {}, isDefault: true })).json();
    const second: TSavedView = (await create(rep1, { name: '默认二', filters: { status: ['active'] } })).json();
    expect(first.isDefault).toBe(true);
    const made = await rep1.request({ method: 'PATCH', url: `${URL}/${second.id}`, payload: { version: second.version, isDefault: true } });
    expect(made.statusCode, made.body).toBe(200);
    const views = await listOf(rep1);
    expect(views.filter((v) => v.isDefault).map((v) => v.id)).toEqual([second.id]);
    // Another user's default is their own business.
    const other: TSavedView = (await create(rep2, { name: '默认一', filters: {}, isDefault: true })).json();
    expect(other.isDefault).toBe(true);
    expect((await listOf(rep1)).filter((v) => v.isDefault).map((v) => v.id)).toEqual([second.id]);
    const unset = await rep1.request({ method: 'PATCH', url: `${URL}/${second.id}`, payload: { version: 2, isDefault: false } });
    expect(unset.json().isDefault).toBe(false);
    expect((await listOf(rep1)).some((v) => v.isDefault)).toBe(false);
  });

  it('shows a user only own views; another user’s view answers 404', async () => {
    const mine: TSavedView = (await create(rep1, { name: '我的视图', filters: { grade: ['B'] } })).json();
    expect((await listOf(rep2)).some((v) => v.id === mine.id)).toBe(false);
    expect((await listOf(admin)).some((v) => v.id === mine.id)).toBe(false);
    const patch = await rep2.request({ method: 'PATCH', url: `${URL}/${mine.id}`, payload: { version: 1, name: '抢走' } });
    expect(patch.statusCode).toBe(404);
    expect((await admin.request({ method: 'DELETE', url: `${URL}/${mine.id}` })).statusCode).toBe(404);
    expect((await listOf(rep1)).find((v) => v.id === mine.id)?.name).toBe('我的视图');
  });

  it('refuses a second view of the same name, unknown filters, sorts and columns', async () => {
    expect((await create(rep2, { name: '同名', filters: {} })).statusCode).toBe(201);
    const dup = await create(rep2, { name: '同名', filters: {} });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('name');
    expect((await create(rep2, { name: '同名', filters: {} })).statusCode).toBe(409);
    for (const bad of [
      { name: 'x', filters: { grade: ['E'] } },
      { name: 'x', filters: {}, sort: 'password' },
      { name: 'x', filters: {}, columns: ['name', 'salary'] },
      { name: 'x', filters: {}, columns: ['name', 'name'] },
      { name: '', filters: {} },
    ]) {
      const res = await create(rep2, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });

  it('limits the number of views per user and list', async () => {
    const existing = (await listOf(admin)).length;
    for (let i = existing; i < 50; i++) expect((await create(admin, { name: `视图${i}`, filters: {} })).statusCode).toBe(201);
    const over = await create(admin, { name: '第五十一个', filters: {} });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('SAVED_VIEW_LIMIT_REACHED');
  });
});
