import { randomUUID } from 'node:crypto';
import { creditCodeCheckChar, organisationCodeCheckChar } from '@crm/protocols';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { activity } from '../activities.schema.ts';
import { contact, customer } from '../customers.schema.ts';
import { digitsOf } from '../duplicate-check.service.ts';
import {
  DISTRIBUTOR_SUFFIXES,
  GIVEN_CHARS,
  GRID_UNITS,
  INDUSTRIES,
  METRO_CITIES,
  OTHER_SUFFIXES,
  OVERSEAS,
  OVERSEAS_CONTACTS,
  PORT_CITIES,
  PROVINCES,
  SURNAMES,
  TITLES,
  TRADE_CHARS,
  type ProvinceSpec,
} from './demo-names.ts';

/**
 * The bulk of the demo customer base: about 2,000 generated customers of a metering manufacturer
 * with contacts and a year of activities, next to the hand-written ones in customers.seed.ts. The
 * generator is deterministic (seeded PRNG, times relative to the clock), so every demo database
 * and every test template holds the same data.
 */

export const GENERATED_CUSTOMER_COUNT = 1975;
const NEAR_DUPLICATE_PAIRS = 20;
const DAY = 86_400_000;
const CHUNK = 500;

export const EAST_REPS = ['rep.east1', 'rep.east2', 'rep.east3', 'rep.east4', 'rep.east5'] as const;
export const NORTH_REPS = ['rep.north1', 'rep.north2', 'rep.north3', 'rep.north4'] as const;
export const INDUSTRY_REPS = ['rep.ind1', 'rep.ind2', 'rep.ind3'] as const;
export const INTL_REPS = ['rep.intl1', 'rep.intl2'] as const;
export const DEMO_REPS = [...EAST_REPS, ...NORTH_REPS, ...INDUSTRY_REPS, ...INTL_REPS] as const;

type CustomerType = 'grid' | 'industrial' | 'distributor' | 'overseas' | 'other';
type Grade = 'A' | 'B' | 'C' | 'D';
type ActivityType = 'call' | 'visit' | 'meeting' | 'wecom' | 'note';

export type GeneratedContact = { name: string; title: string; mobile: string; email: string | null };
export type GeneratedActivity = { type: ActivityType; content: string; occurredAt: Date; contact: number; nextFollowUpAt: Date | null };
export type GeneratedCustomer = {
  name: string;
  shortName: string | null;
  type: CustomerType;
  industry: string;
  country: string;
  province: string | null;
  city: string | null;
  owner: string;
  grade: Grade;
  status: 'prospect' | 'active' | 'dormant' | 'lost';
  source: string;
  tags: string[];
  creditCode: string | null;
  creditLimit: string;
  creditDays: number;
  createdAt: Date;
  contacts: GeneratedContact[];
  activities: GeneratedActivity[];
  /** Set on the second record of a near-duplicate pair: the name of the first. */
  duplicateOf?: string;
};

/** mulberry32: a small, fast, seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function creditCode(rng: Rng, provinceCode: string, taken: Set<string>): string {
  for (;;) {
    const region = `${provinceCode}${String(1 + rng.int(18)).padStart(2, '0')}${String(rng.int(30)).padStart(2, '0')}`;
    let org = rng.chance(0.6) ? 'MA' : '';
    while (org.length < 8) org += rng.chance(0.3) && org.length > 0 ? CREDIT_CHARS[10 + rng.int(21)] : String(rng.int(10));
    const first17 = `91${region}${org}${organisationCodeCheckChar(org)}`;
    const code = first17 + creditCodeCheckChar(first17);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

function personName(rng: Rng): string {
  const given = rng.chance(0.7)
    ? GIVEN_CHARS[rng.int(GIVEN_CHARS.length)]! + GIVEN_CHARS[rng.int(GIVEN_CHARS.length)]!
    : GIVEN_CHARS[rng.int(GIVEN_CHARS.length)]!;
  return SURNAMES[rng.int(SURNAMES.length)]! + given;
}

function mobile(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const m = `1${3 + rng.int(7)}${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
    if (!taken.has(m)) {
      taken.add(m);
      return m;
    }
  }
}

const PRODUCTS = [
  '单相智能电能表',
  '三相智能电能表',
  '集中器',
  '专变采集终端',
  '低压计量箱',
  '远程费控电能表',
  '物联网水表',
  '超声波燃气表',
  '能耗监测终端',
  'HPLC通信模块',
];

const CONTENT: Readonly<Record<ActivityType, readonly string[]>> = {
  call: [
    '电话沟通{p}招标进度，对方预计下月在电子商务平台发布公告。',
    '与采购确认第{n}批{p}的到货时间，要求月底前送达。',
    '催收上季度货款{m}万元，对方财务答复本周内安排付款。',
    '回访{p}现场运行情况，反馈采集成功率稳定在99%以上。',
    '了解明年{p}需求计划，对方正在编制年度预算。',
  ],
  visit: [
    '拜访计量中心，介绍新一代{p}，对方关注HPLC双模通信。',
    '上门处理{p}批量误差投诉，现场抽检{n}只全部合格。',
    '陪同技术支持到现场调试{p}，已完成{n}台安装。',
    '拜访设备部，了解厂区能耗计量改造方案，需提供{p}报价。',
  ],
  meeting: [
    '参加{p}框架招标澄清会，补充资料需在三日内提交。',
    '与客户召开项目启动会，确认{n}台{p}的分批交付计划。',
    '技术交流会：演示主站系统与{p}的联调结果，客户认可。',
    '参加供应商年度评价会，我司到货及时率排名靠前。',
  ],
  wecom: [
    '企业微信发送{p}技术规格书和型式试验报告。',
    '客户在企业微信询问{p}交货期，已答复四周。',
    '发送对账单，客户确认应收余额{m}万元。',
    '转发中标通知书扫描件，提醒客户尽快签订合同。',
  ],
  note: [
    '客户年度预算已批复，预计{p}需求约{n}台。',
    '竞争对手报价低约5%，需申请特价后再次报价。',
    '合同已盖章寄回，等待计划部安排首批{p}发货。',
    '客户提出延长质保期至8年，需商务部评估。',
  ],
};
const OVERSEAS_CONTENT = [
  'Sent the quotation for {n} prepaid meters with STS certificates.',
  'Call with procurement about the tender schedule; bid opening expected next month.',
  'Factory acceptance test of {n} three-phase meters agreed for next quarter.',
  'Reminded the customer of the overdue payment of USD {m}k.',
  'Shared the AMI pilot results; the customer asked for a site visit.',
];

const PRODUCTS_BY_INDUSTRY: Readonly<Record<string, readonly string[]>> = {
  电网: PRODUCTS.slice(0, 6).concat('HPLC通信模块'),
  水务: ['物联网水表', '超声波水表', '远传水表'],
  燃气: ['超声波燃气表', '物联网燃气表'],
};

function fill(rng: Rng, template: string, industry: string): string {
  return template
    .replace('{p}', rng.pick(PRODUCTS_BY_INDUSTRY[industry] ?? PRODUCTS))
    .replace('{n}', String((1 + rng.int(40)) * 50))
    .replace('{m}', String(5 + rng.int(300)));
}

const SOURCES = ['招投标', '老客户介绍', '展会', '官网询盘', '电话开发', '渠道推荐'];
const EXTRA_TAGS = ['智能电表', 'HPLC', '计量箱', '采集终端', '框架协议', '重点跟进', '老客户', '需技术支持'];
const CREDIT_LIMITS: Readonly<Record<Grade, readonly string[]>> = {
  A: ['20000000.00', '30000000.00', '50000000.00'],
  B: ['5000000.00', '8000000.00', '10000000.00'],
  C: ['500000.00', '1000000.00', '2000000.00'],
  D: ['100000.00', '200000.00', '300000.00'],
};

function gradeFor(rng: Rng, weights: readonly [number, number, number, number]): Grade {
  let r = rng.next();
  const grades: Grade[] = ['A', 'B', 'C', 'D'];
  for (let i = 0; i < 4; i++) {
    r -= weights[i]!;
    if (r < 0) return grades[i]!;
  }
  return 'D';
}

type Draft = Pick<GeneratedCustomer, 'name' | 'shortName' | 'type' | 'industry' | 'country' | 'province' | 'city'> & {
  provinceCode: string | null;
  region: ProvinceSpec['region'] | 'intl';
  grade: Grade;
  /** For names made of place + trade name + business: the parts, to write near-duplicates. */
  parts?: { place: string; trade: string; rest: string };
};

/** Customer names and their place, type and grade, unique and not among `taken`. */
function draftCustomers(rng: Rng, count: number, taken: Set<string>): Draft[] {
  const grid: Draft[] = [];
  const add = (list: Draft[], d: Draft) => {
    if (taken.has(d.name)) return false;
    taken.add(d.name);
    list.push(d);
    return true;
  };
  for (const p of PROVINCES) {
    const base = { type: 'grid' as const, industry: '电网', country: '中国', province: p.province, provinceCode: p.code, region: p.region };
    const capital = p.municipality ? p.province : p.cities[0]!;
    add(grid, { ...base, name: p.grid, shortName: `${p.province}电力`, city: capital, grade: 'A' });
    for (const unit of GRID_UNITS) {
      if (rng.chance(0.7))
        add(grid, { ...base, name: `${p.grid}${unit}`, shortName: `${p.province}${unit.slice(0, 2)}`, city: capital, grade: 'B' });
    }
    for (const c of p.cities) {
      const city = p.municipality ? p.province : c;
      add(grid, { ...base, name: `${p.grid}${c}${p.branch}`, shortName: `${c}供电`, city, grade: gradeFor(rng, [0.05, 0.35, 0.45, 0.15]) });
    }
  }

  const overseas: Draft[] = [];
  for (const o of OVERSEAS) {
    for (const place of o.places) {
      const form = rng.pick(o.forms);
      const name = form.replace('{p}', place);
      const short = name
        .split(/\s+/)
        .filter((w) => /^[A-Z]/.test(w))
        .map((w) => w[0])
        .join('')
        .slice(0, 4);
      add(overseas, {
        name,
        shortName: short,
        type: 'overseas',
        industry: /Distribution|Electric Supply|Energy Supply|Power Services/.test(name) ? 'Utility' : 'Distributor',
        country: o.country,
        province: null,
        city: null,
        provinceCode: null,
        region: 'intl',
        grade: gradeFor(rng, [0, 0.1, 0.5, 0.4]),
      });
    }
  }

  const east = PROVINCES.filter((p) => p.region === 'east');
  const cityOf = () => {
    // Industry and trade concentrate in the east.
    const p = rng.chance(0.4) ? rng.pick(east) : rng.pick(PROVINCES);
    const c = rng.pick(p.cities);
    return { p, place: p.municipality ? p.province : c, city: p.municipality ? p.province : c };
  };
  const tradeName = () => {
    const a = rng.pick(TRADE_CHARS);
    let b = rng.pick(TRADE_CHARS);
    while (b === a) b = rng.pick(TRADE_CHARS);
    return a + b;
  };
  const companies = (n: number, type: CustomerType, make: (list: Draft[]) => void) => {
    const list: Draft[] = [];
    let guard = 0;
    while (list.length < n && guard++ < n * 50) make(list);
    return list.slice(0, n);
  };

  const others = companies(60, 'other', (list) => {
    const { p, place, city } = cityOf();
    const trade = tradeName();
    const [rest, industry] = rng.pick(OTHER_SUFFIXES);
    add(list, {
      name: `${place}${trade}${rest}`,
      shortName: `${trade}${industry === '设计院' ? '设计' : '能源'}`,
      type: 'other',
      industry,
      country: '中国',
      province: p.province,
      city,
      provinceCode: p.code,
      region: p.region,
      grade: gradeFor(rng, [0, 0.05, 0.5, 0.45]),
      parts: { place, trade, rest },
    });
  });
  const distributors = companies(450, 'distributor', (list) => {
    const { p, place, city } = cityOf();
    const trade = tradeName();
    const [rest, industry] = rng.pick(DISTRIBUTOR_SUFFIXES);
    add(list, {
      name: `${place}${trade}${rest}`,
      shortName: `${trade}${rest.slice(0, 2)}`,
      type: 'distributor',
      industry,
      country: '中国',
      province: p.province,
      city,
      provinceCode: p.code,
      region: p.region,
      grade: gradeFor(rng, [0, 0.08, 0.5, 0.42]),
      parts: { place, trade, rest },
    });
  });
  const industrialCount = count - NEAR_DUPLICATE_PAIRS - grid.length - overseas.length - others.length - distributors.length;
  const industrial = companies(industrialCount, 'industrial', (list) => {
    const { p, place, city } = cityOf();
    const spec = rng.pick(INDUSTRIES);
    const grade = gradeFor(rng, [0.03, 0.12, 0.45, 0.4]);
    const base = {
      type: 'industrial' as const,
      industry: spec.industry,
      country: '中国',
      province: p.province,
      city,
      provinceCode: p.code,
      region: p.region,
      grade,
    };
    if (spec.cityOnly && rng.chance(0.5)) {
      const rest = rng.pick(spec.cityOnly);
      if (spec.industry === '轨道交通' && !METRO_CITIES.has(city)) return;
      if (spec.industry === '港口' && !PORT_CITIES.has(city)) return;
      add(list, { ...base, name: `${place}${rest}`, shortName: `${place}${rest.slice(0, 2)}` });
      return;
    }
    const trade = tradeName();
    const rest = rng.pick(spec.suffixes);
    // Larger groups carry the province rather than the city in their name.
    const where = rng.chance(0.2) && !p.municipality ? p.province : place;
    add(list, { ...base, name: `${where}${trade}${rest}`, shortName: `${trade}${rest.slice(0, 2)}`, parts: { place: where, trade, rest } });
  });
  return [...grid, ...overseas, ...others, ...distributors, ...industrial];
}

/** A second way of writing a company name: what sales people type when they do not look it up. */
function nearDuplicateName(d: Draft, kind: number): string | null {
  const parts = d.parts;
  if (!parts || !d.name.endsWith('有限公司')) return null;
  const core = parts.rest.replace(/(股份)?有限公司$/, '');
  switch (kind % 6) {
    case 0: // missing legal form
      return d.name.replace(/(股份)?有限公司$/, '');
    case 1: // the place in full-width brackets after the trade name
      return `${parts.trade}${core}（${parts.place}）有限公司`;
    case 2: // the same with half-width brackets
      return `${parts.trade}${core}(${parts.place})有限公司`;
    case 3: // another legal form
      return d.name.endsWith('股份有限公司') ? d.name.replace(/股份有限公司$/, '有限公司') : d.name.replace(/有限公司$/, '股份有限公司');
    case 4: // full-width spaces between the parts
      return `${parts.place}\u3000${parts.trade}\u3000${parts.rest}`;
    default: // a branch registered under the parent's name
      return `${d.name}${d.province === '上海' ? '华北' : '华东'}分公司`;
  }
}

function ownerFor(rng: Rng, d: Draft): string {
  if (d.region === 'intl') return rng.pick(INTL_REPS);
  if (d.type === 'industrial' && rng.chance(0.5)) return rng.pick(INDUSTRY_REPS);
  if (d.region === 'east') return rng.pick(EAST_REPS);
  if (d.region === 'north') return rng.pick(NORTH_REPS);
  return rng.pick(INDUSTRY_REPS);
}

function otherOwner(rng: Rng, owner: string): string {
  const group = ([EAST_REPS, NORTH_REPS, INDUSTRY_REPS, INTL_REPS] as readonly (readonly string[])[]).find((g) => g.includes(owner))!;
  const choices = [...group, ...INDUSTRY_REPS].filter((u) => u !== owner);
  return rng.pick(choices);
}

function contactsFor(rng: Rng, d: Draft, mobiles: Set<string>): GeneratedContact[] {
  const n = 1 + rng.int(3);
  const out: GeneratedContact[] = [];
  for (let i = 0; i < n; i++) {
    if (d.type === 'overseas') {
      const [name, title] = rng.pick(OVERSEAS_CONTACTS);
      if (out.some((c) => c.name === name)) continue;
      const m = `+${200 + rng.int(700)} ${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
      out.push({ name, title, mobile: m, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` });
      continue;
    }
    out.push({
      name: personName(rng),
      title: rng.pick(TITLES[d.type] ?? TITLES.other!),
      mobile: mobile(rng, mobiles),
      email: d.type === 'distributor' && rng.chance(0.4) ? `sales${rng.int(1000)}@example.cn` : null,
    });
  }
  return out;
}

function activitiesFor(rng: Rng, d: Draft, createdAt: Date, now: Date, contacts: number, stale: boolean): GeneratedActivity[] {
  const staleLimit = now.getTime() - 61 * DAY;
  const from = createdAt.getTime();
  const to = stale ? staleLimit : now.getTime() - 3_600_000;
  if (to <= from) return [];
  const n = 1 + rng.int(11);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(from + Math.floor(rng.next() * (to - from)));
  if (!stale) {
    // Customers being worked on had a contact within the last 60 days.
    const recentFrom = Math.max(from, now.getTime() - 55 * DAY);
    times[0] = recentFrom + Math.floor(rng.next() * (to - recentFrom));
  }
  times.sort((a, b) => a - b);
  const types: ActivityType[] = ['call', 'call', 'wecom', 'wecom', 'visit', 'meeting', 'note'];
  return times.map((t, i) => {
    const type = rng.pick(types);
    const content = fill(rng, d.type === 'overseas' ? rng.pick(OVERSEAS_CONTENT) : rng.pick(CONTENT[type]), d.industry);
    const last = i === times.length - 1;
    return {
      type,
      content,
      occurredAt: new Date(Math.floor(t / 60_000) * 60_000),
      contact: rng.int(contacts),
      nextFollowUpAt:
        last && !stale && rng.chance(0.5) ? new Date(Math.floor(t / DAY) * DAY + (7 + rng.int(24)) * DAY + 2 * 3_600_000) : null,
    };
  });
}

/** The generated demo customers, deterministic for a given `now` and set of names already taken. */
export function generateDemoCustomers(opts: { now: Date; count?: number; takenNames?: Iterable<string> }): GeneratedCustomer[] {
  const rng = prng(20_260_101);
  const count = opts.count ?? GENERATED_CUSTOMER_COUNT;
  if (count <= 0) return [];
  const names = new Set(opts.takenNames ?? []);
  const drafts = draftCustomers(rng, count, names);
  const codes = new Set<string>();
  const mobiles = new Set<string>();
  const now = opts.now.getTime();

  const build = (d: Draft, i: number, owner: string, duplicateOf?: string): GeneratedCustomer => {
    // Spread over the last year, each at its own instant (pickers order by creation time).
    const createdAt = new Date(Math.floor((now - 365 * DAY + rng.next() * 360 * DAY) / 1000) * 1000 + i);
    const contacts = contactsFor(rng, d, mobiles);
    const stale = rng.chance(0.1);
    const status =
      d.grade === 'A' || d.grade === 'B'
        ? 'active'
        : rng.pick(['active', 'active', 'active', 'prospect', 'prospect', 'dormant', 'lost'] as const);
    const tags = d.type === 'grid' ? ['电网', '集招'] : [];
    for (let t = rng.int(3); t > 0; t--) {
      const tag = rng.pick(EXTRA_TAGS);
      if (!tags.includes(tag)) tags.push(tag);
    }
    return {
      name: d.name,
      shortName: d.shortName,
      type: d.type,
      industry: d.industry,
      country: d.country,
      province: d.province,
      city: d.city,
      owner,
      grade: d.grade,
      status,
      source: d.type === 'grid' ? '招投标' : rng.pick(SOURCES),
      tags,
      // The second record of a near-duplicate pair was entered without looking the company up.
      creditCode: d.provinceCode && !duplicateOf ? creditCode(rng, d.provinceCode, codes) : null,
      creditLimit: rng.pick(CREDIT_LIMITS[d.grade]),
      creditDays: d.grade === 'A' ? 90 : rng.pick([30, 45, 60, 60, 90]),
      createdAt,
      contacts,
      activities: activitiesFor(rng, d, createdAt, opts.now, contacts.length, stale),
      ...(duplicateOf ? { duplicateOf } : {}),
    };
  };

  const out = drafts.map((d, i) => build(d, i, ownerFor(rng, d)));
  // Near-duplicates: a second record of the same company, entered by another rep.
  const candidates = out
    .map((c, i) => [c, drafts[i]!] as const)
    .filter(([, d]) => d.parts && (d.type === 'industrial' || d.type === 'distributor'));
  let kind = 0;
  for (let k = 0; k < candidates.length && out.length < count; k += Math.floor(candidates.length / (NEAR_DUPLICATE_PAIRS + 2))) {
    const [original, d] = candidates[k]!;
    const name = nearDuplicateName(d, kind);
    if (!name || names.has(name)) continue;
    names.add(name);
    kind++;
    const copy = build(
      { ...d, name, shortName: d.shortName, grade: d.grade === 'A' ? 'B' : d.grade },
      out.length,
      otherOwner(rng, original.owner),
      original.name,
    );
    out.push(copy);
  }
  // A smaller demo takes the first ones (the base of grid companies comes first).
  return out.slice(0, count);
}

type Owner = { id: string; departmentId: string | null };

/**
 * Inserts rows (all with the same keys) in chunks, each as one JSON parameter expanded by
 * jsonb_populate_recordset: on the embedded database this is many times faster than binding
 * every value as a parameter of a multi-row VALUES list.
 */
async function bulkInsert(tx: Db, table: PgTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]!);
  const names = keys.map((k) => columns[k]!.name);
  const list = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = rows.slice(i, i + CHUNK).map((r) => Object.fromEntries(keys.map((k, j) => [names[j], r[k]])));
    await tx.execute(
      sql`insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)`,
    );
  }
}

/**
 * Inserts the generated customers with their contacts and activities in multi-row statements,
 * inside the caller's transaction, and writes one audit entry for all of them.
 */
export async function insertGeneratedCustomers(
  tx: Db,
  opts: {
    now: Date;
    /** How many to generate (before leaving out those whose owner does not exist). */
    count?: number;
    owners: ReadonlyMap<string, Owner>;
    takenNames: Iterable<string>;
    /** The search columns of a name and short name, as every other customer gets them. */
    searchKeys: (name: string, shortName: string | null) => { normalizedName: string; namePinyin: string; pinyinInitials: string };
  },
): Promise<{ customers: number; contacts: number; activities: number; nearDuplicates: number }> {
  const generated = generateDemoCustomers({ now: opts.now, count: opts.count, takenNames: opts.takenNames }).filter((g) =>
    opts.owners.has(g.owner),
  );
  const now = opts.now;
  const ids = generated.map(() => randomUUID());
  await bulkInsert(
    tx,
    customer,
    generated.map((g, i) => {
      const owner = opts.owners.get(g.owner)!;
      const last = g.activities.at(-1);
      return {
        id: ids[i]!,
        name: g.name,
        shortName: g.shortName,
        ...opts.searchKeys(g.name, g.shortName),
        creditCode: g.creditCode,
        type: g.type,
        industry: g.industry,
        country: g.country,
        province: g.province,
        city: g.city,
        grade: g.grade,
        strategic: g.grade === 'A' && g.type === 'grid',
        gradeOverride: g.grade === 'D' ? null : g.grade,
        gradeOverrideReason: g.grade === 'D' ? null : '系统上线前的人工评级',
        status: g.status,
        source: g.source,
        ownerId: owner.id,
        departmentId: owner.departmentId,
        ownerSince: g.createdAt,
        lastActivityAt: last?.occurredAt ?? null,
        creditLimit: g.creditLimit,
        creditDays: g.creditDays,
        tags: g.tags,
        createdAt: g.createdAt,
        updatedAt: last && last.occurredAt > g.createdAt ? last.occurredAt : g.createdAt,
        createdBy: owner.id,
        updatedBy: owner.id,
      };
    }),
  );

  const contactRows = generated.flatMap((g, i) =>
    g.contacts.map((c, k) => ({
      id: randomUUID(),
      customerId: ids[i]!,
      name: c.name,
      title: c.title,
      mobile: c.mobile,
      mobileDigits: digitsOf(c.mobile),
      email: c.email,
      isPrimary: k === 0,
      createdAt: g.createdAt,
      updatedAt: g.createdAt,
    })),
  );
  await bulkInsert(tx, contact, contactRows);
  const contactIds = contactRows.map((c) => c.id);

  let contactIndex = 0;
  const activityRows: (typeof activity.$inferInsert)[] = [];
  for (const [i, g] of generated.entries()) {
    const owner = opts.owners.get(g.owner)!;
    for (const a of g.activities) {
      activityRows.push({
        id: randomUUID(),
        customerId: ids[i]!,
        type: a.type,
        content: a.content,
        occurredAt: a.occurredAt,
        contactId: contactIds[contactIndex + a.contact] ?? null,
        nextFollowUpAt: a.nextFollowUpAt,
        authorId: owner.id,
        createdBy: owner.id,
        updatedBy: owner.id,
        createdAt: a.occurredAt,
        updatedAt: a.occurredAt,
      });
    }
    contactIndex += g.contacts.length;
  }
  await bulkInsert(tx, activity, activityRows);

  const counts = {
    customers: generated.length,
    contacts: contactRows.length,
    activities: activityRows.length,
    nearDuplicates: generated.filter((g) => g.duplicateOf).length,
  };
  await writeAudit(tx, asSystem('seed'), { action: 'customer.seed', meta: { ...counts, at: now.toISOString() } });
  return counts;
}
