import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { auditEntry } from '../kernel.schema.ts';

let t: TestApp;
beforeAll(async () => {
  // Reads in batches of 300 ms: long enough to see an entry wait, short enough for a test.
  t = await createTestApp({ env: { CRM_AUDIT_READ_FLUSH_MS: '300' } });
});

const entries = (action: string, entityId: string) =>
  t.database.db
    .select()
    .from(auditEntry)
    .where(and(eq(auditEntry.action, action), eq(auditEntry.entityId, entityId)));

describe('the read log', () => {
  it('writes reads in batches a moment later, with the time of the read, and changes at once', async () => {
    const rep = await t.login('rep.east1');
    const list = (await rep.request({ method: 'GET', url: '/api/v1/customers?limit=5' })).json() as { items: { id: string }[] };
    const [first, second] = list.items;
    const before = Date.now();
    for (const c of [first!, second!])
      expect((await rep.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).statusCode).toBe(200);

    // Not written yet: the reads wait for their batch.
    expect(await entries('customer.read', first!.id)).toHaveLength(0);
    await expect.poll(async () => (await entries('customer.read', first!.id)).length, { timeout: 5_000, interval: 50 }).toBe(1);
    const [read] = await entries('customer.read', first!.id);
    expect(read).toMatchObject({ actorId: rep.userId, entityType: 'customer' });
    expect(read!.at.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(read!.at.getTime()).toBeLessThan(Date.now());
    expect(await entries('customer.read', second!.id)).toHaveLength(1);

    // A change is in the log as soon as it answers.
    const tagged = await rep.request({
      method: 'POST',
      url: '/api/v1/customers/batch',
      payload: { action: 'addTags', customerIds: [first!.id], tags: ['读日志测试'] },
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    const changes = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.entityId, first!.id), eq(auditEntry.actorId, rep.userId!)));
    expect(changes.some((e) => e.action !== 'customer.read')).toBe(true);
  });
});
