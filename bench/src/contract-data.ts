import type { TContractSettings, TPaymentTerm } from '@crm/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { systemClock, type Clock } from '../../apps/server/src/kernel/clock.ts';
import type { Db } from '../../apps/server/src/kernel/db/database.ts';
import { formatNumber, periodOf } from '../../apps/server/src/kernel/numbering/numbering.ts';
import { computeLineAmounts } from '../../apps/server/src/modules/contracts/contract-amounts.ts';
import type { StoredReview } from '../../apps/server/src/modules/contracts/contract-review.ts';
import { createContractSettingsService } from '../../apps/server/src/modules/contracts/contract-settings.service.ts';
import type { ContractLineRow, ContractRow, ContractVersionRow } from '../../apps/server/src/modules/contracts/contracts.repository.ts';
import type { ContractServiceDeps } from '../../apps/server/src/modules/contracts/contract-ports.ts';
import { createContractService } from '../../apps/server/src/modules/contracts/contracts.service.ts';
import { createProductCatalog } from '../../apps/server/src/modules/products/catalog.ts';
import { workingTime } from './activity-data.ts';
import {
  contractFacts,
  createApprovalSimulator,
  insertApprovals,
  type ApprovalOutcome,
  type ApprovalRows,
} from './contract-approval-data.ts';
import { emptyColumns, packedInsert, pushRow, type Columns } from './packed-insert.ts';
import { createRng, type Rng } from './prng.ts';
import { beijingDate } from './sales-data.ts';
import type { Org } from './sessions.ts';

/**
 * Contracts at the scale of the contracts issue: 200,000 contracts with 2,000,000 lines over the
 * bench's customers and their owners, each with its versions and the approvals that took it
 * through review (generated once, skipped when the database holds that many contracts).
 *
 * - Customers with an owner (not merged), how many contracts each by a log-normal weight × grade ×
 *   status × type; the owner, the owner's department and the customer's name (snapshot) as the
 *   server stores them on creation.
 * - Status first (about half completed, a quarter executing, then signed, terminated, approved,
 *   in review and drafts), then its history backwards from a window that fits it (signed dates
 *   over the three years before the day of the run; in review within the last 30 days; drafts,
 *   some abandoned, within 180 days, a quarter of them rejected once), never before the
 *   customer, at working times (Beijing). About 6 % of the signed contracts have an effective
 *   amendment (补充协议: the original superseded, some quantities changed, sometimes a line added),
 *   3 % of those in execution an open amendment (draft or in review).
 * - Lines of catalogue products (the products the server seeded: code, name, model, unit,
 *   category, floor price, standard cost, lead time and warranty copied as the server copies them),
 *   one to three categories per contract, quantities by price (meters by the hundred, cabinets by
 *   the piece), unit prices at the list price less a discount by grade (some below the floor), a
 *   few installation-service and non-standard lines. Money in fen (integers): incl. tax = qty ×
 *   unit price, excl. tax = incl. ÷ (1 + tax rate) half-up, tax = incl. − excl., cost = qty ×
 *   standard cost, totals the sums — checked against the server's own `computeLineAmounts` on a
 *   sample of lines. `BENCH_CONTRACT_LINES` lines per contract on average, the total exact.
 * - Each version's automatic review by the server's own `reviewVersion` (contracts.service.ts)
 *   on the facts of its time: the customer's grade and credit, the exposure of its contracts
 *   signed and not finished then, the contract settings in the database.
 * - Numbers from the pattern in the contract settings (HT{yyyy}{mm}-{seq:5}) in the order of the
 *   first submission within each month, blocks reserved in the kernel's number sequences, so
 *   that later submissions continue after them without a gap.
 * - Approvals (contract-approval-data.ts): each submission ran the active definition of the
 *   `contract` approval type as the engine runs it, up to the approval, the rejection, or —
 *   contracts in review — pending tasks at the step reached by the day of the run.
 *
 * Rows depend on the customer (its normalised name) and the row number, not on the order of the
 * run. The amounts of all contracts are made first (the exposure a review reads spans a
 * customer's contracts), then the rows in the order the contracts were created, as a table fills
 * — each contract's lines made again from its own generator, identically — in chunks of
 * multi-row `insert … select from unnest(…)` on two connections (contracts, versions and lines on
 * one; approvals on the other), the next chunk made while PostgreSQL writes the previous one,
 * `synchronous_commit` off. Then `CLUSTER contract` on its updated_at index (a long-lived table
 * holds a contract where it was last written: every change moves it) and `VACUUM (ANALYZE)`.
 */

const SEED = 'crm-bench-contracts-v1';
/** Contracts per chunk (about 50,000 lines). */
const CHUNK = 5_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const TIMEZONE = 'Asia/Shanghai';

type Status = ContractRow['status'];
type ContractType = ContractRow['type'];

/** Shares of the generated contracts by status. */
const STATUS_MIX: readonly [Status, number][] = [
  ['completed', 0.5],
  ['executing', 0.27],
  ['signed', 0.06],
  ['terminated', 0.03],
  ['approved', 0.03],
  ['in_review', 0.03],
  ['draft', 0.08],
];
/** Signed contracts with an effective amendment, and contracts in execution with an open one. */
const AMENDED_SHARE = 0.06;
const OPEN_AMENDMENT_SHARE = 0.03;
const GRADE_WEIGHT: Record<string, number> = { A: 3, B: 1.8, C: 1, D: 0.5 };
const STATUS_WEIGHT: Record<string, number> = { active: 1.5, prospect: 0.4, dormant: 0.6, lost: 0.3 };

const PAYMENT_TERMS: Record<string, TPaymentTerm[]> = {
  A: [
    { trigger: 'signing', percent: '10', days: 0, label: '预付款' },
    { trigger: 'shipment', percent: '60', days: 30, label: '到货款' },
    { trigger: 'acceptance', percent: '20', days: 30, label: '验收款' },
    { trigger: 'warranty_end', percent: '10', days: 0, label: '质保金' },
  ],
  B: [
    { trigger: 'signing', percent: '20', days: 0, label: '预付款' },
    { trigger: 'shipment', percent: '50', days: 30, label: '到货款' },
    { trigger: 'acceptance', percent: '20', days: 15, label: '验收款' },
    { trigger: 'warranty_end', percent: '10', days: 0, label: '质保金' },
  ],
  C: [
    { trigger: 'signing', percent: '30', days: 0, label: '预付款' },
    { trigger: 'shipment', percent: '60', days: 15, label: '到货款' },
    { trigger: 'warranty_end', percent: '10', days: 0, label: '质保金' },
  ],
  D: [
    { trigger: 'signing', percent: '50', days: 0, label: '预付款' },
    { trigger: 'shipment', percent: '50', days: 0, label: '发货前付清' },
  ],
};
/** Terms a customer asked for beyond its grade (the review warns: credit days, prepayment). */
const LONG_TERMS: TPaymentTerm[] = [
  { trigger: 'signing', percent: '10', days: 0, label: '预付款' },
  { trigger: 'acceptance', percent: '80', days: 90, label: '验收款' },
  { trigger: 'warranty_end', percent: '10', days: 0, label: '质保金' },
];
const AMENDMENT_REASONS = ['客户追加采购数量', '交货期调整，分两批发货', '部分产品型号变更', '项目扩容，追加设备'];
const TERMINATION_REASONS = ['客户项目取消，双方协商解除合同', '客户资金困难，合同终止执行', '技术方案变更，原合同终止'];
const REJECT_COMMENTS = ['价格低于底价，请重新议价', '付款条件需调整，预付款比例不足', '交货期无法满足，请与计划部确认'];
const SPECIAL_REASON = '战略项目首单，经总经理同意特批';

export type ContractGenResult = {
  skipped: boolean;
  contracts: number;
  versions: number;
  lines: number;
  instances: number;
  tasks: number;
  actions: number;
  byStatus: Record<string, number>;
  ms: { plan: number; insert: number; cluster: number; vacuumAnalyze: number; total: number };
};

/** What the database holds of the contracts (the report's "at start" figures). */
export type ContractCounts = {
  contracts: number;
  versions: number;
  lines: number;
  amendments: number;
  byStatus: Record<string, number>;
  instances: number;
  running: number;
  pendingTasks: number;
};

export async function loadContractCounts(pool: pg.Pool): Promise<ContractCounts> {
  const one = async (text: string) => Number((await pool.query<{ n: string }>(text)).rows[0]?.n ?? 0);
  const byStatus = Object.fromEntries(
    (
      await pool.query<{ status: string; n: string }>(`select status, count(*) as n from contract group by status order by status`)
    ).rows.map((r) => [r.status, Number(r.n)]),
  );
  return {
    contracts: await one(`select count(*) as n from contract`),
    versions: await one(`select count(*) as n from contract_version`),
    lines: await one(`select count(*) as n from contract_line`),
    amendments: await one(`select count(*) as n from contract_version where kind = 'amendment'`),
    byStatus,
    instances: await one(`select count(*) as n from approval_instance where type_key = 'contract'`),
    running: await one(`select count(*) as n from approval_instance where type_key = 'contract' and status = 'running'`),
    pendingTasks: await one(
      `select count(*) as n from approval_task t join approval_instance i on i.id = t.instance_id where i.type_key = 'contract' and t.status = 'pending'`,
    ),
  };
}

export async function contractCount(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>(`select count(*) as n from contract`)).rows[0]?.n ?? 0);
}

/* ------------------------------------------------------------------ helpers */

const drizzleOf = (pool: pg.Pool) => drizzle({ client: pool }) as unknown as Db;

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** A working time (Beijing) near `t`, kept within [lo, hi]. */
function workTime(t: number, rng: Rng, lo: number, hi: number): number {
  const w = workingTime(t, rng.next(), rng.next(), rng.next());
  return w < lo || w > hi ? Math.min(hi, Math.max(lo, t)) : w;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Fen (whole, ≥ 0) as the text PostgreSQL returns for numeric(…, 2) and numeric(…, 6). */
const money2 = (fen: number) => `${Math.floor(fen / 100)}.${pad(fen % 100, 2)}`;
const money6 = (fen: number) => `${money2(fen)}0000`;
/** "285.00" → 28500 (two decimals at most). */
function fenOf(text: string): number {
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(`${frac}00`.slice(0, 2));
}
/** Half-up to the fen of incl. ÷ (1 + rate), with the rate in basis points: exact in integers. */
const exclOf = (inclFen: number, rateBp: number) => Math.floor((2 * inclFen * 10_000 + (10_000 + rateBp)) / (2 * (10_000 + rateBp)));
const at = (t: number | null) => (t === null ? null : new Date(t));
const rateText = (bp: number) => `${Math.floor(bp / 10_000)}.${pad(bp % 10_000, 4)}`;

/* ------------------------------------------------------------------ catalogue */

type Product = {
  id: string;
  code: string;
  name: string;
  model: string | null;
  unit: string;
  category: string;
  listFen: number;
  floorFen: number | null;
  costFen: number | null;
  rateBp: number;
  leadTimeDays: number;
  warrantyMonths: number;
};

async function loadProducts(pool: pg.Pool, db: Db): Promise<Product[]> {
  const ids = (await pool.query<{ id: string }>(`select id from product where status = 'active' order by material_code`)).rows.map(
    (r) => r.id,
  );
  // The server's own summaries: what it copies onto a contract line.
  const products = await createProductCatalog().findByIds(db, ids);
  return products
    .map((p) => ({
      id: p.id,
      code: p.materialCode,
      name: p.name,
      model: p.model,
      unit: p.unit,
      category: p.categoryName,
      listFen: fenOf(p.listPrice),
      floorFen: p.floorPrice === null ? null : fenOf(p.floorPrice),
      costFen: p.standardCost === null ? null : fenOf(p.standardCost),
      rateBp: Math.round(Number(p.taxRate) * 10_000),
      leadTimeDays: p.leadTimeDays,
      warrantyMonths: p.warrantyMonths,
    }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/* ------------------------------------------------------------------ plan */

type Customer = {
  id: string;
  key: string;
  name: string;
  shortName: string | null;
  type: string;
  grade: 'A' | 'B' | 'C' | 'D';
  status: string;
  city: string | null;
  province: string | null;
  ownerId: string;
  departmentId: string;
  createdAt: number;
  creditLimit: string | null;
  creditDays: number | null;
};

type Timeline = {
  created: number;
  submitted: number | null;
  approved: number | null;
  signed: number | null;
  executing: number | null;
  completed: number | null;
  terminated: number | null;
  /** A draft that was submitted and rejected once (it keeps its number). */
  rejection: { submitted: number; rejected: number } | null;
  /** The last edit of a draft. */
  edited: number | null;
};

type Amendment = { opened: number; submitted: number | null; effective: number | null; state: 'effective' | 'draft' | 'in_review' };

type Planned = {
  c: Customer;
  seed: string;
  status: Status;
  t: Timeline;
  amendment: Amendment | null;
  /** Lines of the original and, when there is one, the amendment. */
  lineCounts: number[];
  number: string | null;
};

/** The status's history, backwards from a window that fits it; null when the customer is too young for it. */
function timelineFor(status: Status, r: Rng, anchor: number, earliest: number): Timeline | null {
  const lo = earliest;
  const hi = anchor - MINUTE;
  const ago = (days: number) => anchor - days * DAY;
  const days = (a: number, b: number) => (a + (b - a) * r.next()) * DAY;
  const t: Timeline = {
    created: 0,
    submitted: null,
    approved: null,
    signed: null,
    executing: null,
    completed: null,
    terminated: null,
    rejection: null,
    edited: null,
  };
  // Raw instants backwards from the status's key instant, then snapped to working times forwards.
  let created: number;
  let submitted: number | null = null;
  let approved: number | null = null;
  let signed: number | null = null;
  let executing: number | null = null;
  let ended: number | null = null;
  if (status === 'draft') {
    created = ago(180 * r.next() ** 2.2 + 0.05);
  } else if (status === 'in_review') {
    submitted = ago(30 * r.next() ** 1.8 + 0.05);
    created = submitted - days(0, 7);
  } else {
    if (status === 'approved') approved = ago(45 * r.next() ** 1.3 + 0.1);
    else {
      const signedAgo =
        status === 'signed'
          ? 120 * r.next() ** 1.5 + 0.2
          : status === 'executing'
            ? 7 + 713 * r.next() ** 1.3
            : status === 'completed'
              ? 60 + 1035 * r.next() ** 0.9
              : 30 + 1065 * r.next();
      signed = ago(signedAgo);
      approved = signed - days(1, 25);
      if (status === 'executing') executing = Math.min(hi, signed + days(0, 10));
      if (status === 'completed') {
        executing = signed + days(0, 10);
        ended = signed + Math.min(60 + 340 * r.next(), signedAgo - 1) * DAY;
      }
      if (status === 'terminated') {
        if (r.next() < 0.7) executing = signed + days(0, 10);
        ended = signed + Math.min(10 + 290 * r.next(), signedAgo - 1) * DAY;
        if (executing !== null && executing > ended) executing = null;
      }
    }
    submitted = approved - days(1, 8);
    created = submitted - days(0, 7);
  }
  if (created < lo) return null;
  let prev = lo;
  const snap = (raw: number | null) => {
    if (raw === null) return null;
    prev = workTime(raw, r, prev + MINUTE, hi);
    return prev;
  };
  t.created = snap(created)!;
  t.submitted = snap(submitted);
  t.approved = snap(approved);
  t.signed = snap(signed);
  t.executing = snap(executing);
  const end = snap(ended);
  if (status === 'completed') t.completed = end;
  if (status === 'terminated') t.terminated = end;
  if (status === 'draft') {
    // A quarter of the drafts went to review once and came back rejected; some were edited since.
    if (anchor - t.created > 3 * DAY && r.next() < 0.25) {
      const s = snap(t.created + days(0.2, 2))!;
      const rej = snap(s + days(0.5, 5))!;
      if (rej < hi) t.rejection = { submitted: s, rejected: rej };
    }
    const base = t.rejection?.rejected ?? t.created;
    t.edited = r.next() < 0.6 ? workTime(base + (anchor - base) * r.next() * 0.5, r, base, hi) : null;
  }
  return t;
}

function amendmentFor(status: Status, t: Timeline, r: Rng, anchor: number): Amendment | null {
  if (t.signed === null) return null;
  const hi = anchor - MINUTE;
  if (status === 'executing' && r.next() < OPEN_AMENDMENT_SHARE) {
    const from = Math.max(t.executing ?? t.signed, anchor - 30 * DAY);
    const opened = workTime(from + (hi - from) * r.next(), r, from, hi);
    if (r.next() < 0.5) return { opened, submitted: null, effective: null, state: 'draft' };
    const submitted = workTime(opened + Math.min(hi - opened, 3 * DAY) * r.next(), r, opened + MINUTE, hi);
    return submitted > opened ? { opened, submitted, effective: null, state: 'in_review' } : null;
  }
  if (r.next() >= AMENDED_SHARE) return null;
  const end = t.completed ?? t.terminated ?? hi;
  const room = end - t.signed - 10 * DAY;
  if (room < 8 * DAY) return null;
  const opened = workTime(t.signed + 10 * DAY + (room - 8 * DAY) * r.next(), r, t.signed + DAY, end - 7 * DAY);
  const submitted = workTime(opened + 3 * DAY * r.next(), r, opened + MINUTE, end - 6 * DAY);
  const effective = workTime(submitted + (1 + 4 * r.next()) * DAY, r, submitted + HOUR, end - MINUTE);
  return { opened, submitted, effective, state: 'effective' };
}

/** Status drawn from the mix among those the customer's age allows (drafts always fit). */
function planContract(c: Customer, seed: string, r: Rng, anchor: number, canSubmit: boolean): Planned {
  const earliest = c.createdAt + DAY;
  let status: Status = 'draft';
  let t: Timeline | null = null;
  for (let attempt = 0; attempt < 6 && !t; attempt++) {
    let u = r.next();
    status = 'draft';
    for (const [s, p] of STATUS_MIX) {
      if (u < p) {
        status = s;
        break;
      }
      u -= p;
    }
    if (!canSubmit) status = 'draft';
    t = timelineFor(status, r, anchor, earliest);
  }
  if (!t) {
    status = 'draft';
    t = {
      created: workTime(Math.max(earliest, anchor - DAY), r, Math.min(earliest, anchor - HOUR), anchor - MINUTE),
      submitted: null,
      approved: null,
      signed: null,
      executing: null,
      completed: null,
      terminated: null,
      rejection: null,
      edited: null,
    };
  }
  if (!canSubmit) t.rejection = null;
  return { c, seed, status, t, amendment: canSubmit ? amendmentFor(status, t, r, anchor) : null, lineCounts: [], number: null };
}

/* ------------------------------------------------------------------ lines */

type Line = {
  id: string;
  productId: string | null;
  code: string | null;
  name: string;
  spec: string | null;
  unit: string | null;
  category: string | null;
  qty: number;
  priceFen: number;
  rateBp: number;
  floorFen: number | null;
  costFen: number | null;
  leadTimeDays: number | null;
  warrantyMonths: number | null;
  nonStandard: boolean;
  notes: string | null;
  incl: number;
  excl: number;
  tax: number;
  cost: number | null;
};

function priced(line: Omit<Line, 'incl' | 'excl' | 'tax' | 'cost'>): Line {
  const incl = line.qty * line.priceFen;
  if (!Number.isSafeInteger(incl * 20_000)) throw new Error(`contract line amount out of range: ${line.qty} × ${line.priceFen}`);
  const excl = exclOf(incl, line.rateBp);
  return { ...line, incl, excl, tax: incl - excl, cost: line.costFen === null ? null : line.qty * line.costFen };
}

/** Meters and terminals go by the hundred; cabinets and systems by the piece. */
function qtyFor(p: Product, c: Customer, r: Rng): number {
  const scale = c.type === 'grid' ? 2 : c.type === 'overseas' ? 1.5 : 1;
  const yuan = p.listFen / 100;
  if (yuan < 2000) return 50 * Math.max(1, Math.round((1 + r.int(40)) * scale));
  if (yuan < 20000) return Math.max(1, Math.round((1 + r.int(60)) * scale));
  return 1 + r.int(Math.round(12 * scale));
}

/** Percent off the list price by grade; a few lines priced below the floor. */
function discountFor(c: Customer, r: Rng, deep: boolean): number {
  if (deep && r.next() < 0.5) return 18 + r.int(8);
  return c.grade === 'A' ? 5 + r.int(6) : c.grade === 'B' ? 3 + r.int(5) : r.int(5);
}

function makeLines(
  c: Customer,
  count: number,
  r: Rng,
  byCategory: Map<string, Product[]>,
  products: Product[],
): { lines: Line[]; mainCategory: string } {
  const categories = [...byCategory.keys()];
  const chosen = r.shuffle([...categories]).slice(0, 1 + r.int(3));
  const pool = r.shuffle(chosen.flatMap((k) => byCategory.get(k)!));
  const rest = r.shuffle(products.filter((p) => !chosen.includes(p.category)));
  const order = [...pool, ...rest];
  const deep = r.next() < 0.08;
  const service = count >= 3 && r.next() < 0.08;
  const custom = count >= 3 && r.next() < 0.03;
  const catalogue = count - (service ? 1 : 0) - (custom ? 1 : 0);
  const lines: Line[] = [];
  for (let i = 0; i < catalogue; i++) {
    const p = order[i % order.length]!;
    lines.push(
      priced({
        id: r.uuid(),
        productId: p.id,
        code: p.code,
        name: p.name,
        spec: p.model,
        unit: p.unit,
        category: p.category,
        qty: qtyFor(p, c, r),
        priceFen: Math.round((p.listFen * (100 - discountFor(c, r, deep))) / 100),
        rateBp: p.rateBp,
        floorFen: p.floorFen,
        costFen: p.costFen,
        leadTimeDays: p.leadTimeDays,
        warrantyMonths: p.warrantyMonths,
        nonStandard: false,
        notes: null,
      }),
    );
  }
  if (custom) {
    const base = lines[0]!;
    lines.push(
      priced({
        id: r.uuid(),
        productId: null,
        code: null,
        name: `${base.name}（定制外壳）`,
        spec: `${base.spec ?? ''}-DZ`,
        unit: base.unit,
        category: null,
        qty: Math.max(1, Math.round(base.qty / 10)),
        priceFen: Math.round(base.priceFen * 1.35),
        rateBp: 1300,
        floorFen: null,
        costFen: null,
        leadTimeDays: null,
        warrantyMonths: null,
        nonStandard: true,
        notes: '按客户图纸定制，需技术评审',
      }),
    );
  }
  if (service) {
    lines.push(
      priced({
        id: r.uuid(),
        productId: null,
        code: null,
        name: '现场安装调试服务',
        spec: null,
        unit: '项',
        category: null,
        qty: 1,
        priceFen: (5000 + r.int(20) * 1000) * 100,
        rateBp: 600,
        floorFen: null,
        costFen: null,
        leadTimeDays: null,
        warrantyMonths: null,
        nonStandard: false,
        notes: null,
      }),
    );
  }
  return { lines, mainCategory: chosen[0] ?? lines[0]?.category ?? '' };
}

/** The amendment: the original's lines, one or two quantities up, sometimes one more product. */
function amendLines(original: Line[], addOne: boolean, r: Rng, products: Product[], c: Customer): Line[] {
  const lines = original.map((l) => ({ ...l, id: r.uuid() }));
  const changes = Math.min(lines.length, 1 + r.int(2));
  for (let k = 0; k < changes; k++) {
    const i = r.int(lines.length);
    const l = lines[i]!;
    const step = l.qty >= 50 ? 50 : 1;
    const qty = Math.max(l.qty + step, Math.round((l.qty * (1.1 + 0.4 * r.next())) / step) * step);
    lines[i] = priced({ ...l, qty });
  }
  if (addOne) {
    const p = r.pick(products);
    lines.push(
      priced({
        id: r.uuid(),
        productId: p.id,
        code: p.code,
        name: p.name,
        spec: p.model,
        unit: p.unit,
        category: p.category,
        qty: qtyFor(p, c, r),
        priceFen: Math.round((p.listFen * (100 - discountFor(c, r, false))) / 100),
        rateBp: p.rateBp,
        floorFen: p.floorFen,
        costFen: p.costFen,
        leadTimeDays: p.leadTimeDays,
        warrantyMonths: p.warrantyMonths,
        nonStandard: false,
        notes: null,
      }),
    );
  }
  return lines;
}

type Totals = { incl: number; excl: number; tax: number; cost: number | null };
function totalsOf(lines: readonly Line[]): Totals {
  let incl = 0;
  let excl = 0;
  let tax = 0;
  let cost: number | null = 0;
  for (const l of lines) {
    incl += l.incl;
    excl += l.excl;
    tax += l.tax;
    cost = cost === null || l.cost === null ? null : cost + l.cost;
  }
  return { incl, excl, tax, cost };
}

/** Lines as the repository returns them (numeric columns as PostgreSQL formats them). */
function lineRows(lines: readonly Line[], versionId: string, contractId: string): ContractLineRow[] {
  return lines.map((l, i) => ({
    id: l.id,
    versionId,
    contractId,
    position: i + 1,
    productId: l.productId,
    materialCode: l.code,
    name: l.name,
    spec: l.spec,
    unit: l.unit,
    category: l.category,
    qty: `${l.qty}.0000`,
    unitPrice: money6(l.priceFen),
    taxRate: rateText(l.rateBp),
    amountInclTax: money2(l.incl),
    amountExclTax: money2(l.excl),
    taxAmount: money2(l.tax),
    floorPrice: l.floorFen === null ? null : money6(l.floorFen),
    standardCost: l.costFen === null ? null : money6(l.costFen),
    leadTimeDays: l.leadTimeDays,
    standardWarrantyMonths: l.warrantyMonths,
    wantedDeliveryDate: null,
    isNonStandard: l.nonStandard,
    isTechnicallyReviewed: false,
    requirementLineId: null,
    notes: l.notes,
  }));
}

/** The server's own arithmetic on a line, against the integers above. */
function checkLine(l: ContractLineRow): void {
  const a = computeLineAmounts({ qty: l.qty, unitPrice: l.unitPrice, taxRate: l.taxRate, standardCost: l.standardCost });
  const got = [l.amountInclTax, l.amountExclTax, l.taxAmount].join(' / ');
  const want = [a.amountInclTax, a.amountExclTax, a.taxAmount].map((d) => d.toFixed(2)).join(' / ');
  if (got !== want)
    throw new Error(`contract line amounts differ from the server's: ${got} vs ${want} (${l.qty} × ${l.unitPrice}, ${l.taxRate})`);
}

/* ------------------------------------------------------------------ columns */

const CONTRACT_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['number', 'text'],
  ['title', 'text'],
  ['type', 'text'],
  ['status', 'text'],
  ['customer_id', 'uuid'],
  ['customer_name', 'text'],
  ['owner_id', 'uuid'],
  ['department_id', 'uuid'],
  ['currency', 'text'],
  ['signed_date', 'date'],
  ['effective_version_id', 'uuid'],
  ['working_version_id', 'uuid'],
  ['amount_incl_tax', 'numeric'],
  ['review_level', 'text'],
  ['approval_instance_id', 'uuid'],
  ['special_approval_reason', 'text'],
  ['submitted_at', 'timestamptz'],
  ['approved_at', 'timestamptz'],
  ['executing_at', 'timestamptz'],
  ['completed_at', 'timestamptz'],
  ['terminated_at', 'timestamptz'],
  ['termination_reason', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['created_by', 'uuid'],
  ['updated_by', 'uuid'],
  ['version', 'int'],
];
const VERSION_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['contract_id', 'uuid'],
  ['version_no', 'int'],
  ['kind', 'text'],
  ['status', 'text'],
  ['reason', 'text'],
  ['payment_terms', 'jsonb'],
  ['delivery_terms', 'jsonb'],
  ['warranty_months', 'int'],
  ['late_penalty', 'jsonb'],
  ['amount_incl_tax', 'numeric'],
  ['amount_excl_tax', 'numeric'],
  ['tax_amount', 'numeric'],
  ['cost_amount', 'numeric'],
  ['review', 'jsonb'],
  ['effective_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['created_by', 'uuid'],
  ['updated_at', 'timestamptz'],
  ['updated_by', 'uuid'],
];
const LINE_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['version_id', 'uuid'],
  ['contract_id', 'uuid'],
  ['position', 'smallint'],
  ['product_id', 'uuid'],
  ['material_code', 'text'],
  ['name', 'text'],
  ['spec', 'text'],
  ['unit', 'text'],
  ['category', 'text'],
  ['qty', 'numeric'],
  ['unit_price', 'numeric'],
  ['tax_rate', 'numeric'],
  ['amount_incl_tax', 'numeric'],
  ['amount_excl_tax', 'numeric'],
  ['tax_amount', 'numeric'],
  ['floor_price', 'numeric'],
  ['standard_cost', 'numeric'],
  ['lead_time_days', 'int'],
  ['standard_warranty_months', 'int'],
  ['wanted_delivery_date', 'date'],
  ['is_non_standard', 'bool'],
  ['is_technically_reviewed', 'bool'],
  ['notes', 'text'],
];

/* ------------------------------------------------------------------ generation */

/** A contract's generator, id and versions' lines: made twice, identically (totals first, then the rows). */
function makeContract(p: Planned, byCategory: Map<string, Product[]>, products: Product[]) {
  const r = createRng(p.seed);
  const id = r.uuid();
  const { lines: original, mainCategory } = makeLines(p.c, p.lineCounts[0]!, r, byCategory, products);
  const versions = [original];
  if (p.amendment) versions.push(amendLines(original, p.lineCounts[1]! > p.lineCounts[0]!, r, products, p.c));
  return { r, id, mainCategory, versions };
}

type Exposure = { id: string; amount: number; from: number; to: number };

export async function generateContracts(
  pool: pg.Pool,
  org: Org,
  opts: { total: number; linesPerContract: number; anchor: { date: string; at: number }; log: (msg: string) => void },
): Promise<ContractGenResult> {
  const t0 = performance.now();
  const existing = await contractCount(pool);
  const want = Math.max(0, opts.total - existing);
  if (want === 0) {
    const ms = { plan: 0, insert: 0, cluster: 0, vacuumAnalyze: 0, total: 0 };
    return { skipped: true, contracts: 0, versions: 0, lines: 0, instances: 0, tasks: 0, actions: 0, byStatus: {}, ms };
  }
  const existingLines = Number((await pool.query<{ n: string }>(`select count(*) as n from contract_line`)).rows[0]?.n ?? 0);
  const wantLines = Math.max(want, Math.round(opts.total * opts.linesPerContract) - existingLines);
  const anchor = opts.anchor.at;
  const db = drizzleOf(pool);
  const settings: TContractSettings = await createContractSettingsService({ db, clock: systemClock(TIMEZONE) }).current();
  const approvals = await createApprovalSimulator(pool, org, anchor);
  const products = await loadProducts(pool, db);
  if (products.length === 0) throw new Error('no active products: contract lines need the catalogue (the demo seeds it)');
  const byCategory = new Map<string, Product[]>();
  for (const p of products) {
    const list = byCategory.get(p.category);
    if (list) list.push(p);
    else byCategory.set(p.category, [p]);
  }

  // 1. Plan: contracts per customer, their status and history, line counts.
  let shared = 0;
  const customers = (
    await pool.query<{
      id: string;
      normalized_name: string;
      name: string;
      short_name: string | null;
      type: string;
      grade: 'A' | 'B' | 'C' | 'D';
      status: string;
      city: string | null;
      province: string | null;
      owner_id: string;
      department_id: string;
      created_at: Date;
      credit_limit: string | null;
      credit_days: number | null;
    }>(
      `select id, normalized_name, name, short_name, type, grade, status, city, province, owner_id, department_id, created_at,
              credit_limit, credit_days
         from customer
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
      city: r.city,
      province: r.province,
      ownerId: r.owner_id,
      // The contract's department is its owner's (the creating actor's), as the server sets it.
      departmentId: org.byId.get(r.owner_id)?.departmentId ?? r.department_id,
      createdAt: r.created_at.getTime(),
      creditLimit: r.credit_limit,
      creditDays: r.credit_days,
    };
  });
  if (customers.length === 0) throw new Error('no customers with an owner to give contracts to');
  const rngs = customers.map((c) => createRng(`${SEED}:${existing}:${c.key}`));
  const weights = customers.map(
    (c, i) =>
      Math.exp(0.9 * normal(rngs[i]!)) * (GRADE_WEIGHT[c.grade] ?? 1) * (STATUS_WEIGHT[c.status] ?? 1) * (c.type === 'grid' ? 1.6 : 1),
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
  const planned: Planned[] = [];
  for (const [i, c] of customers.entries()) {
    const ok = await approvals.canSubmit(c.ownerId);
    for (let k = 0; k < counts[i]!; k++) planned.push(planContract(c, `${SEED}:${existing}:${c.key}:${k}`, rngs[i]!, anchor, ok));
  }
  // Lines per version: log-normal around the mean (an amendment has its original's, or one more),
  // then made to add up exactly to the wanted total, one line at a time over shuffled contracts.
  {
    const versions = planned.reduce((s, p) => s + (p.amendment ? 2 : 1), 0);
    const mean = wantLines / versions;
    const lr = createRng(`${SEED}:${existing}:lines`);
    let total = 0;
    for (const p of planned) {
      const n = Math.min(300, Math.max(1, Math.round(mean * Math.exp(0.6 * normal(lr) - 0.18))));
      p.lineCounts = p.amendment ? [n, n + (lr.next() < 0.4 ? 1 : 0)] : [n];
      total += p.lineCounts.reduce((s, x) => s + x, 0);
    }
    const adjustable = lr.shuffle(planned.filter((p) => !p.amendment));
    for (let k = 0; total !== wantLines && adjustable.length > 0; k++) {
      const p = adjustable[k % adjustable.length]!;
      if (total < wantLines && p.lineCounts[0]! < 1000) {
        p.lineCounts[0]! += 1;
        total++;
      } else if (total > wantLines && p.lineCounts[0]! > 1) {
        p.lineCounts[0]! -= 1;
        total--;
      }
      if (k > 1000 * adjustable.length) throw new Error(`cannot spread ${wantLines} lines over ${planned.length} contracts`);
    }
  }

  // 2. The amounts of every contract (its lines are made again, identically, with its rows): what
  // each signed contract added to its customer's exposure, and while.
  const exposures = new Map<string, Exposure[]>();
  for (const p of planned) {
    if (p.t.signed === null) continue;
    const made = makeContract(p, byCategory, products);
    const shown = made.versions.at(p.amendment?.state === 'effective' ? -1 : 0)!;
    const e = {
      id: made.id,
      amount: totalsOf(shown).incl,
      from: p.t.signed,
      to: p.t.completed ?? p.t.terminated ?? Number.POSITIVE_INFINITY,
    };
    const list = exposures.get(p.c.id);
    if (list) list.push(e);
    else exposures.set(p.c.id, [e]);
  }

  // 3. Numbers: by the first submission, per numbering period, blocks reserved in one statement each.
  const pattern = settings.numberPattern;
  const SEQ = '\u0000';
  const width = Number(/\{seq:(\d{1,2})\}/.exec(pattern)?.[1] ?? 1);
  const shapes = new Map<string, string>();
  const numberOf = (at: number, seq: number) => {
    const day = beijingDate(at);
    let shape = shapes.get(day);
    if (shape === undefined) {
      shape = formatNumber(pattern.replace(/\{seq:\d{1,2}\}/, SEQ), new Date(at), TIMEZONE, 0);
      shapes.set(day, shape);
    }
    return shape.replace(SEQ, pad(seq, width));
  };
  const firstSubmit = (p: Planned) => p.t.rejection?.submitted ?? p.t.submitted;
  {
    const periods = new Map<string, string>();
    const byPeriod = new Map<string, Planned[]>();
    const submitted = planned.filter((x) => firstSubmit(x) !== null);
    for (const p of submitted.sort((a, b) => firstSubmit(a)! - firstSubmit(b)! || (a.seed < b.seed ? -1 : 1))) {
      const at = firstSubmit(p)!;
      const day = beijingDate(at);
      const period = periods.get(day) ?? periodOf(pattern, new Date(at), TIMEZONE);
      periods.set(day, period);
      const list = byPeriod.get(period);
      if (list) list.push(p);
      else byPeriod.set(period, [p]);
    }
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (const [period, list] of byPeriod) {
        const { rows } = await client.query<{ value: string }>(
          `insert into number_sequence (key, period, value) values ('contract', $1, $2)
           on conflict (key, period) do update set value = number_sequence.value + excluded.value returning value`,
          [period, list.length],
        );
        const first = Number(rows[0]!.value) - list.length + 1;
        list.forEach((p, k) => (p.number = numberOf(firstSubmit(p)!, first + k)));
      }
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  const planMs = performance.now() - t0;
  opts.log(
    `  contracts planned: ${planned.length.toLocaleString('en-US')} over ${customers.filter((_, i) => counts[i]! > 0).length.toLocaleString('en-US')} customers, ` +
      `${wantLines.toLocaleString('en-US')} lines (${(planMs / 1000).toFixed(1)} s)`,
  );

  // The server's review of a version, on the facts of the moment it ran (the clock is set per call).
  let now = anchor;
  const clock: Clock = { timezone: TIMEZONE, now: () => new Date(now), today: () => beijingDate(now) };
  const profiles = new Map(
    customers.map((c) => [c.id, { name: c.name, grade: c.grade, creditLimit: c.creditLimit, creditDays: c.creditDays }]),
  );
  const reviewer = createContractService({
    db: undefined as unknown as Db,
    clock,
    customers: { findInScope: async () => undefined, creditProfile: async (_db: Db, id: string) => profiles.get(id) },
    requirements: () => null,
    exposure: () => ({
      openExposure: async (_tx: Db, customerId: string, except: string | null) => {
        let fen = 0;
        for (const e of exposures.get(customerId) ?? []) if (e.id !== except && e.from <= now && now < e.to) fen += e.amount;
        return money2(fen);
      },
    }),
    settings: { current: async () => settings },
  } as unknown as ContractServiceDeps);
  async function reviewAt(at: number, c: ContractRow, v: ContractVersionRow, lines: ContractLineRow[]): Promise<StoredReview> {
    now = at;
    return reviewer.reviewVersion(undefined as unknown as Db, c, v, lines);
  }

  // 4. The rows, in the order the contracts were created (as a table fills), chunk by chunk.
  const byStatus: Record<string, number> = {};
  let versionCount = 0;
  let lineCount = 0;
  let instanceCount = 0;
  let taskCount = 0;
  let actionCount = 0;
  let checked = 0;

  /** One contract: its versions with their lines and reviews, its approvals, its row. */
  async function build(p: Planned, rows: { contracts: unknown[][]; versions: unknown[][]; lines: unknown[][]; approvals: ApprovalRows }) {
    const { c, t } = p;
    const { r, id, mainCategory, versions: lineSets } = makeContract(p, byCategory, products);
    const type: ContractType =
      c.type === 'overseas'
        ? 'overseas'
        : lineSets[0]!.some((l) => l.nonStandard)
          ? 'non_standard'
          : c.type === 'grid' && r.next() < 0.25
            ? 'framework'
            : 'standard';
    const short = c.shortName ?? c.name.slice(0, 8);
    const title = `${short}${beijingDate(t.created).slice(0, 4)}年${mainCategory}${type === 'framework' ? '框架协议' : '采购合同'}`;
    const versions = lineSets.map((lines) => {
      const vid = r.uuid();
      return { id: vid, lines, totals: totalsOf(lines), rows: lineRows(lines, vid, id) };
    });
    byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    const terms = r.next() < 0.1 && c.grade !== 'D' ? LONG_TERMS : PAYMENT_TERMS[c.grade]!;
    const warranty = Math.max(12, ...versions[0]!.lines.map((l) => l.warrantyMonths ?? 0));
    const latePenalty = { ratePercentPerDay: '0.05', capPercent: '5' };
    const contractRow = { id, customerId: c.id, signedDate: null } as unknown as ContractRow;
    let instanceId: string | null = null;
    // Record version: created (1) and its working version set (2); every change after counts it up.
    let contractVersion = 2;
    const approve = (v: { id: string; totals: Totals }, review: StoredReview, amendment: boolean, at: number, outcome: ApprovalOutcome) => {
      instanceCount++;
      return approvals.run(rows.approvals, {
        rng: r,
        contractId: id,
        title: `${p.number ?? ''} · ${c.name}`,
        ownerId: c.ownerId,
        departmentId: c.departmentId,
        versionId: v.id,
        facts: contractFacts({ review, amountInclTax: money2(v.totals.incl), amendment, type, customerName: c.name, ownerId: c.ownerId }),
        submittedAt: at,
        outcome,
      });
    };
    const versionRow = (
      v: { id: string; totals: Totals },
      no: number,
      kind: 'original' | 'amendment',
      status: ContractVersionRow['status'],
      reason: string | null,
      review: StoredReview,
      effectiveAt: number | null,
      createdAt: number,
      updatedAt: number,
    ) => {
      pushRow(rows.versions, [
        v.id,
        id,
        no,
        kind,
        status,
        reason,
        JSON.stringify(terms),
        JSON.stringify(v1Row.deliveryTerms),
        warranty,
        JSON.stringify(latePenalty),
        money2(v.totals.incl),
        money2(v.totals.excl),
        money2(v.totals.tax),
        v.totals.cost === null ? null : money2(v.totals.cost),
        JSON.stringify(review),
        at(effectiveAt),
        new Date(createdAt),
        c.ownerId,
        new Date(updatedAt),
        c.ownerId,
      ]);
      versionCount++;
    };

    // The original: reviewed when submitted (a draft: when last edited), approved, rejected or in review.
    const v1 = versions[0]!;
    const v1Status: ContractVersionRow['status'] =
      p.status === 'draft'
        ? 'draft'
        : p.status === 'in_review'
          ? 'in_review'
          : p.amendment?.state === 'effective'
            ? 'superseded'
            : 'effective';
    const v1ReviewAt = p.status === 'draft' ? (t.edited ?? t.rejection?.rejected ?? t.created) : t.submitted!;
    const v1Row = {
      amountInclTax: money2(v1.totals.incl),
      amountExclTax: money2(v1.totals.excl),
      taxAmount: money2(v1.totals.tax),
      costAmount: v1.totals.cost === null ? null : money2(v1.totals.cost),
      paymentTerms: terms,
      deliveryTerms: { place: `${c.city ?? c.province ?? ''}项目现场`, deliveryDate: beijingDate(v1ReviewAt + (30 + r.int(60)) * DAY) },
      warrantyMonths: warranty,
      latePenalty,
    } as unknown as ContractVersionRow;
    const review1 = await reviewAt(v1ReviewAt, contractRow, v1Row, v1.rows);
    let special: string | null = null;
    if (t.rejection) {
      const rejectedReview = await reviewAt(t.rejection.submitted, contractRow, v1Row, v1.rows);
      const comment = r.pick(REJECT_COMMENTS);
      await approve(v1, rejectedReview, false, t.rejection.submitted, { kind: 'rejected', at: t.rejection.rejected, comment });
      contractVersion += 3;
    }
    if (t.submitted !== null) {
      if (review1.level === 'block') special = SPECIAL_REASON;
      contractVersion += 2;
      const outcome: ApprovalOutcome = p.status === 'in_review' ? { kind: 'running' } : { kind: 'approved', at: t.approved! };
      instanceId = await approve(v1, review1, false, t.submitted, outcome);
      if (outcome.kind === 'approved') contractVersion += 1;
    }
    if (p.status === 'draft' && t.edited !== null) contractVersion += 1 + r.int(2);
    for (const x of [t.signed, t.executing, t.completed, t.terminated]) if (x !== null) contractVersion += 1;
    let effectiveId: string | null = v1Status === 'draft' || v1Status === 'in_review' ? null : v1.id;
    let workingId: string | null = effectiveId === null ? v1.id : null;
    let shownReview = review1;
    let amountFen = v1.totals.incl;
    let lastChange = Math.max(
      t.created,
      t.edited ?? 0,
      t.rejection?.rejected ?? 0,
      t.submitted ?? 0,
      t.approved ?? 0,
      t.signed ?? 0,
      t.executing ?? 0,
      t.completed ?? 0,
      t.terminated ?? 0,
    );
    versionRow(v1, 1, 'original', v1Status, null, review1, t.approved, t.created, Math.max(v1ReviewAt, t.approved ?? 0));

    // The amendment: copied from the effective version, changed, reviewed, submitted, approved (or open).
    const am = p.amendment;
    if (am) {
      const v2 = versions[1]!;
      const v2Row = {
        ...v1Row,
        amountInclTax: money2(v2.totals.incl),
        amountExclTax: money2(v2.totals.excl),
        taxAmount: money2(v2.totals.tax),
        costAmount: v2.totals.cost === null ? null : money2(v2.totals.cost),
      } as ContractVersionRow;
      const signedRow = { ...contractRow, signedDate: beijingDate(t.signed!) } as ContractRow;
      const review2 = await reviewAt(am.submitted ?? am.opened, signedRow, v2Row, v2.rows);
      const reason = r.pick(AMENDMENT_REASONS);
      contractVersion += 1;
      if (am.submitted !== null) {
        contractVersion += 2;
        const outcome: ApprovalOutcome = am.state === 'in_review' ? { kind: 'running' } : { kind: 'approved', at: am.effective! };
        instanceId = await approve(v2, review2, true, am.submitted, outcome);
        if (outcome.kind === 'approved') contractVersion += 1;
      }
      versionRow(v2, 2, 'amendment', am.state, reason, review2, am.effective, am.opened, am.effective ?? am.submitted ?? am.opened);
      if (am.state === 'effective') {
        effectiveId = v2.id;
        shownReview = review2;
        amountFen = v2.totals.incl;
      } else workingId = v2.id;
      lastChange = Math.max(lastChange, am.effective ?? am.submitted ?? am.opened);
    }
    for (const v of versions) {
      for (const row of v.rows) {
        pushRow(rows.lines, [
          row.id,
          row.versionId,
          id,
          row.position,
          row.productId,
          row.materialCode,
          row.name,
          row.spec,
          row.unit,
          row.category,
          row.qty,
          row.unitPrice,
          row.taxRate,
          row.amountInclTax,
          row.amountExclTax,
          row.taxAmount,
          row.floorPrice,
          row.standardCost,
          row.leadTimeDays,
          row.standardWarrantyMonths,
          null,
          row.isNonStandard,
          false,
          row.notes,
        ]);
        if (lineCount++ % 97 === 0) {
          checkLine(row);
          checked++;
        }
      }
    }
    pushRow(rows.contracts, [
      id,
      p.number,
      title,
      type,
      p.status,
      c.id,
      c.name,
      c.ownerId,
      c.departmentId,
      'CNY',
      t.signed === null ? null : beijingDate(t.signed),
      effectiveId,
      workingId,
      money2(amountFen),
      shownReview.level,
      // A rejection ends the approval: the draft has none.
      p.status === 'draft' ? null : instanceId,
      special,
      at(t.submitted ?? t.rejection?.submitted ?? null),
      at(t.approved),
      at(t.executing),
      at(t.completed),
      at(t.terminated),
      t.terminated === null ? null : r.pick(TERMINATION_REASONS),
      new Date(t.created),
      new Date(lastChange),
      c.ownerId,
      c.ownerId,
      contractVersion,
    ]);
  }

  const order = [...planned].sort((a, b) => a.t.created - b.t.created || (a.seed < b.seed ? -1 : 1));
  const main = await pool.connect();
  const side = await pool.connect();
  const tInsert = performance.now();
  let failure: unknown;
  const noted = (p: Promise<unknown>) => p.catch((err: unknown) => void (failure ??= err));
  try {
    for (const cl of [main, side]) await cl.query(`set synchronous_commit = off`);
    let contractsIn: Promise<unknown> = Promise.resolve();
    let approvalsIn: Promise<unknown> = Promise.resolve();
    for (let from = 0; from < order.length; from += CHUNK) {
      if (failure) throw failure;
      const chunk = order.slice(from, from + CHUNK);
      const rows = {
        contracts: emptyColumns(CONTRACT_COLUMNS),
        versions: emptyColumns(VERSION_COLUMNS),
        lines: emptyColumns(LINE_COLUMNS),
        approvals: approvals.newRows(),
      };
      for (const p of chunk) await build(p, rows);
      taskCount += rows.approvals.tasks[0]!.length;
      actionCount += rows.approvals.actions[0]!.length;
      // Contracts, versions and lines on one connection, approvals on the other, each chunk in one transaction.
      const inTransaction = (client: pg.PoolClient, work: () => Promise<void>) =>
        (async () => {
          await client.query('begin');
          await work();
          await client.query('commit');
        })().catch(async (err: unknown) => {
          await client.query('rollback').catch(() => undefined);
          throw err;
        });
      const previousContracts = contractsIn;
      const previousApprovals = approvalsIn;
      contractsIn = noted(
        previousContracts.then(() =>
          inTransaction(main, async () => {
            for (const q of [
              packedInsert('contract', CONTRACT_COLUMNS, rows.contracts),
              packedInsert('contract_version', VERSION_COLUMNS, rows.versions),
              packedInsert('contract_line', LINE_COLUMNS, rows.lines),
            ]) {
              await main.query(q.text, q.values);
            }
          }),
        ),
      );
      approvalsIn = noted(previousApprovals.then(() => inTransaction(side, () => insertApprovals(side, rows.approvals))));
      // At most one chunk ahead of what PostgreSQL writes.
      await Promise.all([previousContracts, previousApprovals]);
      const done = from + chunk.length;
      if (Math.floor(done / 25_000) !== Math.floor(from / 25_000) || done === order.length) {
        opts.log(
          `  contracts ${done.toLocaleString('en-US')} / ${want.toLocaleString('en-US')}, lines ${lineCount.toLocaleString('en-US')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      }
    }
    await Promise.all([contractsIn, approvalsIn]);
    if (failure) throw failure;
    const insertMs = performance.now() - tInsert;
    // A long-lived contract table holds each row where it was last written (every change writes
    // the updated_at index, so no update stays in place): the rows in the order of their last change.
    const tc = performance.now();
    await main.query(`cluster contract using contract_updated_idx`);
    const clusterMs = performance.now() - tc;
    const tv = performance.now();
    await Promise.all([
      main.query(`vacuum (analyze) contract, contract_version`),
      side.query(`vacuum (analyze) contract_line, approval_instance, approval_task, approval_action`),
    ]);
    const end = performance.now();
    opts.log(
      `  ${checked.toLocaleString('en-US')} lines checked against the server's computeLineAmounts; CLUSTER ${(clusterMs / 1000).toFixed(1)} s, VACUUM (ANALYZE) ${((end - tv) / 1000).toFixed(1)} s`,
    );
    return {
      skipped: false,
      contracts: planned.length,
      versions: versionCount,
      lines: lineCount,
      instances: instanceCount,
      tasks: taskCount,
      actions: actionCount,
      byStatus,
      ms: { plan: planMs, insert: insertMs, cluster: clusterMs, vacuumAnalyze: end - tv, total: end - t0 },
    };
  } finally {
    for (const cl of [main, side]) {
      await cl.query('discard all').catch(() => undefined);
      cl.release();
    }
  }
}
