import { Permission, ZLostReasonValues, ZWonReasonValues } from '@crm/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from '../../apps/server/src/kernel/db/database.ts';
import { loadStages } from '../../apps/server/src/modules/sales/opportunities/pipeline.service.ts';
import type { StageDef } from '../../apps/server/src/modules/sales/opportunities/stage-rules.ts';
import { BUILTIN_METRICS } from '../../apps/server/src/modules/sales/targets/targets.messages.ts';
import { workingTime } from './activity-data.ts';
import { createRng, type Rng } from './prng.ts';
import { generateLeads, generateQuotes, type LeadGenResult, type QuoteGenResult } from './sales-docs-data.ts';
import { departmentSubtree, type Org, type OrgUser } from './sessions.ts';

/**
 * The sales data at the scale of the design (issue 4): opportunities over the bench's customers
 * and their reps, with their stage history; targets for every user who carries one (sales reps,
 * managers, directors) and every department above them, for the current year, its quarters and
 * months, on every metric the targets feature knows; a modest number of leads and quotes
 * (sales-docs-data.ts).
 *
 * Times are relative to the day of the run (midnight in Beijing: `anchor`), because what is
 * measured looks at "now": the kanban's won and lost columns show the last 90 days, the
 * performance summary the current quarter. The rows are the same for the same day.
 *
 * Opportunities (only on customers that have an owner, not merged): how many per customer by a
 * log-normal weight × grade × status × type, created over the two years before the anchor (not
 * before the customer). Open or closed by age (recent ones mostly open), closed ones won or lost;
 * open ones stand mostly in the first stages. Each walks the pipeline read from the database in
 * order (tender stages for tenders only), lost ones leave it at one of its open stages; the
 * stage history has one row per stage entered, at working times, the last one the current stage.
 * Owner and department are the customer's. One team — the office (a manager's department
 * subtree) with the most active sales reps — is made to hold at least `kanbanOpen` open ones
 * (5,000 at 200,000 opportunities): the kanban scenario's board.
 *
 * Written with multi-row `insert … select from unnest(…)` in chunks, `synchronous_commit` off,
 * the next chunk made while PostgreSQL writes the previous one; only the columns set here are
 * named. Each part is skipped when the database already holds it.
 */

const SEED = 'crm-bench-sales-v1';
const CHUNK = 10_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Beijing time is UTC+8 all year (the server's business time zone). */
const BEIJING = 8 * HOUR;
/** Open opportunities of the kanban team per opportunity in the database (5,000 of 200,000). */
export const KANBAN_OPEN_SHARE = 5_000 / 200_000;

export type OpportunityGenResult = {
  skipped: boolean;
  opportunities: number;
  stageChanges: number;
  /** Closed opportunities of the kanban team made open to reach its share. */
  steeredOpen: number;
  ms: { plan: number; insert: number; vacuumAnalyze: number; total: number };
};

export type TargetGenResult = { skipped: boolean; targets: number; users: number; departments: number; year: number; ms: number };

export type SalesGenResult = {
  /** Business date (Asia/Shanghai) the data is relative to: its times end at its midnight. */
  anchorDate: string;
  opportunities: OpportunityGenResult;
  targets: TargetGenResult;
  leads: LeadGenResult;
  quotes: QuoteGenResult;
  ms: { total: number };
};

/** The team of the kanban scenario: a department subtree and the manager who sees it. */
export type KanbanTeam = {
  departmentId: string;
  code: string;
  manager: OrgUser;
  /** Active sales reps in the subtree. */
  reps: number;
  /** Open opportunities in the subtree (the board's open columns). */
  open: number;
  wanted: number;
};

/** Business date (YYYY-MM-DD) in Beijing of an instant. */
export const beijingDate = (t: number) => new Date(t + BEIJING).toISOString().slice(0, 10);
const addDaysTo = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Today's business date and the instant it began (the anchor of the generated times). */
export function salesAnchor(now = Date.now()): { date: string; at: number } {
  const date = beijingDate(now);
  return { date, at: Date.parse(`${date}T00:00:00Z`) - BEIJING };
}

/** The quarter of a business date, e.g. 2026-11-29 → 2026-Q4. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

const drizzleOf = (pool: pg.Pool) => drizzle({ client: pool }) as unknown as Db;

async function countOf(pool: pg.Pool, sqlText: string, values: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sqlText, values);
  return Number(rows[0]?.n ?? 0);
}

const isRep = (u: OrgUser) => u.isActive && u.roles.includes('sales_rep') && u.scope === 'own';

/**
 * The kanban team: the office (else business unit) with the most active sales reps in its
 * subtree, seen by an active sales manager of department scope placed in it.
 */
export async function findKanbanTeam(pool: pg.Pool, org: Org, totalOpportunities: number): Promise<KanbanTeam | null> {
  const managers = org.users.filter((u) => u.isActive && u.roles.includes('sales_manager') && u.scope === 'department');
  const candidates = org.departments
    .filter((d) => d.kind === 'office' || d.kind === 'business_unit')
    .map((d) => {
      const subtree = departmentSubtree(org, d.id);
      return {
        d,
        subtree,
        reps: org.users.filter((u) => isRep(u) && subtree.has(u.departmentId)).length,
        manager: managers.filter((m) => m.departmentId === d.id).sort((a, b) => (a.username < b.username ? -1 : 1))[0],
      };
    })
    .filter((c) => c.manager && c.reps > 0)
    // Offices first (a business unit only when no office has a manager), then the most reps.
    .sort((a, b) => Number(b.d.kind === 'office') - Number(a.d.kind === 'office') || b.reps - a.reps || (a.d.code < b.d.code ? -1 : 1));
  const best = candidates[0];
  if (!best?.manager) return null;
  const open = await countOf(pool, `select count(*) as n from opportunity where stage_kind = 'open' and department_id = any($1::uuid[])`, [
    [...best.subtree],
  ]);
  return {
    departmentId: best.d.id,
    code: best.d.code,
    manager: best.manager,
    reps: best.reps,
    open,
    wanted: Math.ceil(totalOpportunities * KANBAN_OPEN_SHARE),
  };
}

/* ------------------------------------------------------------------ opportunities */

type Customer = {
  id: string;
  /** Normalised name (numbered when shared): what its generators are seeded with. */
  key: string;
  name: string;
  shortName: string | null;
  type: string;
  grade: string;
  status: string;
  ownerId: string;
  departmentId: string;
  createdAt: number;
};

type Planned = { c: Customer; seed: string; created: number; isTender: boolean; kind: 'open' | 'won' | 'lost' };

const GRADE_WEIGHT: Record<string, number> = { A: 3, B: 1.8, C: 1, D: 0.5 };
const STATUS_WEIGHT: Record<string, number> = { active: 1.4, prospect: 1, dormant: 0.4, lost: 0.3 };
const PRODUCTS = [
  '智能电能表',
  '三相智能电能表',
  '用电信息采集终端',
  '集中器',
  'HPLC通信模块',
  '配电自动化终端',
  '电能质量监测装置',
  '充电桩',
  '环网柜',
  '低压开关柜',
  '智能融合终端',
  '物联网水表',
  '超声波燃气表',
  '能耗监测系统',
];
const OVERSEAS_PRODUCTS = ['Prepaid meters', 'Three-phase meters', 'AMI data concentrators', 'Smart water meters'];
const COMPETITORS = ['威胜集团', '林洋能源', '海兴电力', '炬华科技', '许继电气', '三星医疗', '科陆电子', '万胜智能'];
const SOURCES = ['existing_customer', 'existing_customer', 'referral', 'exhibition', 'website', 'other'];
const LOST_TEXT: Record<string, string> = {
  price: '客户选择了价格更低的供应商',
  technology: '技术方案未通过客户评审',
  relationship: '竞争对手客户关系更深',
  competitor: '竞争对手中标',
  budget_cancelled: '客户项目预算取消',
  no_decision: '客户迟迟未做决定，项目搁置',
  other: '客户改变采购计划，转为框架招标',
};

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Index drawn with weights ∝ ratio^k (k = 0 … n−1): mostly the first ones. */
function geometricIndex(rng: Rng, n: number, ratio: number): number {
  const total = (1 - ratio ** n) / (1 - ratio);
  let u = rng.next() * total;
  for (let k = 0; k < n; k++) {
    const w = ratio ** k;
    if (u < w) return k;
    u -= w;
  }
  return n - 1;
}

/** A working time (Beijing) near `t`, kept within [lo, hi]. */
function workTime(t: number, rng: Rng, lo: number, hi: number): number {
  const w = workingTime(t, rng.next(), rng.next(), rng.next());
  return w < lo || w > hi ? Math.min(hi, Math.max(lo, t)) : w;
}

/** The stages an opportunity walks: the open stages in order, tender stages for tenders only (as the demo seed does). */
function pathOf(openStages: readonly StageDef[], isTender: boolean): StageDef[] {
  return openStages.filter((s) => (!s.isRequiredForTender || isTender || s.isRequired) && !(s.requiresTenderInfo && !isTender));
}

function amountOf(c: Customer, rng: Rng): number {
  const [lo, hi] =
    c.type === 'grid'
      ? [200_000, 5_000_000]
      : c.type === 'overseas'
        ? [300_000, 8_000_000]
        : c.type === 'industrial'
          ? [30_000, 1_500_000]
          : c.type === 'distributor'
            ? [50_000, 2_000_000]
            : [20_000, 600_000];
  // Log-uniform: many small deals, a few large ones.
  return Math.max(100, Math.round((lo * (hi / lo) ** rng.next()) / 100) * 100);
}

export async function generateOpportunities(
  pool: pg.Pool,
  org: Org,
  opts: { total: number; anchor: { date: string; at: number }; log: (msg: string) => void },
): Promise<OpportunityGenResult> {
  const t0 = performance.now();
  const existing = await countOf(pool, `select count(*) as n from opportunity`);
  const want = Math.max(0, opts.total - existing);
  if (want === 0) {
    return { skipped: true, opportunities: 0, stageChanges: 0, steeredOpen: 0, ms: { plan: 0, insert: 0, vacuumAnalyze: 0, total: 0 } };
  }
  const db = drizzleOf(pool);
  const stages = await loadStages(db);
  const open = stages.filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position);
  const wonStage = stages.find((s) => s.kind === 'won');
  const lostStage = stages.find((s) => s.kind === 'lost');
  if (open.length === 0 || !wonStage || !lostStage) throw new Error('the pipeline needs open, won and lost stages');
  // A won tender needs its bid-award notice (a stored file): the demo's notice when there is one.
  const notice = (
    await pool.query<{ id: string; name: string | null }>(
      `select award_notice_file_id as id, award_notice_name as name from opportunity where award_notice_file_id is not null limit 1`,
    )
  ).rows[0];
  let shared = 0;
  const customers = (
    await pool.query<{
      id: string;
      normalized_name: string;
      name: string;
      short_name: string | null;
      type: string;
      grade: string;
      status: string;
      owner_id: string;
      department_id: string;
      created_at: Date;
    }>(
      `select id, normalized_name, name, short_name, type, grade, status, owner_id, department_id, created_at from customer
        where owner_id is not null and department_id is not null and merged_into_id is null
        -- By name, not id: the demo's customers have random ids.
        order by normalized_name collate "C", name collate "C", id`,
    )
  ).rows.map((r, i, all): Customer => {
    // The normalised name, numbered when several customers share it (the rows are sorted by it).
    shared = i > 0 && all[i - 1]!.normalized_name === r.normalized_name ? shared + 1 : 0;
    return {
      id: r.id,
      key: `${r.normalized_name}#${shared}`,
      name: r.name,
      shortName: r.short_name,
      type: r.type,
      grade: r.grade,
      status: r.status,
      ownerId: r.owner_id,
      departmentId: r.department_id,
      createdAt: r.created_at.getTime(),
    };
  });
  if (customers.length === 0) throw new Error('no customers with an owner to give opportunities to');

  // 1. Plan: how many per customer (largest remainder over the weights), when, tender or not, open or
  // closed. Each customer's draws come from a generator seeded with its normalised name, each
  // opportunity's details from one seeded with that and its number: a row depends on its customer
  // only (not on the order, nor on the demo's customers, whose ids and times are those of the seed).
  const rngs = customers.map((c) => createRng(`${SEED}:${existing}:${c.key}`));
  const weights = customers.map(
    (c, i) =>
      Math.exp(0.8 * normal(rngs[i]!)) * (GRADE_WEIGHT[c.grade] ?? 1) * (STATUS_WEIGHT[c.status] ?? 1) * (c.type === 'grid' ? 1.5 : 1),
  );
  const sumW = weights.reduce((s, w) => s + w, 0);
  const counts = new Int32Array(customers.length);
  {
    const remainders: { i: number; r: number }[] = [];
    let given = 0;
    weights.forEach((w, i) => {
      const exact = (w / sumW) * want;
      counts[i] = Math.floor(exact);
      given += counts[i]!;
      remainders.push({ i, r: exact - counts[i]! });
    });
    remainders.sort((a, b) => b.r - a.r || a.i - b.i);
    for (let k = 0; k < want - given; k++) counts[remainders[k % remainders.length]!.i]! += 1;
  }
  const { at: anchor } = opts.anchor;
  const span = 730 * DAY;
  const planned: Planned[] = [];
  customers.forEach((c, i) => {
    const rng = rngs[i]!;
    for (let k = 0; k < counts[i]!; k++) {
      const raw = anchor - DAY - Math.floor(rng.next() * (span - DAY));
      const created = workTime(Math.max(raw, c.createdAt + DAY), rng, Math.min(c.createdAt + DAY, anchor - DAY), anchor - HOUR);
      const ageDays = (anchor - created) / DAY;
      const pOpen = Math.min(0.95, Math.max(0.06, 1 - ageDays / 365));
      const isTender = rng.next() < (c.type === 'grid' ? 0.7 : c.type === 'overseas' ? 0.3 : 0.12);
      const u = rng.next();
      const kind: Planned['kind'] = u < pOpen ? 'open' : rng.next() < 0.45 ? 'won' : 'lost';
      // Without an award notice to attach, a won tender cannot exist: such wins are plain deals.
      planned.push({ c, seed: `${SEED}:${existing}:${c.key}:${k}`, created, isTender: isTender && !(kind === 'won' && !notice), kind });
    }
  });

  // 2. The kanban team holds its share of open opportunities: when short (small databases), closed
  // ones there stay open instead, taken evenly over their creation dates (so that the won and lost
  // columns of the last 90 days keep their share).
  let steeredOpen = 0;
  const team = await findKanbanTeam(pool, org, opts.total);
  if (team) {
    const subtree = departmentSubtree(org, team.departmentId);
    const inTeam = planned.filter((p) => subtree.has(p.c.departmentId));
    const missing = team.wanted - team.open - inTeam.filter((p) => p.kind === 'open').length;
    const closed = inTeam.filter((p) => p.kind !== 'open').sort((a, b) => b.created - a.created);
    const n = Math.max(0, Math.min(missing, closed.length));
    for (let k = 0; k < n; k++) closed[Math.floor((k * closed.length) / n)]!.kind = 'open';
    steeredOpen = n;
  }
  const planMs = performance.now() - t0;

  // 3. The rows, chunk by chunk, on two connections (two backends): the opportunities of a chunk on
  // one, their stage history on the other once they are in, while the next chunk is made.
  const client = await pool.connect();
  const history = await pool.connect();
  let stageChanges = 0;
  const tInsert = performance.now();
  let failure: unknown;
  const noted = (p: Promise<unknown>) => p.catch((err: unknown) => void (failure ??= err));
  try {
    for (const c of [client, history]) await c.query(`set synchronous_commit = off`);
    let opportunitiesIn: Promise<unknown> = Promise.resolve();
    const historyIn: Promise<unknown>[] = [];
    let serial = existing;
    for (let from = 0; from < planned.length; from += CHUNK) {
      if (failure) throw failure;
      // Made at most one chunk ahead of the opportunities and two of the history.
      await opportunitiesIn;
      while (historyIn.length > 1) await historyIn.shift();
      const chunk = planned.slice(from, from + CHUNK);
      const o: unknown[][] = Array.from({ length: 31 }, () => []);
      const h: unknown[][] = Array.from({ length: 9 }, () => []);
      for (const p of chunk) {
        const r = createRng(p.seed);
        const { c } = p;
        const id = r.uuid();
        serial++;
        const path = pathOf(open, p.isTender);
        let steps: StageDef[];
        if (p.kind === 'open') steps = path.slice(0, geometricIndex(r, path.length, 0.62) + 1);
        else if (p.kind === 'won') steps = [...path, wonStage];
        else steps = [...path.slice(0, 1 + r.int(path.length)), lostStage];
        // When each stage was entered: from the creation on, at working times, in order.
        const end =
          p.kind === 'open'
            ? p.created + Math.floor((anchor - HOUR - p.created) * (0.3 + 0.7 * r.next()))
            : Math.min(anchor - HOUR, p.created + Math.floor((15 + Math.exp(4 + 0.7 * normal(r))) * DAY));
        const times = [p.created];
        for (let k = 1; k < steps.length; k++) {
          const raw = p.created + Math.floor(((end - p.created) * (k + r.next() * 0.8)) / steps.length);
          times.push(
            Math.max(times[k - 1]!, workTime(k === steps.length - 1 && p.kind !== 'open' ? end : raw, r, times[k - 1]!, anchor - MINUTE)),
          );
        }
        const last = steps.at(-1)!;
        const lastAt = times.at(-1)!;
        const closed = last.kind !== 'open';
        const amount = amountOf(c, r);
        const amountText = amount.toFixed(2);
        const anchorDate = opts.anchor.date;
        const expected = closed
          ? beijingDate(lastAt)
          : r.next() < 0.1
            ? [addDaysTo(anchorDate, -1 - r.int(20)), beijingDate(p.created)].sort().at(-1)!
            : addDaysTo(anchorDate, 5 + r.int(200));
        const reachedTender = steps.some((s) => s.requiresTenderInfo);
        const year = beijingDate(p.created).slice(0, 4);
        const overseas = c.type === 'overseas';
        const product = overseas ? r.pick(OVERSEAS_PRODUCTS) : r.pick(PRODUCTS);
        const short = c.shortName ?? c.name.slice(0, 8);
        const name = p.isTender
          ? `${short} ${year}年${product}招标（第${1 + r.int(4)}批）`
          : overseas
            ? `${short} ${product} project`
            : `${short} ${product}项目`;
        const competitors =
          r.next() < 0.55
            ? Array.from({ length: 1 + (r.next() < 0.35 ? 1 : 0) }, (_, k) => ({
                name: COMPETITORS[(serial + k * 3) % COMPETITORS.length]!,
                strengths: null,
                weaknesses: null,
                quotedPrice: (Math.round(amount * (0.9 + r.next() * 0.2) * 100) / 100).toFixed(2),
              }))
            : [];
        const reasonCode = last.kind === 'won' ? r.pick(ZWonReasonValues) : last.kind === 'lost' ? r.pick(ZLostReasonValues) : null;
        const reason = last.kind === 'lost' ? LOST_TEXT[reasonCode!] : null;
        const tenderResult = !p.isTender
          ? 'pending'
          : last.kind === 'won'
            ? 'won'
            : last.kind === 'lost'
              ? reachedTender
                ? 'lost'
                : 'cancelled'
              : 'pending';
        const tenderStep = Math.min(
          times.length - 1,
          Math.max(
            0,
            steps.findIndex((s) => s.requiresTenderInfo),
          ),
        );
        const row = [
          id,
          name,
          c.id,
          c.ownerId,
          c.departmentId,
          amountText,
          // One currency, as in the demo: the board, forecast and performance add amounts up nominally.
          'CNY',
          expected,
          last.id,
          last.kind,
          new Date(lastAt),
          last.probability,
          p.isTender ? 'tender_notice' : r.pick(SOURCES),
          p.isTender,
          p.isTender ? `ZB${year}-${String(serial).padStart(6, '0')}` : null,
          p.isTender ? addDaysTo(beijingDate(times[tenderStep]!), 15) : null,
          p.isTender ? Math.max(100, Math.round((amount * 0.02) / 100) * 100).toFixed(2) : null,
          p.isTender && closed && r.next() < 0.7,
          tenderResult,
          p.isTender && last.kind === 'won' ? notice!.id : null,
          p.isTender && last.kind === 'won' ? notice!.name : null,
          JSON.stringify(competitors),
          closed ? new Date(lastAt) : null,
          last.kind === 'won' ? beijingDate(lastAt) : null,
          reasonCode,
          reason,
          new Date(p.created),
          new Date(lastAt),
          c.ownerId,
          c.ownerId,
          // Created at version 1, every stage move counts it up.
          steps.length,
        ];
        for (let k = 0; k < row.length; k++) o[k]!.push(row[k]);
        steps.forEach((s, k) => {
          const values = [
            id,
            k === 0 ? null : steps[k - 1]!.id,
            s.id,
            new Date(times[k]!),
            c.ownerId,
            amountText,
            s.probability,
            s.kind === 'open' ? null : reasonCode,
            s.kind === 'open' ? null : reason,
          ];
          for (let v = 0; v < values.length; v++) h[v]!.push(values[v]);
        });
        stageChanges += steps.length;
      }
      const rows = client.query(
        `insert into opportunity (id, name, customer_id, owner_id, department_id, amount, currency, expected_close_date, stage_id, stage_kind,
                                    stage_entered_at, probability, source, is_tender, tender_number, bid_opening_date, bid_bond_amount,
                                    bid_bond_returned, tender_result, award_notice_file_id, award_notice_name, competitors, closed_at, won_date,
                                    close_reason_code, close_reason, created_at, updated_at, created_by, updated_by, version)
           select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::numeric[], $7::text[], $8::date[], $9::uuid[],
                                $10::text[], $11::timestamptz[], $12::smallint[], $13::text[], $14::bool[], $15::text[], $16::date[],
                                $17::numeric[], $18::bool[], $19::text[], $20::uuid[], $21::text[], $22::jsonb[], $23::timestamptz[],
                                $24::date[], $25::text[], $26::text[], $27::timestamptz[], $28::timestamptz[], $29::uuid[], $30::uuid[],
                                $31::int[])`,
        o,
      );
      opportunitiesIn = noted(rows);
      const previous = historyIn.at(-1) ?? Promise.resolve();
      historyIn.push(
        noted(
          (async () => {
            await previous;
            await rows;
            await history.query(
              `insert into opportunity_stage_change (opportunity_id, from_stage_id, to_stage_id, at, by_id, amount, probability, reason_code, reason)
               select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::uuid[], $6::numeric[], $7::smallint[], $8::text[],
                                    $9::text[])`,
              h,
            );
          })(),
        ),
      );
      const done = Math.min(planned.length, from + CHUNK);
      if (done % 50_000 === 0 || done === planned.length) {
        opts.log(
          `  opportunities ${done.toLocaleString('en-US')} / ${want.toLocaleString('en-US')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      }
    }
    await opportunitiesIn;
    await Promise.all(historyIn);
    if (failure) throw failure;
    const insertMs = performance.now() - tInsert;
    const tv = performance.now();
    await Promise.all([client.query(`vacuum (analyze) opportunity`), history.query(`vacuum (analyze) opportunity_stage_change`)]);
    const end = performance.now();
    return {
      skipped: false,
      opportunities: planned.length,
      stageChanges,
      steeredOpen,
      ms: { plan: planMs, insert: insertMs, vacuumAnalyze: end - tv, total: end - t0 },
    };
  } finally {
    for (const c of [client, history]) {
      await c.query('discard all').catch(() => undefined);
      c.release();
    }
  }
}

/* ------------------------------------------------------------------ targets */

/** Seasonal shares of a year's target per month, in percent (grid tenders close late in the year). */
const MONTH_WEIGHTS = [4, 5, 6, 8, 8, 9, 8, 8, 9, 10, 11, 14];
/** Offices keep a little of their target for the manager's own accounts (shows as unassigned). */
const OFFICE_RESERVE_PERCENT = 5n;
/** Ten thousand yuan in fen: money targets are round to it. */
const WAN = 1_000_000n;
/** Amount metrics that follow the won amount (contracts follow wins, money follows contracts), in percent. */
const FOLLOWS_WON: Record<string, bigint> = { signed_amount: 92n, collected_amount: 80n };

/** A stable number in [0, 1) from a text. */
function unitHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h / 4294967296;
}

const roundTo = (units: bigint, step: bigint) => ((units + step / 2n) / step) * step;

/** Splits a whole number over the months by weights (largest remainder): the months add up to it. */
function spread(total: bigint, weights: readonly number[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (Number(total) * w) / sum);
  const out = exact.map((e) => BigInt(Math.floor(e)));
  let missing = total - out.reduce((s, v) => s + v, 0n);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; missing > 0n; k++, missing--) out[order[k % order.length]!.i]! += 1n;
  return out;
}

/**
 * Targets of the year of the anchor for every active user who carries targets (target:hold; the
 * administrator's "*" aside) and every department with such users in its subtree: per month,
 * quarter and year, on each metric the targets feature knows. A user's year follows what the
 * records say of last year (won amount and count) stretched by a personal factor (90–130 %), spread
 * over the months by last year's months and the season; users without a record last year (new
 * reps, managers, directors) get a share of the median rep's. Signed and collected amounts follow
 * the won amount; new customers are one to four a month. Quarters and years are the sums of their
 * months; a department's target is the sum of its subtree's, plus a reserve in offices. Existing
 * targets (the demo's) are kept.
 */
export async function generateTargets(
  pool: pg.Pool,
  org: Org,
  opts: { anchor: { date: string; at: number }; log: (msg: string) => void },
): Promise<TargetGenResult> {
  const t0 = performance.now();
  const year = Number(opts.anchor.date.slice(0, 4));
  const holders = (
    await pool.query<{ id: string; username: string; department_id: string; roles: string[] }>(
      `select u.id, u.username, u.department_id, array_agg(r.code order by r.code) as roles
         from app_user u join user_role ur on ur.user_id = u.id join role r on r.id = ur.role_id
        where u.is_active and $1 = any(r.permissions)
        group by u.id order by u.id`,
      [Permission.targetHold],
    )
  ).rows;
  const present = await countOf(
    pool,
    `select count(distinct subject_id) as n from sales_target where subject_type = 'user' and period = $1 and subject_id = any($2::uuid[])`,
    [String(year), holders.map((h) => h.id)],
  );
  if (holders.length === 0 || present >= holders.length) {
    return { skipped: true, targets: 0, users: 0, departments: 0, year, ms: performance.now() - t0 };
  }
  const metrics = Object.entries(BUILTIN_METRICS).map(([key, def]) => ({ key, unit: def.unit as 'amount' | 'count' }));
  const won = new Map<string, { amount: number[]; count: number[] }>();
  for (const r of (
    await pool.query<{ owner_id: string; m: number; n: string; amount: string }>(
      `select owner_id, extract(month from won_date)::int as m, count(*) as n, sum(amount)::text as amount from opportunity
        where stage_kind = 'won' and won_date >= $1::date and won_date < $2::date group by 1, 2`,
      [`${year - 1}-01-01`, `${year}-01-01`],
    )
  ).rows) {
    const w = won.get(r.owner_id) ?? { amount: Array<number>(12).fill(0), count: Array<number>(12).fill(0) };
    w.amount[r.m - 1] = Number(r.amount);
    w.count[r.m - 1] = Number(r.n);
    won.set(r.owner_id, w);
  }
  const yearTotals = [...won.values()].map((w) => w.amount.reduce((s, v) => s + v, 0)).sort((a, b) => a - b);
  const countTotals = [...won.values()].map((w) => w.count.reduce((s, v) => s + v, 0)).sort((a, b) => a - b);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
  const medianAmount = Math.max(2_000_000, median(yearTotals));
  const medianCount = Math.max(4, median(countTotals));

  // Month values per subject and metric, in units (fen or pieces).
  const byUser = new Map<string, Record<string, bigint[]>>();
  for (const h of holders) {
    const w = won.get(h.id);
    const share = h.roles.includes('sales_rep') ? 0.6 : h.roles.includes('sales_manager') ? 0.4 : 0.2;
    // Drawn from the username, not the id: the demo's users have random ids.
    const stretch = 0.9 + 0.4 * unitHash(`${h.username}:stretch`);
    const lastYear = w ? w.amount.reduce((s, v) => s + v, 0) : 0;
    const amountYear = (lastYear > 0 ? lastYear : medianAmount * share) * stretch;
    const countYear = Math.max(1, Math.round((w ? w.count.reduce((s, v) => s + v, 0) : medianCount * share) * stretch));
    // Half last year's months, half the season.
    const shape = MONTH_WEIGHTS.map((s, m) => s / 100 + (lastYear > 0 ? w!.amount[m]! / lastYear : s / 100));
    const values: Record<string, bigint[]> = {};
    const wonAmount = spread(BigInt(Math.round(amountYear * 100)), shape).map((v) => roundTo(v, WAN));
    for (const { key, unit } of metrics) {
      if (key === 'won_opportunities') values[key] = spread(BigInt(countYear), shape);
      // Other counts (new customers, and any count metric added later): one to four a month.
      else if (unit === 'count')
        values[key] = MONTH_WEIGHTS.map((_, m) => BigInt(1 + Math.floor(4 * unitHash(`${h.username}:${key}:${m}`))));
      else if (key === 'won_amount') values[key] = wonAmount;
      else values[key] = wonAmount.map((v) => roundTo((v * (FOLLOWS_WON[key] ?? 85n)) / 100n, WAN));
    }
    byUser.set(h.id, values);
  }
  // Departments: the sums of their subtree's users, offices (and everything above) with a reserve.
  const parentOf = new Map(org.departments.map((d) => [d.id, d.parentId]));
  const byDepartment = new Map<string, Record<string, bigint[]>>();
  const add = (departmentId: string, values: Record<string, bigint[]>) => {
    const d = byDepartment.get(departmentId) ?? Object.fromEntries(metrics.map((m) => [m.key, MONTH_WEIGHTS.map(() => 0n)]));
    for (const m of metrics) d[m.key] = d[m.key]!.map((v, i) => v + values[m.key]![i]!);
    byDepartment.set(departmentId, d);
  };
  for (const h of holders) {
    for (let d: string | null | undefined = h.department_id; d; d = parentOf.get(d)) add(d, byUser.get(h.id)!);
  }
  for (const office of org.departments.filter((d) => d.kind === 'office' && byDepartment.has(d.id))) {
    const own = byDepartment.get(office.id)!;
    const reserve = Object.fromEntries(
      metrics.map((m) => {
        const step = m.unit === 'amount' ? WAN : 1n;
        return [m.key, own[m.key]!.map((v) => ((v * OFFICE_RESERVE_PERCENT) / 100n / step) * step)];
      }),
    );
    for (let d: string | null | undefined = office.id; d; d = parentOf.get(d)) add(d, reserve);
  }

  const now = new Date(opts.anchor.at);
  const cols: unknown[][] = Array.from({ length: 8 }, () => []);
  const pad = (n: number) => String(n).padStart(2, '0');
  const push = (subjectType: 'user' | 'department', subjectId: string, departmentId: string, values: Record<string, bigint[]>) => {
    for (const { key, unit } of metrics) {
      const months = values[key]!;
      const text = (units: bigint) => (unit === 'amount' ? `${units / 100n}.${pad(Number(units % 100n))}` : units.toString());
      const row = (period: string, kind: string, units: bigint) =>
        [period, kind, year, key, subjectType, subjectId, departmentId, text(units)].forEach((v, i) => cols[i]!.push(v));
      row(
        String(year),
        'year',
        months.reduce((s, v) => s + v, 0n),
      );
      for (let q = 0; q < 4; q++) {
        row(`${year}-Q${q + 1}`, 'quarter', months[q * 3]! + months[q * 3 + 1]! + months[q * 3 + 2]!);
        for (let k = 0; k < 3; k++) row(`${year}-${pad(q * 3 + k + 1)}`, 'month', months[q * 3 + k]!);
      }
    }
  };
  for (const h of holders) push('user', h.id, h.department_id, byUser.get(h.id)!);
  for (const [id, values] of byDepartment) push('department', id, id, values);

  const client = await pool.connect();
  let inserted = 0;
  try {
    await client.query(`set synchronous_commit = off`);
    const size = 25_000;
    for (let from = 0; from < cols[0]!.length; from += size) {
      const res = await client.query(
        `insert into sales_target (period, period_kind, year, metric, subject_type, subject_id, department_id, value, created_at, updated_at)
         select t.*, $9::timestamptz, $9::timestamptz
           from unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::numeric[])
             as t(period, period_kind, year, metric, subject_type, subject_id, department_id, value)
         on conflict (period, metric, subject_type, subject_id) do nothing`,
        [...cols.map((c) => c.slice(from, from + size)), now],
      );
      inserted += res.rowCount ?? 0;
    }
    await client.query(`vacuum (analyze) sales_target`);
  } finally {
    await client.query('discard all').catch(() => undefined);
    client.release();
  }
  opts.log(`  ${inserted.toLocaleString('en-US')} targets (${year}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { skipped: false, targets: inserted, users: holders.length, departments: byDepartment.size, year, ms: performance.now() - t0 };
}

/* ------------------------------------------------------------------ all of it */

/** What the database holds of the sales data (the report's "at start" figures). */
export type SalesCounts = {
  opportunities: number;
  open: number;
  won: number;
  lost: number;
  stageChanges: number;
  /** Targets of the year, and the users and departments that have one. */
  targets: number;
  targetUsers: number;
  targetDepartments: number;
  leads: number;
  quotes: number;
};

export async function loadSalesCounts(pool: pg.Pool, year: number): Promise<SalesCounts> {
  const { rows } = await pool.query<Record<keyof SalesCounts, string>>(
    `select (select count(*) from opportunity) as opportunities,
            (select count(*) from opportunity where stage_kind = 'open') as open,
            (select count(*) from opportunity where stage_kind = 'won') as won,
            (select count(*) from opportunity where stage_kind = 'lost') as lost,
            (select count(*) from opportunity_stage_change) as "stageChanges",
            (select count(*) from sales_target where year = $1) as targets,
            (select count(distinct subject_id) from sales_target where year = $1 and subject_type = 'user') as "targetUsers",
            (select count(distinct subject_id) from sales_target where year = $1 and subject_type = 'department') as "targetDepartments",
            (select count(*) from lead) as leads,
            (select count(*) from quote) as quotes`,
    [year],
  );
  const r = rows[0]!;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as SalesCounts;
}

export async function generateSalesData(
  pool: pg.Pool,
  org: Org,
  opts: { opportunities: number; leads: number; quotes: number; log: (msg: string) => void },
): Promise<SalesGenResult> {
  const t0 = performance.now();
  const anchor = salesAnchor();
  const opportunities = await generateOpportunities(pool, org, { total: opts.opportunities, anchor, log: opts.log });
  if (!opportunities.skipped) {
    opts.log(
      `  ${opportunities.opportunities.toLocaleString('en-US')} opportunities, ${opportunities.stageChanges.toLocaleString('en-US')} stage changes in ${(opportunities.ms.total / 1000).toFixed(1)} s`,
    );
  }
  const targets = await generateTargets(pool, org, { anchor, log: opts.log });
  const leads = await generateLeads(pool, { total: opts.leads, anchor, log: opts.log });
  const quotes = await generateQuotes(pool, { total: opts.quotes, anchor, log: opts.log });
  return { anchorDate: anchor.date, opportunities, targets, leads, quotes, ms: { total: performance.now() - t0 } };
}
