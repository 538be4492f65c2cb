import { setTimeout as delay } from 'node:timers/promises';
import { loadavg } from 'node:os';
import type pg from 'pg';
import { sampleStats, startPacedMix, type PacedSample } from './paced.ts';
import type { Scenario } from './scenarios.ts';
import { departmentSubtree, type Org, type OrgUser, type Session } from './sessions.ts';
import { summarize, type RunStats } from './stats.ts';

/**
 * Batch transfer (`POST /api/v1/customers/batch`, action `assign`: customers that have an owner
 * are transferred) of `size` customers by a sales manager and by a sales director, one batch at a
 * time, while background users with think time run the customer list and searches.
 *
 * Each actor gets a fixed set of customers in its scope, taken owner by owner (the customers of a
 * few reps, as when a team is reorganised), and two active sales reps in its scope as targets;
 * the batches alternate between the two targets, so every batch moves every customer (none is
 * refused as already owned by the target) however many batches run.
 */

export type BatchRole = 'manager' | 'director';

export type BatchPlan = {
  role: BatchRole;
  actor: Session;
  customerIds: string[];
  targets: [OrgUser, OrgUser];
  /** Batches sent so far: the next goes to targets[sent % 2]. */
  sent: number;
};

export type BatchRun = { role: BatchRole; status: number; ms: number; done: number; refused: number; refusal: string | null };

export type BatchLevel = {
  backgroundUsers: number;
  thinkMs: number;
  batches: BatchRun[];
  /** Over the batches answered 200 with nothing refused. */
  batchMs: RunStats;
  /** Background requests during the whole level (after its warm-up). */
  background: RunStats;
  /** Background requests that were in flight while a batch ran. */
  backgroundDuringBatches: RunStats;
  load1: number;
};

const REASON = '区域调整，客户批量移交（基准测试）';

const isRep = (u: OrgUser) => u.isActive && u.roles.includes('sales_rep') && u.scope === 'own';

async function ownedCounts(pool: pg.Pool): Promise<{ departmentId: string | null; ownerId: string; n: number }[]> {
  return (
    await pool.query<{ department_id: string | null; owner_id: string; n: string }>(
      `select department_id, owner_id, count(*) as n from customer
        where merged_into_id is null and owner_id is not null group by department_id, owner_id`,
    )
  ).rows.map((r) => ({ departmentId: r.department_id, ownerId: r.owner_id, n: Number(r.n) }));
}

/**
 * One plan for a sales manager (the first of `managers` whose department subtree holds `size`
 * transferable customers, else the one with the most) and one for a sales director (customers and
 * targets outside that manager's subtree, so that the two sets never meet).
 */
export async function planBatches(
  pool: pg.Pool,
  org: Org,
  opts: { managers: readonly Session[]; directors: readonly Session[]; size: number },
): Promise<{ plans: BatchPlan[]; notes: string[] }> {
  const notes: string[] = [];
  const owned = await ownedCounts(pool);
  const reps = org.users.filter(isRep).sort((a, b) => (a.username < b.username ? -1 : 1));
  const plans: BatchPlan[] = [];

  const pickIds = async (where: { departments: string[] | null; excludeOwners: string[]; excludeDepartments: string[] }, size: number) =>
    (
      await pool.query<{ id: string }>(
        `select id from customer
          where merged_into_id is null and owner_id is not null and owner_id <> all($1::uuid[])
            and ($2::uuid[] is null or department_id = any($2::uuid[]))
            and (department_id is null or department_id <> all($3::uuid[]))
          order by md5(owner_id::text), md5(id::text) limit $4`,
        [where.excludeOwners, where.departments, where.excludeDepartments, size],
      )
    ).rows.map((r) => r.id);

  let managerSubtree: string[] = [];
  let managerTargets: string[] = [];
  {
    let best: { session: Session; subtree: Set<string>; targets: [OrgUser, OrgUser]; available: number } | undefined;
    const seen = new Set<string>();
    for (const session of opts.managers) {
      if (seen.has(session.user.id)) continue;
      seen.add(session.user.id);
      const subtree = departmentSubtree(org, session.user.departmentId);
      const inScope = reps.filter((u) => subtree.has(u.departmentId));
      if (inScope.length < 3) continue;
      const targets: [OrgUser, OrgUser] = [inScope[0]!, inScope[1]!];
      const available = owned
        .filter((o) => o.departmentId !== null && subtree.has(o.departmentId) && o.ownerId !== targets[0].id && o.ownerId !== targets[1].id)
        .reduce((s, o) => s + o.n, 0);
      if (!best || (best.available < opts.size && available > best.available)) best = { session, subtree, targets, available };
      if (available >= opts.size) break;
    }
    if (!best) notes.push('Batch transfer: no sales manager with at least three active reps in their subtree; manager batches skipped.');
    else {
      managerSubtree = [...best.subtree];
      managerTargets = best.targets.map((t) => t.id);
      const ids = await pickIds({ departments: managerSubtree, excludeOwners: managerTargets, excludeDepartments: [] }, opts.size);
      if (ids.length < opts.size) {
        notes.push(
          `Batch transfer: the manager's subtree has only ${ids.length} transferable customers: manager batches of ${ids.length}.`,
        );
      }
      if (ids.length > 0) plans.push({ role: 'manager', actor: best.session, customerIds: ids, targets: best.targets, sent: 0 });
    }
  }
  {
    const session = opts.directors[0];
    const outside = reps.filter((u) => !managerSubtree.includes(u.departmentId));
    if (!session || outside.length < 2)
      notes.push('Batch transfer: no sales director (or no reps outside the manager subtree); director batches skipped.');
    else {
      const targets: [OrgUser, OrgUser] = [outside[0]!, outside[1]!];
      const ids = await pickIds(
        { departments: null, excludeOwners: [...managerTargets, targets[0].id, targets[1].id], excludeDepartments: managerSubtree },
        opts.size,
      );
      if (ids.length < opts.size) notes.push(`Batch transfer: only ${ids.length} customers for the director's batches.`);
      if (ids.length > 0) plans.push({ role: 'director', actor: session, customerIds: ids, targets, sent: 0 });
    }
  }
  return { plans, notes };
}

/**
 * The owner cap (customers one rep may own, per pool; 200 by default) must leave room for a whole
 * batch on top of what a target owns: raised by the administrator, through the API, where lower.
 */
export async function raiseOwnerCaps(
  pool: pg.Pool,
  baseUrl: string,
  admin: { token: string; csrfToken: string },
  plans: readonly BatchPlan[],
): Promise<{ cap: number; pools: number } | null> {
  const targets = plans.flatMap((p) => p.targets.map((t) => t.id));
  if (targets.length === 0) return null;
  const size = Math.max(...plans.map((p) => p.customerIds.length));
  const { rows } = await pool.query<{ n: string }>(
    `select coalesce(max(n), 0) as n from (select count(*) as n from customer where owner_id = any($1::uuid[]) and merged_into_id is null group by owner_id) t`,
    [targets],
  );
  const cap = Math.ceil((Number(rows[0]?.n ?? 0) + size + 100) / 100) * 100;
  const headers = { cookie: `crm_sid=${admin.token}`, 'user-agent': 'crm-bench', accept: 'application/json' };
  const res = await fetch(`${baseUrl}/api/v1/customer-pools`, { headers });
  if (!res.ok) throw new Error(`GET /api/v1/customer-pools: HTTP ${res.status}`);
  const pools = (await res.json()) as { id: string; ownerCap: number; version: number }[];
  let raised = 0;
  for (const p of pools) {
    if (p.ownerCap >= cap) continue;
    const patch = await fetch(`${baseUrl}/api/v1/customer-pools/${p.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify({ ownerCap: cap, version: p.version }),
    });
    if (!patch.ok) throw new Error(`PATCH /api/v1/customer-pools/${p.id}: HTTP ${patch.status} ${await patch.text()}`);
    raised++;
  }
  return { cap, pools: raised };
}

async function sendBatch(baseUrl: string, plan: BatchPlan): Promise<BatchRun> {
  const target = plan.targets[plan.sent % 2]!;
  plan.sent++;
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/customers/batch`, {
    method: 'POST',
    headers: {
      cookie: `crm_sid=${plan.actor.token}`,
      'user-agent': 'crm-bench',
      accept: 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': plan.actor.csrfToken,
    },
    body: JSON.stringify({ action: 'assign', customerIds: plan.customerIds, ownerId: target.id, reason: REASON }),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) return { role: plan.role, status: res.status, ms, done: 0, refused: 0, refusal: text.slice(0, 200) };
  const body = JSON.parse(text) as { done: number; refused: number; results: { outcome: string; code: string | null }[] };
  const refusal = body.results.find((r) => r.outcome === 'refused')?.code ?? null;
  return { role: plan.role, status: res.status, ms, done: body.done, refused: body.refused, refusal };
}

/**
 * One level: `backgroundUsers` paced users start, after a warm-up of two think times the batches
 * run one after another (the plans taking turns, a pause of `pauseMs` between two), then the
 * background stops.
 */
export async function runBatchLevel(opts: {
  baseUrl: string;
  plans: BatchPlan[];
  batches: number;
  pauseMs: number;
  backgroundUsers: number;
  backgroundSessions: readonly Session[];
  scenariosFor: (session: Session) => readonly Scenario[];
  thinkMs: number;
  seed: string;
  log: (msg: string) => void;
}): Promise<BatchLevel> {
  const load1 = loadavg()[0]!;
  const background = startPacedMix({
    baseUrl: opts.baseUrl,
    sessions: opts.backgroundSessions,
    users: opts.backgroundUsers,
    thinkMs: opts.thinkMs,
    seed: `${opts.seed}:${opts.backgroundUsers}`,
    scenariosFor: opts.scenariosFor,
  });
  const runs: BatchRun[] = [];
  const windows: [number, number][] = [];
  let measureFrom = 0;
  let bg: Awaited<ReturnType<typeof background.stop>>;
  try {
    await delay(2 * opts.thinkMs);
    measureFrom = performance.now();
    for (let b = 0; b < opts.batches; b++) {
      if (b > 0) await delay(opts.pauseMs);
      const plan = opts.plans[b % opts.plans.length]!;
      const t0 = performance.now();
      const run = await sendBatch(opts.baseUrl, plan);
      windows.push([t0, performance.now()]);
      runs.push(run);
      opts.log(
        `  batch ${b + 1}/${opts.batches} (${plan.role}, ${plan.customerIds.length} customers) with ${opts.backgroundUsers} background users: ` +
          `HTTP ${run.status}, ${run.ms.toFixed(0)} ms, done ${run.done}, refused ${run.refused}${run.refusal ? ` (${run.refusal})` : ''}`,
      );
    }
  } finally {
    bg = await background.stop();
  }
  const durationS = (bg.stoppedAt - measureFrom) / 1000;
  const inWindow = (s: PacedSample) => windows.some(([a, b]) => s.start < b && s.end > a);
  const windowS = windows.reduce((sum, [a, b]) => sum + (b - a), 0) / 1000;
  const good = runs.filter((r) => r.status === 200 && r.refused === 0);
  const statuses: Record<string, number> = {};
  for (const r of runs) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    backgroundUsers: opts.backgroundUsers,
    thinkMs: opts.thinkMs,
    batches: runs,
    batchMs: summarize({
      latencies: good.map((r) => r.ms),
      durationS: windowS,
      statuses,
      errors: runs.length - good.length,
      timeouts: 0,
    }),
    background: sampleStats(bg.samples, durationS, bg.errors, (s) => s.start >= measureFrom),
    backgroundDuringBatches: sampleStats(bg.samples, windowS, 0, inWindow),
    load1: Math.round(load1 * 100) / 100,
  };
}
