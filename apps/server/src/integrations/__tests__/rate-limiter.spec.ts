import { describe, expect, it } from 'vitest';
import { createRateLimiter, isRateLimitedError, RateLimitedError, type RateWindowStore } from '../rate-limiter.ts';

/** Windows in memory, counting like the database store does (take only below the limit). */
function memoryStore(): RateWindowStore & { used: Map<string, number> } {
  const used = new Map<string, number>();
  const id = (k: { system: string; windowMs: number; windowStart: Date }) => `${k.system}|${k.windowMs}|${k.windowStart.getTime()}`;
  return {
    used,
    async take(key, limit) {
      const n = used.get(id(key)) ?? 0;
      if (n >= limit) return false;
      used.set(id(key), n + 1);
      return true;
    },
    async giveBack(key) {
      used.set(id(key), Math.max(0, (used.get(id(key)) ?? 0) - 1));
    },
  };
}

/** A clock that only moves when someone sleeps on it. */
function fakeTime(start: number) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const T0 = 1_699_999_980_000; // a whole minute (and second)

describe('outbound rate limiter', () => {
  it('lets the limit through at once in a window, then makes the next caller wait for the next window', async () => {
    const time = fakeTime(T0 + 200);
    const limiter = createRateLimiter({
      system: 'qcc',
      rules: [{ limit: 3, windowMs: 1000 }],
      store: memoryStore(),
      defaultMaxWaitMs: 2000,
      now: time.now,
      sleep: time.sleep,
      random: () => 0,
    });
    for (let i = 0; i < 3; i++) expect(await limiter.acquire()).toEqual({ waitedMs: 0 });
    expect(await limiter.acquire()).toEqual({ waitedMs: 800 });
    expect(time.sleeps).toEqual([800]);
    expect(time.now()).toBe(T0 + 1000);
  });

  it('fails with the time to the next slot when waiting would take longer than the caller may wait', async () => {
    const time = fakeTime(T0 + 100);
    const limiter = createRateLimiter({
      system: 'qcc',
      rules: [{ limit: 1, windowMs: 60_000 }],
      store: memoryStore(),
      defaultMaxWaitMs: 3000,
      now: time.now,
      sleep: time.sleep,
      random: () => 0,
    });
    await limiter.acquire();
    const err = await limiter.acquire().catch((e: unknown) => e);
    expect(isRateLimitedError(err)).toBe(true);
    expect(err).toMatchObject({ system: 'qcc', retryAfterMs: 59_900, waitedMs: 0 });
    expect(time.sleeps).toEqual([]);
    // A batch that may wait a minute gets the next window's slot.
    expect(await limiter.acquire({ maxWaitMs: 60_000 })).toEqual({ waitedMs: 59_900 });
  });

  it('shares the limit between concurrent callers: exactly the limit gets through, the rest are refused', async () => {
    const store = memoryStore();
    const limiter = createRateLimiter({
      system: 'qcc',
      rules: [{ limit: 5, windowMs: 1000 }],
      store,
      defaultMaxWaitMs: 0,
      now: () => T0 + 10,
    });
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => limiter.acquire()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(7);
    expect(refused.every((r) => r.reason instanceof RateLimitedError)).toBe(true);
  });

  it('keeps a second’s slot free when the minute is full (the slot taken in vain is given back)', async () => {
    const store = memoryStore();
    const time = fakeTime(T0);
    const limiter = createRateLimiter({
      system: 'qcc',
      rules: [
        { limit: 10, windowMs: 1000 },
        { limit: 2, windowMs: 60_000 },
      ],
      store,
      defaultMaxWaitMs: 0,
      now: time.now,
      sleep: time.sleep,
    });
    await limiter.acquire();
    await limiter.acquire();
    await expect(limiter.acquire()).rejects.toBeInstanceOf(RateLimitedError);
    expect(store.used.get(`qcc|1000|${T0}`)).toBe(2);
    expect(store.used.get(`qcc|60000|${T0}`)).toBe(2);
  });

  it('ignores rules with a limit of 0 (no limit)', async () => {
    const store = memoryStore();
    const limiter = createRateLimiter({ system: 'qcc', rules: [{ limit: 0, windowMs: 1000 }], store, defaultMaxWaitMs: 0 });
    for (let i = 0; i < 50; i++) await limiter.acquire();
    expect(store.used.size).toBe(0);
  });

  it('spreads waiting callers over a few milliseconds so they do not all arrive at the window start', async () => {
    const time = fakeTime(T0 + 900);
    const limiter = createRateLimiter({
      system: 'qcc',
      rules: [{ limit: 1, windowMs: 1000 }],
      store: memoryStore(),
      defaultMaxWaitMs: 5000,
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5,
    });
    await limiter.acquire();
    await limiter.acquire();
    // 100 ms to the next window plus half of the 50 ms spread.
    expect(time.sleeps).toEqual([125]);
  });
});
