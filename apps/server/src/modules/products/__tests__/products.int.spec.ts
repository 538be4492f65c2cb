import type { TProduct, TProductCategory, TProductImportReport, TRole } from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { and, count, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { product } from '../products.schema.ts';

let t: TestApp;
let admin: Session;
let rep: Session; // rep.east1
let manager: Session; // mgr.east
let finance: Session;
let pm: Session; // pm.meter
let categories: TProductCategory[];
const cat = (name: string) => categories.find((c) => c.name === name)!;

async function listAll(s: Session, query: string): Promise<TProduct[]> {
  const items: TProduct[] = [];
  let cursor: string | null = null;
  do {
    const res = await s.request({ method: 'GET', url: `/api/v1/products?limit=40&${query}${cursor ? `&cursor=${cursor}` : ''}` });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: TProduct[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function sheetRows(res: LightMyRequestResponse): Promise<unknown[][]> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(s: Session, content: Buffer, query = '') {
  const boundary = '----productimport';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="产品导入.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.request({
    method: 'POST',
    url: `/api/v1/products/import${query}`,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const audits = (action: string, entityId?: string) =>
  t.database.db
    .select()
    .from(auditEntry)
    .where(and(eq(auditEntry.action, action), entityId ? eq(auditEntry.entityId, entityId) : undefined));

beforeAll(async () => {
  t = await createTestApp();
  [admin, rep, manager, finance, pm] = await Promise.all([
    t.login('admin'),
    t.login('rep.east1'),
    t.login('mgr.east'),
    t.login('finance.1'),
    t.login('pm.meter'),
  ]);
  categories = (await rep.request({ method: 'GET', url: '/api/v1/product-categories' })).json().items;
});

describe('product catalogue', () => {
  it('is seeded with the default categories and a demo catalogue of about 150 products', async () => {
    expect(categories.map((c) => c.name)).toEqual(
      expect.arrayContaining(['单相智能电表', '三相智能电表', '集中器', '采集器', '能源控制器', '配电终端', '低压开关柜', '互感器']),
    );
    const all = await listAll(pm, '');
    expect(all.length).toBeGreaterThanOrEqual(140);
    for (const p of all) {
      const ratio = Number(p.floorPrice) / Number(p.listPrice);
      expect(ratio).toBeGreaterThanOrEqual(0.795);
      expect(ratio).toBeLessThanOrEqual(0.925);
      expect(Number(p.standardCost)).toBeLessThan(Number(p.floorPrice));
    }
    expect(cat('互感器').productCount).toBe(all.filter((p) => p.categoryId === cat('互感器').id).length);
    expect(cat('互感器').productCount).toBeGreaterThan(15);
    // Keyset pages cover every product once, in material-code order.
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(all.map((p) => p.materialCode)).toEqual([...all.map((p) => p.materialCode)].sort());
  });

  it('hides floor price and standard cost from a rep, shows them to the roles granted them', async () => {
    const [repView] = (await rep.request({ method: 'GET', url: '/api/v1/products?q=DJGZ23-H&limit=1' })).json().items as TProduct[];
    expect(repView).toMatchObject({ model: 'DJGZ23-H 3×220/380V', listPrice: '1780.00', taxRate: '0.13', categoryName: '集中器' });
    expect(Object.keys(repView!)).not.toEqual(expect.arrayContaining(['floorPrice']));
    for (const key of ['floorPrice', 'standardCost', 'listMarginPercent']) expect(repView).not.toHaveProperty(key);
    const detail = (await rep.request({ method: 'GET', url: `/api/v1/products/${repView!.id}` })).json();
    for (const key of ['floorPrice', 'standardCost', 'listMarginPercent']) expect(detail).not.toHaveProperty(key);

    for (const s of [manager, finance, pm]) {
      const seen = (await s.request({ method: 'GET', url: `/api/v1/products/${repView!.id}` })).json() as TProduct;
      expect(seen.floorPrice).toMatch(/^\d+\.\d{2}$/);
      expect(seen.standardCost).toMatch(/^\d+\.\d{2}$/);
      // 1 − cost × 1.13 / list
      const margin = (1 - (Number(seen.standardCost) * 1.13) / 1780) * 100;
      expect(Number(seen.listMarginPercent)).toBeCloseTo(margin, 1);
    }
  });

  it('searches by code, name and model and filters by category and status', async () => {
    const byCode = await listAll(rep, 'q=1601');
    expect(byCode.length).toBeGreaterThan(10);
    expect(byCode.every((p) => p.materialCode.startsWith('1601'))).toBe(true);
    const byName = await listAll(rep, `q=${encodeURIComponent('能源控制器')}`);
    expect(byName.every((p) => p.name.includes('能源控制器'))).toBe(true);
    expect(byName.length).toBeGreaterThan(3);
    const byModel = await listAll(rep, 'q=lmz-0.66');
    expect(byModel.length).toBe(13);
    const discontinued = await listAll(rep, 'status=discontinued');
    expect(discontinued.length).toBeGreaterThan(3);
    expect(discontinued.every((p) => p.status === 'discontinued')).toBe(true);
    const two = await listAll(rep, `categoryId=${cat('集中器').id}&categoryId=${cat('采集器').id}&status=active`);
    expect(new Set(two.map((p) => p.categoryName))).toEqual(new Set(['集中器', '采集器']));
    const byPrice = await listAll(rep, `sort=-listPrice&categoryId=${cat('低压开关柜').id}`);
    const prices = byPrice.map((p) => Number(p.listPrice));
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    const [listAudit] = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.action, 'product.list'), eq(auditEntry.actorId, rep.userId)))
      .limit(1);
    expect(listAudit?.meta).toHaveProperty('filter');
  });

  it('lets a product manager create and edit products, with audit entries and version checks', async () => {
    const created = await pm.request({
      method: 'POST',
      url: '/api/v1/products',
      payload: {
        materialCode: 'tst-0001',
        name: '测试三相表',
        model: 'DTZY-TEST',
        unit: '只',
        categoryId: cat('三相智能电表').id,
        listPrice: '1500',
        floorPrice: '1300.00',
        standardCost: '800.00',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json() as TProduct;
    expect(p).toMatchObject({
      materialCode: 'TST-0001',
      listPrice: '1500.00',
      taxRate: '0.13',
      warrantyMonths: 12,
      leadTimeDays: 30,
      status: 'active',
      createdByName: '赵敏',
      version: 1,
    });
    const [createAudit] = await audits('product.create', p.id);
    expect(createAudit?.changes).toMatchObject({ materialCode: { to: 'TST-0001' }, standardCost: { to: '800.00' } });

    const dup = await pm.request({
      method: 'POST',
      url: '/api/v1/products',
      payload: { materialCode: 'TST-0001', name: 'x', unit: '只', categoryId: cat('三相智能电表').id, listPrice: '1' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('materialCode');

    const tooHigh = await pm.request({ method: 'PATCH', url: `/api/v1/products/${p.id}`, payload: { version: 1, floorPrice: '1600.00' } });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().code).toBe('PRODUCT_FLOOR_ABOVE_LIST');

    const edited = await pm.request({
      method: 'PATCH',
      url: `/api/v1/products/${p.id}`,
      payload: { version: 1, listPrice: '1450.00', status: 'discontinued' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, listPrice: '1450.00', status: 'discontinued' });
    const [updateAudit] = await audits('product.update', p.id);
    expect(updateAudit?.changes).toEqual({ listPrice: { from: '1500.00', to: '1450.00' }, status: { from: 'active', to: 'discontinued' } });

    const stale = await pm.request({ method: 'PATCH', url: `/api/v1/products/${p.id}`, payload: { version: 1, name: 'late' } });
    expect(stale.statusCode).toBe(409);

    // Reps read the catalogue but do not change it.
    expect((await rep.request({ method: 'PATCH', url: `/api/v1/products/${p.id}`, payload: { version: 2, name: 'x' } })).statusCode).toBe(
      403,
    );
    expect((await rep.request({ method: 'GET', url: `/api/v1/products/${p.id}` })).statusCode).toBe(200);
    expect(await audits('product.read', p.id)).not.toHaveLength(0);
    expect((await rep.request({ method: 'GET', url: '/api/v1/products/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('maintains categories: a disabled category takes no new products', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/product-categories',
      payload: { name: '测试分类', nameEn: 'Test category', sortOrder: 500 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as TProductCategory;
    const off = await admin.request({
      method: 'PATCH',
      url: `/api/v1/product-categories/${c.id}`,
      payload: { version: c.version, isActive: false },
    });
    expect(off.json()).toMatchObject({ isActive: false, version: 2 });
    const refused = await pm.request({
      method: 'POST',
      url: '/api/v1/products',
      payload: { materialCode: 'TST-0002', name: 'x', unit: '只', categoryId: c.id, listPrice: '1' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('PRODUCT_CATEGORY_INVALID');
    expect((await rep.request({ method: 'POST', url: '/api/v1/product-categories', payload: { name: 'rep' } })).statusCode).toBe(403);
  });
});

describe('product export', () => {
  it('gives a rep the filtered list without floor price and cost columns, and audits the export', async () => {
    const q = `categoryId=${cat('集中器').id}`;
    const rows = await sheetRows(await rep.request({ method: 'GET', url: `/api/v1/products/export?${q}` }));
    expect(rows[0]).toEqual([
      '物料编码',
      '产品名称',
      '规格型号',
      '单位',
      '产品分类',
      '目录价（含税）',
      '税率',
      '质保期（月）',
      '交货周期（天）',
      '状态',
    ]);
    const expected = await listAll(rep, q);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((p) => p.materialCode));
    const row = rows.find((r) => r[2] === 'DJGZ23-H 3×220/380V')!;
    expect(row.slice(3)).toEqual(['台', '集中器', 1780, 0.13, 60, expect.any(Number), '在售']);
    const [entry] = await t.database.db
      .select()
      .from(auditEntry)
      .where(and(eq(auditEntry.action, 'product.export'), eq(auditEntry.actorId, rep.userId)));
    expect(entry?.meta).toMatchObject({ filter: { categoryId: [cat('集中器').id] }, rows: expected.length, truncated: false });
    expect((entry?.meta as { columns: string[] }).columns).not.toContain('standardCost');
  });

  it('gives a product manager every column, in English when asked', async () => {
    const rows = await sheetRows(await pm.request({ method: 'GET', url: '/api/v1/products/export?q=DJGZ23-H&lang=en-US' }));
    expect(rows[0]).toEqual([
      'Material code',
      'Name',
      'Model / spec',
      'Unit',
      'Category',
      'List price (incl. tax)',
      'Floor price (incl. tax)',
      'Standard cost (excl. tax)',
      'Tax rate',
      'Warranty (months)',
      'Lead time (days)',
      'Status',
    ]);
    expect(rows[1]![4]).toBe('Concentrators');
    expect(typeof rows[1]![6]).toBe('number');
    expect(typeof rows[1]![7]).toBe('number');
    expect(rows[1]![11]).toBe('Active');
  });
});

describe('product import', () => {
  const header = [
    '物料编码',
    '产品名称',
    '规格型号',
    '单位',
    '产品分类',
    '目录价（含税）',
    '底价（含税）',
    '标准成本（不含税）',
    '税率',
    '质保期（月）',
    '交货周期（天）',
    '状态',
  ];

  it('reports every row error and writes nothing when any row is wrong', async () => {
    const before = await t.database.db.select({ n: count() }).from(product);
    const file = await xlsx([
      header,
      ['IMP-0001', '导入测试表', 'M1', '只', '单相智能电表', 300, 260, 150, '13%', 96, 20, '在售'],
      ['IMP-0002', '导入测试表二', null, '只', '不存在的分类', 'abc', null, null, null, null, null, null],
      ['IMP-0001', '重复', null, '只', '单相智能电表', 100, 120, null, null, null, null, null],
    ]);
    const res = await upload(pm, file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as TProductImportReport;
    expect(report).toMatchObject({ applied: false, dryRun: false, total: 3 });
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'category', 'unknown_category'],
      [3, 'listPrice', 'money'],
      [4, 'materialCode', 'duplicate_in_file'],
      [4, 'floorPrice', 'floor_above_list'],
    ]);
    expect(report.errors[0]!.message).toBe('没有名为“不存在的分类”的启用分类');
    const after = await t.database.db.select({ n: count() }).from(product);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await t.database.db.select().from(product).where(like(product.materialCode, 'IMP-%'))).toHaveLength(0);
  });

  it('creates and updates by material code in one go, after a dry run that writes nothing, and audits it', async () => {
    const [existing] = (await pm.request({ method: 'GET', url: '/api/v1/products?q=DCZL13-W' })).json().items as TProduct[];
    const file = await xlsx([
      header,
      ['IMP-0101', '导入新集中器', 'DJGZ-IMP', '台', '集中器', '2,000.00', 1800, 1000, 0.13, 60, 30, '在售'],
      ['imp-0102', '导入新采集器', null, '台', 'Collectors', 500, null, null, '9%', null, null, '停产'],
      [
        existing!.materialCode,
        existing!.name,
        existing!.model,
        existing!.unit,
        existing!.categoryName,
        255,
        existing!.floorPrice,
        existing!.standardCost,
        '13%',
        60,
        existing!.leadTimeDays,
        '在售',
      ],
      [
        '1101000100',
        '单相费控智能电能表（远程-HPLC）',
        'DDZY102C-Z 5(60)A 2级',
        '只',
        '单相智能电表',
        285,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
    const dry = (await upload(pm, file, '?dryRun=true')).json() as TProductImportReport;
    expect(dry).toMatchObject({ applied: false, dryRun: true, total: 4, created: 2, updated: 2, unchanged: 0, errors: [] });
    expect(await t.database.db.select().from(product).where(like(product.materialCode, 'IMP-01%'))).toHaveLength(0);

    const res = await upload(pm, file);
    const report = res.json() as TProductImportReport;
    expect(report, res.body).toMatchObject({ applied: true, created: 2, updated: 2, unchanged: 0, errors: [] });
    const imported = await listAll(pm, 'q=IMP-01');
    expect(imported.map((p) => [p.materialCode, p.listPrice, p.floorPrice, p.taxRate, p.status, p.warrantyMonths])).toEqual([
      ['IMP-0101', '2000.00', '1800.00', '0.13', 'active', 60],
      ['IMP-0102', '500.00', null, '0.09', 'discontinued', 12],
    ]);
    const updated = (await pm.request({ method: 'GET', url: `/api/v1/products/${existing!.id}` })).json() as TProduct;
    expect(updated).toMatchObject({ listPrice: '255.00', version: existing!.version + 1, updatedByName: '赵敏' });
    // Empty floor price and cost cells cleared them on the second existing product.
    const cleared = (await listAll(pm, 'q=1101000100'))[0]!;
    expect(cleared).toMatchObject({ floorPrice: null, standardCost: null });

    const [summary] = await audits('product.import');
    expect(summary?.meta).toMatchObject({ file: '产品导入.xlsx', total: 4, created: 2, updated: 2 });
    const [change] = await audits('product.update', existing!.id);
    expect(change?.changes).toEqual({ listPrice: { from: existing!.listPrice, to: '255.00' } });
    expect(await audits('product.create', imported[0]!.id)).toHaveLength(1);

    // Importing the same file again changes nothing.
    const again = (await upload(pm, file)).json() as TProductImportReport;
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 4 });
  });

  it('round-trips an export and refuses reps and unreadable files', async () => {
    const exported = await pm.request({ method: 'GET', url: `/api/v1/products/export?categoryId=${cat('互感器').id}` });
    const report = (await upload(pm, exported.rawPayload)).json() as TProductImportReport;
    expect(report).toMatchObject({ applied: true, created: 0, updated: 0, errors: [] });
    expect(report.unchanged).toBeGreaterThan(15);
    expect((await upload(rep, exported.rawPayload)).statusCode).toBe(403);
    const junk = await upload(pm, Buffer.from('not a spreadsheet'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('PRODUCT_IMPORT_FILE_INVALID');
  });

  it('follows the field rules configured on the roles page: without the cost grant, cost cannot be imported or sent', async () => {
    const roles: TRole[] = (await admin.request({ method: 'GET', url: '/api/v1/roles' })).json().items;
    const role = roles.find((r) => r.code === 'product_manager')!;
    const changed = await admin.request({
      method: 'PATCH',
      url: `/api/v1/roles/${role.id}`,
      payload: { version: role.version, permissions: role.permissions.filter((p) => p !== Permission.fieldCost) },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const pm2 = await t.login('pm.dist');
    const file = await xlsx([header, ['IMP-0201', '无成本权限', null, '只', '互感器', 100, 90, 50, null, null, null, null]]);
    const report = (await upload(pm2, file)).json() as TProductImportReport;
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'standardCost', 'forbidden']]);
    const sent = await pm2.request({
      method: 'POST',
      url: '/api/v1/products',
      payload: { materialCode: 'IMP-0202', name: 'x', unit: '只', categoryId: cat('互感器').id, listPrice: '10', standardCost: '5' },
    });
    expect(sent.statusCode).toBe(403);
    const [seen] = (await pm2.request({ method: 'GET', url: '/api/v1/products?q=LMZ&limit=1' })).json().items as TProduct[];
    expect(seen).toHaveProperty('floorPrice');
    expect(seen).not.toHaveProperty('standardCost');
    expect(seen).not.toHaveProperty('listMarginPercent');
  });
});
