import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from './config.ts';
import type { ActivityGenResult } from './activity-data.ts';
import type { ContractCounts, ContractGenResult } from './contract-data.ts';
import { CONTRACT_TARGETS, type ContractReviewResult, type ContractSubmitResult } from './contract-scenarios.ts';
import type { BatchLevel, BatchRole } from './batch-transfer.ts';
import { CUSTOMER_PAGE, type PageStats } from './customer-page.ts';
import { CUSTOMER_TARGETS } from './customer-scenarios.ts';
import type { CpuUsage } from './cpu.ts';
import type { CustomerGenResult } from './customer-data.ts';
import type { DataGenResult } from './datagen.ts';
import type { SalesCounts, SalesGenResult } from './sales-data.ts';
import { SALES_TARGETS } from './sales-scenarios.ts';
import type { StartupResult } from './startup.ts';
import type { RunStats } from './stats.ts';

export const TARGETS = {
  /** List and detail p95 at 50 concurrent users, on PostgreSQL. */
  p95Ms: 50,
  p95AtConcurrency: 50,
  /** Server throughput against the raw-SQL baseline. */
  minThroughputRatio: 0.5,
  coldStartMs: 20_000,
  warmStartMs: 5_000,
} as const;

export type ScenarioRow = {
  scenario: string;
  endpoint: string;
  kind: 'list' | 'detail' | 'check';
  concurrency: number;
  /** Distinct signed-in users behind the connections (sessions = connections). */
  distinctUsers: number;
  server: RunStats;
  baseline: RunStats;
  /** CPU spent per request during each run, and how busy the machine was. */
  cpu: { server: CpuUsage; baseline: CpuUsage };
  /** Statements one request runs (recorded from the server), and what they are. */
  baselineStatements: number;
  statements: string[];
  throughputRatio: number;
  /**
   * The same ratio from CPU cost instead of req/s: (baseline pg + client CPU per request) ÷ (server
   * node + pg CPU per request). What the throughput ratio would be if the machine ran nothing else
   * (no load generator, no other processes); null without /proc.
   */
  cpuRatio: number | null;
  targets: { p95: { applies: boolean; met: boolean | null; ms: number }; throughput: { met: boolean } };
  /** 1-minute load average of the machine when the server run started (other engineers' work included). */
  load1: number;
  met: boolean;
};

export type PacedRow = {
  scenario: string;
  users: number;
  thinkMs: number;
  stats: RunStats;
  p95Met: boolean;
  p95TargetMs: number;
  load1: number;
};

/** One run of the customer 360 page: closed loop or with think time, for one role. */
export type PageRow = {
  scenario: string;
  mode: 'closed loop' | 'think time';
  users: number;
  thinkMs: number | null;
  stats: PageStats;
  p95TargetMs: number;
  /** Page p95 within the target, and every page complete. */
  met: boolean;
  load1: number;
};

export type BatchResult = {
  requestedSize: number;
  batchesPerLevel: number;
  pauseMs: number;
  plans: { role: BatchRole; actor: string; scope: string; customers: number; targets: string[] }[];
  /** The owner cap the pools were raised to (room for a whole batch on top of what a target owns). */
  ownerCap: { cap: number; pools: number } | null;
  levels: (BatchLevel & { met: boolean })[];
  targetMs: number;
};

/** The contracts scenarios' own results (the lists and inboxes are rows of `scenarios` and `paced`). */
export type ContractsResult = {
  data: { atStart: ContractCounts; gen: ContractGenResult };
  /** Pending approval tasks of the inbox scenarios' users, per role. */
  inbox: { role: string; users: number; min: number; median: number; max: number; total: number }[];
  review: ContractReviewResult | null;
  submit: ContractSubmitResult | null;
};

export type ExplainRow = {
  scenario: string;
  scope: string;
  statement: number;
  label: string;
  /** The statement and its parameters as the server sent them. */
  sql: string;
  params: unknown[];
  planningMs: number;
  executionMs: number;
  plan: string;
};

export type BenchResult = {
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  environment: Record<string, unknown>;
  config: Record<string, unknown>;
  data: {
    users: number;
    departments: number;
    auditRowsGenerated: number;
    auditRowsAtStart: number;
    dataGen: DataGenResult;
    customers: { atStart: number; contactsAtStart: number; gen: CustomerGenResult };
    activities: { atStart: number; gen: ActivityGenResult };
    sales: {
      atStart: SalesCounts;
      gen: SalesGenResult;
      /** The department subtree of the kanban scenario and its manager. */
      kanbanTeam: { departmentId: string; code: string; manager: string; reps: number; open: number } | null;
    };
  };
  targets: typeof TARGETS & { customers: typeof CUSTOMER_TARGETS; sales: typeof SALES_TARGETS; contracts: typeof CONTRACT_TARGETS };
  scenarios: ScenarioRow[];
  paced: PacedRow[];
  customerPage: PageRow[];
  batchTransfer: BatchResult | null;
  contracts: ContractsResult | null;
  startup: (StartupResult & { coldMet: boolean; warmMet: boolean }) | null;
  explain: ExplainRow[];
  baselineIncludes: string;
  notes: string[];
};

export function makeRow(
  input: Omit<ScenarioRow, 'throughputRatio' | 'cpuRatio' | 'targets' | 'met'> & { p95TargetMs?: number },
): ScenarioRow {
  const p95Ms = input.p95TargetMs ?? TARGETS.p95Ms;
  const ratio = input.baseline.rps > 0 ? input.server.rps / input.baseline.rps : Number.NaN;
  const b = input.cpu.baseline.perRequestMs;
  const sv = input.cpu.server.perRequestMs;
  const cpuRatio =
    b.postgres !== null && b.bench !== null && sv.server !== null && sv.postgres !== null && sv.server + sv.postgres > 0
      ? Math.round(((b.postgres + b.bench) / (sv.server + sv.postgres)) * 100) / 100
      : null;
  const p95Applies = input.concurrency === TARGETS.p95AtConcurrency;
  const p95Met = p95Applies ? input.server.latencyMs.p95 <= p95Ms : null;
  const tpMet = ratio >= TARGETS.minThroughputRatio;
  const non2xx = Object.entries(input.server.statuses).some(([code, n]) => n > 0 && !code.startsWith('2'));
  return {
    ...input,
    throughputRatio: Math.round(ratio * 100) / 100,
    cpuRatio,
    targets: { p95: { applies: p95Applies, met: p95Met, ms: p95Ms }, throughput: { met: tpMet } },
    met: (p95Met ?? true) && tpMet && !non2xx && input.server.ok > 0,
  };
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

function verdict(r: ScenarioRow): string {
  const misses: string[] = [];
  if (r.targets.p95.met === false) misses.push(`p95>${r.targets.p95.ms}ms`);
  if (!r.targets.throughput.met) misses.push(`ratio<${TARGETS.minThroughputRatio}`);
  const bad = Object.entries(r.server.statuses).filter(([code]) => !code.startsWith('2'));
  if (bad.length > 0) misses.push(`HTTP ${bad.map(([c, n]) => `${c}×${n}`).join(',')}`);
  if (r.server.errors > 0 || r.server.timeouts > 0) misses.push(`errors ${r.server.errors}, timeouts ${r.server.timeouts}`);
  return misses.length === 0 ? 'yes' : `NO (${misses.join('; ')})`;
}

export function scenarioTable(rows: ScenarioRow[]): string {
  const head = [
    'scenario',
    'conc',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'baseline req/s',
    'baseline p95 ms',
    'server/baseline',
    'target met?',
    'load 1m',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    String(r.concurrency),
    fmt(r.server.rps, 0),
    fmt(r.server.latencyMs.p50),
    fmt(r.server.latencyMs.p95),
    fmt(r.server.latencyMs.p99),
    fmt(r.baseline.rps, 0),
    fmt(r.baseline.latencyMs.p95),
    fmt(r.throughputRatio, 2),
    verdict(r),
    fmt(r.load1, 2),
  ]);
  return markdownTable(head, lines);
}

export function pacedTable(rows: PacedRow[]): string {
  return markdownTable(
    ['scenario', 'users', 'mean think ms', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'p95 target ms', 'met?', 'load avg 1 min'],
    rows.map((r) => [
      r.scenario,
      String(r.users),
      String(r.thinkMs),
      fmt(r.stats.rps, 0),
      fmt(r.stats.latencyMs.p50),
      fmt(r.stats.latencyMs.p95),
      fmt(r.stats.latencyMs.p99),
      String(r.p95TargetMs),
      r.p95Met ? 'yes' : 'NO',
      fmt(r.load1, 2),
    ]),
  );
}

export function pageTable(rows: PageRow[]): string {
  return markdownTable(
    [
      'scenario',
      'mode',
      'users',
      'pages/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'on open p95 ms',
      'failed pages',
      'p95 target ms',
      'met?',
      'load 1m',
    ],
    rows.map((r) => [
      r.scenario,
      r.thinkMs === null ? r.mode : `${r.mode} ${r.thinkMs} ms`,
      String(r.users),
      fmt(r.stats.pages.rps, 1),
      fmt(r.stats.pages.latencyMs.p50),
      fmt(r.stats.pages.latencyMs.p95),
      fmt(r.stats.pages.latencyMs.p99),
      fmt(r.stats.open.latencyMs.p95),
      String(r.stats.failedPages),
      String(r.p95TargetMs),
      r.met ? 'yes' : 'NO',
      fmt(r.load1, 2),
    ]),
  );
}

/** p95 of each request of the page, from the start of the page until its answer. */
export function pageRequestTable(rows: PageRow[]): string {
  return markdownTable(
    ['scenario', 'mode', ...CUSTOMER_PAGE.map((p) => `${p.key} p95 ms`)],
    rows.map((r) => [
      r.scenario,
      r.mode,
      ...CUSTOMER_PAGE.map((p) => {
        const st = r.stats.requests[p.key];
        const bad = Object.entries(r.stats.statuses[p.key] ?? {}).filter(([code]) => !code.startsWith('2'));
        return st ? `${fmt(st.latencyMs.p95)}${bad.length ? ` (HTTP ${bad.map(([c, n]) => `${c}×${n}`).join(',')})` : ''}` : 'n/a';
      }),
    ]),
  );
}

export function batchTable(b: BatchResult): string {
  return markdownTable(
    [
      'background users',
      'batches',
      'customers per batch',
      'p50 ms',
      'p95 ms',
      'max ms',
      'not done',
      'background req/s',
      'background p95 ms',
      'background p95 during batches ms',
      'target',
      'met?',
      'load 1m',
    ],
    b.levels.map((l) => {
      const sizes = [...new Set(b.plans.map((p) => p.customers))].join('/');
      const notDone = l.batches.filter((r) => r.status !== 200 || r.refused > 0);
      return [
        `${l.backgroundUsers} (think ${l.thinkMs} ms)`,
        String(l.batches.length),
        sizes,
        fmt(l.batchMs.latencyMs.p50, 0),
        fmt(l.batchMs.latencyMs.p95, 0),
        fmt(l.batchMs.latencyMs.max, 0),
        notDone.length === 0
          ? '0'
          : notDone.map((r) => (r.status !== 200 ? `HTTP ${r.status}` : `${r.refused} refused (${r.refusal ?? '?'})`)).join('; '),
        fmt(l.background.rps, 0),
        fmt(l.background.latencyMs.p95),
        fmt(l.backgroundDuringBatches.latencyMs.p95),
        `p95 ≤ ${b.targetMs} ms`,
        l.met ? 'yes' : 'NO',
        fmt(l.load1, 2),
      ];
    }),
  );
}

/** Where the CPU goes, per request: a view that depends much less on other load than req/s. */
export function cpuTable(rows: ScenarioRow[]): string {
  const ms = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  const pct = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)}%`);
  return markdownTable(
    [
      'scenario',
      'conc',
      'server: node ms/req',
      'server: pg ms/req',
      'autocannon ms/req',
      'baseline: pg ms/req',
      'baseline: client ms/req',
      'stmts/req',
      'CPU ratio',
      'machine busy (other)',
    ],
    rows.map((r) => [
      r.scenario,
      String(r.concurrency),
      ms(r.cpu.server.perRequestMs.server),
      ms(r.cpu.server.perRequestMs.postgres),
      ms(r.cpu.server.perRequestMs.bench),
      ms(r.cpu.baseline.perRequestMs.postgres),
      ms(r.cpu.baseline.perRequestMs.bench),
      String(r.baselineStatements),
      r.cpuRatio === null ? 'n/a' : r.cpuRatio.toFixed(2),
      `${pct(r.cpu.server.machineBusyPct)} (${pct(r.cpu.server.otherBusyPct)}) / ${pct(r.cpu.baseline.machineBusyPct)} (${pct(r.cpu.baseline.otherBusyPct)})`,
    ]),
  );
}

export function startupTable(s: BenchResult['startup']): string {
  if (!s) return '(startup not measured)';
  return markdownTable(
    ['start (PGlite)', 'seconds', 'target', 'met?', 'server CPU s', 'machine busy (other)'],
    [
      ['cold (empty data dir)', s.cold, TARGETS.coldStartMs, s.coldMet] as const,
      ['warm (same data dir)', s.warm, TARGETS.warmStartMs, s.warmMet] as const,
    ].map(([label, m, target, met]) => [
      label,
      fmt(m.ms / 1000, 2),
      `≤ ${target / 1000} s`,
      met ? 'yes' : 'NO',
      m.cpuMs === null ? 'n/a' : fmt(m.cpuMs / 1000, 2),
      m.machineBusyPct === null ? 'n/a' : `${m.machineBusyPct.toFixed(0)}% (${(m.otherBusyPct ?? 0).toFixed(0)}%)`,
    ]),
  );
}

function markdownTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function markdownReport(r: BenchResult): string {
  const env = r.environment;
  const g = r.data.dataGen;
  const explain = r.explain.length
    ? markdownTable(
        ['scenario', 'reader scope', 'stmt', 'statement', 'planning ms', 'execution ms'],
        r.explain.map((e) => [e.scenario, e.scope, String(e.statement), e.label, fmt(e.planningMs, 2), fmt(e.executionMs, 2)]),
      )
    : '(not collected)';
  return [
    `# CRM benchmark — ${r.startedAt}`,
    '',
    `Node ${String(env.node)}, PostgreSQL ${String(env.postgres)}, ${String(env.cpus)} CPU(s) (${String(env.cpuModel)}), commit ${String(env.commit)}.`,
    `Data: ${r.data.users} users, ${r.data.departments} departments, ${r.data.auditRowsAtStart.toLocaleString('en-US')} audit entries at the start of the timed runs` +
      (g.skipped
        ? ' (existing data reused).'
        : `; generated in ${fmt(g.ms.total / 1000)} s (org ${fmt(g.ms.departmentsAndUsers / 1000)} s, audit ${fmt(g.ms.audit / 1000)} s, VACUUM ANALYZE ${fmt(g.ms.vacuumAnalyze / 1000)} s).`),
    `Customers: ${r.data.customers.atStart.toLocaleString('en-US')} customers and ${r.data.customers.contactsAtStart.toLocaleString('en-US')} contacts` +
      (r.data.customers.gen.skipped
        ? ' (existing data reused).'
        : `; ${r.data.customers.gen.customers.toLocaleString('en-US')} generated in ${fmt(r.data.customers.gen.ms.total / 1000)} s (search keys by the server's code ${fmt(r.data.customers.gen.ms.keys / 1000)} s, overlapping the inserts; VACUUM ANALYZE ${fmt(r.data.customers.gen.ms.vacuumAnalyze / 1000)} s).`),
    activitiesLine(r.data.activities),
    salesLine(r.data.sales),
    `Runs: ${String(r.config.durationSeconds)} s each, server and baseline; each connection is one signed-in session. Total bench time ${fmt(r.totalSeconds, 0)} s. Machine load (1-minute average, 2 cores shared with other work): ${String(env.loadAtStart)} at the start, ${String(env.loadAtEnd)} at the end; per run in the tables below.`,
    '',
    `Targets: list/detail p95 ≤ ${TARGETS.p95Ms} ms at ${TARGETS.p95AtConcurrency} users (customer lists ≤ ${CUSTOMER_TARGETS.listP95Ms} ms, the duplicate check ≤ ${CUSTOMER_TARGETS.duplicateCheckP95Ms} ms, the customer 360 page ≤ ${CUSTOMER_TARGETS.page360P95Ms} ms until its last request answered, judged with ${TARGETS.p95AtConcurrency} users who think; a batch transfer of ${CUSTOMER_TARGETS.batchSize} customers p95 ≤ ${CUSTOMER_TARGETS.batchP95Ms / 1000} s under ${TARGETS.p95AtConcurrency} and 200 background users; sales at ${SALES_TARGETS.opportunities.toLocaleString('en-US')} opportunities with ${TARGETS.p95AtConcurrency} users: the kanban of a team with ${SALES_TARGETS.kanbanOpen.toLocaleString('en-US')} open opportunities ≤ ${SALES_TARGETS.kanbanP95Ms} ms, a director's performance summary ≤ ${SALES_TARGETS.performanceSummaryP95Ms} ms, a rep's own performance and the opportunity, lead and quote lists ≤ ${SALES_TARGETS.listP95Ms} ms); throughput ≥ ${TARGETS.minThroughputRatio} × raw-SQL baseline; cold start ≤ ${TARGETS.coldStartMs / 1000} s; warm start ≤ ${TARGETS.warmStartMs / 1000} s.`,
    '',
    scenarioTable(r.scenarios),
    '',
    startupTable(r.startup),
    '',
    ...(r.paced.length
      ? [
          '## Users with think time (customer and sales scenarios always; the others with BENCH_PACED=1)',
          '',
          'Each virtual user has its own session, waits an exponential think time, sends one request, repeats: the latency at a load below saturation. The closed-loop runs above have no think time, so once the CPU is saturated their latency is connections ÷ throughput.',
          '',
          pacedTable(r.paced),
          '',
        ]
      : []),
    ...(r.customerPage.length
      ? [
          '## Customer 360 page',
          '',
          `Each virtual user (its own session and up to six keep-alive connections, like a browser) opens the detail page of a customer it may see and fires the page's requests at once: ${CUSTOMER_PAGE.map((p) => `${p.key} (${p.section})`).join('; ')}. Page time = until the last answer; "on open" = until the requests the page makes before any tab is clicked (${CUSTOMER_PAGE.filter(
            (p) => p.onOpen,
          )
            .map((p) => p.key)
            .join(
              ', ',
            )}) had answered, in the same page loads. Closed loop: the next page at once; think time: an exponential pause between pages.`,
          '',
          pageTable(r.customerPage),
          '',
          'Per request (p95 from the start of the page until that answer):',
          '',
          pageRequestTable(r.customerPage),
          '',
        ]
      : []),
    ...(r.batchTransfer
      ? [
          '## Batch transfer',
          '',
          `\`POST /api/v1/customers/batch\` (action \`assign\` of customers that have an owner: a transfer), one batch at a time with ${fmt(r.batchTransfer.pauseMs / 1000)} s between two, by ${r.batchTransfer.plans
            .map(
              (p) =>
                `a sales ${p.role} (${p.actor}, ${p.scope} scope: ${p.customers} customers, alternately to ${p.targets.join(' and ')})`,
            )
            .join(
              ' and ',
            )}, in turns, while background users with think time run the customer list and searches of their role (60 % reps, 30 % managers, 10 % directors).` +
            (r.batchTransfer.ownerCap
              ? ` The owner cap of ${r.batchTransfer.ownerCap.pools} pool(s) was raised to ${r.batchTransfer.ownerCap.cap} first (the default 200 leaves no room for a whole batch).`
              : ''),
          '',
          batchTable(r.batchTransfer),
          '',
        ]
      : []),
    ...(hasContractResults(r)
      ? contractsSection(r)
      : ['## Contracts', '', 'Measured in runs of the contract scenarios only: see [contracts.md](contracts.md).', '']),
    '## CPU per request',
    '',
    'CPU milliseconds per completed request (from /proc), during the server run and during the baseline run. "CPU ratio" = (baseline pg + client) ÷ (server node + pg): the server/baseline throughput ratio the CPU costs imply when nothing else competes for the cores. "machine busy" is the share of all cores in use during the server run / the baseline run, "(other)" the part used by processes outside the bench (other work on a shared machine, PostgreSQL background processes).',
    '',
    cpuTable(r.scenarios),
    '',
    `Baseline: ${r.baselineIncludes}`,
    '',
    '## Statements per request (recorded from the server)',
    '',
    ...[...new Map(r.scenarios.map((x) => [x.scenario, x.statements])).entries()].map(([name, st]) => `- ${name}: ${st.join(' → ')}`),
    '',
    '## Single-request plans (EXPLAIN ANALYZE of the recorded SELECTs, idle server)',
    '',
    explain,
    '',
    ...(r.notes.length ? ['## Notes', '', ...r.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}

function salesLine(s: BenchResult['data']['sales']): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const c = s.atStart;
  const g = s.gen;
  const parts = [
    g.opportunities.skipped
      ? null
      : `${n(g.opportunities.opportunities)} opportunities with ${n(g.opportunities.stageChanges)} stage changes in ${fmt(g.opportunities.ms.total / 1000)} s (plan ${fmt(g.opportunities.ms.plan / 1000)} s, insert ${fmt(g.opportunities.ms.insert / 1000)} s, VACUUM ANALYZE ${fmt(g.opportunities.ms.vacuumAnalyze / 1000)} s${g.opportunities.steeredOpen ? `, ${n(g.opportunities.steeredOpen)} made open in the kanban team` : ''})`,
    g.targets.skipped ? null : `${n(g.targets.targets)} targets in ${fmt(g.targets.ms / 1000)} s`,
    g.leads.skipped ? null : `${n(g.leads.leads)} leads (${n(g.leads.activities)} activities) in ${fmt(g.leads.ms / 1000)} s`,
    g.quotes.skipped
      ? null
      : `${n(g.quotes.quotes)} quotes (${n(g.quotes.versions)} versions, ${n(g.quotes.lines)} lines) in ${fmt(g.quotes.ms / 1000)} s`,
  ].filter((p): p is string => p !== null);
  return (
    `Sales (relative to ${g.anchorDate}): ${n(c.opportunities)} opportunities (${n(c.open)} open, ${n(c.won)} won, ${n(c.lost)} lost) with ${n(c.stageChanges)} stage changes, ` +
    `${n(c.targets)} targets of the year (${n(c.targetUsers)} users, ${n(c.targetDepartments)} departments), ${n(c.leads)} leads, ${n(c.quotes)} quotes` +
    (s.kanbanTeam
      ? `; kanban team ${s.kanbanTeam.code} (manager ${s.kanbanTeam.manager}, ${n(s.kanbanTeam.reps)} reps, ${n(s.kanbanTeam.open)} open opportunities)`
      : '') +
    (parts.length ? `; generated ${parts.join(', ')}, ${fmt(g.ms.total / 1000)} s in all.` : ' (existing data reused).')
  );
}

function activitiesLine(a: BenchResult['data']['activities']): string {
  const g = a.gen;
  return (
    `Activities: ${a.atStart.toLocaleString('en-US')}` +
    (g.skipped
      ? ' (existing data reused).'
      : `; ${g.activities.toLocaleString('en-US')} generated over ${g.customers.toLocaleString('en-US')} customers in ${fmt(g.ms.total / 1000)} s (plan ${fmt(g.ms.plan / 1000)} s, insert ${fmt(g.ms.insert / 1000)} s, last_activity_at ${fmt(g.ms.lastActivity / 1000)} s with ${g.lastActivityFixed.toLocaleString('en-US')} customers changed, VACUUM ANALYZE ${fmt(g.ms.vacuumAnalyze / 1000)} s).`)
  );
}

/* ------------------------------------------------------------------ contracts */

const isContract = (name: string) => name.startsWith('contracts.');
const n0 = (v: number) => v.toLocaleString('en-US');

/** The contracts measured in this run: list or inbox rows, the review, the submissions. */
export function hasContractResults(r: BenchResult): boolean {
  return (
    !!r.contracts &&
    (r.scenarios.some((x) => isContract(x.scenario)) ||
      r.paced.some((x) => isContract(x.scenario)) ||
      !!r.contracts.review ||
      !!r.contracts.submit)
  );
}

export function contractReviewTable(c: ContractReviewResult): string {
  const bad = Object.entries(c.reviews.statuses).filter(([code]) => code !== '200');
  return markdownTable(
    [
      'scenario',
      'lines',
      'reviews',
      'req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'non-200',
      'server node ms/req',
      'pg ms/req',
      'target',
      'met?',
    ],
    [
      [
        'contracts.review.200lines',
        String(c.lines),
        String(c.reviews.ok),
        fmt(c.reviews.rps, 1),
        fmt(c.reviews.latencyMs.p50),
        fmt(c.reviews.latencyMs.p95),
        fmt(c.reviews.latencyMs.p99),
        fmt(c.reviews.latencyMs.max),
        bad.length ? bad.map(([code, k]) => `${code}×${k}`).join(', ') : '0',
        c.cpu?.perRequestMs.server === null || !c.cpu ? 'n/a' : c.cpu.perRequestMs.server.toFixed(2),
        c.cpu?.perRequestMs.postgres === null || !c.cpu ? 'n/a' : c.cpu.perRequestMs.postgres.toFixed(2),
        `p95 ≤ ${c.targetMs} ms`,
        c.met ? 'yes' : 'NO',
      ],
    ],
  );
}

export function contractSubmitTable(c: ContractSubmitResult): string {
  const statuses = Object.entries(c.statuses)
    .map(([code, k]) => `${code}×${k}`)
    .join(', ');
  return markdownTable(
    [
      'scenario',
      'drafts (reps)',
      'answers',
      'conflicts',
      'distinct numbers',
      'duplicates',
      'consecutive',
      'burst ms',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'server node ms/req',
      'pg ms/req',
      'met?',
    ],
    [
      [
        c.scenario,
        `${c.drafts} (${c.reps})`,
        statuses || 'none',
        String(c.conflicts),
        String(c.distinct),
        String(c.duplicates),
        c.consecutive ? 'yes' : `NO (${c.gaps} missing)`,
        String(c.burstMs),
        fmt(c.latency.latencyMs.p50),
        fmt(c.latency.latencyMs.p95),
        fmt(c.latency.latencyMs.p99),
        fmt(c.latency.latencyMs.max),
        c.cpu?.perRequestMs.server === null || !c.cpu ? 'n/a' : c.cpu.perRequestMs.server.toFixed(2),
        c.cpu?.perRequestMs.postgres === null || !c.cpu ? 'n/a' : c.cpu.perRequestMs.postgres.toFixed(2),
        c.met ? 'yes' : 'NO',
      ],
    ],
  );
}

function contractsDataLine(c: ContractsResult): string {
  const a = c.data.atStart;
  const g = c.data.gen;
  const statuses = Object.entries(a.byStatus)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${n0(v)} ${k}`)
    .join(', ');
  return (
    `Contracts: ${n0(a.contracts)} contracts (${statuses}), ${n0(a.versions)} versions (${n0(a.amendments)} amendments), ${n0(a.lines)} lines; ` +
    `${n0(a.instances)} contract approvals (${n0(a.running)} running, ${n0(a.pendingTasks)} pending tasks)` +
    (g.skipped
      ? ' (existing data reused).'
      : `; generated ${n0(g.contracts)} contracts, ${n0(g.versions)} versions, ${n0(g.lines)} lines, ${n0(g.instances)} approvals with ${n0(g.tasks)} tasks and ${n0(g.actions)} actions in ${fmt(g.ms.total / 1000)} s (plan ${fmt(g.ms.plan / 1000)} s, insert ${fmt(g.ms.insert / 1000)} s, CLUSTER ${fmt(g.ms.cluster / 1000)} s, VACUUM ANALYZE ${fmt(g.ms.vacuumAnalyze / 1000)} s).`)
  );
}

/** The contracts part of a report: data, the lists and inboxes, the review and the submissions. */
function contractsSection(r: BenchResult): string[] {
  const c = r.contracts;
  if (!c || !hasContractResults(r)) return [];
  const rows = r.scenarios.filter((x) => isContract(x.scenario));
  const paced = r.paced.filter((x) => isContract(x.scenario));
  return [
    '## Contracts',
    '',
    contractsDataLine(c),
    ...(c.inbox.length
      ? [
          '',
          `Inboxes (pending approval tasks of the inbox scenarios' users): ${c.inbox.map((i) => `${i.role} ${i.users} users, ${i.min} / ${i.median} / ${i.max} (min / median / max), ${n0(i.total)} in all`).join('; ')}.`,
        ]
      : []),
    '',
    `Targets: the contract list and the approval inbox p95 ≤ ${CONTRACT_TARGETS.listP95Ms} ms with ${TARGETS.p95AtConcurrency} users (judged on the think-time runs); the review of a ${CONTRACT_TARGETS.reviewLines}-line contract p95 ≤ ${CONTRACT_TARGETS.reviewP95Ms} ms on an otherwise idle server; ${CONTRACT_TARGETS.submissions} concurrent submissions all answered 200 with distinct, consecutive numbers.`,
    '',
    ...(rows.length ? ['Closed loop (no think time):', '', scenarioTable(rows), ''] : []),
    ...(paced.length ? [`${TARGETS.p95AtConcurrency} users with think time:`, '', pacedTable(paced), ''] : []),
    ...(c.review
      ? [
          `**Review of a ${c.review.lines}-line contract** — \`POST /api/v1/contracts/{id}/review\` on a draft made through the API by ${c.review.rep} for ${c.review.customer} (catalogue lines at list price; review level ${c.review.level}), ${c.review.warmup} untimed, then ${
            c.review.reviews.ok +
            Object.entries(c.review.reviews.statuses)
              .filter(([code]) => code !== '200')
              .reduce((s, [, k]) => s + k, 0)
          } one after the other, with no other load from the bench (the machine's own load: see the runs line):`,
          '',
          contractReviewTable(c.review),
          '',
          `Creating the draft (\`POST /api/v1/contracts\`, ${c.review.lines} lines) took ${fmt(c.review.createMs, 0)} ms; one \`PATCH /api/v1/contracts/{id}\` of all ${c.review.patch.lines} lines (every quantity changed) answered ${c.review.patch.status} in ${fmt(c.review.patch.ms, 0)} ms (informational). Statements of one review: ${c.review.statements.join(' → ') || 'not recorded'}.`,
          '',
        ]
      : []),
    ...(c.submit
      ? [
          `**Concurrent submissions** — ${c.submit.drafts} valid drafts (${c.submit.reps} sales reps, one of their customers each, 8 catalogue lines at list price, terms within the grade's rules; made in ${n0(c.submit.createMs)} ms), then every \`POST /api/v1/contracts/{id}/submit\` (with the record's version) started at once, each on its own connection:`,
          '',
          contractSubmitTable(c.submit),
          '',
          `Numbers: ${c.submit.numbers.length ? `${c.submit.numbers[0]} … ${c.submit.numbers.at(-1)}` : 'none'} (${c.submit.distinct} distinct, ${c.submit.duplicates} duplicates, ${c.submit.consecutive ? 'consecutive' : `${c.submit.gaps} missing in the sequence`}); the stored numbers ${c.submit.storedMatch ? 'match' : 'DO NOT match'} the answers. Routes the engine started: ${Object.entries(
            c.submit.routes,
          )
            .map(([k, v]) => `${k} ×${v}`)
            .join('; ')}.` + (c.submit.errors.length ? ` Errors: ${c.submit.errors.slice(0, 5).join('; ')}.` : ''),
          '',
        ]
      : []),
  ];
}

/** The contracts report on its own (bench/results/contracts.md): runs of the contract scenarios only. */
export function contractsMarkdown(r: BenchResult): string {
  const env = r.environment;
  const rows = r.scenarios.filter((x) => isContract(x.scenario));
  const explain = r.explain.filter((e) => isContract(e.scenario));
  return [
    `# CRM benchmark, contracts — ${r.startedAt}`,
    '',
    `Node ${String(env.node)}, PostgreSQL ${String(env.postgres)}, ${String(env.cpus)} CPU(s) (${String(env.cpuModel)}), commit ${String(env.commit)}. The other scenarios' numbers: [latest.md](latest.md).`,
    `Data: ${r.data.users} users, ${r.data.departments} departments, ${r.data.customers.atStart.toLocaleString('en-US')} customers, ${r.data.activities.atStart.toLocaleString('en-US')} activities, ${r.data.auditRowsAtStart.toLocaleString('en-US')} audit entries.`,
    salesLine(r.data.sales),
    `Runs: ${String(r.config.durationSeconds)} s each; each connection is one signed-in session. Total bench time ${fmt(r.totalSeconds, 0)} s. Machine load (1-minute average, 2 cores shared with other work): ${String(env.loadAtStart)} at the start, ${String(env.loadAtEnd)} at the end.`,
    '',
    ...contractsSection(r),
    ...(rows.length
      ? [
          '### CPU per request',
          '',
          cpuTable(rows),
          '',
          '### Statements per request (recorded from the server)',
          '',
          ...[...new Map(rows.map((x) => [x.scenario, x.statements])).entries()].map(([name, st]) => `- ${name}: ${st.join(' → ')}`),
          '',
        ]
      : []),
    ...(explain.length
      ? [
          '### Single-request plans (EXPLAIN ANALYZE of the recorded SELECTs, idle server)',
          '',
          markdownTable(
            ['scenario', 'reader scope', 'stmt', 'statement', 'planning ms', 'execution ms'],
            explain.map((e) => [e.scenario, e.scope, String(e.statement), e.label, fmt(e.planningMs, 2), fmt(e.executionMs, 2)]),
          ),
          '',
        ]
      : []),
    ...(r.notes.length ? ['### Notes', '', ...r.notes.map((x) => `- ${x}`), ''] : []),
  ].join('\n');
}

/**
 * Results: every run as `<start>.json`; a run of the contract scenarios only goes to
 * contracts.json / contracts.md and leaves latest.* (the other scenarios' numbers) alone; any
 * other run rewrites latest.*, and contracts.* too when it measured contracts.
 */
export function writeResults(r: BenchResult, opts: { contractsOnly: boolean }): { json: string; files: string[] } {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = r.startedAt.replace(/:/g, '-');
  const json = join(resultsDir, `${stamp}.json`);
  const text = `${JSON.stringify(r, null, 2)}\n`;
  writeFileSync(json, text);
  const files: string[] = [];
  const write = (name: string, content: string) => {
    const file = join(resultsDir, name);
    writeFileSync(file, content);
    files.push(file);
  };
  if (!opts.contractsOnly) {
    write('latest.json', text);
    write('latest.md', markdownReport(r));
  }
  if (hasContractResults(r)) {
    write('contracts.json', text);
    write('contracts.md', contractsMarkdown(r));
  }
  return { json, files };
}
