/** Time comes from a clock so that tests can set "now". Storage is UTC; business dates use `timezone`. */
export interface Clock {
  readonly timezone: string;
  now(): Date;
  /** Today's business date (YYYY-MM-DD) in the business time zone. */
  today(): string;
}

export function businessDate(at: Date, timezone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function systemClock(timezone: string): Clock {
  return { timezone, now: () => new Date(), today: () => businessDate(new Date(), timezone) };
}

export type SettableClock = Clock & { set(at: Date | string): void; advance(ms: number): void };

/** A clock that stands still until told otherwise. */
export function settableClock(start: Date | string, timezone = 'Asia/Shanghai'): SettableClock {
  let current = new Date(start);
  return {
    timezone,
    now: () => new Date(current),
    today: () => businessDate(current, timezone),
    set(at) {
      current = new Date(at);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}
