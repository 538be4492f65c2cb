import { DEFAULT_LEAD_SOURCES, ZLeadDisqualifyReasonValues, type TCustomerGrade, type TQuoteLineInput } from '@crm/contracts';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { systemClock } from '../../apps/server/src/kernel/clock.ts';
import type { Db } from '../../apps/server/src/kernel/db/database.ts';
import { toMoneyString } from '../../apps/server/src/kernel/money.ts';
import { formatNumber, periodOf } from '../../apps/server/src/kernel/numbering/numbering.ts';
import { createProductCatalog, resolveFrom } from '../../apps/server/src/modules/products/catalog.ts';
import type { Candidate } from '../../apps/server/src/modules/products/price-lists/price-resolution.ts';
import { priceList, priceListEntry } from '../../apps/server/src/modules/products/price-lists/price-lists.schema.ts';
import { discountLimitFor } from '../../apps/server/src/modules/sales/quotes/quote-approval-rules.ts';
import { priceQuote, type PricedQuote, type QuoteCatalog } from '../../apps/server/src/modules/sales/quotes/quote-pricing.ts';
import { createQuoteSettingsService } from '../../apps/server/src/modules/sales/quotes/quote-settings.service.ts';
import { OPEN_STATUSES, type QuoteStatus } from '../../apps/server/src/modules/sales/quotes/quotes.repository.ts';
import { workingTime } from './activity-data.ts';
import { companyCustomer } from './customer-names.ts';
import { createRng, type Rng } from './prng.ts';

/**
 * Leads and quotes, a modest number each (their list scenarios), written like the rest of the
 * sales data (sales-data.ts): deterministic, set-based, skipped when present.
 *
 * Leads: over the active sales reps (a few waiting in a team for a manager to assign them), created
 * over the last year, in every status (the older, the further along); followed up with one to three
 * activities (the customers module's activity table, `lead_id`) except the new ones; converted ones
 * linked to a customer of their owner, their activities on that customer's timeline too.
 *
 * Quotes: one per opportunity that reached the quoting stage (`proposal`, else the third open
 * stage), drawn deterministically; lines of catalogue products (and sometimes an installation
 * service) priced by the server's own `priceQuote` — price lists, discounts, tax, totals to the
 * fen, approval flags — over the catalogue and price lists read once; a quarter with an earlier,
 * superseded version; the status follows the opportunity (won → accepted, lost → rejected or
 * expired, open ones draft/approved/needs approval/sent; open ones past their validity expired, as
 * the nightly job would have made them). Numbers from the quote pattern, blocks reserved in the
 * kernel's number sequences, so later quotes continue after them.
 */

const SEED = 'crm-bench-sales-docs-v1';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const BEIJING = 8 * HOUR;
const TIMEZONE = 'Asia/Shanghai';

export type LeadGenResult = { skipped: boolean; leads: number; activities: number; ms: number };
export type QuoteGenResult = { skipped: boolean; quotes: number; versions: number; lines: number; ms: number };

type Anchor = { date: string; at: number };

const beijingDate = (t: number) => new Date(t + BEIJING).toISOString().slice(0, 10);
const addDaysTo = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const drizzleOf = (pool: pg.Pool) => drizzle({ client: pool }) as unknown as Db;

async function countOf(pool: pg.Pool, sqlText: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sqlText);
  return Number(rows[0]?.n ?? 0);
}

function workTime(t: number, rng: Rng, lo: number, hi: number): number {
  const w = workingTime(t, rng.next(), rng.next(), rng.next());
  return w < lo || w > hi ? Math.min(hi, Math.max(lo, t)) : w;
}

/* ------------------------------------------------------------------ leads */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '林', '何', '高', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '军', '杰', '涛', '明', '超', '霞', '建华', '晓东', '志强', '海燕'];
const TITLES = ['采购经理', '设备部主任', '总工程师', '能源管理专员', '总经理', '技术负责人', '基建部经理', '运维主管'];
const FOLLOW_UPS: readonly [type: string, content: string][] = [
  ['call', '电话沟通能耗计量改造需求，对方关注远程抄表与分项计量。'],
  ['visit', '上门拜访，了解配电房现状，约定下周提交初步方案。'],
  ['wecom', '企业微信发送智能电表产品资料与典型案例。'],
  ['meeting', '与技术负责人开会，确认采购时间窗口与预算范围。'],
  ['call', '回访确认需求，客户计划年底前完成招标。'],
  ['note', '客户提到正在比较两家供应商，价格敏感。'],
];
const DISQUALIFY_NOTES: Record<string, string> = {
  no_need: '已完成计量改造，近两年无采购计划',
  no_budget: '今年预算已冻结',
  unreachable: '多次电话无人接听',
  competitor: '已与竞争对手签订框架协议',
  duplicate: '与已有客户重复',
  invalid_info: '展会留资信息有误',
  other: '客户业务调整，暂不考虑',
};

export async function generateLeads(
  pool: pg.Pool,
  opts: { total: number; anchor: Anchor; log: (msg: string) => void },
): Promise<LeadGenResult> {
  const t0 = performance.now();
  const existing = await countOf(pool, `select count(*) as n from lead`);
  const want = Math.max(0, opts.total - existing);
  if (want === 0) return { skipped: true, leads: 0, activities: 0, ms: 0 };
  const reps = (
    await pool.query<{ id: string; department_id: string }>(
      `select u.id, u.department_id from app_user u join user_role ur on ur.user_id = u.id join role r on r.id = ur.role_id
        where r.code = 'sales_rep' and u.is_active order by u.username`,
    )
  ).rows;
  if (reps.length === 0) throw new Error('no sales reps to own the leads');
  const customersOf = new Map<
    string,
    { id: string; name: string; province: string | null; city: string | null; industry: string | null }[]
  >();
  for (const r of (
    await pool.query<{ id: string; name: string; province: string | null; city: string | null; industry: string | null; owner_id: string }>(
      `select id, name, province, city, industry, owner_id from customer where owner_id is not null and merged_into_id is null
        order by normalized_name collate "C", id`,
    )
  ).rows) {
    const list = customersOf.get(r.owner_id) ?? [];
    list.push(r);
    customersOf.set(r.owner_id, list);
  }
  const sources = (await pool.query<{ name: string }>(`select name from lead_source where is_active order by sort_order, name`)).rows.map(
    (r) => r.name,
  );
  const sourceNames = sources.length > 0 ? sources : [...DEFAULT_LEAD_SOURCES];
  const rng = createRng(`${SEED}:${existing}:leads`);
  const anchor = opts.anchor.at;
  const l: unknown[][] = Array.from({ length: 24 }, () => []);
  const a: unknown[][] = Array.from({ length: 7 }, () => []);
  for (let i = 0; i < want; i++) {
    const id = rng.uuid();
    const unassigned = rng.next() < 0.08;
    const rep = rng.pick(reps);
    const created = workTime(anchor - DAY - Math.floor(rng.next() * 364 * DAY), rng, anchor - 365 * DAY, anchor - HOUR);
    const age = (anchor - created) / DAY;
    // The older a lead, the further it went.
    const u = rng.next();
    let status = unassigned
      ? 'new'
      : u < Math.max(0.08, 0.5 - age / 200)
        ? 'new'
        : u < 0.55
          ? 'following'
          : u < 0.68
            ? 'qualified'
            : u < 0.9
              ? 'disqualified'
              : 'converted';
    const own = customersOf.get(rep.id) ?? [];
    const customer = status === 'converted' && own.length > 0 ? rng.pick(own) : null;
    if (status === 'converted' && !customer) status = 'qualified';
    const company = companyCustomer(rng);
    const mobile = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
    const activities = status === 'new' ? 0 : status === 'disqualified' ? 1 : 1 + rng.int(3);
    let last: number | null = null;
    for (let k = 0; k < activities; k++) {
      const [type, content] = rng.pick(FOLLOW_UPS);
      const at = workTime(created + (k + 1) * (2 + rng.int(10)) * DAY, rng, created, anchor - MINUTE);
      last = Math.max(last ?? 0, at);
      [rng.uuid(), id, customer?.id ?? null, type, content, new Date(at), rep.id].forEach((v, c) => a[c]!.push(v));
    }
    const after = (days: number) => new Date(Math.min(anchor - MINUTE, Math.max(last ?? created, created + days * DAY)));
    const reason = rng.pick(ZLeadDisqualifyReasonValues);
    const converted = status === 'converted' ? after(10 + rng.int(30)) : null;
    const row = [
      id,
      customer?.name ?? company.name,
      `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
      rng.pick(TITLES),
      mobile,
      mobile,
      rng.next() < 0.4 ? `lead${existing + i}@example.cn` : null,
      customer?.province ?? company.province,
      customer?.city ?? company.city,
      customer?.industry ?? company.industry,
      rng.pick(sourceNames),
      status,
      unassigned ? null : rep.id,
      rep.department_id,
      status === 'qualified' || status === 'converted' ? after(5 + rng.int(20)) : null,
      status === 'disqualified' ? reason : null,
      status === 'disqualified' ? DISQUALIFY_NOTES[reason] : null,
      status === 'disqualified' ? after(3 + rng.int(20)) : null,
      customer?.id ?? null,
      converted,
      last === null ? null : new Date(last),
      new Date(created),
      new Date(Math.max(created, converted?.getTime() ?? 0, last ?? 0)),
      unassigned ? null : rep.id,
    ];
    row.forEach((v, c) => l[c]!.push(v));
  }
  const client = await pool.connect();
  try {
    await client.query(`set synchronous_commit = off`);
    await client.query('begin');
    await client.query(
      `insert into lead (id, company_name, contact_name, title, mobile, mobile_digits, email, province, city, industry, source, status, owner_id,
                         department_id, qualified_at, disqualify_reason, disqualify_note, disqualified_at, converted_customer_id, converted_at,
                         last_activity_at, created_at, updated_at, created_by, updated_by)
       select l.*, l.created_by from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                             $9::text[], $10::text[], $11::text[], $12::text[], $13::uuid[], $14::uuid[], $15::timestamptz[], $16::text[],
                             $17::text[], $18::timestamptz[], $19::uuid[], $20::timestamptz[], $21::timestamptz[], $22::timestamptz[],
                             $23::timestamptz[], $24::uuid[])
         as l(id, company_name, contact_name, title, mobile, mobile_digits, email, province, city, industry, source, status, owner_id,
              department_id, qualified_at, disqualify_reason, disqualify_note, disqualified_at, converted_customer_id, converted_at,
              last_activity_at, created_at, updated_at, created_by)`,
      l,
    );
    await client.query(
      `insert into activity (id, lead_id, customer_id, type, content, occurred_at, author_id, created_at, updated_at, created_by, updated_by)
       select a.*, a.occurred_at, a.occurred_at, a.author_id, a.author_id
         from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::uuid[])
           as a(id, lead_id, customer_id, type, content, occurred_at, author_id)`,
      a,
    );
    await client.query('commit');
    await client.query(`vacuum (analyze) lead`);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.query('discard all').catch(() => undefined);
    client.release();
  }
  const ms = performance.now() - t0;
  opts.log(
    `  ${want.toLocaleString('en-US')} leads, ${a[0]!.length.toLocaleString('en-US')} lead activities in ${(ms / 1000).toFixed(1)} s`,
  );
  return { skipped: false, leads: want, activities: a[0]!.length, ms };
}

/* ------------------------------------------------------------------ quotes */

type QuoteSource = {
  id: string;
  /** The opportunity's own fields (not its id: the demo's ids are random): its quote's generator seed. */
  key: string;
  name: string;
  customer_id: string;
  customer_name: string;
  grade: string;
  province: string | null;
  owner_id: string;
  department_id: string;
  currency: string;
  stage_kind: 'open' | 'won' | 'lost';
  stage_position: number;
  quoted_from: Date;
  closed_at: Date | null;
};

/** The catalogue and price lists read once: the server's pricing then runs without the database. */
async function memoryCatalog(
  pool: pg.Pool,
  db: Db,
): Promise<{ catalog: QuoteCatalog; productIds: string[]; listPrices: Map<string, number> }> {
  const real = createProductCatalog();
  const ids = (await pool.query<{ id: string }>(`select id from product where status = 'active' order by material_code`)).rows.map(
    (r) => r.id,
  );
  const products = await real.findByIds(db, ids);
  const byId = new Map(products.map((p) => [p.id, p]));
  const candidates: Candidate[] = await db
    .select({
      list: {
        id: priceList.id,
        name: priceList.name,
        grades: priceList.grades,
        provinces: priceList.provinces,
        priority: priceList.priority,
        validFrom: priceList.validFrom,
        validTo: priceList.validTo,
        status: priceList.status,
      },
      entry: {
        productId: priceListEntry.productId,
        price: priceListEntry.price,
        discountPercent: priceListEntry.discountPercent,
        validFrom: priceListEntry.validFrom,
        validTo: priceListEntry.validTo,
      },
    })
    .from(priceListEntry)
    .innerJoin(priceList, eq(priceList.id, priceListEntry.priceListId));
  const byProduct = new Map<string, Candidate[]>();
  for (const c of candidates) byProduct.set(c.entry.productId, [...(byProduct.get(c.entry.productId) ?? []), c]);
  const catalog: QuoteCatalog = {
    findByIds: async (_db, wanted) => [...new Set(wanted)].map((id) => byId.get(id)).filter((p) => p !== undefined),
    resolvePrices: async (_db, ctx, wanted) => {
      const list = [...new Set(wanted)].map((id) => byId.get(id)).filter((p) => p !== undefined);
      // resolveFrom keeps the candidates of each product and applies the lists' conditions itself.
      return resolveFrom(
        list,
        list.flatMap((p) => byProduct.get(p.id) ?? []),
        ctx,
      );
    },
  };
  return { catalog, productIds: products.map((p) => p.id), listPrices: new Map(products.map((p) => [p.id, Number(p.listPrice)])) };
}

const PAYMENT_TERMS = '合同签订后预付 30%，发货后 30 天内付 60%，质保金 10% 质保期满后支付';
const DELIVERY_TERMS = '合同签订后 30 天内交货，运费由供方承担';

export async function generateQuotes(
  pool: pg.Pool,
  opts: { total: number; anchor: Anchor; log: (msg: string) => void },
): Promise<QuoteGenResult> {
  const t0 = performance.now();
  const existing = await countOf(pool, `select count(*) as n from quote`);
  const want = Math.max(0, opts.total - existing);
  if (want === 0) return { skipped: true, quotes: 0, versions: 0, lines: 0, ms: 0 };
  const db = drizzleOf(pool);
  const { catalog, productIds, listPrices } = await memoryCatalog(pool, db);
  if (productIds.length === 0) {
    opts.log('  no active products: no quotes generated');
    return { skipped: true, quotes: 0, versions: 0, lines: 0, ms: performance.now() - t0 };
  }
  const clock = systemClock(TIMEZONE);
  const settingsService = createQuoteSettingsService({ db, clock });
  const [settings, limits] = await Promise.all([settingsService.current(), settingsService.discountLimits()]);
  const stages = (
    await pool.query<{ code: string; position: number; kind: string }>(
      `select code, position, kind from opportunity_stage order by position`,
    )
  ).rows;
  const openStages = stages.filter((s) => s.kind === 'open');
  const quoting = stages.find((s) => s.code === 'proposal' && s.kind === 'open') ?? openStages[Math.min(2, openStages.length - 1)];
  if (!quoting) throw new Error('the pipeline has no open stage');
  // Opportunities that reached the quoting stage (and when), without a quote yet, in a deterministic order.
  const sources = (
    await pool.query<QuoteSource>(
      `select * from (
         select o.id, concat_ws('|', o.name, o.amount, o.expected_close_date, o.stage_kind, c.normalized_name) as key, o.name, o.customer_id,
                c.name as customer_name, c.grade, c.province, o.owner_id, o.department_id, o.currency,
                o.stage_kind, s.position as stage_position, q.at as quoted_from, o.closed_at
           from (select ch.opportunity_id as id, min(ch.at) as at from opportunity_stage_change ch
                   join opportunity_stage s2 on s2.id = ch.to_stage_id
                  where s2.kind = 'open' and s2.position >= $1 group by ch.opportunity_id) q
           join opportunity o on o.id = q.id
           join opportunity_stage s on s.id = o.stage_id
           join customer c on c.id = o.customer_id
          where not exists (select 1 from quote x where x.opportunity_id = o.id)) x
        -- A shuffle that does not depend on ids (the demo's are random): the opportunity's own fields.
        order by md5(x.key), x.key collate "C", x.id
        limit $2`,
      [quoting.position, want],
    )
  ).rows;
  const roles = new Map(
    (
      await pool.query<{ id: string; codes: string[] }>(
        `select ur.user_id as id, array_agg(r.code) as codes from user_role ur join role r on r.id = ur.role_id
          where ur.user_id = any($1::uuid[]) group by ur.user_id`,
        [[...new Set(sources.map((s) => s.owner_id))]],
      )
    ).rows.map((r) => [r.id, r.codes]),
  );

  const anchor = opts.anchor.at;
  const today = opts.anchor.date;
  type Draft = {
    s: QuoteSource;
    at: number;
    status: QuoteStatus;
    versions: PricedQuote[];
    grade: TCustomerGrade | null;
    ids: { quote: string; versions: string[] };
  };
  const drafts: Draft[] = [];
  const seen = new Map<string, number>();
  for (const s of sources) {
    // Each quote from its own generator: it depends on its opportunity only, not on the order.
    const twin = seen.get(s.key) ?? 0;
    seen.set(s.key, twin + 1);
    const rng = createRng(`${SEED}:${existing}:${s.key}#${twin}`);
    const end = Math.min(s.closed_at?.getTime() ?? anchor, anchor) - HOUR;
    const from = s.quoted_from.getTime();
    const at = workTime(from + Math.floor(rng.next() * 0.5 * Math.max(0, end - from)), rng, from, Math.max(from, end));
    const roll = rng.next();
    const beyond = rng.next() < 0.2;
    let status: QuoteStatus =
      s.stage_kind === 'won'
        ? 'accepted'
        : s.stage_kind === 'lost'
          ? roll < 0.6
            ? 'rejected'
            : 'expired'
          : s.stage_position > quoting.position
            ? roll < 0.6
              ? 'sent'
              : roll < 0.85
                ? 'approved'
                : 'needs_approval'
            : roll < 0.45
              ? 'draft'
              : roll < 0.8
                ? 'approved'
                : 'needs_approval';
    const lines: TQuoteLineInput[] = Array.from({ length: 1 + rng.int(4) }, () => {
      const productId = rng.pick(productIds);
      const price = listPrices.get(productId) ?? 1000;
      // Meters and terminals go by the hundred; cabinets and systems by the piece.
      const qty = price < 2000 ? 50 * (1 + rng.int(40)) : price < 20000 ? 1 + rng.int(60) : 1 + rng.int(12);
      const discount = beyond && rng.next() < 0.6 ? 12 + rng.int(8) : rng.int(8);
      return { productId, qty: String(qty), discountPercent: String(discount) };
    });
    if (rng.next() < 0.15) {
      lines.push({ name: '现场安装调试服务', unit: '项', qty: '1', unitPrice: String(5000 + rng.int(20) * 1000), taxRate: '0.06' });
    }
    const overall = beyond && !lines.some((x) => Number(x.discountPercent ?? 0) > 10) ? '15' : rng.next() < 0.3 ? '2' : '0';
    const grade = (['A', 'B', 'C', 'D'].includes(s.grade) ? s.grade : null) as TCustomerGrade | null;
    const ctx = {
      grade,
      province: s.province,
      date: beijingDate(at),
      locale: 'zh-CN' as const,
      limitPercent: discountLimitFor(roles.get(s.owner_id) ?? [], grade, limits),
    };
    const versions: PricedQuote[] = [];
    // An earlier version had a higher price: the second came after the customer asked for less.
    if (rng.next() < 0.25) {
      versions.push(
        await priceQuote(db, catalog, ctx, {
          lines: lines.map((x) => ({ ...x, discountPercent: String(Math.max(0, Number(x.discountPercent ?? 0) - 3)) })),
          overallDiscountPercent: '0',
        }),
      );
    }
    versions.push(await priceQuote(db, catalog, ctx, { lines, overallDiscountPercent: overall }));
    const last = versions.at(-1)!;
    if (last.requiresApproval && status === 'draft') status = 'needs_approval';
    if (!last.requiresApproval && status === 'needs_approval') status = 'draft';
    if (OPEN_STATUSES.includes(status) && addDaysTo(beijingDate(at), settings.validityDays) < today) status = 'expired';
    drafts.push({ s, at, status, versions, grade, ids: { quote: rng.uuid(), versions: versions.map(() => rng.uuid()) } });
  }

  // Numbers: per numbering period (month), a block reserved in one statement, in the order of creation.
  const client = await pool.connect();
  let versionCount = 0;
  let lineCount = 0;
  try {
    await client.query(`set synchronous_commit = off`);
    await client.query('begin');
    const byPeriod = new Map<string, Draft[]>();
    const periods = new Map<string, string>();
    for (const d of [...drafts].sort((x, y) => x.at - y.at)) {
      const day = beijingDate(d.at);
      const p = periods.get(day) ?? periodOf(settings.numberPattern, new Date(d.at), TIMEZONE);
      periods.set(day, p);
      const list = byPeriod.get(p) ?? [];
      list.push(d);
      byPeriod.set(p, list);
    }
    // The number's date part once per business date (the kernel formats it in the time zone), the sequence into it.
    const SEQ = '\u0000';
    const width = Number(/\{seq:(\d{1,2})\}/.exec(settings.numberPattern)?.[1] ?? 1);
    const shapes = new Map<string, string>();
    const numberOf = (at: number, seq: number) => {
      const day = beijingDate(at);
      let shape = shapes.get(day);
      if (shape === undefined) {
        shape = formatNumber(settings.numberPattern.replace(/\{seq:\d{1,2}\}/, SEQ), new Date(at), TIMEZONE, 0);
        shapes.set(day, shape);
      }
      return shape.replace(SEQ, String(seq).padStart(width, '0'));
    };
    const numbers = new Map<Draft, string>();
    for (const [period, list] of byPeriod) {
      const { rows } = await client.query<{ value: string }>(
        `insert into number_sequence (key, period, value) values ('quote', $1, $2)
         on conflict (key, period) do update set value = number_sequence.value + excluded.value returning value`,
        [period, list.length],
      );
      const first = Number(rows[0]!.value) - list.length + 1;
      list.forEach((d, k) => numbers.set(d, numberOf(d.at, first + k)));
    }
    const q: unknown[][] = Array.from({ length: 21 }, () => []);
    const v: unknown[][] = Array.from({ length: 30 }, () => []);
    const ln: unknown[][] = Array.from({ length: 24 }, () => []);
    for (const d of drafts) {
      const id = d.ids.quote;
      const at = new Date(d.at);
      const validUntil = addDaysTo(beijingDate(d.at), settings.validityDays);
      const last = d.versions.at(-1)!;
      const versionIds = d.ids.versions;
      const currentId = versionIds.at(-1)!;
      [
        id,
        numbers.get(d)!,
        d.s.name,
        d.s.id,
        d.s.name,
        d.s.customer_id,
        d.s.customer_name,
        d.s.owner_id,
        d.s.department_id,
        d.s.currency,
        currentId,
        d.versions.length,
        d.status,
        validUntil,
        toMoneyString(last.totals.totalInclTax),
        last.requiresApproval,
        d.status === 'accepted' ? currentId : null,
        d.status === 'accepted' ? at : null,
        at,
        at,
        d.s.owner_id,
      ].forEach((x, c) => q[c]!.push(x));
      d.versions.forEach((priced, i) => {
        const isLast = i === d.versions.length - 1;
        const status = isLast ? d.status : 'superseded';
        const decided = isLast && (status === 'approved' || status === 'sent' || status === 'accepted') && priced.requiresApproval;
        [
          versionIds[i],
          id,
          i + 1,
          status,
          validUntil,
          d.s.currency,
          beijingDate(d.at),
          d.grade,
          d.s.province,
          priced.overallDiscountPercent,
          toMoneyString(priced.totals.referenceAmount),
          toMoneyString(priced.totals.subtotal),
          toMoneyString(priced.totals.overallDiscountAmount),
          toMoneyString(priced.totals.totalExclTax),
          toMoneyString(priced.totals.totalTax),
          toMoneyString(priced.totals.totalInclTax),
          priced.limitPercent,
          priced.requiresApproval,
          JSON.stringify(priced.reasons),
          decided
            ? JSON.stringify({
                outcome: 'approved',
                byId: null,
                byName: '销售经理',
                at: at.toISOString(),
                comment: null,
                channel: 'manual',
              })
            : null,
          PAYMENT_TERMS,
          DELIVERY_TERMS,
          status === 'draft' ? null : at,
          ['sent', 'accepted', 'rejected'].includes(status) ? at : null,
          status === 'accepted' ? at : null,
          status === 'rejected' ? at : null,
          status === 'rejected' ? '客户选择了其他供应商' : null,
          at,
          d.s.owner_id,
          at,
        ].forEach((x, c) => v[c]!.push(x));
        versionCount++;
        for (const line of priced.lines) {
          [
            versionIds[i],
            line.position,
            line.productId ?? null,
            line.materialCode ?? null,
            line.name,
            line.spec ?? null,
            line.unit ?? null,
            line.qty,
            line.listPrice ?? null,
            line.resolvedPrice ?? null,
            JSON.stringify(line.priceSource),
            line.floorPrice ?? null,
            line.unitPrice,
            line.discountPercent ?? '0',
            line.netUnitPrice,
            line.taxRate,
            line.amount,
            line.overallDiscountShare,
            line.amountInclTax,
            line.amountExclTax,
            line.taxAmount,
            line.effectiveDiscountPercent,
            // A text[] column through unnest: its literal, cast back below.
            `{${line.flags.join(',')}}`,
            line.notes ?? null,
          ].forEach((x, c) => ln[c]!.push(x));
          lineCount++;
        }
      });
    }
    await client.query(
      `insert into quote (id, number, title, opportunity_id, opportunity_name, customer_id, customer_name, owner_id, department_id, currency,
                          current_version_id, current_version_no, status, valid_until, total_incl_tax, requires_approval, accepted_version_id,
                          accepted_at, created_at, updated_at, created_by, updated_by)
       select x.*, x.created_by from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::uuid[],
                             $9::uuid[], $10::text[], $11::uuid[], $12::int[], $13::text[], $14::date[], $15::numeric[], $16::bool[],
                             $17::uuid[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[], $21::uuid[])
         as x(id, number, title, opportunity_id, opportunity_name, customer_id, customer_name, owner_id, department_id, currency,
              current_version_id, current_version_no, status, valid_until, total_incl_tax, requires_approval, accepted_version_id,
              accepted_at, created_at, updated_at, created_by)`,
      q,
    );
    await client.query(
      `insert into quote_version (id, quote_id, version_no, status, valid_until, currency, price_date, customer_grade, customer_province,
                                  overall_discount_percent, reference_amount, subtotal, overall_discount_amount, total_excl_tax, total_tax,
                                  total_incl_tax, limit_percent, requires_approval, approval_reasons, decision, payment_terms, delivery_terms,
                                  submitted_at, sent_at, accepted_at, rejected_at, reject_reason, created_at, created_by, updated_at, updated_by)
       select x.*, x.created_by from unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::date[], $6::text[], $7::date[], $8::text[],
                             $9::text[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[],
                             $16::numeric[], $17::numeric[], $18::bool[], $19::jsonb[], $20::jsonb[], $21::text[], $22::text[],
                             $23::timestamptz[], $24::timestamptz[], $25::timestamptz[], $26::timestamptz[], $27::text[], $28::timestamptz[],
                             $29::uuid[], $30::timestamptz[])
         as x(id, quote_id, version_no, status, valid_until, currency, price_date, customer_grade, customer_province, overall_discount_percent,
              reference_amount, subtotal, overall_discount_amount, total_excl_tax, total_tax, total_incl_tax, limit_percent, requires_approval,
              approval_reasons, decision, payment_terms, delivery_terms, submitted_at, sent_at, accepted_at, rejected_at, reject_reason,
              created_at, created_by, updated_at)`,
      v,
    );
    await client.query(
      `insert into quote_line (version_id, position, product_id, material_code, name, spec, unit, qty, list_price, resolved_price, price_source,
                               floor_price, unit_price, discount_percent, net_unit_price, tax_rate, amount, overall_discount_share,
                               amount_incl_tax, amount_excl_tax, tax_amount, effective_discount_percent, flags, notes)
       select version_id, position, product_id, material_code, name, spec, unit, qty, list_price, resolved_price, price_source, floor_price,
              unit_price, discount_percent, net_unit_price, tax_rate, amount, overall_discount_share, amount_incl_tax, amount_excl_tax,
              tax_amount, effective_discount_percent, flags::text[], notes
         from unnest($1::uuid[], $2::smallint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[],
                     $10::numeric[], $11::jsonb[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[],
                     $17::numeric[], $18::numeric[], $19::numeric[], $20::numeric[], $21::numeric[], $22::numeric[], $23::text[], $24::text[])
           as l(version_id, position, product_id, material_code, name, spec, unit, qty, list_price, resolved_price, price_source,
                floor_price, unit_price, discount_percent, net_unit_price, tax_rate, amount, overall_discount_share, amount_incl_tax,
                amount_excl_tax, tax_amount, effective_discount_percent, flags, notes)`,
      ln,
    );
    await client.query('commit');
    await client.query(`vacuum (analyze) quote, quote_version, quote_line`);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.query('discard all').catch(() => undefined);
    client.release();
  }
  const ms = performance.now() - t0;
  opts.log(
    `  ${drafts.length.toLocaleString('en-US')} quotes (${versionCount.toLocaleString('en-US')} versions, ${lineCount.toLocaleString('en-US')} lines) in ${(ms / 1000).toFixed(1)} s`,
  );
  return { skipped: false, quotes: drafts.length, versions: versionCount, lines: lineCount, ms };
}
