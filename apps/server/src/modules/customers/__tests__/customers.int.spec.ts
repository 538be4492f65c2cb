import type { TCustomer } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../../kernel/db/tx.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { findSimilarNamesBestOfTwo } from '../duplicate/duplicate-candidates.repository.ts';
import { duplicateSearchKeys, PREFILTER_THRESHOLD } from '../duplicate/similarity.ts';

let t: TestApp;
let rep1: Session; // rep.east1, 华东一组
let rep2: Session; // rep.north1, 华北一组
let mgr: Session; // mgr.east, 华东大区

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, mgr] = await Promise.all([t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east')]);
});

const base = { type: 'industrial' as const, province: '江苏', city: '无锡', industry: '电气设备' };

async function create(s: Session, payload: Record<string, unknown>) {
  return s.request({ method: 'POST', url: '/api/v1/customers', payload: { ...base, ...payload } });
}

describe('customers', () => {
  it('creates a customer with contacts, owned by the creator in their department', async () => {
    const res = await create(rep1, {
      name: '无锡新纪元电气有限公司',
      shortName: '新纪元电气',
      creditCode: '91320200MA1XYW0001',
      creditLimit: '1500000.5',
      bankAccount: '6222 0212 3456 7890 123',
      contacts: [
        { name: '周工', mobile: '13912340001', email: 'zhou@xjy-elec.example.cn', isPrimary: true },
        { name: '钱经理', mobile: '13912340002' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const c: TCustomer = res.json();
    expect(c.ownerName).toBe('黄磊');
    expect(c.departmentName).toBe('华东一组');
    expect(c.creditLimit).toBe('1500000.50');
    expect(c.bankAccount).toBe(`${'*'.repeat(15)}0123`);
    const finance = await t.login('finance.1');
    expect((await finance.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json().customer.bankAccount).toBe(
      '6222021234567890123',
    );
    const detail = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json();
    expect(detail.contacts.map((x: { name: string; isPrimary: boolean }) => [x.name, x.isPrimary])).toEqual([
      ['周工', true],
      ['钱经理', false],
    ]);
  });

  it('blocks the same credit code and the same company under a variant name', async () => {
    const sameCode = await create(rep2, { name: '完全不同的名字有限公司', creditCode: '91320200ma1xyw0001' });
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().code).toBe('CUSTOMER_DUPLICATE');
    expect(sameCode.json().matches[0]).toMatchObject({ reason: 'credit_code', ownerName: '黄磊', visible: false });
    const variant = await create(rep2, { name: '无锡新纪元电气有限公司 ' });
    expect(variant.statusCode).toBe(409);
    expect(variant.json().code).toBe('CUSTOMER_DUPLICATE');
  });

  it('keeps a branch apart from its parent (不是同一家)', async () => {
    const parent = await create(rep1, { name: '江苏苏源电力工程有限公司', creditCode: '91320000MA1XYW0002', type: 'grid' });
    expect(parent.statusCode).toBe(201);
    const check = await rep1.request({
      method: 'POST',
      url: '/api/v1/customers/duplicate-check',
      payload: { name: '江苏苏源电力工程有限公司常州分公司' },
    });
    expect(check.json().verdict).not.toBe('block');
  });

  it('compares a Chinese name without a trade name with Latin-script names by pinyin, Chinese ones by text', async () => {
    for (const name of ['Nanjing Power Supply Company', '南京市供电服务有限公司', '南京的供电'])
      expect((await create(rep1, { name, type: 'grid' })).statusCode).toBe(201);
    const keys = duplicateSearchKeys('南京供电公司');
    const names = async () =>
      (await withTx(t.database.db, (tx) => findSimilarNamesBestOfTwo(tx, keys, PREFILTER_THRESHOLD, 300))).map((c) => c.name);
    const found = await names();
    // The Latin name only by its pinyin key, the Chinese ones by their normalised text.
    expect(found).toEqual(expect.arrayContaining(['Nanjing Power Supply Company', '南京市供电服务有限公司', '南京的供电']));
  });

  it('warns about a similar name (an input-method typo) found through the trigram index', async () => {
    expect((await create(rep1, { name: '江苏华鹏变压器有限公司', type: 'industrial' })).statusCode).toBe(201);
    const check = await rep2.request({ method: 'POST', url: '/api/v1/customers/duplicate-check', payload: { name: '江苏华朋变压器' } });
    expect(check.json().verdict).toBe('warn');
    expect(check.json().matches[0]).toMatchObject({ name: '江苏华鹏变压器有限公司', reason: 'similar_name' });
    const unrelated = await rep2.request({
      method: 'POST',
      url: '/api/v1/customers/duplicate-check',
      payload: { name: '浙江华鹏智能电力科技有限公司' },
    });
    expect(unrelated.json().matches.map((m: { name: string }) => m.name)).not.toContain('国网浙江省电力有限公司');
  });

  it('warns about the same contact mobile and lets the user confirm', async () => {
    const payload = { name: '常州远航机电设备有限公司', contacts: [{ name: '孙工', mobile: '139-1234-0001' }] };
    const warned = await create(rep2, payload);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().code).toBe('CUSTOMER_POSSIBLE_DUPLICATE');
    expect(warned.json().matches[0].reason).toBe('contact_phone');
    const confirmed = await create(rep2, { ...payload, acknowledgeDuplicates: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('answers the duplicate check with only name and owner for records outside the scope', async () => {
    const res = await rep2.request({
      method: 'POST',
      url: '/api/v1/customers/duplicate-check',
      payload: { name: '国网江苏省电力有限公司' },
    });
    expect(res.json().verdict).toBe('block');
    const [match] = res.json().matches;
    expect(match).toMatchObject({ name: '国网江苏省电力有限公司', ownerName: '黄磊', visible: false, customerId: null });
  });
});

describe('data scopes', () => {
  it('a rep sees and changes only own customers; another rep’s customer answers 404', async () => {
    const mine = (await rep1.request({ method: 'GET', url: '/api/v1/customers?limit=200' })).json().items as TCustomer[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.ownerName === '黄磊')).toBe(true);
    const theirs = (await rep2.request({ method: 'GET', url: '/api/v1/customers?limit=200' })).json().items as TCustomer[];
    const target = theirs[0]!;
    expect((await rep1.request({ method: 'GET', url: `/api/v1/customers/${target.id}` })).statusCode).toBe(404);
    const write = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/customers/${target.id}`,
      payload: { version: target.version, address: 'x' },
    });
    expect(write.statusCode).toBe(404);
    const contact = await rep1.request({ method: 'POST', url: `/api/v1/customers/${target.id}/contacts`, payload: { name: '入侵者' } });
    expect(contact.statusCode).toBe(404);
    expect((await rep2.request({ method: 'GET', url: `/api/v1/customers/${target.id}` })).json().customer.address).toBeNull();
  });

  it('a manager sees the customers of the whole office', async () => {
    const all = (await mgr.request({ method: 'GET', url: '/api/v1/customers?limit=200' })).json().items as TCustomer[];
    const owners = new Set(all.map((c) => c.ownerName));
    expect(owners.has('黄磊')).toBe(true);
    expect(owners.has('周杰')).toBe(true);
    expect(owners.has('朱峰')).toBe(false);
  });
});

describe('search and edits', () => {
  it('finds customers by pinyin initials, credit code and contact mobile', async () => {
    const admin = await t.login('admin');
    const byInitials = (await admin.request({ method: 'GET', url: '/api/v1/customers?q=gwjssdl' })).json().items as TCustomer[];
    expect(byInitials.map((c) => c.name)).toContain('国网江苏省电力有限公司');
    const byCode = (await admin.request({ method: 'GET', url: '/api/v1/customers?q=91320200MA1XYW0001' })).json().items as TCustomer[];
    expect(byCode.map((c) => c.name)).toEqual(['无锡新纪元电气有限公司']);
    const byMobile = (await admin.request({ method: 'GET', url: '/api/v1/customers?q=13912340002' })).json().items as TCustomer[];
    expect(byMobile.map((c) => c.name)).toEqual(['无锡新纪元电气有限公司']);
  });

  it('filters and pages in order', async () => {
    const admin = await t.login('admin');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers?type=grid&sort=name&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: TCustomer[]; nextCursor: string | null } = (await admin.request({ method: 'GET', url })).json();
      expect(page.items.every((c) => c.type === 'grid')).toBe(true);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(12);
  });

  it('updates with the version, refuses a stale one, keeps one primary contact, audits all', async () => {
    const c: TCustomer = (await create(rep1, { name: '镇江江南变压器制造有限公司', creditCode: '91321100MA1XYW0003' })).json();
    const updated = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { version: c.version, grade: undefined, status: 'active', tags: ['变压器'] },
    });
    expect(updated.statusCode).toBe(200);
    const stale = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { version: c.version, status: 'lost' },
    });
    expect(stale.statusCode).toBe(409);
    const a = (await rep1.request({ method: 'POST', url: `/api/v1/customers/${c.id}/contacts`, payload: { name: '甲' } })).json();
    expect(a.isPrimary).toBe(true);
    const b = (
      await rep1.request({ method: 'POST', url: `/api/v1/customers/${c.id}/contacts`, payload: { name: '乙', isPrimary: true } })
    ).json();
    expect(b.isPrimary).toBe(true);
    const contacts = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json().contacts;
    expect(contacts.filter((x: { isPrimary: boolean }) => x.isPrimary).map((x: { name: string }) => x.name)).toEqual(['乙']);
    expect((await rep1.request({ method: 'DELETE', url: `/api/v1/customers/${c.id}/contacts/${b.id}` })).statusCode).toBe(204);
    const left = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json().contacts;
    expect(left.map((x: { name: string; isPrimary: boolean }) => [x.name, x.isPrimary])).toEqual([['甲', true]]);
    const admin = await t.login('admin');
    const log = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=customer&entityId=${c.id}` })).json().items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['customer.create', 'customer.update', 'customer.read']),
    );
    const update = log.find((e: { action: string }) => e.action === 'customer.update');
    expect(update.changes).toEqual({ status: { from: 'prospect', to: 'active' }, tags: { from: [], to: ['变压器'] } });
  });
});
