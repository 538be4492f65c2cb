import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from './config.ts';
import { CUSTOMER_TARGETS } from './customer-scenarios.ts';
import type { CpuUsage } from './cpu.ts';
import type { CustomerGenResult } from './customer-data.ts';
import type { DataGenResult } from './datagen.ts';
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
  };
  targets: typeof TARGETS;
  scenarios: ScenarioRow[];
  paced: PacedRow[];
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
    `Runs: ${String(r.config.durationSeconds)} s each, server and baseline; each connection is one signed-in session. Total bench time ${fmt(r.totalSeconds, 0)} s. Machine load (1-minute average, 2 cores shared with other work): ${String(env.loadAtStart)} at the start, ${String(env.loadAtEnd)} at the end; per run in the tables below.`,
    '',
    `Targets: list/detail p95 ≤ ${TARGETS.p95Ms} ms at ${TARGETS.p95AtConcurrency} users (customer lists ≤ ${CUSTOMER_TARGETS.listP95Ms} ms, the duplicate check ≤ ${CUSTOMER_TARGETS.duplicateCheckP95Ms} ms, judged with ${TARGETS.p95AtConcurrency} users who think); throughput ≥ ${TARGETS.minThroughputRatio} × raw-SQL baseline; cold start ≤ ${TARGETS.coldStartMs / 1000} s; warm start ≤ ${TARGETS.warmStartMs / 1000} s.`,
    '',
    scenarioTable(r.scenarios),
    '',
    startupTable(r.startup),
    '',
    ...(r.paced.length
      ? [
          '## Users with think time (customer scenarios always; the others with BENCH_PACED=1)',
          '',
          'Each virtual user has its own session, waits an exponential think time, sends one request, repeats: the latency at a load below saturation. The closed-loop runs above have no think time, so once the CPU is saturated their latency is connections ÷ throughput.',
          '',
          pacedTable(r.paced),
          '',
        ]
      : []),
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

export function writeResults(r: BenchResult): { json: string; latestJson: string; latestMd: string } {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = r.startedAt.replace(/:/g, '-');
  const json = join(resultsDir, `${stamp}.json`);
  const latestJson = join(resultsDir, 'latest.json');
  const latestMd = join(resultsDir, 'latest.md');
  const text = `${JSON.stringify(r, null, 2)}\n`;
  writeFileSync(json, text);
  writeFileSync(latestJson, text);
  writeFileSync(latestMd, markdownReport(r));
  return { json, latestJson, latestMd };
}
