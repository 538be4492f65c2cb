import { Permission, type TRole } from '@crm/contracts';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { customer } from '../customers.schema.ts';
import { duplicateSearchKeys } from '../duplicate/similarity.ts';

let t: TestApp;
let admin: Session;
let rep1: Session; // rep.east1
let rep2: Session; // rep.north1
let finance: Session;

const PREFIX = '导出测试';

async function sheetOf(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** Every row as the values of its cells, empty cells as null. */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}

const exportUrl = (query: string) => `/api/v1/customers/export?q=${encodeURIComponent(PREFIX)}&${query}`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  // Reps cannot export by default; this organisation lets them.
  const roles: TRole[] = (await admin.request({ method: 'GET', url: '/api/v1/roles' })).json().items;
  const rep = roles.find((r) => r.code === 'sales_rep')!;
  const granted = await admin.request({
    method: 'PATCH',
    url: `/api/v1/roles/${rep.id}`,
    payload: { version: rep.version, permissions: [...rep.permissions, Permission.customerExport] },
  });
  expect(granted.statusCode, granted.body).toBe(200);
  [rep1, rep2, finance] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('finance.1')]);
  const row = (name: string, fields: Partial<typeof customer.$inferInsert>) => ({
    type: 'grid' as const,
    ...duplicateSearchKeys(name),
    name,
    ...fields,
  });
  await t.database.db.insert(customer).values([
    row(`${PREFIX}甲`, {
      grade: 'A',
      status: 'active',
      ownerId: rep1.userId,
      province: '江苏',
      city: '南京',
      tags: ['重点', '集招'],
      creditLimit: '1234567.89',
      bankAccount: '6222021234567890123',
      lastActivityAt: new Date('2026-10-31T17:05:00Z'),
      createdAt: new Date('2026-10-01T00:00:00Z'),
    }),
    row(`${PREFIX}乙`, {
      grade: 'B',
      status: 'prospect',
      type: 'industrial',
      ownerId: rep1.userId,
      createdAt: new Date('2026-10-02T00:00:00Z'),
    }),
    row(`${PREFIX}丙`, { grade: 'C', ownerId: rep2.userId, bankAccount: '6222000011112222', createdAt: new Date('2026-10-03T00:00:00Z') }),
    row(`${PREFIX}丁`, { grade: 'D', ownerId: null, createdAt: new Date('2026-10-04T00:00:00Z') }),
  ]);
});

describe('customer export', () => {
  it('streams the chosen columns in their order with Chinese headers and labels; bank accounts stay masked', async () => {
    const columns = ['name', 'grade', 'type', 'status', 'owner', 'region', 'tags', 'creditLimit', 'bankAccount', 'lastActivityAt'];
    const res = await rep1.request({ method: 'GET', url: exportUrl(`sort=name&${columns.map((c) => `columns=${c}`).join('&')}`) });
    const sheet = await sheetOf(res);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customers-20261102\.xlsx"/);
    expect(res.headers['x-export-truncated']).toBe('0');
    const [header, ...rows] = rowsOf(sheet);
    expect(header).toEqual(['客户名称', '等级', '类型', '状态', '负责人', '地区', '标签', '信用额度（元）', '银行账号', '最近跟进']);
    // Own scope: only rep.east1's two customers, in pinyin order (jiǎ, yǐ).
    expect(rows.map((r) => r[0])).toEqual([`${PREFIX}甲`, `${PREFIX}乙`]);
    expect(rows[0]!.slice(1)).toEqual([
      'A',
      '电网公司',
      '合作中',
      '黄磊',
      '江苏 南京',
      '重点、集招',
      1234567.89,
      '***************0123',
      '2026-11-01 01:05',
    ]);
    expect(rows[1]!.slice(1, 5)).toEqual(['B', '工业客户', '潜在', '黄磊']);
    expect(sheet.getRow(2).getCell(8).numFmt).toBe('#,##0.00');
  });

  it('speaks English when asked and shows full bank accounts to holders of the field grant', async () => {
    const res = await finance.request({
      method: 'GET',
      url: exportUrl('lang=en-US&sort=createdAt&columns=name&columns=status&columns=owner&columns=bankAccount'),
    });
    const [header, ...rows] = rowsOf(await sheetOf(res));
    expect(header).toEqual(['Name', 'Status', 'Owner', 'Bank account']);
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ['Active', '6222021234567890123'],
      ['Prospect', null],
      ['Prospect', '6222000011112222'],
      ['Prospect', null],
    ]);
    expect(rows.map((r) => r[2])).toEqual(['黄磊', '黄磊', expect.stringMatching(/\S/), 'Public pool']);
  });

  it('exports the default columns when none are chosen and follows the filter', async () => {
    const res = await admin.request({ method: 'GET', url: exportUrl('grade=C&grade=D'), headers: { 'accept-language': 'en-US' } });
    const [header, ...rows] = rowsOf(await sheetOf(res));
    expect(header).toEqual(['Name', 'Type', 'Grade', 'Status', 'Owner', 'Department', 'Region', 'Last activity', 'Created']);
    expect(rows.map((r) => r[0])).toEqual([`${PREFIX}丁`, `${PREFIX}丙`]);
  });

  it('writes the export with its filter to the audit log', async () => {
    await rep2.request({ method: 'GET', url: exportUrl('grade=C&columns=name') });
    const log = await admin.request({ method: 'GET', url: `/api/v1/audit-log?action=customer.export&userId=${rep2.userId}` });
    const [entry] = log.json().items;
    expect(entry).toMatchObject({ action: 'customer.export', entityType: 'customer', actorId: rep2.userId });
    expect(entry.meta).toMatchObject({ filter: { q: PREFIX, grade: ['C'] }, columns: ['name'], format: 'xlsx', truncated: false });
  });

  it('needs the export permission and valid columns', async () => {
    const support = await t.login('support.1');
    expect((await support.request({ method: 'GET', url: exportUrl('') })).statusCode).toBe(403);
    expect((await rep1.request({ method: 'GET', url: exportUrl('columns=secret') })).statusCode).toBe(400);
    expect((await rep1.request({ method: 'GET', url: exportUrl('columns=name&columns=name') })).statusCode).toBe(400);
  });
});
