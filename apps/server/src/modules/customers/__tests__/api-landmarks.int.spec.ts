import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let rep: Session;
let other: Session;

beforeAll(async () => {
  t = await createTestApp();
  [rep, other] = await Promise.all([t.login('rep.east1'), t.login('rep.north1')]);
});

describe('the customer API by its documented paths', () => {
  it('creates a customer from a name alone, lists its contacts, records and lists activities, and batches by operation + ids', async () => {
    const created = await rep.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '宁波甬电智能仪表科技有限公司', contacts: [{ name: '陆工', mobile: '13957400001' }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const customer = created.json();
    expect(customer).toMatchObject({ type: 'other', ownerId: rep.userId });

    const contacts = await rep.request({ method: 'GET', url: `/api/v1/customers/${customer.id}/contacts` });
    expect(contacts.json().items.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual([['陆工', true]]);

    const activity = await rep.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { customerId: customer.id, type: 'visit', content: '上门演示集中器与采集终端', occurredAt: t.clock.now().toISOString() },
    });
    expect(activity.statusCode, activity.body).toBe(201);
    const listed = await rep.request({ method: 'GET', url: `/api/v1/activities?customerId=${customer.id}` });
    expect(listed.json().items.map((a: { content: string }) => a.content)).toEqual(['上门演示集中器与采集终端']);
    expect((await rep.request({ method: 'GET', url: '/api/v1/activities' })).statusCode).toBe(400);
    // Another rep's customer stays out of reach, also through the flat paths.
    expect((await other.request({ method: 'GET', url: `/api/v1/activities?customerId=${customer.id}` })).statusCode).toBe(404);
    expect((await other.request({ method: 'GET', url: `/api/v1/customers/${customer.id}/contacts` })).statusCode).toBe(404);
    const foreign = await other.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { customerId: customer.id, type: 'note', content: '试图记录', occurredAt: t.clock.now().toISOString() },
    });
    expect(foreign.statusCode).toBe(404);

    const batch = await rep.request({
      method: 'POST',
      url: '/api/v1/customers/batch',
      payload: { operation: 'addTags', ids: [customer.id], tags: ['样板客户'] },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json()).toMatchObject({ done: 1, refused: 0 });
    const detail = await rep.request({ method: 'GET', url: `/api/v1/customers/${customer.id}` });
    expect(detail.json().customer.tags).toEqual(['样板客户']);
  });
});
