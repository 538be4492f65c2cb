import pg from 'pg';
import { createRng } from './prng.ts';
import { bind, newRequestId, type RecordedQuery, type RequestPlan, type Scenario } from './scenarios.ts';
import type { Session } from './sessions.ts';
import { summarize, type RunStats } from './stats.ts';

/** drizzle's node-postgres driver reads date/time types as text; so does the baseline. */
const RAW_TYPE_OIDS = new Set([1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    RAW_TYPE_OIDS.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type BaselinePlan = { session: Session; plan: RequestPlan };

type Queryable = Pick<pg.Pool, 'query'>;

async function execute(db: Queryable, q: RecordedQuery, captureInput: string, input: string, requestId: string): Promise<void> {
  const { text, values } = bind(q, captureInput, input, requestId);
  if (q.rowMode) await db.query({ text, values, rowMode: 'array', types });
  else await db.query({ text, values });
}

/** A request whose statements open a transaction runs them all on one connection, as the server does. */
const isTransaction = (statements: readonly RecordedQuery[]) => statements.some((q) => /^\s*begin\b/i.test(q.text));

async function executeRequest(pool: pg.Pool, statements: readonly RecordedQuery[], captureInput: string, input: string, requestId: string) {
  if (!isTransaction(statements)) {
    for (const q of statements) await execute(pool, q, captureInput, input, requestId);
    return;
  }
  const client = await pool.connect();
  try {
    for (const q of statements) await execute(client, q, captureInput, input, requestId);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The raw-SQL baseline: `concurrency` workers, each bound to one session like an HTTP connection,
 * loop for `durationSeconds` over exactly the statements the server runs for one request of the
 * scenario (session lookup, the handler's queries, the audit insert), one after the other on a
 * pg.Pool of the server's size, with the same per-request inputs. One loop = one "request".
 * No HTTP, no Fastify, no drizzle query building or row mapping, no JSON serialisation.
 */
export async function runBaseline(opts: {
  pool: pg.Pool;
  scenario: Scenario;
  plans: readonly BaselinePlan[];
  concurrency: number;
  durationSeconds: number;
  seed: string;
}): Promise<RunStats> {
  const { scenario, plans, pool } = opts;
  if (plans.length === 0) throw new Error(`${scenario.name}: no baseline plans`);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const start = performance.now();
  const deadline = start + opts.durationSeconds * 1000;
  let end = start;
  const workers = Array.from({ length: opts.concurrency }, async (_, i) => {
    const { session, plan } = plans[i % plans.length]!;
    const rng = createRng(`${opts.seed}:${scenario.name}:${i}`);
    const statements = plan.statements;
    while (performance.now() < deadline) {
      const input = scenario.input(session, rng);
      const requestId = newRequestId();
      const t0 = performance.now();
      try {
        // A plan recorded per input replays one of its recorded requests as they were.
        const variant = plan.variants?.length ? plan.variants[rng.int(plan.variants.length)]! : undefined;
        if (variant) await executeRequest(pool, variant.statements, variant.input, variant.input, requestId);
        else await executeRequest(pool, statements, plan.captureInput, input, requestId);
        const t1 = performance.now();
        latencies.push(t1 - t0);
        if (t1 > end) end = t1;
      } catch (err) {
        errors++;
        firstError ??= err;
        if (errors > 1000) break;
      }
    }
  });
  await Promise.all(workers);
  if (errors > 0)
    console.warn(
      `  baseline ${scenario.name}: ${errors} errors, first: ${firstError instanceof Error ? firstError.message : String(firstError)}`,
    );
  return summarize({ latencies, durationS: (Math.max(end, deadline) - start) / 1000, statuses: {}, errors, timeouts: 0 });
}

/** Opens the pool's connections before the first timed run. */
export async function warmPool(pool: pg.Pool, size: number): Promise<void> {
  await Promise.all(Array.from({ length: size }, () => pool.query('select 1')));
}
