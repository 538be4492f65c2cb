import type { TFunction } from 'i18next';
import { parsePeriod, toUnits, type TMetricUnit } from '@crm/contracts';
import { currentLanguage } from '../../../shared/i18n/i18n.ts';
import { formatDecimal } from '../../../shared/utils/format.ts';

const monthName = (month: number) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));

/** "2026年第四季度" / "Q4 2026", "2026年11月" / "Nov 2026", "2026年" / "2026". */
export function periodLabel(t: TFunction, period: string): string {
  const info = parsePeriod(period);
  if (!info) return period;
  if (info.kind === 'year') return t('targets.period.yearValue', { year: info.year });
  if (info.kind === 'quarter') return t('targets.period.quarterValue', { year: info.year, quarter: Number(period.slice(6)) });
  const month = Number(period.slice(5, 7));
  return t('targets.period.monthValue', { year: info.year, month, monthName: monthName(month) });
}

/** "11月" / "Nov" for a `YYYY-MM` month. */
export function monthLabel(t: TFunction, month: string): string {
  const m = Number(month.slice(5, 7));
  return t('targets.period.monthShort', { month: m, monthName: monthName(m) });
}

/** A metric value in full: money with separators and fen, counts as whole numbers. */
export function formatMetricValue(value: string | null | undefined, unit: TMetricUnit): string {
  if (value === null || value === undefined) return '—';
  return formatDecimal(unit === 'count' ? value.replace(/\.0+$/, '') : value);
}

/** A short money figure for charts and cards: 1.25亿 / 356.8万 in Chinese, 125M / 3.57M in English. */
export function formatCompact(value: string | null | undefined, unit: TMetricUnit): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'count') return formatMetricValue(value, unit);
  const yuan = Number(toUnits(value, 'amount') ?? 0n) / 100;
  const abs = Math.abs(yuan);
  const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));
  if (currentLanguage() === 'zh-CN') {
    if (abs >= 1e8) return `${trim(yuan / 1e8, 2)}亿`;
    if (abs >= 1e4) return `${trim(yuan / 1e4, abs >= 1e6 ? 0 : 1)}万`;
    return trim(yuan, 0);
  }
  if (abs >= 1e9) return `${trim(yuan / 1e9, 2)}B`;
  if (abs >= 1e6) return `${trim(yuan / 1e6, 2)}M`;
  if (abs >= 1e3) return `${trim(yuan / 1e3, 1)}K`;
  return trim(yuan, 0);
}

/** A number for charts (never used for sums: those stay exact on the server). */
export function chartNumber(value: string | null | undefined): number {
  return value ? Number(value) : 0;
}

/** Green from 100 %, blue on the way, orange when far behind, grey without a target. */
export function completionColor(completion: number | null): string {
  if (completion === null) return '#bfbfbf';
  if (completion >= 100) return '#52c41a';
  if (completion >= 60) return '#1677ff';
  return '#fa8c16';
}

export const formatCompletion = (completion: number | null) => (completion === null ? '—' : `${completion.toFixed(1)}%`);
