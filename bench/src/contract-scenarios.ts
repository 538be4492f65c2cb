import type { TContract, TContractCreate, TContractLineInput, TContractReview, TPaymentTerm } from '@crm/contracts';
import type pg from 'pg';
import type { CpuMeter, CpuUsage } from './cpu.ts';
import type { Audience, Scenario } from './scenarios.ts';
import { mapLimit, type Session } from './sessions.ts';
import { summarize, type RunStats } from './stats.ts';

/**
 * The contracts scenarios (the contracts issue), on PostgreSQL with 200,000 contracts and
 * 2,000,000 lines: the contract list and the approval inbox p95 ≤ 100 ms at 50 users (who think
 * between requests, as the customer and sales lists), the review of a 200-line contract p95 ≤
 * 200 ms on an otherwise idle server, and 50 concurrent submissions with no conflict and no
 * duplicate number.
 */
export const CONTRACT_TARGETS = {
  contracts: 200_000,
  lines: 2_000_000,
  listP95Ms: 100,
  inboxP95Ms: 100,
  reviewLines: 200,
  reviewP95Ms: 200,
  submissions: 50,
} as const;

export const CONTRACT_REVIEW_SCENARIO = 'contracts.review.200lines';
export const contractSubmitScenario = (n: number) => `contracts.submit.concurrent${n}`;

/** What the list searches type: customer names (trade names, cities), contract numbers, product categories. */
export type ContractSamples = { fragments: string[]; numbers: string[]; categories: string[] };

export async function loadContractSamples(pool: pg.Pool, customerFragments: readonly string[]): Promise<ContractSamples> {
  const numbers = (
    await pool.query<{ number: string }>(`select number from contract where number is not null order by md5(id::text) limit 300`)
  ).rows.map((r) => r.number);
  const categories = (
    await pool.query<{ name: string }>(`select name from product_category where is_active order by sort_order, name`)
  ).rows.map((r) => r.name);
  return { fragments: customerFragments.slice(0, 300), numbers, categories };
}

const ROLES: { key: string; audience: Audience; label: string }[] = [
  { key: 'rep', audience: 'customerReps', label: 'sales reps' },
  { key: 'manager', audience: 'customerManagers', label: 'sales managers' },
  { key: 'director', audience: 'customerDirectors', label: 'sales directors' },
];
/** The status tabs of a contract list, as people filter it. */
const STATUS_FILTERS = ['executing', 'signed', 'in_review', 'approved', 'completed'];

/**
 * The contract list (first page, default sort: last changed), a status filter and a search, per
 * role; the approval inbox ("to do") of sales managers and directors. Closed loop at the first
 * concurrency (the list at every one) and always with 50 users who think.
 */
export function contractScenarios(samples: ContractSamples): Scenario[] {
  // Half customer names, a quarter pasted contract numbers, a quarter product categories.
  const terms = [
    ...samples.fragments.slice(0, 150),
    ...samples.numbers.slice(0, 75),
    ...samples.categories.flatMap((c) => [c, c]).slice(0, 75),
  ];
  const list = (
    name: string,
    what: string,
    query: (v: string) => string,
    pool: readonly string[] | null,
    captureInput: string,
    variant: boolean,
  ) =>
    ROLES.map((role): Scenario => ({
      name: `contracts.${name}.${role.key}`,
      endpoint: `GET /api/v1/contracts?limit=50${query(`{${what}}`)} (${role.label})`,
      audience: role.audience,
      variant,
      kind: 'list',
      p95TargetMs: CONTRACT_TARGETS.listP95Ms,
      paced: true,
      input: (_s, rng) => (pool && pool.length > 0 ? rng.pick(pool) : captureInput),
      captureInput: () => captureInput,
      path: (_s, v) => `/api/v1/contracts?limit=50${query(v)}`,
    }));
  return [
    ...list('list', 'default', () => '', null, '', false),
    ...list('listStatus', 'status', (v) => `&status=${encodeURIComponent(v)}`, STATUS_FILTERS, STATUS_FILTERS[0]!, true),
    // Recorded with a real customer name (not a term nothing matches): the plans, and the people
    // lookups a non-empty page adds, are those of a real search.
    ...(terms.length > 0
      ? list('listSearch', 'customer, number or product', (v) => `&q=${encodeURIComponent(v)}`, terms, terms[0]!, true)
      : []),
    ...ROLES.filter((r) => r.key !== 'rep').map((role): Scenario => ({
      name: `contracts.inbox.${role.key}`,
      endpoint: `GET /api/v1/approvals/tasks?box=todo&limit=50 (${role.label}: their approvals to do)`,
      audience: role.audience,
      variant: false,
      kind: 'list',
      p95TargetMs: CONTRACT_TARGETS.inboxP95Ms,
      paced: true,
      input: () => '',
      captureInput: () => '',
      path: () => '/api/v1/approvals/tasks?box=todo&limit=50',
    })),
  ];
}

/** Pending approval tasks of the sessions' users (the inbox sizes the inbox scenarios read). */
export async function inboxSizes(
  pool: pg.Pool,
  sessions: readonly Session[],
): Promise<{ users: number; min: number; median: number; max: number; total: number }> {
  const ids = [...new Set(sessions.map((s) => s.user.id))];
  const { rows } = await pool.query<{ id: string; n: string }>(
    `select u.id, count(t.id) as n from unnest($1::uuid[]) as u(id)
       left join approval_task t on t.assignee_id = u.id and t.status = 'pending'
      group by u.id`,
    [ids],
  );
  const counts = rows.map((r) => Number(r.n)).sort((a, b) => a - b);
  return {
    users: counts.length,
    min: counts[0] ?? 0,
    median: counts[Math.floor(counts.length / 2)] ?? 0,
    max: counts.at(-1) ?? 0,
    total: counts.reduce((s, n) => s + n, 0),
  };
}

/* ------------------------------------------------------------------ requests */

type Answer<T> = { status: number; ms: number; body: T | null; text: string };

async function call<T>(
  baseUrl: string,
  session: Session,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {
    cookie: `crm_sid=${session.token}`,
    'user-agent': 'crm-bench',
    accept: 'application/json',
    ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }),
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: T | null = null;
  try {
    parsed = JSON.parse(text) as T;
  } catch {
    parsed = null;
  }
  return { status: res.status, ms, body: parsed, text };
}

/** Terms the review passes for the customer's grade (prepayment and credit days within its rules). */
const TERMS: Record<string, TPaymentTerm[]> = {
  A: [
    { trigger: 'signing', percent: '10', days: 0 },
    { trigger: 'shipment', percent: '80', days: 30 },
    { trigger: 'warranty_end', percent: '10', days: 0 },
  ],
  B: [
    { trigger: 'signing', percent: '20', days: 0 },
    { trigger: 'shipment', percent: '70', days: 30 },
    { trigger: 'warranty_end', percent: '10', days: 0 },
  ],
  C: [
    { trigger: 'signing', percent: '30', days: 0 },
    { trigger: 'shipment', percent: '70', days: 15 },
  ],
  D: [
    { trigger: 'signing', percent: '50', days: 0 },
    { trigger: 'shipment', percent: '50', days: 0 },
  ],
};

type OwnCustomer = { id: string; name: string; grade: string };

/** One customer of each rep (the rep's own: the only ones a rep may contract with), or none. */
async function ownCustomers(pool: pg.Pool, sessions: readonly Session[]): Promise<Map<string, OwnCustomer>> {
  const ids = [...new Set(sessions.map((s) => s.user.id))];
  const { rows } = await pool.query<OwnCustomer & { owner_id: string }>(
    `select distinct on (owner_id) owner_id, id, name, grade from customer
      where owner_id = any($1::uuid[]) and merged_into_id is null
      order by owner_id, grade, normalized_name collate "C", id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.owner_id, { id: r.id, name: r.name, grade: r.grade }]));
}

async function catalogue(pool: pg.Pool): Promise<string[]> {
  const ids = (await pool.query<{ id: string }>(`select id from product where status = 'active' order by material_code`)).rows.map(
    (r) => r.id,
  );
  if (ids.length === 0) throw new Error('no active products: the contract scenarios need the catalogue');
  return ids;
}

function draftBody(customer: OwnCustomer, title: string, productIds: readonly string[], lines: number, offset: number): TContractCreate {
  const today = new Date(Date.now() + 8 * 3_600_000);
  const delivery = new Date(today.getTime() + 120 * 86_400_000).toISOString().slice(0, 10);
  return {
    source: { kind: 'blank' },
    customerId: customer.id,
    title,
    type: 'standard',
    // Catalogue lines at their list price and tax rate (the server takes them from the product).
    lines: Array.from({ length: lines }, (_, i): TContractLineInput => ({
      productId: productIds[(offset + i) % productIds.length]!,
      qty: String(10 + ((offset + i * 7) % 90)),
    })),
    paymentTerms: TERMS[customer.grade] ?? TERMS.D!,
    deliveryTerms: { place: '项目现场', deliveryDate: delivery },
    warrantyMonths: 12,
    latePenalty: { ratePercentPerDay: '0.05', capPercent: '5' },
  };
}

/* ------------------------------------------------------------------ review of a 200-line contract */

/** The draft the review scenario reviews, made through the API by a sales rep. */
export type ReviewDraft = {
  session: Session;
  contractId: string;
  version: number;
  lines: number;
  customer: string;
  createMs: number;
  level: string;
};

export async function createReviewDraft(opts: {
  baseUrl: string;
  pool: pg.Pool;
  sessions: readonly Session[];
  lines: number;
}): Promise<ReviewDraft> {
  const customers = await ownCustomers(opts.pool, opts.sessions);
  const session = opts.sessions.find((s) => customers.has(s.user.id));
  if (!session) throw new Error('no sales rep of the bench owns a customer: the review scenario needs one');
  const customer = customers.get(session.user.id)!;
  const products = await catalogue(opts.pool);
  const res = await call<TContract>(
    opts.baseUrl,
    session,
    'POST',
    '/api/v1/contracts',
    draftBody(customer, `${customer.name}${opts.lines}行产品清单合同（性能测试）`, products, opts.lines, 0),
  );
  if (res.status !== 201 || !res.body)
    throw new Error(`creating the ${opts.lines}-line contract: HTTP ${res.status} ${res.text.slice(0, 300)}`);
  return {
    session,
    contractId: res.body.id,
    version: res.body.version,
    lines: res.body.lines.length,
    customer: customer.name,
    createMs: Math.round(res.ms * 10) / 10,
    level: res.body.review?.level ?? 'none',
  };
}

/** The review scenario as a Scenario, so that the recorder can capture its statements. */
export function reviewScenario(draft: ReviewDraft): Scenario {
  return {
    name: CONTRACT_REVIEW_SCENARIO,
    endpoint: `POST /api/v1/contracts/{id}/review (a draft with ${draft.lines} catalogue lines)`,
    audience: 'customerReps',
    variant: false,
    kind: 'check',
    p95TargetMs: CONTRACT_TARGETS.reviewP95Ms,
    body: () => ({}),
    input: () => '',
    captureInput: () => '',
    path: () => `/api/v1/contracts/${draft.contractId}/review`,
  };
}

export type ContractReviewResult = {
  rep: string;
  customer: string;
  contractId: string;
  lines: number;
  createMs: number;
  level: string;
  warmup: number;
  reviews: RunStats;
  cpu: CpuUsage | null;
  /** One PATCH of all the lines (each quantity changed), informational. */
  patch: { status: number; ms: number; lines: number };
  /** The statements one review runs (recorded from the server), with their labels. */
  statements: string[];
  targetMs: number;
  met: boolean;
};

/** N reviews one after the other on an idle server, then one PATCH of every line. */
export async function runReview(opts: {
  baseUrl: string;
  pool: pg.Pool;
  draft: ReviewDraft;
  count: number;
  warmup: number;
  cpuMeter: CpuMeter;
  statements: string[];
}): Promise<ContractReviewResult> {
  const { draft } = opts;
  const path = `/api/v1/contracts/${draft.contractId}/review`;
  for (let i = 0; i < opts.warmup; i++) {
    const res = await call<TContractReview>(opts.baseUrl, draft.session, 'POST', path);
    if (res.status !== 200) throw new Error(`contract review (warm-up): HTTP ${res.status} ${res.text.slice(0, 300)}`);
  }
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const mark = await opts.cpuMeter.start();
  const t0 = performance.now();
  for (let i = 0; i < opts.count; i++) {
    try {
      const res = await call<TContractReview>(opts.baseUrl, draft.session, 'POST', path);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 200) latencies.push(res.ms);
    } catch {
      errors++;
    }
  }
  const reviews = summarize({ latencies, durationS: (performance.now() - t0) / 1000, statuses, errors, timeouts: 0 });
  const cpu = await opts.cpuMeter.stop(mark, reviews.ok);
  // One PATCH of all the lines: the record version, and every quantity one more.
  const current = await call<TContract>(opts.baseUrl, draft.session, 'GET', `/api/v1/contracts/${draft.contractId}`);
  if (current.status !== 200 || !current.body) throw new Error(`reading the contract: HTTP ${current.status}`);
  const lines = current.body.lines.map((l): TContractLineInput => ({
    productId: l.productId,
    qty: String(Number(l.qty) + 1),
    unitPrice: l.unitPrice,
  }));
  const patch = await call<TContract>(opts.baseUrl, draft.session, 'PATCH', `/api/v1/contracts/${draft.contractId}`, {
    version: current.body.version,
    lines,
  });
  return {
    rep: draft.session.user.username,
    customer: draft.customer,
    contractId: draft.contractId,
    lines: draft.lines,
    createMs: draft.createMs,
    level: draft.level,
    warmup: opts.warmup,
    reviews,
    cpu,
    patch: { status: patch.status, ms: Math.round(patch.ms * 10) / 10, lines: lines.length },
    statements: opts.statements,
    targetMs: CONTRACT_TARGETS.reviewP95Ms,
    met: reviews.ok === opts.count && reviews.latencyMs.p95 <= CONTRACT_TARGETS.reviewP95Ms,
  };
}

/* ------------------------------------------------------------------ concurrent submissions */

export type ContractSubmitResult = {
  scenario: string;
  requested: number;
  drafts: number;
  reps: number;
  createMs: number;
  /** From the first request sent to the last answer. */
  burstMs: number;
  latency: RunStats;
  statuses: Record<string, number>;
  /** Answers other than 200 (stale versions, locks, refusals). */
  conflicts: number;
  numbers: string[];
  distinct: number;
  duplicates: number;
  /** Per numbering period: the numbers of this run form one run of consecutive sequence values. */
  consecutive: boolean;
  gaps: number;
  /** The numbers the answers gave are those stored. */
  storedMatch: boolean;
  /** The review levels and approval routes of the submitted versions (what the engine started). */
  routes: Record<string, number>;
  cpu: CpuUsage | null;
  errors: string[];
  met: boolean;
};

/** `count` drafts by as many sales reps (one customer each), then every submission at once. */
export async function runConcurrentSubmit(opts: {
  baseUrl: string;
  pool: pg.Pool;
  sessions: readonly Session[];
  count: number;
  cpuMeter: CpuMeter;
}): Promise<ContractSubmitResult> {
  const customers = await ownCustomers(opts.pool, opts.sessions);
  const reps = opts.sessions.filter((s, i, all) => customers.has(s.user.id) && all.findIndex((x) => x.user.id === s.user.id) === i);
  if (reps.length === 0) throw new Error('no sales rep of the bench owns a customer: the submission scenario needs one');
  const products = await catalogue(opts.pool);
  const stamp = new Date().toISOString().slice(0, 16);
  const errors: string[] = [];
  const tc = performance.now();
  const drafts = (
    await mapLimit(
      Array.from({ length: opts.count }, (_, i) => i),
      4,
      async (i) => {
        const session = reps[i % reps.length]!;
        const customer = customers.get(session.user.id)!;
        const res = await call<TContract>(
          opts.baseUrl,
          session,
          'POST',
          '/api/v1/contracts',
          draftBody(customer, `${customer.name}并发提交测试合同 ${stamp} #${i + 1}`, products, 8, i * 11),
        );
        if (res.status !== 201 || !res.body) {
          errors.push(`draft ${i + 1}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
          return null;
        }
        return { session, id: res.body.id, version: res.body.version, level: res.body.review?.level ?? 'none' };
      },
    )
  ).filter((d): d is NonNullable<typeof d> => d !== null);
  const createMs = Math.round(performance.now() - tc);

  // Every submission at once: the requests are started together, each on its own connection.
  const mark = await opts.cpuMeter.start();
  const start = performance.now();
  const answers = await Promise.all(
    drafts.map(async (d) => {
      try {
        const body = d.level === 'block' ? { version: d.version, specialApprovalReason: '性能测试特批' } : { version: d.version };
        const res = await call<TContract>(opts.baseUrl, d.session, 'POST', `/api/v1/contracts/${d.id}/submit`, body);
        return { d, res, end: performance.now() };
      } catch (err) {
        return { d, res: null, end: performance.now(), err: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  const burstMs = Math.round(Math.max(...answers.map((a) => a.end)) - start);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const numbers: string[] = [];
  for (const a of answers) {
    if (!a.res) {
      errors.push(`submit ${a.d.id}: ${'err' in a ? a.err : 'no answer'}`);
      continue;
    }
    statuses[a.res.status] = (statuses[a.res.status] ?? 0) + 1;
    if (a.res.status === 200 && a.res.body) {
      latencies.push(a.res.ms);
      if (a.res.body.number) numbers.push(a.res.body.number);
    } else errors.push(`submit ${a.d.id}: HTTP ${a.res.status} ${a.res.text.slice(0, 200)}`);
  }
  const latency = summarize({ latencies, durationS: burstMs / 1000, statuses, errors: answers.filter((a) => !a.res).length, timeouts: 0 });
  const cpu = await opts.cpuMeter.stop(mark, latency.ok);

  // Numbers: distinct, and per period (the part before the sequence) consecutive.
  const distinct = new Set(numbers).size;
  const byPrefix = new Map<string, number[]>();
  for (const n of new Set(numbers)) {
    const m = /^(.*?)(\d+)$/.exec(n);
    const key = m ? m[1]! : n;
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), m ? Number(m[2]) : Number.NaN]);
  }
  let gaps = 0;
  for (const seqs of byPrefix.values()) {
    const sorted = seqs.sort((a, b) => a - b);
    gaps += sorted.at(-1)! - sorted[0]! + 1 - sorted.length;
  }
  const stored = await opts.pool.query<{ id: string; number: string | null; level: string | null; route: string[] | null }>(
    `select c.id, c.number, c.review_level as level, (select array(select jsonb_array_elements_text(v.review -> 'route'))) as route
       from contract c join contract_version v on v.id = c.working_version_id
      where c.id = any($1::uuid[])`,
    [drafts.map((d) => d.id)],
  );
  const answered = new Map(answers.filter((a) => a.res?.status === 200 && a.res.body).map((a) => [a.d.id, a.res!.body!.number]));
  const storedMatch = stored.rows.every((r) => !answered.has(r.id) || answered.get(r.id) === r.number);
  const routes: Record<string, number> = {};
  for (const r of stored.rows) {
    const key = `${r.level ?? '?'}: ${(r.route ?? []).join(' → ')}`;
    routes[key] = (routes[key] ?? 0) + 1;
  }
  const conflicts = answers.filter((a) => a.res?.status !== 200).length;
  return {
    scenario: contractSubmitScenario(opts.count),
    requested: opts.count,
    drafts: drafts.length,
    reps: new Set(drafts.map((d) => d.session.user.id)).size,
    createMs,
    burstMs,
    latency,
    statuses,
    conflicts,
    numbers: [...numbers].sort(),
    distinct,
    duplicates: numbers.length - distinct,
    consecutive: gaps === 0 && distinct === numbers.length,
    gaps,
    storedMatch,
    routes,
    cpu,
    errors,
    met:
      drafts.length === opts.count &&
      conflicts === 0 &&
      distinct === opts.count &&
      numbers.length === opts.count &&
      gaps === 0 &&
      storedMatch,
  };
}
