import dayjs, { type Dayjs } from 'dayjs';

export type CalendarView = 'month' | 'week';

export const DATE = 'YYYY-MM-DD';

/** Weeks start on Monday (the working week in China), whatever the interface language. */
export function startOfWeek(d: Dayjs): Dayjs {
  return d.startOf('day').subtract((d.day() + 6) % 7, 'day');
}

/** The days a view shows: whole weeks around the month, or the week of the anchor day. */
export function visibleDays(view: CalendarView, anchor: Dayjs): Dayjs[] {
  const first = view === 'month' ? startOfWeek(anchor.startOf('month')) : startOfWeek(anchor);
  const last = view === 'month' ? startOfWeek(anchor.endOf('month')).add(6, 'day') : first.add(6, 'day');
  const days: Dayjs[] = [];
  for (let d = first; !d.isAfter(last, 'day'); d = d.add(1, 'day')) days.push(d);
  return days;
}

/** The anchor one page earlier or later. */
export function shift(view: CalendarView, anchor: Dayjs, step: -1 | 1): Dayjs {
  return view === 'month' ? anchor.add(step, 'month').startOf('month') : anchor.add(step * 7, 'day');
}

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export const weekdayKey = (d: Dayjs): WeekdayKey => WEEKDAY_KEYS[(d.day() + 6) % 7]!;

/** A sensible due time for a task created on a day: 9:00, or the next full hour when that is past today. */
export function defaultDueOn(day: Dayjs, now = dayjs()): Dayjs {
  const nine = day.startOf('day').hour(9);
  if (!day.isSame(now, 'day') || now.isBefore(nine)) return nine;
  const next = now.add(1, 'hour').startOf('hour');
  return next.isSame(day, 'day') ? next : day.hour(23).minute(30).second(0).millisecond(0);
}
