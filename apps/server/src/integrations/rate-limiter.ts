import type { RateLimiter } from './connector-kit.ts';

/** At most `limit` calls per window of `windowMs` (e.g. 5 per 1,000 ms, 200 per 60,000 ms). */
export type RateRule = { limit: number; windowMs: number };

/**
 * Fixed-window counters, shared by everyone who calls the same system. `take` adds one call to the
 * window starting at `windowStart` when it holds fewer than `limit` and says whether it did, atomically
 * (two concurrent callers never both get the last slot); `giveBack` returns a slot taken in vain.
 */
export interface RateWindowStore {
  take(key: { system: string; windowMs: number; windowStart: Date }, limit: number): Promise<boolean>;
  giveBack(key: { system: string; windowMs: number; windowStart: Date }): Promise<void>;
}

export class RateLimitedError extends Error {
  constructor(
    readonly system: string,
    /** When a call would next find room, in milliseconds from now. */
    readonly retryAfterMs: number,
    readonly waitedMs: number,
  ) {
    super(`${system}: outbound rate limit reached; next slot in ${retryAfterMs} ms`);
    this.name = 'RateLimitedError';
  }
}

export function isRateLimitedError(e: unknown): e is RateLimitedError {
  return e instanceof RateLimitedError;
}

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The outbound rate limiter of one external system. Each call takes a slot in every rule's current
 * window; when a window is full the caller waits for the next one (a small random spread keeps
 * waiting callers from arriving together), up to `maxWaitMs`, then gets `RateLimitedError`.
 * Rules with a limit of 0 are off. Time is real time, not the business clock: limits are about
 * how fast the other system is called.
 */
export function createRateLimiter(deps: {
  system: string;
  rules: readonly RateRule[];
  store: RateWindowStore;
  /** The longest an ordinary caller waits (a user in front of a form). */
  defaultMaxWaitMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}): RateLimiter {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? sleepMs;
  const random = deps.random ?? Math.random;
  // The longest window first: a full minute refuses before a second's slot is taken in vain.
  const rules = deps.rules.filter((r) => r.limit > 0).sort((a, b) => b.windowMs - a.windowMs);

  /** Takes a slot in every window, or answers how long until the full one ends. */
  async function tryTake(at: number): Promise<number | null> {
    const taken: { system: string; windowMs: number; windowStart: Date }[] = [];
    for (const rule of rules) {
      const start = Math.floor(at / rule.windowMs) * rule.windowMs;
      const key = { system: deps.system, windowMs: rule.windowMs, windowStart: new Date(start) };
      if (await deps.store.take(key, rule.limit)) {
        taken.push(key);
        continue;
      }
      for (const k of taken) await deps.store.giveBack(k);
      return start + rule.windowMs - at;
    }
    return null;
  }

  return {
    async acquire(opts = {}) {
      const maxWaitMs = opts.maxWaitMs ?? deps.defaultMaxWaitMs;
      const started = now();
      for (;;) {
        const at = now();
        const wait = await tryTake(at);
        if (wait === null) return { waitedMs: at - started };
        const waited = at - started;
        const pause = wait + Math.floor(random() * Math.min(50, wait + 1));
        if (waited + pause > maxWaitMs) throw new RateLimitedError(deps.system, wait, waited);
        await sleep(pause);
      }
    },
  };
}
