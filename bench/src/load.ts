import autocannon from 'autocannon';
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
