import http from 'node:http';
import type pg from 'pg';
import { createRng } from './prng.ts';
import type { Audience, Scenario } from './scenarios.ts';
import { departmentSubtree, type Org, type Session } from './sessions.ts';
import { summarize, type RunStats } from './stats.ts';

/**
 * The customer 360 page (apps/web/src/features/customers/pages/customer-detail-page.tsx): the
 * reads its sections make, fired together by one virtual user, timed until the last has answered.
 * When the page opens, the overview tab shows the customer with its contacts, and the merge
 * banner asks for the customer's merges; the other tabs (activities timeline, related records,
 * history, registry) load their first page when they are first shown. The bench loads every
 * section at once: the page time is the whole 360 view; the "on open" time is that of the two
 * requests the page makes before any tab is clicked (measured in the same page loads).
 * Not included: `GET /customers?limit=20` of the (closed) merge dialog of managers and directors,
 * a customer list the browser caches for 30 s across customers (measured by customers.list).
 */
export type PageRequest = {
  key: string;
  /** Where the web app asks for it. */
  section: string;
  onOpen: boolean;
  path(customerId: string): string;
};

const customerPath = (id: string) => `/api/v1/customers/${encodeURIComponent(id)}`;

export const CUSTOMER_PAGE: readonly PageRequest[] = [
  { key: 'detail', section: 'customer with contacts (useCustomer)', onOpen: true, path: (id) => customerPath(id) },
  { key: 'merges', section: 'merge banner (useCustomerMerges)', onOpen: true, path: (id) => `${customerPath(id)}/merges` },
  {
    key: 'activities',
    section: 'activities tab: first page of the timeline (useActivities, 20)',
    onOpen: false,
    path: (id) => `${customerPath(id)}/activities?limit=20`,
  },
  { key: 'panels', section: 'related records tab (useCustomerPanels)', onOpen: false, path: (id) => `${customerPath(id)}/panels` },
  {
    key: 'ownerHistory',
    section: 'history tab: owner changes (useOwnerHistory)',
    onOpen: false,
    path: (id) => `${customerPath(id)}/owner-history`,
  },
  {
    key: 'gradeHistory',
    section: 'history tab: grade changes (useGradeHistory, 20)',
    onOpen: false,
    path: (id) => `${customerPath(id)}/grade-history?limit=20`,
  },
  {
    key: 'registryChanges',
    section: 'registry tab (useRegistryChanges)',
    onOpen: false,
    path: (id) => `${customerPath(id)}/registry-changes`,
  },
];

/** A browser opens at most six connections to one host (HTTP/1.1); so does each virtual user. */
const BROWSER_CONNECTIONS = 6;

export type PageRole = { key: 'rep' | 'manager' | 'director'; audience: Audience; label: string };
export const PAGE_ROLES: readonly PageRole[] = [
  { key: 'rep', audience: 'customerReps', label: 'sales reps' },
  { key: 'manager', audience: 'customerManagers', label: 'sales managers' },
  { key: 'director', audience: 'customerDirectors', label: 'sales directors' },
];
export const pageScenarioName = (role: PageRole) => `customers.page360.${role.key}`;

/**
 * Customers each session may open (deterministic sample): a rep's own customers, those of a
 * manager's department subtree, any customer for a director; merged ones left out (their page
 * shows only the notice of the merge).
 */
export async function loadVisibleCustomers(pool: pg.Pool, org: Org, sessions: readonly Session[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  for (const session of sessions) {
    const user = session.user;
    if (byUser.has(user.id)) continue;
    let ids: string[];
    if (user.scope === 'all') {
      ids = (
        await pool.query<{ id: string }>(`select id from customer where merged_into_id is null order by md5(id::text) limit 2000`)
      ).rows.map((r) => r.id);
    } else if (user.scope === 'department') {
      const departments = [...departmentSubtree(org, user.departmentId)];
      ids = (
        await pool.query<{ id: string }>(
          `select id from customer where merged_into_id is null and (department_id = any($1::uuid[]) or owner_id = $2)
            order by md5(id::text) limit 500`,
          [departments, user.id],
        )
      ).rows.map((r) => r.id);
    } else {
      ids = (
        await pool.query<{ id: string }>(
          `select id from customer where merged_into_id is null and owner_id = $1 order by md5(id::text) limit 500`,
          [user.id],
        )
      ).rows.map((r) => r.id);
    }
    byUser.set(user.id, ids);
  }
  return byUser;
}

/** Each page request as a one-request scenario: what the SQL recorder (EXPLAIN) works with. */
export function pageRequestScenarios(role: PageRole, visible: Map<string, string[]>): Scenario[] {
  return CUSTOMER_PAGE.map((r) => ({
    name: `${pageScenarioName(role)}.${r.key}`,
    endpoint: `GET ${r.path('{id}')}`,
    audience: role.audience,
    variant: true,
    kind: 'detail',
    input: (session, rng) => rng.pick(visible.get(session.user.id) ?? []),
    captureInput: (session) => visible.get(session.user.id)?.[0] ?? '',
    path: (_s, id) => r.path(id),
  }));
}

export type PageStats = {
  /** Whole pages: every request answered 2xx; latency = until the last answer. */
  pages: RunStats;
  /** The same page loads, until the requests the page makes on opening (`onOpen`) had answered. */
  open: RunStats;
  /** Per request, from the start of the page until its own answer (queueing for one of the six connections included). */
  requests: Record<string, RunStats>;
  /** HTTP statuses per request key (non-2xx make the page fail). */
  statuses: Record<string, Record<string, number>>;
  failedPages: number;
};

function get(agent: http.Agent, base: URL, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method: 'GET', agent, headers, timeout: 30_000 }, (res) => {
      res.on('error', reject);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * `users` virtual users open customer pages for `durationSeconds`: each fires all the page's
 * requests at once (over up to six keep-alive connections of its own, like a browser) and waits
 * for the last answer; then, with `thinkMs`, thinks (exponential, that mean) before the next
 * page, or without it opens the next page at once (closed loop).
 */
export async function runPageLoad(opts: {
  baseUrl: string;
  sessions: readonly Session[];
  visible: Map<string, string[]>;
  users: number;
  durationSeconds: number;
  thinkMs: number | null;
  seed: string;
}): Promise<PageStats> {
  const base = new URL(opts.baseUrl);
  const pageMs: number[] = [];
  const openMs: number[] = [];
  const perRequest = new Map<string, number[]>(CUSTOMER_PAGE.map((r) => [r.key, []]));
  const statuses: Record<string, Record<string, number>> = Object.fromEntries(CUSTOMER_PAGE.map((r) => [r.key, {}]));
  let failedPages = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + opts.durationSeconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const agents: http.Agent[] = [];
  await Promise.all(
    Array.from({ length: opts.users }, async (_, i) => {
      const session = opts.sessions[i % opts.sessions.length]!;
      const customers = opts.visible.get(session.user.id) ?? [];
      if (customers.length === 0) throw new Error(`no visible customers for ${session.user.username}`);
      const rng = createRng(`${opts.seed}:${session.user.id}:${i}`);
      const agent = new http.Agent({ keepAlive: true, maxSockets: BROWSER_CONNECTIONS });
      agents.push(agent);
      const headers = { cookie: `crm_sid=${session.token}`, 'user-agent': 'crm-bench', accept: 'application/json' };
      if (opts.thinkMs !== null) await sleep(rng.next() * opts.thinkMs);
      while (performance.now() < deadline) {
        const id = rng.pick(customers);
        const t0 = performance.now();
        const answers = await Promise.all(
          CUSTOMER_PAGE.map(async (r) => {
            try {
              const status = await get(agent, base, r.path(id), headers);
              return { r, status, ms: performance.now() - t0 };
            } catch {
              errors++;
              return { r, status: 0, ms: performance.now() - t0 };
            }
          }),
        );
        let ok = true;
        let open = 0;
        let all = 0;
        for (const a of answers) {
          const counts = statuses[a.r.key]!;
          counts[a.status] = (counts[a.status] ?? 0) + 1;
          if (a.status >= 200 && a.status < 300) perRequest.get(a.r.key)!.push(a.ms);
          else ok = false;
          all = Math.max(all, a.ms);
          if (a.r.onOpen) open = Math.max(open, a.ms);
        }
        if (ok) {
          pageMs.push(all);
          openMs.push(open);
        } else failedPages++;
        if (opts.thinkMs !== null) {
          const think = -Math.log(1 - rng.next()) * opts.thinkMs;
          await sleep(Math.min(think, Math.max(0, deadline - performance.now())));
        }
      }
    }),
  );
  for (const agent of agents) agent.destroy();
  const durationS = (performance.now() - start) / 1000;
  const pageStatuses = { ok: pageMs.length, failed: failedPages };
  return {
    pages: summarize({ latencies: pageMs, durationS, statuses: pageStatuses, errors, timeouts: 0 }),
    open: summarize({ latencies: openMs, durationS, statuses: pageStatuses, errors, timeouts: 0 }),
    requests: Object.fromEntries(
      CUSTOMER_PAGE.map((r) => [
        r.key,
        summarize({ latencies: perRequest.get(r.key)!, durationS, statuses: statuses[r.key]!, errors: 0, timeouts: 0 }),
      ]),
    ),
    statuses,
    failedPages,
  };
}
