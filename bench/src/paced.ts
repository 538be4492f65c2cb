import { createRng } from './prng.ts';
import type { Scenario } from './scenarios.ts';
import type { Session } from './sessions.ts';
import { summarize, type RunStats } from './stats.ts';

/**
 * Users with think time (BENCH_PACED=1): `users` virtual users, each signed in with its own
 * session, wait an exponentially distributed think time (mean `thinkMs`), send one request, read
 * the answer, and repeat. Unlike the closed-loop autocannon runs (no think time, so latency is
 * connections / throughput once the machine is saturated), this shows the latency a user sees when
 * the server is not driven to saturation.
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
  const { scenario, sessions } = opts;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  const deadline = start + opts.durationSeconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    Array.from({ length: opts.users }, async (_, i) => {
      const session = sessions[i % sessions.length]!;
      const rng = createRng(`${opts.seed}:${scenario.name}:${i}`);
      // Users start spread over one think time, not all at once.
      await sleep(rng.next() * opts.thinkMs);
      while (performance.now() < deadline) {
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
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.ok) latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
        const think = -Math.log(1 - rng.next()) * opts.thinkMs;
        await sleep(Math.min(think, Math.max(0, deadline - performance.now())));
      }
    }),
  );
  return summarize({ latencies, durationS: (performance.now() - start) / 1000, statuses, errors, timeouts: 0 });
}
