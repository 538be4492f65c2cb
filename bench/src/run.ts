/**
 * `npm run bench`: the CRM server under read load on PostgreSQL against a raw-SQL baseline, plus
 * cold and warm start on PGlite. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { activityCount, generateActivities, type ActivityGenResult } from './activity-data.ts';
import { runBaseline, warmPool, type BaselinePlan } from './baseline.ts';
import { planBatches, raiseOwnerCaps, runBatchLevel } from './batch-transfer.ts';
import { generateContracts, loadContractCounts, type ContractGenResult } from './contract-data.ts';
import {
  CONTRACT_REVIEW_SCENARIO,
  CONTRACT_TARGETS,
  contractScenarios,
  contractSubmitScenario,
  createReviewDraft,
  inboxSizes,
  loadContractSamples,
  reviewScenario,
  runConcurrentSubmit,
  runReview,
  type ContractReviewResult,
  type ContractSubmitResult,
  type ReviewDraft,
} from './contract-scenarios.ts';
import { createCpuMeter } from './cpu.ts';
import { loadBenchConfig, repoRoot, type BenchConfig } from './config.ts';
import { generateCustomers, hasCustomerBenchData, loadCustomerSamples, type CustomerGenResult } from './customer-data.ts';
import { loadVisibleCustomers, PAGE_ROLES, pageRequestScenarios, pageScenarioName, runPageLoad } from './customer-page.ts';
import { CUSTOMER_TARGETS, customerScenarios } from './customer-scenarios.ts';
import { generateData, hasBenchData, type DataGenResult } from './datagen.ts';
import { benchDatabaseName, createDatabase, databaseUrl, dropDatabase, serverLikePool, serverVersion } from './db.ts';
import { drainServer, runHttpLoad } from './load.ts';
import { runPacedLoad } from './paced.ts';
import {
  findKanbanTeam,
  generateSalesData,
  loadSalesCounts,
  quarterOf,
  salesAnchor,
  type KanbanTeam,
  type SalesGenResult,
} from './sales-data.ts';
import { SALES_TARGETS, salesScenarios } from './sales-scenarios.ts';
import {
  batchTable,
  contractReviewTable,
  contractSubmitTable,
  cpuTable,
  makeRow,
  pageRequestTable,
  pageTable,
  scenarioTable,
  startupTable,
  TARGETS,
  writeResults,
  type BatchResult,
  type BenchResult,
  type ContractsResult,
  type ExplainRow,
  type PacedRow,
  pacedTable,
  type PageRow,
  type ScenarioRow,
} from './report.ts';
import {
  createRecorder,
  SCENARIOS,
  statementLabel,
  type Audience,
  type RecordedQuery,
  type RequestPlan,
  type Scenario,
} from './scenarios.ts';
import { killAllServersNow, startServer, stopAllServers, waitForHealth } from './server.ts';
import {
  loadOrg,
  login,
  mapLimit,
  pickCustomerUsers,
  pickUsers,
  visibility,
  type DataScope,
  type Org,
  type OrgUser,
  type Session,
} from './sessions.ts';
import { measureStartup } from './startup.ts';

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

const BASELINE_INCLUDES =
  "per request, exactly the statements the server sends for it, in order, recorded by running the request through the server's own application " +
  "(buildApp driven by light-my-request, in the bench process, caches warm, drizzle logger on the connection): the session lookup, the handler's reads and the " +
  'read-audit INSERT into audit_entry (see "statements per request" and the EXPLAIN table), with each request\'s own input (id, search term) and a fresh ' +
  'request id, run one after the other through a pg.Pool of 20 connections (the server\'s CRM_DB_POOL_MAX default), selects in rowMode "array" with ' +
  'date types left as text like drizzle. Not included: HTTP, Fastify hooks, cookie/permission checks in JavaScript, zod validation and serialisation, ' +
  'drizzle query building and row mapping, and statements that do not run on every request (the once-a-minute session touch, cache reloads).';

type Cleanup = () => Promise<void>;
const cleanups: Cleanup[] = [];
let cleaning = false;
async function cleanupAll(): Promise<void> {
  if (cleaning) return;
  cleaning = true;
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}
process.once('exit', () => killAllServersNow());

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'packages'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return dirty ? `${sha} (+ uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

async function signIn(
  baseUrl: string,
  cfg: BenchConfig,
  org: Org,
  wanted: { user: OrgUser; copy: number }[],
): Promise<Map<string, Session>> {
  const sessions = new Map<string, Session>();
  const unique = [...new Map(wanted.map((w) => [`${w.user.username}#${w.copy}`, w])).values()];
  const ts = performance.now();
  await mapLimit(unique, 4, async ({ user, copy }) => {
    const password = user.username === 'admin' ? cfg.adminPassword : cfg.demoPassword;
    const { token, csrfToken } = await login(baseUrl, user.username, password);
    sessions.set(`${user.username}#${copy}`, { user, token, csrfToken, ...visibility(org, user) });
  });
  log(
    `  ${unique.length} sessions (${new Set(unique.map((u) => u.user.username)).size} distinct users) signed in in ${((performance.now() - ts) / 1000).toFixed(1)} s`,
  );
  return sessions;
}

async function explainPlans(pool: pg.Pool, items: { scenario: string; scope: string; queries: RecordedQuery[] }[]): Promise<ExplainRow[]> {
  const rows: ExplainRow[] = [];
  for (const item of items) {
    for (const [i, q] of item.queries.entries()) {
      if (!q.rowMode) continue; // only SELECTs: EXPLAIN ANALYZE would really run an INSERT
      const res = await pool.query<{ 'QUERY PLAN': string }>({ text: `explain (analyze, buffers) ${q.text}`, values: q.values });
      const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
      const num = (label: string) => Number(new RegExp(`${label}: ([\\d.]+) ms`).exec(plan)?.[1] ?? Number.NaN);
      rows.push({
        scenario: item.scenario,
        scope: item.scope,
        statement: i + 1,
        label: statementLabel(q.text),
        sql: q.text,
        params: q.values,
        planningMs: num('Planning Time'),
        executionMs: num('Execution Time'),
        plan,
      });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const cfg = loadBenchConfig();
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const tmpDir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
  cleanups.push(async () => {
    if (cfg.keep) log(`kept temp dir ${tmpDir} (BENCH_KEEP=1)`);
    else rmSync(tmpDir, { recursive: true, force: true });
  });
  cleanups.push(() => stopAllServers());
  const notes: string[] = [];
  log(
    `CRM bench${cfg.quick ? ' (quick)' : ''}: ${cfg.totalUsers} users, ${cfg.auditRows.toLocaleString('en-US')} audit rows, ${cfg.durationSeconds} s per run, concurrency ${cfg.concurrencies.join(', ')}`,
  );

  /* 1. database and server */
  let url: string;
  if (cfg.databaseUrl) {
    url = cfg.databaseUrl;
    log(`using BENCH_DATABASE_URL (not dropped at the end)`);
  } else {
    const name = benchDatabaseName(startedAt);
    await createDatabase(cfg.adminUrl, name);
    url = databaseUrl(cfg.adminUrl, name);
    log(`created database ${name}`);
    cleanups.push(async () => {
      if (cfg.keep) {
        log(`kept database ${name} (BENCH_KEEP=1): BENCH_DATABASE_URL=${url}`);
        return;
      }
      await dropDatabase(cfg.adminUrl, name);
      log(`dropped database ${name}`);
    });
  }
  const pgVersion = await serverVersion(url);
  // The API is what is measured: point the server at an empty web directory so it serves no UI
  // (and the bench does not depend on whether apps/web has been built).
  const noWebDist = join(tmpDir, 'no-web-dist');
  const tStart = performance.now();
  const serverEnv: Record<string, string> = {
    DATABASE_URL: url,
    CRM_DATA_DIR: join(tmpDir, 'server-data'),
    CRM_LOG_LEVEL: 'warn',
    CRM_JOBS: '0',
    CRM_DEMO: '1',
    CRM_ADMIN_PASSWORD: cfg.adminPassword,
    CRM_DEMO_PASSWORD: cfg.demoPassword,
    CRM_WEB_DIST: noWebDist,
  };
  const server = await startServer({ logFile: join(tmpDir, 'server.log'), env: serverEnv });
  const pgStartMs = await waitForHealth(server, { since: tStart, timeoutMs: 180_000 });
  log(`server up on ${server.baseUrl} (PostgreSQL, fresh start incl. migrations and seed: ${(pgStartMs / 1000).toFixed(1)} s)`);

  const pool = serverLikePool(url, cfg.poolSize);
  cleanups.push(() => pool.end());
  const cpuMeter = createCpuMeter({
    pool,
    database: decodeURIComponent(new URL(url).pathname.slice(1)),
    serverPid: () => server.child.pid,
  });

  /* 2. data */
  let dataGen: DataGenResult;
  if (await hasBenchData(pool)) {
    log('bench data already present: generation skipped');
    dataGen = {
      skipped: true,
      departmentsAdded: 0,
      usersAdded: 0,
      auditRowsAdded: 0,
      ms: { departmentsAndUsers: 0, audit: 0, vacuumAnalyze: 0, total: 0 },
    };
  } else {
    log('generating data…');
    dataGen = await generateData(pool, { totalUsers: cfg.totalUsers, auditRows: cfg.auditRows, password: cfg.demoPassword, log });
    log(`data generated in ${(dataGen.ms.total / 1000).toFixed(1)} s`);
  }
  let customerGen: CustomerGenResult;
  if (await hasCustomerBenchData(pool, cfg.customers)) {
    log('customer data already present: generation skipped');
    customerGen = { skipped: true, customers: 0, contacts: 0, ms: { keys: 0, total: 0, vacuumAnalyze: 0 } };
  } else {
    log(`generating ${cfg.customers.toLocaleString('en-US')} customers…`);
    customerGen = await generateCustomers(pool, { count: cfg.customers, contactsPerCustomer: cfg.contactsPerCustomer, log });
    log(`customers generated in ${(customerGen.ms.total / 1000).toFixed(1)} s`);
  }
  let activityGen: ActivityGenResult;
  if ((await activityCount(pool)) >= cfg.activities) {
    log('activity data already present: generation skipped');
    activityGen = {
      skipped: true,
      activities: 0,
      customers: 0,
      lastActivityFixed: 0,
      ms: { plan: 0, insert: 0, lastActivity: 0, vacuumAnalyze: 0, total: 0 },
    };
  } else {
    log(`generating activities up to ${cfg.activities.toLocaleString('en-US')}…`);
    activityGen = await generateActivities(pool, { total: cfg.activities, log });
    log(`${activityGen.activities.toLocaleString('en-US')} activities generated in ${(activityGen.ms.total / 1000).toFixed(1)} s`);
  }
  const activitiesAtStart = await activityCount(pool);
  const customerCounts = (
    await pool.query<{ customers: string; contacts: string }>(
      'select (select count(*) from customer) as customers, (select count(*) from contact) as contacts',
    )
  ).rows[0]!;
  const samples = await loadCustomerSamples(pool);
  const org = await loadOrg(pool);
  log(
    `sales data: up to ${cfg.opportunities.toLocaleString('en-US')} opportunities, ${cfg.leads.toLocaleString('en-US')} leads, ${cfg.quotes.toLocaleString('en-US')} quotes (each part skipped when present)…`,
  );
  const salesGen: SalesGenResult = await generateSalesData(pool, org, {
    opportunities: cfg.opportunities,
    leads: cfg.leads,
    quotes: cfg.quotes,
    log,
  });
  log(`sales data ready in ${(salesGen.ms.total / 1000).toFixed(1)} s`);
  const salesCounts = await loadSalesCounts(pool, Number(salesGen.anchorDate.slice(0, 4)));
  const kanbanTeam: KanbanTeam | null = await findKanbanTeam(pool, org, cfg.opportunities);
  const salesPeriod = quarterOf(salesAnchor().date);
  if (kanbanTeam) {
    log(
      `kanban team ${kanbanTeam.code} (manager ${kanbanTeam.manager.username}, ${kanbanTeam.reps} sales reps): ${kanbanTeam.open.toLocaleString('en-US')} open opportunities (wanted ≥ ${kanbanTeam.wanted.toLocaleString('en-US')})`,
    );
  } else notes.push('Kanban: no office with a sales manager and sales reps; sales.kanban.team not measured.');
  log(
    `contract data: up to ${cfg.contracts.toLocaleString('en-US')} contracts, ${cfg.contractLines} lines per contract on average (skipped when present)…`,
  );
  const contractGen: ContractGenResult = await generateContracts(pool, org, {
    total: cfg.contracts,
    linesPerContract: cfg.contractLines,
    anchor: salesAnchor(),
    log,
  });
  if (!contractGen.skipped) {
    log(
      `${contractGen.contracts.toLocaleString('en-US')} contracts, ${contractGen.lines.toLocaleString('en-US')} lines, ${contractGen.instances.toLocaleString('en-US')} approvals generated in ${(contractGen.ms.total / 1000).toFixed(1)} s`,
    );
  }
  const contractCounts = await loadContractCounts(pool);
  const auditRowsAtStart = Number((await pool.query<{ n: string }>('select count(*) as n from audit_entry')).rows[0]?.n ?? 0);

  /* 3. sessions */
  const maxConc = Math.max(...cfg.concurrencies);
  const customerSet = customerScenarios(samples);
  const salesSet = salesScenarios({
    period: salesPeriod,
    kanban: kanbanTeam !== null,
    leads: salesCounts.leads,
    quotes: salesCounts.quotes,
  });
  const contractSet = contractScenarios(await loadContractSamples(pool, samples.fragments));
  const allScenarios = [...SCENARIOS, ...customerSet, ...salesSet, ...contractSet];
  const selected = (name: string) => !cfg.scenarioFilter || cfg.scenarioFilter.some((f) => name === f || name.startsWith(`${f}.`));
  const scenarios = allScenarios.filter((s) => selected(s.name));
  const pageRoles = PAGE_ROLES.filter((r) => selected(pageScenarioName(r)));
  const BATCH_SCENARIO = 'customers.batchTransfer';
  const batchSelected = selected(BATCH_SCENARIO);
  const SUBMIT_SCENARIO = contractSubmitScenario(cfg.contractSubmits);
  const reviewSelected = selected(CONTRACT_REVIEW_SCENARIO);
  const submitSelected = selected(SUBMIT_SCENARIO);
  if (scenarios.length === 0 && pageRoles.length === 0 && !batchSelected && !reviewSelected && !submitSelected) {
    const names = [
      ...allScenarios.map((s) => s.name),
      ...PAGE_ROLES.map(pageScenarioName),
      BATCH_SCENARIO,
      CONTRACT_REVIEW_SCENARIO,
      SUBMIT_SCENARIO,
    ];
    throw new Error(`BENCH_SCENARIOS matches none of: ${names.join(', ')}`);
  }
  const needed = new Set<Audience>(scenarios.map((s) => s.audience));
  for (const role of pageRoles) needed.add(role.audience);
  if (batchSelected) {
    needed.add('customerManagers');
    needed.add('customerDirectors');
  }
  if (reviewSelected || submitSelected) needed.add('customerReps');
  const picked = pickUsers(org, maxConc);
  // The customer scenarios run at the first concurrency (50 users), one role at a time.
  const customerPicked = pickCustomerUsers(org, Math.min(...cfg.concurrencies));
  const wanted = (audience: Audience, list: { user: OrgUser; copy: number }[]) => (needed.has(audience) ? list : []);
  const pickedByAudience: Record<Audience, { user: OrgUser; copy: number }[]> = {
    mixed: wanted(
      'mixed',
      picked.mixed.map((user) => ({ user, copy: 0 })),
    ),
    auditReaders: wanted('auditReaders', picked.auditReaders),
    customerReps: wanted('customerReps', customerPicked.reps),
    customerManagers: wanted('customerManagers', customerPicked.managers),
    customerDirectors: wanted('customerDirectors', customerPicked.directors),
    // The kanban team's manager: one person, as many sessions as the first concurrency.
    salesKanban: wanted(
      'salesKanban',
      kanbanTeam ? Array.from({ length: Math.min(...cfg.concurrencies) }, (_, copy) => ({ user: kanbanTeam.manager, copy })) : [],
    ),
  };
  log(
    `signing in: mixed ${picked.mixed.length} (${['all', 'department', 'own'].map((s) => `${picked.mixed.filter((u) => u.scope === s).length} ${s}`).join(', ')}), audit readers ${picked.auditReaders.length}, ` +
      `customer reps ${customerPicked.reps.length}, managers ${customerPicked.managers.length}, directors ${customerPicked.directors.length} (of the scenarios chosen only)`,
  );
  // Background of the batch transfer: customer users of the three roles (6 reps, 3 managers, 1 director in every 10).
  const maxBackground = Math.max(...cfg.batchBackground);
  const backgroundPicked = batchSelected ? pickCustomerUsers(org, maxBackground) : { reps: [], managers: [], directors: [] };
  const backgroundWanted: { user: OrgUser; copy: number }[] = [];
  {
    const lists = [backgroundPicked.reps, backgroundPicked.managers, backgroundPicked.directors];
    const used = [0, 0, 0];
    const pattern = [0, 1, 0, 0, 1, 0, 2, 0, 1, 0];
    for (let i = 0; batchSelected && i < maxBackground; i++) {
      let q = pattern[i % pattern.length]!;
      for (let k = 0; k < 3 && used[q]! >= lists[q]!.length; k++) q = (q + 1) % 3;
      if (used[q]! >= lists[q]!.length) break;
      backgroundWanted.push(lists[q]![used[q]!++]!);
    }
  }
  const sessions = await signIn(server.baseUrl, cfg, org, [...Object.values(pickedByAudience).flat(), ...backgroundWanted]);
  const backgroundSessions = backgroundWanted.map((p) => sessions.get(`${p.user.username}#${p.copy}`)!);
  const sessionsOf = (audience: Audience) => pickedByAudience[audience].map((p) => sessions.get(`${p.user.username}#${p.copy}`)!);
  const audiences = Object.fromEntries((Object.keys(pickedByAudience) as Audience[]).map((a) => [a, sessionsOf(a)])) as Record<
    Audience,
    Session[]
  >;
  const directorUsers = new Set(customerPicked.directors.map((d) => d.user.username)).size;
  if (needed.has('customerDirectors') && directorUsers < customerPicked.directors.length) {
    notes.push(
      `Customer scenarios of directors: ${directorUsers} users hold the sales_director role; their ${customerPicked.directors.length} connections are several sessions of the same people.`,
    );
  }
  const salesSelected = scenarios.filter((s) => s.name.startsWith('sales.'));
  if (kanbanTeam && salesSelected.some((s) => s.audience === 'salesKanban')) {
    notes.push(
      `Kanban: the board of ${kanbanTeam.code} (a department subtree with ${kanbanTeam.reps} active sales reps and ${kanbanTeam.open.toLocaleString('en-US')} open opportunities) as its manager ${kanbanTeam.manager.username}; the connections are sessions of that one person.`,
    );
  }
  if (salesSelected.length > 0 && maxConc > Math.min(...cfg.concurrencies)) {
    notes.push(
      `Sales scenarios at ${maxConc} connections: they use the ${Math.min(...cfg.concurrencies)} sessions of their role (the customer scenarios' users), shared round-robin.`,
    );
  }
  if (picked.auditReaders.length < maxConc) {
    notes.push(`Only ${picked.auditReaders.length} audit-reader sessions for ${maxConc} connections: connections share them round-robin.`);
  }
  const readerUsers = new Set(picked.auditReaders.map((r) => r.user.username)).size;
  if (readerUsers < maxConc) {
    notes.push(
      `Audit-log scenarios: ${readerUsers} users hold audit:read (admin, directors, managers); at concurrency above that the extra connections use second sessions of the same users.`,
    );
  }

  const audienceOf = (s: Scenario) => audiences[s.audience];

  // Contracts: the inbox sizes of the inbox scenarios' users, and the 200-line draft of the review.
  const contractInbox: ContractsResult['inbox'] = [];
  for (const [role, audience] of [
    ['manager', 'customerManagers'],
    ['director', 'customerDirectors'],
  ] as const) {
    if (scenarios.some((s) => s.name === `contracts.inbox.${role}`)) {
      contractInbox.push({ role: `${role}s`, ...(await inboxSizes(pool, audiences[audience].slice(0, TARGETS.p95AtConcurrency))) });
    }
  }
  let reviewDraft: ReviewDraft | null = null;
  if (reviewSelected) {
    try {
      reviewDraft = await createReviewDraft({
        baseUrl: server.baseUrl,
        pool,
        sessions: audiences.customerReps,
        lines: CONTRACT_TARGETS.reviewLines,
      });
      log(
        `contracts: a ${reviewDraft.lines}-line draft by ${reviewDraft.session.user.username} created in ${reviewDraft.createMs} ms (review level ${reviewDraft.level})`,
      );
    } catch (err) {
      notes.push(`${CONTRACT_REVIEW_SCENARIO}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let reviewStatements: string[] = [];

  // Customers each user of the 360 page may open; users without any are left out.
  const visibleCustomers = await loadVisibleCustomers(
    pool,
    org,
    pageRoles.flatMap((r) => audiences[r.audience].slice(0, TARGETS.p95AtConcurrency)),
  );
  const pageSessions = new Map<string, Session[]>();
  for (const role of pageRoles) {
    const all = audiences[role.audience].slice(0, Math.max(TARGETS.p95AtConcurrency, Math.min(...cfg.concurrencies)));
    const usable = all.filter((s) => (visibleCustomers.get(s.user.id)?.length ?? 0) > 0);
    if (usable.length < all.length) {
      notes.push(
        `Customer 360 page of ${role.label}: ${all.length - usable.length} of ${all.length} sessions see no customer and were left out.`,
      );
    }
    pageSessions.set(role.key, usable);
  }
  const pageExplainItems: { scenario: string; scope: string; queries: RecordedQuery[] }[] = [];

  /* 4. the SQL of each request, recorded from the server's own code */
  const recorder = await createRecorder({ url, pool, env: serverEnv });
  const plans = new Map<string, Map<string, RequestPlan>>();
  try {
    const allSessions = [...new Set(Object.values(audiences).flat())];
    // One request per session first: the recording is then the steady state (caches filled).
    await mapLimit(allSessions, 4, async (session) => {
      const scenario = scenarios.find((s) => audienceOf(s).includes(session)) ?? scenarios[0];
      if (scenario) await recorder.warm(session, scenario);
    });
    for (const scenario of scenarios) {
      const byToken = new Map<string, RequestPlan>();
      await mapLimit([...new Set(audienceOf(scenario))], 4, async (session) => {
        byToken.set(session.token, await recorder.plan(scenario, session));
      });
      plans.set(scenario.name, byToken);
    }
    log(`recorded the SQL of ${scenarios.length} scenarios for ${allSessions.length} sessions`);
    // The customer 360 page: each request once for one user of each role (the EXPLAIN table).
    for (const role of pageRoles) {
      const session = pageSessions.get(role.key)?.[0];
      if (!session) continue;
      for (const scenario of pageRequestScenarios(role, visibleCustomers)) {
        try {
          await recorder.warm(session, scenario);
          const plan = await recorder.plan(scenario, session);
          pageExplainItems.push({ scenario: scenario.name, scope: session.user.scope, queries: plan.statements });
        } catch (err) {
          notes.push(`Customer 360 page: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    // The review of the 200-line contract: its statements, once (it really runs), for the EXPLAIN table.
    if (reviewDraft) {
      try {
        const plan = await recorder.plan(reviewScenario(reviewDraft), reviewDraft.session);
        reviewStatements = plan.statements.map((q) => statementLabel(q.text));
        pageExplainItems.push({ scenario: CONTRACT_REVIEW_SCENARIO, scope: reviewDraft.session.user.scope, queries: plan.statements });
      } catch (err) {
        notes.push(`${CONTRACT_REVIEW_SCENARIO} (recording its SQL): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    await recorder.close();
  }

  /* 5. warm-up (untimed): JIT, connection pools, caches */
  for (const scenario of scenarios) {
    await runHttpLoad({
      baseUrl: server.baseUrl,
      scenario,
      sessions: audienceOf(scenario).slice(0, Math.min(...cfg.concurrencies)),
      connections: Math.min(...cfg.concurrencies),
      durationSeconds: 1,
      seed: 'warmup',
    });
    await drainServer({ baseUrl: server.baseUrl, scenario, session: audienceOf(scenario)[0]!, pool, serverPid: server.child.pid });
  }
  await warmPool(pool, cfg.poolSize);
  log(`warm-up done`);

  /* 6. timed runs */
  const rows: ScenarioRow[] = [];
  for (const [ci, concurrency] of cfg.concurrencies.entries()) {
    for (const scenario of scenarios) {
      if (scenario.variant && ci > 0 && !cfg.variantsAtAllConcurrencies) continue;
      const audience = audienceOf(scenario).slice(0, concurrency);
      const load1 = loadavg()[0]!;
      let mark = await cpuMeter.start();
      const serverStats = await runHttpLoad({
        baseUrl: server.baseUrl,
        scenario,
        sessions: audience,
        connections: concurrency,
        durationSeconds: cfg.durationSeconds,
        seed: 'run',
      });
      const serverCpu = await cpuMeter.stop(mark, serverStats.ok);
      if (serverStats.ok === 0 && serverStats.errors === 0 && serverStats.timeouts === 0) {
        notes.push(
          `${scenario.name} at ${concurrency} connections: no answer within the ${cfg.durationSeconds} s run — one round of ${concurrency} requests at once took longer (see the think-time run and the CPU per request of the baseline).`,
        );
      }
      // What the run left in flight is neither the server's measurement nor the baseline's.
      await drainServer({ baseUrl: server.baseUrl, scenario, session: audience[0]!, pool, serverPid: server.child.pid });
      const byToken = plans.get(scenario.name)!;
      const baselinePlans: BaselinePlan[] = audience.map((session) => ({ session, plan: byToken.get(session.token)! }));
      mark = await cpuMeter.start();
      const baselineStats = await runBaseline({
        pool,
        scenario,
        plans: baselinePlans,
        concurrency,
        durationSeconds: cfg.durationSeconds,
        seed: 'run',
      });
      const baselineCpu = await cpuMeter.stop(mark, baselineStats.ok);
      const row = makeRow({
        scenario: scenario.name,
        endpoint: scenario.endpoint,
        kind: scenario.kind,
        concurrency,
        distinctUsers: new Set(audience.map((s) => s.user.id)).size,
        server: serverStats,
        baseline: baselineStats,
        cpu: { server: serverCpu, baseline: baselineCpu },
        baselineStatements: baselinePlans[0]!.plan.statements.length,
        statements: baselinePlans[0]!.plan.statements.map((q) => statementLabel(q.text)),
        p95TargetMs: scenario.p95TargetMs,
        load1: Math.round(load1 * 100) / 100,
      });
      rows.push(row);
      const bad = Object.entries(serverStats.statuses).filter(([c]) => !c.startsWith('2'));
      log(
        `${scenario.name.padEnd(16)} c=${String(concurrency).padEnd(3)} server ${serverStats.rps.toFixed(0).padStart(5)} req/s p95 ${serverStats.latencyMs.p95.toFixed(1).padStart(6)} ms | ` +
          `baseline ${baselineStats.rps.toFixed(0).padStart(5)} req/s p95 ${baselineStats.latencyMs.p95.toFixed(1).padStart(6)} ms | ratio ${row.throughputRatio.toFixed(2)} | ` +
          `cpu ms/req node ${serverCpu.perRequestMs.server ?? '?'} pg ${serverCpu.perRequestMs.postgres ?? '?'} / baseline pg ${baselineCpu.perRequestMs.postgres ?? '?'}, other load ${serverCpu.otherBusyPct ?? '?'}%` +
          (bad.length ? ` | non-2xx ${JSON.stringify(Object.fromEntries(bad))}` : '') +
          (serverStats.errors || serverStats.timeouts ? ` | errors ${serverStats.errors} timeouts ${serverStats.timeouts}` : ''),
      );
    }
  }

  /* 6b. users with think time */
  const paced: PacedRow[] = [];
  {
    const users = TARGETS.p95AtConcurrency;
    for (const scenario of scenarios.filter((s) => s.paced || (cfg.paced && !s.variant))) {
      const load1 = loadavg()[0]!;
      const stats = await runPacedLoad({
        baseUrl: server.baseUrl,
        scenario,
        sessions: audienceOf(scenario).slice(0, users),
        users,
        durationSeconds: cfg.durationSeconds,
        thinkMs: cfg.thinkMs,
        seed: 'paced',
      });
      paced.push({
        scenario: scenario.name,
        users,
        thinkMs: cfg.thinkMs,
        stats,
        p95Met: stats.ok > 0 && stats.latencyMs.p95 <= (scenario.p95TargetMs ?? TARGETS.p95Ms),
        p95TargetMs: scenario.p95TargetMs ?? TARGETS.p95Ms,
        load1: Math.round(load1 * 100) / 100,
      });
      log(
        `${scenario.name.padEnd(16)} paced ${users} users, think ${cfg.thinkMs} ms: ${stats.rps.toFixed(0)} req/s, p50 ${stats.latencyMs.p50} ms, p95 ${stats.latencyMs.p95} ms`,
      );
    }
  }

  /* 6c. the customer 360 page: closed loop, then users with think time */
  const customerPage: PageRow[] = [];
  for (const role of pageRoles) {
    const pageUsers = pageSessions.get(role.key) ?? [];
    if (pageUsers.length === 0) {
      notes.push(`Customer 360 page of ${role.label}: no user sees any customer; not measured.`);
      continue;
    }
    const name = pageScenarioName(role);
    const closedUsers = Math.min(...cfg.concurrencies);
    await runPageLoad({
      baseUrl: server.baseUrl,
      sessions: pageUsers,
      visible: visibleCustomers,
      users: closedUsers,
      durationSeconds: 1,
      thinkMs: null,
      seed: 'warmup',
    });
    for (const mode of ['closed loop', 'think time'] as const) {
      const users = mode === 'closed loop' ? closedUsers : TARGETS.p95AtConcurrency;
      const thinkMs = mode === 'closed loop' ? null : cfg.thinkMs;
      const load1 = loadavg()[0]!;
      const stats = await runPageLoad({
        baseUrl: server.baseUrl,
        sessions: pageUsers,
        visible: visibleCustomers,
        users,
        durationSeconds: cfg.durationSeconds,
        thinkMs,
        seed: 'run',
      });
      const row: PageRow = {
        scenario: name,
        mode,
        users,
        thinkMs,
        stats,
        p95TargetMs: CUSTOMER_TARGETS.page360P95Ms,
        met: stats.pages.ok > 0 && stats.failedPages === 0 && stats.pages.latencyMs.p95 <= CUSTOMER_TARGETS.page360P95Ms,
        load1: Math.round(load1 * 100) / 100,
      };
      customerPage.push(row);
      const bad = Object.entries(stats.statuses).flatMap(([key, st]) =>
        Object.entries(st)
          .filter(([code]) => !code.startsWith('2'))
          .map(([code, n]) => `${key} ${code}×${n}`),
      );
      log(
        `${name.padEnd(26)} ${mode.padEnd(11)} ${users} users: ${stats.pages.rps.toFixed(1)} pages/s, page p50 ${stats.pages.latencyMs.p50} ms p95 ${stats.pages.latencyMs.p95} ms (on open p95 ${stats.open.latencyMs.p95} ms)` +
          (bad.length ? ` | non-2xx ${bad.join(', ')}` : ''),
      );
    }
  }

  /* 6d. batch transfer under background load */
  let batchTransfer: BatchResult | null = null;
  if (batchSelected) {
    const { plans: batchPlans, notes: batchNotes } = await planBatches(pool, org, {
      managers: audiences.customerManagers,
      directors: audiences.customerDirectors,
      size: cfg.batchSize,
    });
    notes.push(...batchNotes);
    if (batchPlans.length === 0) notes.push('Batch transfer: no actor with customers to transfer; not measured.');
    else {
      const admin = await login(server.baseUrl, 'admin', cfg.adminPassword);
      const ownerCap = await raiseOwnerCaps(pool, server.baseUrl, admin, batchPlans);
      if (ownerCap) log(`batch transfer: owner cap ${ownerCap.cap} (raised on ${ownerCap.pools} pool(s))`);
      const byScope: Record<DataScope, Scenario[]> = {
        own: customerSet.filter((s) => s.kind === 'list' && s.audience === 'customerReps'),
        department: customerSet.filter((s) => s.kind === 'list' && s.audience === 'customerManagers'),
        all: customerSet.filter((s) => s.kind === 'list' && s.audience === 'customerDirectors'),
      };
      const levels: BatchResult['levels'] = [];
      for (const backgroundUsers of cfg.batchBackground) {
        log(`batch transfer with ${backgroundUsers} background users…`);
        const level = await runBatchLevel({
          baseUrl: server.baseUrl,
          plans: batchPlans,
          batches: cfg.batches,
          pauseMs: 1000,
          backgroundUsers,
          backgroundSessions,
          scenariosFor: (session) => byScope[session.user.scope],
          thinkMs: cfg.thinkMs,
          seed: 'batch',
          log,
        });
        const met =
          level.batches.length > 0 &&
          level.batchMs.ok === level.batches.length &&
          level.batchMs.latencyMs.p95 <= CUSTOMER_TARGETS.batchP95Ms;
        levels.push({ ...level, met });
        log(
          `customers.batchTransfer ${backgroundUsers} background users: batch p50 ${level.batchMs.latencyMs.p50} ms p95 ${level.batchMs.latencyMs.p95} ms max ${level.batchMs.latencyMs.max} ms, ` +
            `background p95 ${level.background.latencyMs.p95} ms (during batches ${level.backgroundDuringBatches.latencyMs.p95} ms)`,
        );
      }
      batchTransfer = {
        requestedSize: cfg.batchSize,
        batchesPerLevel: cfg.batches,
        pauseMs: 1000,
        plans: batchPlans.map((p) => ({
          role: p.role,
          actor: p.actor.user.username,
          scope: p.actor.user.scope,
          customers: p.customerIds.length,
          targets: p.targets.map((t) => t.username),
        })),
        ownerCap,
        levels,
        targetMs: CUSTOMER_TARGETS.batchP95Ms,
      };
    }
  }

  /* 6e. contracts: the review of a 200-line contract on an idle server, then concurrent submissions */
  let contractReview: ContractReviewResult | null = null;
  if (reviewDraft) {
    await drainServer({
      baseUrl: server.baseUrl,
      scenario: reviewScenario(reviewDraft),
      session: reviewDraft.session,
      pool,
      serverPid: server.child.pid,
    });
    log(`${CONTRACT_REVIEW_SCENARIO}: ${cfg.contractReviews} reviews one after the other…`);
    try {
      contractReview = await runReview({
        baseUrl: server.baseUrl,
        pool,
        draft: reviewDraft,
        count: cfg.contractReviews,
        warmup: 3,
        cpuMeter,
        statements: reviewStatements,
      });
      log(
        `${CONTRACT_REVIEW_SCENARIO}: p50 ${contractReview.reviews.latencyMs.p50} ms p95 ${contractReview.reviews.latencyMs.p95} ms p99 ${contractReview.reviews.latencyMs.p99} ms, ` +
          `cpu ms/req node ${contractReview.cpu?.perRequestMs.server ?? '?'} pg ${contractReview.cpu?.perRequestMs.postgres ?? '?'}; PATCH of ${contractReview.patch.lines} lines ${contractReview.patch.status} in ${contractReview.patch.ms} ms`,
      );
    } catch (err) {
      notes.push(`${CONTRACT_REVIEW_SCENARIO}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let contractSubmit: ContractSubmitResult | null = null;
  if (submitSelected) {
    log(`${SUBMIT_SCENARIO}: ${cfg.contractSubmits} drafts, then every submission at once…`);
    try {
      contractSubmit = await runConcurrentSubmit({
        baseUrl: server.baseUrl,
        pool,
        sessions: audiences.customerReps,
        count: cfg.contractSubmits,
        cpuMeter,
      });
      log(
        `${SUBMIT_SCENARIO}: ${JSON.stringify(contractSubmit.statuses)} in ${contractSubmit.burstMs} ms (p50 ${contractSubmit.latency.latencyMs.p50} ms, p95 ${contractSubmit.latency.latencyMs.p95} ms), ` +
          `${contractSubmit.distinct} distinct numbers, ${contractSubmit.duplicates} duplicates, ${contractSubmit.consecutive ? 'consecutive' : `${contractSubmit.gaps} missing`}`,
      );
    } catch (err) {
      notes.push(`${SUBMIT_SCENARIO}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /* 7. single-request plans, one reader of each scope */
  const explainItems: { scenario: string; scope: string; queries: RecordedQuery[] }[] = [];
  for (const scenario of scenarios) {
    const seen = new Set<string>();
    for (const session of audienceOf(scenario)) {
      if (seen.has(session.user.scope)) continue;
      seen.add(session.user.scope);
      const plan = plans.get(scenario.name)!.get(session.token)!;
      explainItems.push({ scenario: scenario.name, scope: session.user.scope, queries: plan.statements });
    }
  }
  const explain = await explainPlans(pool, [...explainItems, ...pageExplainItems]);
  await server.stop();
  log('server stopped');

  /* 8. cold and warm start on PGlite */
  let startup: BenchResult['startup'] = null;
  if (!cfg.skipStartup) {
    log('measuring cold and warm start on PGlite…');
    const s = await measureStartup({ tmpDir, webDist: noWebDist, adminPassword: cfg.adminPassword, demoPassword: cfg.demoPassword, log });
    startup = { ...s, coldMet: s.coldMs <= TARGETS.coldStartMs, warmMet: s.warmMs <= TARGETS.warmStartMs };
  }

  /* 9. report */
  const result: BenchResult = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalSeconds: Math.round((performance.now() - t0) / 1000),
    environment: {
      node: process.version,
      postgres: pgVersion,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: `${process.platform} ${process.arch}`,
      commit: gitCommit(),
      loadGenerator: 'autocannon 8, in the bench process on the same machine',
      serverStartOnPostgresMs: Math.round(pgStartMs),
      loadAtStart: loadAtStart.map((l) => l.toFixed(2)).join(' / '),
      loadAtEnd: loadavg()
        .map((l) => l.toFixed(2))
        .join(' / '),
    },
    config: {
      quick: cfg.quick,
      durationSeconds: cfg.durationSeconds,
      concurrencies: cfg.concurrencies,
      poolSize: cfg.poolSize,
      scenarios: scenarios.map((s) => ({ name: s.name, endpoint: s.endpoint, audience: s.audience, variant: s.variant })),
      variantsAtAllConcurrencies: cfg.variantsAtAllConcurrencies,
      paced: { users: TARGETS.p95AtConcurrency, thinkMs: cfg.thinkMs, allScenarios: cfg.paced },
      customers: cfg.customers,
      activities: cfg.activities,
      sales: { opportunities: cfg.opportunities, leads: cfg.leads, quotes: cfg.quotes, period: salesPeriod },
      customerPage: pageRoles.map(pageScenarioName),
      batchTransfer: batchSelected
        ? { size: cfg.batchSize, batchesPerLevel: cfg.batches, backgroundUsers: cfg.batchBackground, thinkMs: cfg.thinkMs }
        : null,
      contracts: {
        contracts: cfg.contracts,
        linesPerContract: cfg.contractLines,
        reviews: reviewSelected ? cfg.contractReviews : null,
        submissions: submitSelected ? cfg.contractSubmits : null,
      },
    },
    data: {
      users: org.users.length,
      departments: org.departments.length,
      auditRowsGenerated: dataGen.auditRowsAdded,
      auditRowsAtStart,
      dataGen,
      customers: { atStart: Number(customerCounts.customers), contactsAtStart: Number(customerCounts.contacts), gen: customerGen },
      activities: { atStart: activitiesAtStart, gen: activityGen },
      sales: {
        atStart: salesCounts,
        gen: salesGen,
        kanbanTeam: kanbanTeam
          ? {
              departmentId: kanbanTeam.departmentId,
              code: kanbanTeam.code,
              manager: kanbanTeam.manager.username,
              reps: kanbanTeam.reps,
              open: kanbanTeam.open,
            }
          : null,
      },
    },
    targets: { ...TARGETS, customers: CUSTOMER_TARGETS, sales: SALES_TARGETS, contracts: CONTRACT_TARGETS },
    scenarios: rows,
    paced,
    customerPage,
    batchTransfer,
    contracts: {
      data: { atStart: contractCounts, gen: contractGen },
      inbox: contractInbox,
      review: contractReview,
      submit: contractSubmit,
    },
    startup,
    explain,
    baselineIncludes: BASELINE_INCLUDES,
    notes,
  };
  // A run of the contract scenarios only leaves latest.* (the other scenarios' numbers) alone.
  const contractsOnly = scenarios.every((sc) => sc.name.startsWith('contracts.')) && pageRoles.length === 0 && !batchSelected;
  const files = writeResults(result, { contractsOnly });
  console.log(
    `\n${scenarioTable(rows)}\n\n${startupTable(startup)}\n${paced.length ? `\nUsers with think time:\n${pacedTable(paced)}\n` : ''}` +
      (customerPage.length ? `\nCustomer 360 page:\n${pageTable(customerPage)}\n\nper request:\n${pageRequestTable(customerPage)}\n` : '') +
      (batchTransfer ? `\nBatch transfer:\n${batchTable(batchTransfer)}\n` : '') +
      (contractReview ? `\nContract review:\n${contractReviewTable(contractReview)}\n` : '') +
      (contractSubmit ? `\nConcurrent contract submissions:\n${contractSubmitTable(contractSubmit)}\n` : '') +
      `\nCPU per request:\n${cpuTable(rows)}\n`,
  );
  const missed = rows.filter((r) => !r.met).map((r) => `${r.scenario}@${r.concurrency}`);
  for (const p of paced) if (p.p95TargetMs !== TARGETS.p95Ms && !p.p95Met) missed.push(`${p.scenario} (paced)`);
  for (const p of customerPage) if (!p.met) missed.push(`${p.scenario} (${p.mode})`);
  for (const l of batchTransfer?.levels ?? []) if (!l.met) missed.push(`customers.batchTransfer (${l.backgroundUsers} background users)`);
  if (contractReview && !contractReview.met) missed.push(CONTRACT_REVIEW_SCENARIO);
  if (contractSubmit && !contractSubmit.met) missed.push(SUBMIT_SCENARIO);
  if (startup && !startup.coldMet) missed.push('cold start');
  if (startup && !startup.warmMet) missed.push('warm start');
  console.log(missed.length === 0 ? 'All targets met.' : `Targets missed: ${missed.join(', ')}`);
  console.log(`Results: ${[files.json, ...files.files].join('\n         ')}`);
}

main()
  .then(cleanupAll)
  .then(() => {
    log('done');
    process.exit(0);
  })
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await cleanupAll();
    process.exit(1);
  });
