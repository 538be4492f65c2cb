/**
 * `npm run bench`: the CRM server under read load on PostgreSQL against a raw-SQL baseline, plus
 * cold and warm start on PGlite. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { runBaseline, warmPool, type BaselinePlan } from './baseline.ts';
import { createCpuMeter } from './cpu.ts';
import { loadBenchConfig, repoRoot, type BenchConfig } from './config.ts';
import { generateCustomers, hasCustomerBenchData, loadCustomerSamples, type CustomerGenResult } from './customer-data.ts';
import { customerScenarios } from './customer-scenarios.ts';
import { generateData, hasBenchData, type DataGenResult } from './datagen.ts';
import { benchDatabaseName, createDatabase, databaseUrl, dropDatabase, serverLikePool, serverVersion } from './db.ts';
import { runHttpLoad } from './load.ts';
import { runPacedLoad } from './paced.ts';
import {
  cpuTable,
  makeRow,
  scenarioTable,
  startupTable,
  TARGETS,
  writeResults,
  type BenchResult,
  type ExplainRow,
  type PacedRow,
  pacedTable,
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
import { loadOrg, login, mapLimit, pickCustomerUsers, pickUsers, visibility, type Org, type OrgUser, type Session } from './sessions.ts';
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
  const customerCounts = (
    await pool.query<{ customers: string; contacts: string }>(
      'select (select count(*) from customer) as customers, (select count(*) from contact) as contacts',
    )
  ).rows[0]!;
  const samples = await loadCustomerSamples(pool);
  const org = await loadOrg(pool);
  const auditRowsAtStart = Number((await pool.query<{ n: string }>('select count(*) as n from audit_entry')).rows[0]?.n ?? 0);

  /* 3. sessions */
  const maxConc = Math.max(...cfg.concurrencies);
  const allScenarios = [...SCENARIOS, ...customerScenarios(samples)];
  const scenarios = allScenarios.filter(
    (s) => !cfg.scenarioFilter || cfg.scenarioFilter.some((f) => s.name === f || s.name.startsWith(`${f}.`)),
  );
  if (scenarios.length === 0) throw new Error(`BENCH_SCENARIOS matches none of: ${allScenarios.map((s) => s.name).join(', ')}`);
  const needed = new Set(scenarios.map((s) => s.audience));
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
  };
  log(
    `signing in: mixed ${picked.mixed.length} (${['all', 'department', 'own'].map((s) => `${picked.mixed.filter((u) => u.scope === s).length} ${s}`).join(', ')}), audit readers ${picked.auditReaders.length}, ` +
      `customer reps ${customerPicked.reps.length}, managers ${customerPicked.managers.length}, directors ${customerPicked.directors.length} (of the scenarios chosen only)`,
  );
  const sessions = await signIn(server.baseUrl, cfg, org, Object.values(pickedByAudience).flat());
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

  /* 4. the SQL of each request, recorded from the server's own code */
  const recorder = await createRecorder({ url, pool, env: serverEnv });
  const plans = new Map<string, Map<string, RequestPlan>>();
  try {
    const allSessions = [...new Set(Object.values(audiences).flat())];
    // One request per session first: the recording is then the steady state (caches filled).
    await mapLimit(allSessions, 4, (session) =>
      recorder.warm(session, scenarios.find((s) => audienceOf(s).includes(session)) ?? scenarios[0]!),
    );
    for (const scenario of scenarios) {
      const byToken = new Map<string, RequestPlan>();
      await mapLimit([...new Set(audienceOf(scenario))], 4, async (session) => {
        byToken.set(session.token, await recorder.plan(scenario, session));
      });
      plans.set(scenario.name, byToken);
    }
    log(`recorded the SQL of ${scenarios.length} scenarios for ${allSessions.length} sessions`);
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
  const explain = await explainPlans(pool, explainItems);
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
    },
    data: {
      users: org.users.length,
      departments: org.departments.length,
      auditRowsGenerated: dataGen.auditRowsAdded,
      auditRowsAtStart,
      dataGen,
      customers: { atStart: Number(customerCounts.customers), contactsAtStart: Number(customerCounts.contacts), gen: customerGen },
    },
    targets: TARGETS,
    scenarios: rows,
    paced,
    startup,
    explain,
    baselineIncludes: BASELINE_INCLUDES,
    notes,
  };
  const files = writeResults(result);
  console.log(
    `\n${scenarioTable(rows)}\n\n${startupTable(startup)}\n${paced.length ? `\nUsers with think time:\n${pacedTable(paced)}\n` : ''}\nCPU per request:\n${cpuTable(rows)}\n`,
  );
  const missed = rows.filter((r) => !r.met).map((r) => `${r.scenario}@${r.concurrency}`);
  for (const p of paced) if (p.p95TargetMs !== TARGETS.p95Ms && !p.p95Met) missed.push(`${p.scenario} (paced)`);
  if (startup && !startup.coldMet) missed.push('cold start');
  if (startup && !startup.warmMet) missed.push('warm start');
  console.log(missed.length === 0 ? 'All targets met.' : `Targets missed: ${missed.join(', ')}`);
  console.log(`Results: ${files.json}\n         ${files.latestMd}`);
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
