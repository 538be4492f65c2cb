import { setTimeout as delay } from 'node:timers/promises';
import autocannon from 'autocannon';
import type pg from 'pg';
import { processCpuMs } from './cpu.ts';
import { createRng } from './prng.ts';
import type { Scenario } from './scenarios.ts';
import type { Session } from './sessions.ts';
import { summarize, type RunStats } from './stats.ts';

/**
 * Drives the server with autocannon: `connections` keep-alive connections, each bound to one
 * session (connection i uses sessions[i % sessions.length], so with as many sessions as
 * connections every connection is a different signed-in user). Each request draws its input
 * (an id or a search term) from what that user can see.
 */
export function runHttpLoad(opts: {
  baseUrl: string;
  scenario: Scenario;
  sessions: readonly Session[];
  connections: number;
  durationSeconds: number;
  seed: string;
}): Promise<RunStats> {
  const { scenario, sessions } = opts;
  if (sessions.length === 0) throw new Error(`${scenario.name}: no sessions`);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let clientIndex = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.baseUrl,
        connections: opts.connections,
        duration: opts.durationSeconds,
        pipelining: 1,
        timeout: 30,
        setupClient(client) {
          const i = clientIndex++;
          const session = sessions[i % sessions.length]!;
          const rng = createRng(`${opts.seed}:${scenario.name}:${i}`);
          const headers = { cookie: `crm_sid=${session.token}`, 'user-agent': 'crm-bench', accept: 'application/json' };
          client.setRequests([
            {
              method: scenario.body ? 'POST' : 'GET',
              setupRequest(req) {
                const input = scenario.input(session, rng);
                req.path = scenario.path(session, input);
                req.headers = { ...req.headers, ...headers };
                if (scenario.body) {
                  req.body = JSON.stringify(scenario.body(session, input));
                  req.headers = { ...req.headers, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
                }
                return req;
              },
            },
          ]);
        },
      },
      (err, result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const durationS = result.duration;
        resolve(
          summarize({
            latencies,
            durationS,
            statuses: Object.fromEntries(statuses),
            errors: result.errors,
            timeouts: result.timeouts,
          }),
        );
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/**
 * Waits until the server has worked off what a closed-loop run left behind: autocannon stops at
 * the deadline without waiting for the answers to its last requests, which the server still runs
 * (for a slow endpoint, seconds of work that would otherwise fall into the next measurement). One
 * more request of the scenario, answered; then until, over a fifth of a second, the server process
 * used less than a tenth of a core (from /proc; skipped without it) and none of its statements was
 * active in the database — checked for at most three minutes.
 */
export async function drainServer(opts: {
  baseUrl: string;
  scenario: Scenario;
  session: Session;
  pool: pg.Pool;
  serverPid: number | undefined;
}): Promise<void> {
  const { scenario, session } = opts;
  const input = scenario.captureInput(session);
  const headers: Record<string, string> = { cookie: `crm_sid=${session.token}`, 'user-agent': 'crm-bench', accept: 'application/json' };
  try {
    const res = await fetch(`${opts.baseUrl}${scenario.path(session, input)}`, {
      ...(scenario.body
        ? {
            method: 'POST',
            body: JSON.stringify(scenario.body(session, input)),
            headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          }
        : { headers }),
      signal: AbortSignal.timeout(180_000),
    });
    await res.arrayBuffer();
  } catch {
    // A failed probe still waited for the queue in front of it; the checks below follow.
  }
  const WINDOW_MS = 200;
  const until = performance.now() + 180_000;
  while (performance.now() < until) {
    const before = opts.serverPid === undefined ? undefined : processCpuMs(opts.serverPid);
    await delay(WINDOW_MS);
    const after = opts.serverPid === undefined ? undefined : processCpuMs(opts.serverPid);
    const busy = before !== undefined && after !== undefined ? (after - before) / WINDOW_MS : 0;
    const { rows } = await opts.pool.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
    );
    if (busy < 0.1 && Number(rows[0]?.n ?? 0) === 0) return;
  }
}
