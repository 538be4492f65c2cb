import { ZCustomerSortValues, type TCustomer, type TPage } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';
import { customer } from '../customers.schema.ts';
import { duplicateSearchKeys } from '../duplicate/similarity.ts';

let t: TestApp;
let admin: Session;
let rep1: Session; // rep.east1, 华东一组
let rep2: Session; // rep.north1, 华北一组
let mgr: Session; // mgr.east, 华东大区

const PREFIX = '列表测试';
type Fixture = Partial<typeof customer.$inferInsert> & { name: string };

async function departmentOf(userId: string): Promise<string> {
  return (await admin.request({ method: 'GET', url: `/api/v1/users/${userId}` })).json().departmentId;
}

async function insert(rows: Fixture[]): Promise<void> {
  await t.database.db.insert(customer).values(
    rows.map((r) => ({
      type: 'industrial' as const,
      ...duplicateSearchKeys(r.name),
      ...r,
    })),
  );
}

/** The names of the customers the caller lists with these query parameters (all pages). */
async function names(s: Session, query: string): Promise<string[]> {
  const res = await s.request({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(PREFIX)}&limit=200&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TPage<TCustomer>).items.map((c) => c.name.slice(PREFIX.length));
}

/** Pages one row at a time through the cursor and returns the names in the order they came. */
async function pagedNames(s: Session, query: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const res = await s.request({
      method: 'GET',
      url: `/api/v1/customers?q=${encodeURIComponent(PREFIX)}&limit=1&${query}${cursor ? `&cursor=${cursor}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page: TPage<TCustomer> = res.json();
    out.push(...page.items.map((c) => c.name.slice(PREFIX.length)));
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('the cursor never ended');
}

const sorted = (list: string[]) => [...list].sort();

beforeAll(async () => {
  t = await createTestApp();
  [admin, rep1, rep2, mgr] = await Promise.all([t.login('admin'), t.login('rep.east1'), t.login('rep.north1'), t.login('mgr.east')]);
  const [eastTeam, northTeam] = await Promise.all([departmentOf(rep1.userId), departmentOf(rep2.userId)]);
  // Times chosen around Shanghai midnights: 2026-10-31T16:00Z is 2026-11-01 00:00 in Shanghai.
  await insert([
    {
      name: `${PREFIX}甲`,
      grade: 'A',
      status: 'active',
      type: 'grid',
      industry: '电网',
      province: '江苏',
      city: '南京',
      tags: ['重点', '电网'],
      ownerId: rep1.userId,
      departmentId: eastTeam,
      lastActivityAt: new Date('2026-10-31T17:00:00Z'),
      creditLimit: '500000.00',
      createdAt: new Date('2026-09-30T12:00:00Z'),
    },
    {
      name: `${PREFIX}乙`,
      grade: 'B',
      status: 'prospect',
      industry: '电气设备',
      province: '江苏',
      city: '苏州',
      tags: ['重点'],
      ownerId: rep1.userId,
      departmentId: eastTeam,
      lastActivityAt: new Date('2026-10-31T15:59:00Z'),
      createdAt: new Date('2026-10-01T16:30:00Z'),
    },
    {
      name: `${PREFIX}丙`,
      grade: 'B',
      status: 'active',
      type: 'distributor',
      industry: '电气设备',
      province: '浙江',
      city: '杭州',
      ownerId: rep1.userId,
      departmentId: eastTeam,
      creditLimit: '100.00',
      createdAt: new Date('2026-10-03T15:00:00Z'),
    },
    {
      name: `${PREFIX}丁`,
      grade: 'C',
      status: 'dormant',
      type: 'grid',
      tags: ['集招'],
      ownerId: null,
      departmentId: eastTeam,
      lastActivityAt: new Date('2026-09-01T02:00:00Z'),
      creditLimit: '500000.00',
      createdAt: new Date('2026-10-03T16:30:00Z'),
    },
    {
      name: `${PREFIX}戊`,
      grade: 'D',
      status: 'lost',
      type: 'overseas',
      tags: ['重点'],
      ownerId: rep2.userId,
      departmentId: northTeam,
      createdAt: new Date('2026-10-05T02:00:00Z'),
    },
  ]);
});

describe('customer list filters', () => {
  it('filters by grade, status, type, industry and region', async () => {
    expect(sorted(await names(admin, 'grade=B'))).toEqual(sorted(['乙', '丙']));
    expect(sorted(await names(admin, 'grade=A&grade=C'))).toEqual(sorted(['甲', '丁']));
    expect(sorted(await names(admin, 'status=active'))).toEqual(sorted(['甲', '丙']));
    expect(sorted(await names(admin, 'type=grid'))).toEqual(sorted(['甲', '丁']));
    expect(sorted(await names(admin, `industry=${encodeURIComponent('电气设备')}`))).toEqual(sorted(['乙', '丙']));
    expect(sorted(await names(admin, `province=${encodeURIComponent('江苏')}`))).toEqual(sorted(['甲', '乙']));
    expect(await names(admin, `province=${encodeURIComponent('江苏')}&city=${encodeURIComponent('苏州')}`)).toEqual(['乙']);
  });

  it('filters by any of several tags', async () => {
    expect(sorted(await names(admin, `tag=${encodeURIComponent('集招')}`))).toEqual(['丁']);
    expect(sorted(await names(admin, `tag=${encodeURIComponent('集招')}&tag=${encodeURIComponent('电网')}`))).toEqual(sorted(['甲', '丁']));
  });

  it('filters by owners, by the pool and by a department subtree', async () => {
    expect(sorted(await names(admin, `ownerId=${rep2.userId}`))).toEqual(['戊']);
    expect(sorted(await names(admin, `ownerId=${rep1.userId}&ownerId=${rep2.userId}`))).toEqual(sorted(['甲', '乙', '丙', '戊']));
    expect(await names(admin, 'inPool=true')).toEqual(['丁']);
    expect(sorted(await names(admin, 'inPool=false'))).toEqual(sorted(['甲', '乙', '丙', '戊']));
    // 华东大区 contains 华东一组: the rep's customers and the pool customer of that team, not 华北.
    const office = await departmentOf(mgr.userId);
    expect(sorted(await names(admin, `departmentId=${office}`))).toEqual(sorted(['甲', '乙', '丙', '丁']));
    expect(await names(admin, `departmentId=${await departmentOf(rep2.userId)}`)).toEqual(['戊']);
  });

  it('reads activity and creation dates as Shanghai business days', async () => {
    // 甲 was followed up at 01:00 on 1 November in Shanghai (still 31 October in UTC); 乙 at 23:59 on 31 October.
    expect(await names(admin, 'lastActivityAfter=2026-11-01')).toEqual(['甲']);
    // "Not followed up since": earlier activity or none at all.
    expect(sorted(await names(admin, 'lastActivityBefore=2026-11-01'))).toEqual(sorted(['乙', '丙', '丁', '戊']));
    expect(sorted(await names(admin, 'lastActivityBefore=2026-10-01&lastActivityAfter=2026-08-31'))).toEqual(['丁']);
    // 乙 was created at 00:30 on 2 October in Shanghai, 丙 at 23:00 on 3 October, 丁 at 00:30 on 4 October.
    expect(sorted(await names(admin, 'createdFrom=2026-10-02&createdTo=2026-10-03'))).toEqual(sorted(['乙', '丙']));
    expect(await names(admin, 'createdTo=2026-10-01')).toEqual(['甲']);
  });

  it('finds two-character terms, which have no trigram, in names, short names and pinyin initials', async () => {
    await insert([
      { name: '两字检索滇池智能仪表有限公司', shortName: '滇仪', pinyinInitials: 'lzjsdczhybyxgs dy', ownerId: rep1.userId },
      { name: 'Qz Metering Two-Letter Search Ltd', ownerId: rep1.userId },
    ]);
    const found = async (q: string) =>
      (
        (await rep1.request({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(q)}&limit=200` })).json() as TPage<TCustomer>
      ).items.map((c) => c.name);
    expect(await found('滇池')).toContain('两字检索滇池智能仪表有限公司');
    expect(await found('滇仪')).toContain('两字检索滇池智能仪表有限公司');
    expect(await found('dy')).toContain('两字检索滇池智能仪表有限公司');
    expect(await found('qZ')).toContain('Qz Metering Two-Letter Search Ltd');
    // The characters must be next to each other and in this order.
    expect(await found('池滇')).not.toContain('两字检索滇池智能仪表有限公司');
    expect(await found('滇智')).not.toContain('两字检索滇池智能仪表有限公司');
  });

  it('refuses unknown sorts and malformed filters', async () => {
    for (const query of ['sort=ownerId', 'grade=E', 'createdFrom=2026-13-01', 'inPool=maybe', 'ownerId=me']) {
      const res = await admin.request({ method: 'GET', url: `/api/v1/customers?${query}` });
      expect(res.statusCode, query).toBe(400);
    }
  });
});

describe('customer list sorts', () => {
  it('sorts names in pinyin order and by credit limit with empty limits first', async () => {
    // bǐng, dīng, jiǎ, wù, yǐ — not the code-point order (丁 丙 乙 戊 甲).
    expect(await names(admin, 'sort=name')).toEqual(['丙', '丁', '甲', '戊', '乙']);
    expect(await names(admin, 'sort=-name')).toEqual(['乙', '戊', '甲', '丁', '丙']);
    const byLimit = await names(admin, 'sort=creditLimit');
    expect(sorted(byLimit.slice(0, 2))).toEqual(sorted(['乙', '戊']));
    expect(byLimit[2]).toBe('丙');
    expect(sorted(byLimit.slice(3))).toEqual(sorted(['甲', '丁']));
    expect(await names(admin, 'sort=-lastActivityAt')).toEqual(expect.arrayContaining(['甲', '乙', '丁']));
    expect((await names(admin, 'sort=-lastActivityAt')).slice(0, 3)).toEqual(['甲', '乙', '丁']);
    expect((await names(admin, 'sort=lastActivityAt')).slice(2)).toEqual(['丁', '乙', '甲']);
  });

  it('continues every sort through the cursor in the same order, ties and empty values included', async () => {
    for (const sort of ZCustomerSortValues) {
      const all = await names(admin, `sort=${sort}`);
      expect(all).toHaveLength(5);
      expect(await pagedNames(admin, `sort=${sort}`), sort).toEqual(all);
    }
  });

  it('lists a scope by creation date in the order of the whole list, page by page', async () => {
    // A manager's and a rep's lists by creation date are read per department and owner (scopedPageIds).
    for (const s of [mgr, rep1]) {
      const visible = new Set(await names(s, 'sort=name'));
      for (const sort of ['createdAt', '-createdAt']) {
        const expected = (await names(admin, `sort=${sort}`)).filter((n) => visible.has(n));
        expect(await names(s, `sort=${sort}`), sort).toEqual(expected);
        expect(await pagedNames(s, `sort=${sort}`), sort).toEqual(expected);
      }
    }
  });

  it('refuses a forged cursor', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/customers?cursor=bm90LWEtY3Vyc29y' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('cursor');
  });
});

describe('customer list scope and count', () => {
  it('lists and counts only what the caller may see', async () => {
    expect(sorted(await names(rep1, ''))).toEqual(sorted(['甲', '乙', '丙']));
    expect(await names(rep2, '')).toEqual(['戊']);
    expect(sorted(await names(mgr, ''))).toEqual(sorted(['甲', '乙', '丙', '丁']));
    const count = async (s: Session, query: string) =>
      (await s.request({ method: 'GET', url: `/api/v1/customers/count?q=${encodeURIComponent(PREFIX)}&${query}` })).json();
    expect(await count(admin, '')).toEqual({ count: 5, capped: false });
    expect(await count(rep1, '')).toEqual({ count: 3, capped: false });
    expect(await count(rep1, 'grade=B')).toEqual({ count: 2, capped: false });
  });

  it('caps the count at 10,000', async () => {
    await t.database.db.execute(
      sql`insert into ${customer} (name, normalized_name, type) select ${'计数测试'} || g, ${'计数测试'} || g, 'other' from generate_series(1, 10005) g`,
    );
    const res = await admin.request({ method: 'GET', url: `/api/v1/customers/count?q=${encodeURIComponent('计数测试')}` });
    expect(res.json()).toEqual({ count: 10_000, capped: true });
    const under = await admin.request({ method: 'GET', url: `/api/v1/customers/count?q=${encodeURIComponent('计数测试1000')}` });
    // 1000 itself and 10000–10005.
    expect(under.json()).toEqual({ count: 7, capped: false });
  });
});
