import type { TCustomer, TCustomerPanels } from '@crm/contracts';
import { and, count, desc, eq } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopeFilter } from '../../../../kernel/access/access.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

/** A module's records of customers (what a contracts module will have), in a table of the test's own. */
const testContract = pgTable('test_contract', {
  id: uuid('id').primaryKey().defaultRandom(),
  customerId: uuid('customer_id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  no: text('no').notNull(),
  status: text('status').notNull(),
  amount: text('amount').notNull(),
  signedOn: text('signed_on').notNull(),
});

let t: TestApp;
let rep1: Session;
let rep2: Session;
let mgr: Session;

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, mgr] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east')]);
  await t.database.db.execute(
    sql`create table test_contract (id uuid primary key default gen_random_uuid(), customer_id uuid not null, owner_id uuid not null, no text not null, status text not null, amount text not null, signed_on text not null)`,
  );
  // A module that does not exist yet (shipments) shows how one hangs its records off the 360 page.
  t.modules.customers.register({
    key: 'shipments',
    order: 30,
    // The module applies its own data scope: a record is seen by its owner only.
    panel: async (actor, customerId, { limit }) => {
      const where = and(eq(testContract.customerId, customerId), scopeFilter(actor, { owner: testContract.ownerId }));
      const db = t.database.db;
      const [total] = await db.select({ n: count() }).from(testContract).where(where);
      const rows = await db.select().from(testContract).where(where).orderBy(desc(testContract.signedOn)).limit(limit);
      return {
        total: total?.n ?? 0,
        items: rows.map((r) => ({
          id: r.id,
          title: r.no,
          status: r.status,
          amount: r.amount,
          currency: 'CNY',
          date: r.signedOn,
          href: `/shipments/${r.id}`,
        })),
      };
    },
  });
  t.modules.customers.register({
    key: 'service-tickets',
    order: 60,
    panel: async () => ({ total: 0, items: [] }),
  });
});

describe('360 panels', () => {
  it('answers every well-known panel, registered or not, in order, with at most five items', async () => {
    const c: TCustomer = (
      await rep1.request({ method: 'POST', url: '/api/v1/customers', payload: { name: '南通鑫源电器有限公司', type: 'industrial' } })
    ).json();
    await t.database.db.insert(testContract).values(
      Array.from({ length: 7 }, (_, i) => ({
        customerId: c.id,
        ownerId: rep1.userId,
        no: `HT2026${String(i + 1).padStart(2, '0')}`,
        status: 'signed',
        amount: `${i + 1}00000.00`,
        signedOn: `2026-0${i + 1}-15`,
      })),
    );
    const res = await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}/panels` });
    expect(res.statusCode).toBe(200);
    const body: TCustomerPanels = res.json();
    expect(body.panels.map((p) => [p.key, p.available])).toEqual([
      ['opportunities', true],
      ['requirements', true],
      ['contracts', true],
      ['shipments', true],
      ['invoices', false],
      ['receipts', false],
      ['service-tickets', true],
    ]);
    const shipments = body.panels.find((p) => p.key === 'shipments')!;
    expect(shipments.total).toBe(7);
    expect(shipments.items.map((i) => i.title)).toEqual(['HT202607', 'HT202606', 'HT202605', 'HT202604', 'HT202603']);
    expect(shipments.items[0]).toMatchObject({
      amount: '700000.00',
      status: 'signed',
      date: '2026-07-15',
      href: `/shipments/${shipments.items[0]!.id}`,
    });

    // The module's own scope decides what the manager sees of its records (here: owners only);
    // another rep does not see the customer at all.
    const byManager: TCustomerPanels = (await mgr.request({ method: 'GET', url: `/api/v1/customers/${c.id}/panels` })).json();
    expect(byManager.panels.find((p) => p.key === 'shipments')).toMatchObject({ available: true, total: 0, items: [] });
    expect((await rep2.request({ method: 'GET', url: `/api/v1/customers/${c.id}/panels` })).statusCode).toBe(404);
  });
});
