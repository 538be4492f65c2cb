import type { TCustomer, TPriceList, TPriceListDetail, TPriceResolveResult, TProduct } from '@crm/contracts';
import { PRICE_REGIONS } from '@crm/contracts';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../../kernel/db/tx.ts';
import { auditEntry } from '../../../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let rep: Session; // rep.east1
let repNorth: Session;
let pm: Session;
let director: Session;
let products: TProduct[];
const byModel = (model: string) => products.find((p) => p.model === model)!;

const resolve = async (s: Session, body: unknown): Promise<TPriceResolveResult> => {
  const res = await s.request({ method: 'POST', url: '/api/v1/price-lists/resolve', payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  [rep, repNorth, pm, director] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.north1'),
    t.login('pm.meter'),
    t.login('director.dom'),
  ]);
  products = (await pm.request({ method: 'GET', url: '/api/v1/products?limit=200' })).json().items;
});

describe('price lists', () => {
  it('come seeded: grid lists by grade, one for 华东, one for distributors', async () => {
    const res = await rep.request({ method: 'GET', url: '/api/v1/price-lists' });
    expect(res.statusCode).toBe(200);
    const lists = res.json().items as TPriceList[];
    expect(lists.map((l) => l.priority)).toEqual([30, 20, 20, 10]);
    expect(lists.map((l) => [l.name, l.grades]).sort()).toEqual(
      [
        ['2026 华东区域价目表', ['A', 'B']],
        ['2026 电网客户 A 级价目表', ['A']],
        ['2026 电网客户 B 级价目表', ['B']],
        ['2026 经销商价目表', ['C', 'D']],
      ].sort(),
    );
    expect(lists).toHaveLength(4);
    expect(lists.map((l) => [l.validFrom, l.validTo, l.entryCount > 10])).toEqual(Array(4).fill(['2026-01-01', '2026-12-31', true]));
    expect(lists.find((l) => l.name.includes('华东'))!.provinces).toEqual([...PRICE_REGIONS.east]);
  });

  it('resolve a demo customer’s prices through its grade and province, with the explanation', async () => {
    const found = (await rep.request({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent('国网江苏省电力有限公司')}` })).json()
      .items as TCustomer[];
    const jiangsu = found.find((c) => c.name === '国网江苏省电力有限公司');
    expect(jiangsu).toMatchObject({ grade: 'A', province: '江苏' });
    const meter = byModel('DDZY102C-Z 5(60)A 2级');
    const concentrator = byModel('DJGZ23-H 3×220/380V');
    const switchgear = byModel('GCK 2500A');
    const result = await resolve(rep, {
      customerId: jiangsu!.id,
      productIds: [meter.id, concentrator.id, switchgear.id],
      date: '2026-11-02',
    });
    expect(result).toMatchObject({ date: '2026-11-02', grade: 'A', province: '江苏', customerName: '国网江苏省电力有限公司' });
    expect(result.items.map((i) => [i.price, i.explanation])).toEqual([
      ['256.50', '2026 华东区域价目表 · 客户等级 A · 华东'],
      ['1637.60', '2026 电网客户 A 级价目表 · 客户等级 A · 目录价下浮 8%'],
      ['68000.00', '目录价'],
    ]);
    expect(result.items[2]!.source).toBeNull();
    // The same customer outside its owner's scope is not found.
    const hidden = await repNorth.request({
      method: 'POST',
      url: '/api/v1/price-lists/resolve',
      payload: { customerId: jiangsu!.id, productIds: [meter.id] },
    });
    expect(hidden.statusCode).toBe(404);
    // Outside the validity of the lists only list prices remain.
    const nextYear = await resolve(rep, { grade: 'A', province: '江苏', productIds: [meter.id], date: '2027-01-01' });
    expect(nextYear.items[0]).toMatchObject({ price: '285.00', source: null });
  });

  it('are created, edited and audited by those allowed; entries validated', async () => {
    const meter = byModel('DDZY102C-Z 5(60)A 2级');
    const collector = byModel('DCZL13-H 220V 32表位');
    expect((await rep.request({ method: 'POST', url: '/api/v1/price-lists', payload: { name: 'x' } })).statusCode).toBe(403);
    const overlapping = await pm.request({
      method: 'POST',
      url: '/api/v1/price-lists',
      payload: {
        name: '重叠',
        entries: [
          { productId: meter.id, price: '200.00', validTo: '2026-11-30' },
          { productId: meter.id, discountPercent: '5', validFrom: '2026-11-30' },
        ],
      },
    });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json()).toMatchObject({ code: 'PRICE_LIST_ENTRY_OVERLAP', errors: [{ path: 'entries.1.validFrom' }] });
    const both = await pm.request({
      method: 'POST',
      url: '/api/v1/price-lists',
      payload: { name: 'x', entries: [{ productId: meter.id, price: '1', discountPercent: '1' }] },
    });
    expect(both.statusCode).toBe(400);
    const badProvince = await pm.request({ method: 'POST', url: '/api/v1/price-lists', payload: { name: 'x', provinces: ['江苏省'] } });
    expect(badProvince.json().code).toBe('PRICE_LIST_PROVINCE_UNKNOWN');

    const created = await director.request({
      method: 'POST',
      url: '/api/v1/price-lists',
      payload: {
        name: '苏浙 A 级特价',
        grades: ['A'],
        provinces: ['江苏', '浙江'],
        priority: 40,
        validFrom: '2026-11-01',
        validTo: '2026-11-30',
        entries: [
          { productId: meter.id, price: '240.00', validTo: '2026-11-15' },
          { productId: meter.id, discountPercent: '12.5', validFrom: '2026-11-16' },
          { productId: collector.id, discountPercent: '20' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = created.json() as TPriceListDetail;
    expect(list.entries.map((e) => [e.materialCode, e.price, e.discountPercent, e.effectivePrice])).toEqual([
      [meter.materialCode, '240.00', null, '240.00'],
      [meter.materialCode, null, '12.5', '249.38'],
      [collector.materialCode, null, '20', '208.00'],
    ]);
    const [createAudit] = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.action, 'price_list.create'), eq(auditEntry.entityId, list.id)));
    expect(createAudit?.changes).toMatchObject({ name: { to: '苏浙 A 级特价' }, priority: { to: 40 } });

    const early = await resolve(rep, { grade: 'A', province: '浙江', productIds: [meter.id, collector.id], date: '2026-11-10' });
    expect(early.items.map((i) => [i.price, i.explanation])).toEqual([
      ['240.00', '苏浙 A 级特价 · 客户等级 A · 浙江'],
      ['208.00', '苏浙 A 级特价 · 客户等级 A · 浙江 · 目录价下浮 20%'],
    ]);
    const late = await resolve(rep, { grade: 'A', province: '浙江', productIds: [meter.id], date: '2026-11-20' });
    expect(late.items[0]!.price).toBe('249.38');
    // A grade B customer in the same place falls to the 华东 list; in 广东 to the B-grade list.
    const gradeB = await resolve(rep, { grade: 'B', province: '浙江', productIds: [meter.id], date: '2026-11-10' });
    expect(gradeB.items[0]!.source?.name).toBe('2026 华东区域价目表');
    const south = await resolve(rep, { grade: 'B', province: '广东', productIds: [meter.id], date: '2026-11-10' });
    expect(south.items[0]).toMatchObject({ price: '270.75', explanation: '2026 电网客户 B 级价目表 · 客户等级 B · 目录价下浮 5%' });

    // Deactivating the list (with the current version) takes it out of resolution; a stale version is refused.
    const off = await pm.request({
      method: 'PATCH',
      url: `/api/v1/price-lists/${list.id}`,
      payload: { version: list.version, status: 'inactive' },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(
      (await pm.request({ method: 'PATCH', url: `/api/v1/price-lists/${list.id}`, payload: { version: list.version, status: 'active' } }))
        .statusCode,
    ).toBe(409);
    const afterOff = await resolve(rep, { grade: 'A', province: '浙江', productIds: [meter.id], date: '2026-11-10' });
    expect(afterOff.items[0]!.source?.name).toBe('2026 华东区域价目表');

    const replaced = await pm.request({
      method: 'PATCH',
      url: `/api/v1/price-lists/${list.id}`,
      payload: { version: list.version + 1, entries: [{ productId: collector.id, price: '199.00' }] },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect((replaced.json() as TPriceListDetail).entries).toHaveLength(1);
    const [updateAudit] = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.action, 'price_list.update'), eq(auditEntry.entityId, list.id)))
      .orderBy(auditEntry.id)
      .offset(1);
    expect(Object.keys(updateAudit?.changes ?? {})).toEqual(['entries']);

    const detail = await rep.request({ method: 'GET', url: `/api/v1/price-lists/${list.id}` });
    expect(detail.statusCode).toBe(200);
    const filtered = (await rep.request({ method: 'GET', url: `/api/v1/price-lists?productId=${collector.id}&status=inactive` })).json()
      .items as TPriceList[];
    expect(filtered.map((l) => l.id)).toEqual([list.id]);
  });

  it('resolve inside another module’s transaction through the catalogue surface', async () => {
    const { catalog } = t.modules.products;
    const meter = byModel('DDZY102C-Z 5(60)A 2级');
    const result = await withTx(t.database.db, async (tx) => {
      const found = await catalog.findByIds(tx, [meter.id, '00000000-0000-4000-8000-000000000000']);
      const prices = await catalog.resolvePrices(tx, { grade: 'C', province: '四川', date: '2026-11-02' }, [meter.id]);
      return { found, prices };
    });
    expect(result.found).toHaveLength(1);
    expect(result.found[0]).toMatchObject({
      materialCode: meter.materialCode,
      listPrice: '285.00',
      taxRate: '0.13',
      warrantyMonths: 96,
      status: 'active',
    });
    expect(result.found[0]!.standardCost).toMatch(/^\d+\.\d{2}$/);
    expect(result.prices).toEqual([{ productId: meter.id, price: '285.00', listPrice: '285.00', source: null, explanation: '目录价' }]);
  });
});
