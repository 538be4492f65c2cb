import { fileURLToPath } from 'node:url';

/** The repository root (bench/src/config.ts → ../../). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

export type BenchConfig = Readonly<{
  quick: boolean;
  /** Seconds per timed run (server and baseline each). */
  durationSeconds: number;
  /** Seconds of untimed load before the first timed run. */
  warmupSeconds: number;
  concurrencies: readonly number[];
  /** Only these scenarios (by name), or all. */
  scenarioFilter: readonly string[] | undefined;
  /** Variant scenarios (search, subtree, audit by entity) run at every concurrency, not only the first. */
  variantsAtAllConcurrencies: boolean;
  keep: boolean;
  skipStartup: boolean;
  /** Also measure latency with users who think between requests (see paced.ts). */
  paced: boolean;
  /** Mean think time of a paced user, ms. */
  thinkMs: number;
  /** Maintenance connection used to create and drop the bench database. */
  adminUrl: string;
  /** Use this database instead of creating one (not dropped at the end). */
  databaseUrl: string | undefined;
  totalUsers: number;
  auditRows: number;
  /** Customers in the database (the demo ones included) and contacts per customer on average. */
  customers: number;
  contactsPerCustomer: number;
  /** Activities in the database (the demo ones included). */
  activities: number;
  /** Opportunities in the database (the demo ones included), and the leads and quotes of the sales scenarios. */
  opportunities: number;
  leads: number;
  quotes: number;
  /** Contracts in the database (the demo ones included), their lines per contract on average. */
  contracts: number;
  contractLines: number;
  /** Reviews of the 200-line contract (timed, one after the other), and concurrent submissions. */
  contractReviews: number;
  contractSubmits: number;
  /** Customers per batch transfer, batches per background level, and the background levels (paced users). */
  batchSize: number;
  batches: number;
  batchBackground: readonly number[];
  /** Same pool size as the server's default (CRM_DB_POOL_MAX=20). */
  poolSize: number;
  adminPassword: string;
  demoPassword: string;
}>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The bench only ever talks to this machine. */
export function assertLoopback(url: string, name: string): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Error(`${name} is not a valid URL`);
  }
  if (!LOOPBACK.has(host)) throw new Error(`${name} must point to 127.0.0.1 (got host "${host}"): the bench only contacts this machine`);
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max} (got "${raw}")`);
  return n;
}

const flag = (v: string | undefined) => v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const quick = flag(env.BENCH_QUICK);
  const concurrencies = (env.BENCH_CONCURRENCY ?? '50,200')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`BENCH_CONCURRENCY: "${s}" is not a whole number from 1 to 1000`);
      return n;
    });
  if (concurrencies.length === 0) throw new Error('BENCH_CONCURRENCY is empty');
  const batchBackground = (env.BENCH_BATCH_BACKGROUND ?? '50,200')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`BENCH_BATCH_BACKGROUND: "${s}" is not a whole number from 1 to 1000`);
      return n;
    });
  if (batchBackground.length === 0) throw new Error('BENCH_BATCH_BACKGROUND is empty');
  const filter = env.BENCH_SCENARIOS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const adminUrl = env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  assertLoopback(adminUrl, 'BENCH_PG_ADMIN_URL');
  const databaseUrl = env.BENCH_DATABASE_URL || undefined;
  if (databaseUrl) assertLoopback(databaseUrl, 'BENCH_DATABASE_URL');
  return {
    quick,
    durationSeconds: positiveInt(env, 'BENCH_DURATION', quick ? 3 : 10, 3600),
    warmupSeconds: quick ? 1 : 3,
    concurrencies,
    scenarioFilter: filter && filter.length > 0 ? filter : undefined,
    variantsAtAllConcurrencies: flag(env.BENCH_VARIANTS_ALL),
    keep: flag(env.BENCH_KEEP),
    skipStartup: flag(env.BENCH_SKIP_STARTUP),
    paced: flag(env.BENCH_PACED),
    thinkMs: positiveInt(env, 'BENCH_THINK_MS', 500, 60_000),
    adminUrl,
    databaseUrl,
    totalUsers: positiveInt(env, 'BENCH_USERS', 2000, 100_000),
    auditRows: positiveInt(env, 'BENCH_AUDIT_ROWS', quick ? 50_000 : 1_000_000, 50_000_000),
    // The customer targets are about 100,000 customers: the quick run keeps the full count.
    customers: positiveInt(env, 'BENCH_CUSTOMERS', 100_000, 2_000_000),
    contactsPerCustomer: 3,
    activities: positiveInt(env, 'BENCH_ACTIVITIES', quick ? 200_000 : 1_000_000, 20_000_000),
    // The sales targets are about 200,000 opportunities: the quick run keeps the full count too.
    opportunities: positiveInt(env, 'BENCH_OPPORTUNITIES', 200_000, 5_000_000),
    leads: positiveInt(env, 'BENCH_LEADS', 20_000, 1_000_000),
    quotes: positiveInt(env, 'BENCH_QUOTES', 10_000, 1_000_000),
    // The contract targets are about 200,000 contracts with 2,000,000 lines: the quick run keeps them too.
    contracts: positiveInt(env, 'BENCH_CONTRACTS', 200_000, 5_000_000),
    contractLines: positiveInt(env, 'BENCH_CONTRACT_LINES', 10, 100),
    contractReviews: positiveInt(env, 'BENCH_CONTRACT_REVIEWS', quick ? 20 : 50, 10_000),
    contractSubmits: positiveInt(env, 'BENCH_CONTRACT_SUBMITS', 50, 500),
    // CUSTOMER_BATCH_LIMIT of the contracts: the API takes at most 500 customers per batch.
    batchSize: positiveInt(env, 'BENCH_BATCH_SIZE', 500, 500),
    batches: positiveInt(env, 'BENCH_BATCHES', quick ? 4 : 10, 1000),
    batchBackground,
    poolSize: 20,
    adminPassword: 'Bench-Admin-Pass-7731',
    demoPassword: 'Bench-Demo-Pass-7731',
  };
}
