/** Time comes from a clock so that tests can set "now". Storage is UTC; business dates use `timezone`. */
export interface Clock {
  readonly timezone: string;
  now(): Date;
  /** Today's business date (YYYY-MM-DD) in the business time zone. */
  today(): string;
}

/** One formatter per time zone and kind: making an Intl.DateTimeFormat costs far more than using it. */
function cachedFormat(cache: Map<string, Intl.DateTimeFormat>, timezone: string, make: () => Intl.DateTimeFormat) {
  let format = cache.get(timezone);
  if (!format) {
    format = make();
    cache.set(timezone, format);
  }
  return format;
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const instantFormats = new Map<string, Intl.DateTimeFormat>();

export function businessDate(at: Date, timezone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return cachedFormat(
    dateFormats,
    timezone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(at);
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

/** The wall-clock fields of an instant in the time zone (two digits each, the year four). */
export function zonedParts(
  at: Date,
  timezone: string,
): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const parts = cachedFormat(
    instantFormats,
    timezone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** "2026-11-02 10:00": an instant as people read it in the business time zone. */
export function businessDateTime(at: Date, timezone: string): string {
  const p = zonedParts(at, timezone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** How far the time zone is ahead of UTC at (about) the given instant, in milliseconds. */
export function zoneOffsetMs(at: Date, timezone: string): number {
  const p = zonedParts(at, timezone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a business date starts in the time zone (e.g. 2026-11-02 → 2026-11-01T16:00Z in Shanghai). */
export function startOfBusinessDay(date: string, timezone: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - zoneOffsetMs(utcMidnight, timezone));
}

/** Adds days to a business date (YYYY-MM-DD): calendar arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
