import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { createRng, type Rng } from './prng.ts';
import type { Scenario } from './scenarios.ts';
import type { Session } from './sessions.ts';
import { summarize, type RunStats } from './stats.ts';

/** One answered request of a paced user: when it was sent and answered (performance.now()), and its status. */
export type PacedSample = { start: number; end: number; status: number };

/**
 * The loop of `users` virtual users, each signed in with its own session: wait an exponentially
 * distributed think time (mean `thinkMs`), send one request of the scenario `pick` chooses, read
 * the answer, and repeat until `signal` aborts. Users start spread over one think time.
 */
async function pacedUsers(opts: {
  baseUrl: string;
  sessions: readonly Session[];
  users: number;
  thinkMs: number;
  seed: (i: number) => string;
  pick: (session: Session, rng: Rng) => Scenario;
  signal: AbortSignal;
  onAnswer: (sample: PacedSample) => void;
  onError: () => void;
}): Promise<void> {
  const { sessions, signal } = opts;
  // Every sleeping user listens to the signal.
  setMaxListeners(opts.users + 10, signal);
  const sleep = (ms: number) => delay(ms, undefined, { signal }).catch(() => undefined);
  await Promise.all(
    Array.from({ length: opts.users }, async (_, i) => {
      const session = sessions[i % sessions.length]!;
      const rng = createRng(opts.seed(i));
      await sleep(rng.next() * opts.thinkMs);
      while (!signal.aborted) {
        const scenario = opts.pick(session, rng);
        const input = scenario.input(session, rng);
        const path = scenario.path(session, input);
        const headers: Record<string, string> = {
          cookie: `crm_sid=${session.token}`,
          'user-agent': 'crm-bench',
          accept: 'application/json',
        };
        const post = scenario.body
          ? {
              method: 'POST',
              body: JSON.stringify(scenario.body(session, input)),
              headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
            }
          : { headers };
        const t0 = performance.now();
        try {
          const res = await fetch(`${opts.baseUrl}${path}`, { ...post, signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          opts.onAnswer({ start: t0, end: performance.now(), status: res.status });
        } catch {
          opts.onError();
        }
        await sleep(-Math.log(1 - rng.next()) * opts.thinkMs);
      }
    }),
  );
}

/**
 * Users with think time (customer and sales scenarios always, the others with BENCH_PACED=1): `users`
 * virtual users repeat one scenario with an exponential think time (mean `thinkMs`) between
 * requests. Unlike the closed-loop autocannon runs (no think time, so latency is connections /
 * throughput once the machine is saturated), this shows the latency a user sees when the server
 * is not driven to saturation.
 */
export async function runPacedLoad(opts: {
  baseUrl: string;
  scenario: Scenario;
  sessions: readonly Session[];
  users: number;
  durationSeconds: number;
  thinkMs: number;
  seed: string;
}): Promise<RunStats> {
  const { scenario } = opts;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  const signal = AbortSignal.timeout(opts.durationSeconds * 1000);
  await pacedUsers({
    baseUrl: opts.baseUrl,
    sessions: opts.sessions,
    users: opts.users,
    thinkMs: opts.thinkMs,
    seed: (i) => `${opts.seed}:${scenario.name}:${i}`,
    pick: () => scenario,
    signal,
    onAnswer: (s) => {
      statuses[s.status] = (statuses[s.status] ?? 0) + 1;
      if (s.status >= 200 && s.status < 300) latencies.push(s.end - s.start);
    },
    onError: () => errors++,
  });
  return summarize({ latencies, durationS: (performance.now() - start) / 1000, statuses, errors, timeouts: 0 });
}

/**
 * Background users with think time until stopped: each draws its next request from the
 * scenarios `scenariosFor` its session (e.g. the customer list and searches of its role).
 * `stop()` ends the loops and answers every request with its times, for statistics over any window.
 */
export function startPacedMix(opts: {
  baseUrl: string;
  sessions: readonly Session[];
  users: number;
  thinkMs: number;
  seed: string;
  scenariosFor: (session: Session) => readonly Scenario[];
}): { stop(): Promise<{ samples: PacedSample[]; errors: number; startedAt: number; stoppedAt: number }> } {
  const controller = new AbortController();
  const samples: PacedSample[] = [];
  let errors = 0;
  const startedAt = performance.now();
  const done = pacedUsers({
    baseUrl: opts.baseUrl,
    sessions: opts.sessions,
    users: opts.users,
    thinkMs: opts.thinkMs,
    seed: (i) => `${opts.seed}:mix:${i}`,
    pick: (session, rng) => rng.pick(opts.scenariosFor(session)),
    signal: controller.signal,
    onAnswer: (s) => samples.push(s),
    onError: () => errors++,
  });
  return {
    async stop() {
      const stoppedAt = performance.now();
      controller.abort();
      await done;
      return { samples, errors, startedAt, stoppedAt };
    },
  };
}

/** Statistics of the 2xx answers among `samples` that `keep` accepts, over `durationS` seconds. */
export function sampleStats(
  samples: readonly PacedSample[],
  durationS: number,
  errors: number,
  keep: (s: PacedSample) => boolean,
): RunStats {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  for (const s of samples) {
    if (!keep(s)) continue;
    statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    if (s.status >= 200 && s.status < 300) latencies.push(s.end - s.start);
  }
  return summarize({ latencies, durationS, statuses, errors, timeouts: 0 });
}
