import type { TContractReview, TContractReviewFinding, TReviewLevel } from '@crm/contracts';

import { formatMoney } from '../../quotes/components/quote-format.ts';

export { formatMoney };

/** A unit price with at least two decimals ("285" → "¥285.00", "303.12576" stays), never through a float. */
export function formatUnitPrice(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined || value === '') return formatMoney(value, currency);
  const [whole = '0', fraction = ''] = value.split('.');
  return formatMoney(`${whole}.${fraction.padEnd(2, '0')}`, currency);
}

/**
 * A percentage typed as text ("30", "12.5", "33.33") in hundredths of a percent (3000, 1250, 3333),
 * read digit by digit so that sums are exact; null when the text is not such a number.
 */
export function percentToHundredths(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 9050 → "90.5", 10000 → "100", -1000 → "-10". */
export function hundredthsToPercent(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** A ratio from the server ("0.1834" or "18.34") is shown as it comes, with a percent sign. */
export function formatPercentValue(value: string | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined || value === '') return fallback;
  return `${value}%`;
}

const LEVEL_ORDER: Record<TReviewLevel, number> = { block: 0, warn: 1, pass: 2 };

/** The findings about a form field (not about one line), worst first. */
export function findingsFor(review: TContractReview | null | undefined, field: string): TContractReviewFinding[] {
  return (review?.findings ?? [])
    .filter((f) => f.field === field && !f.lineId && f.level !== 'pass')
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

/** The findings about one line, worst first. */
export function findingsForLine(review: TContractReview | null | undefined, lineId: string): TContractReviewFinding[] {
  return (review?.findings ?? [])
    .filter((f) => f.lineId === lineId && f.level !== 'pass')
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

/** The worst level of some findings, or null when there is nothing to say. */
export function worstLevel(findings: readonly TContractReviewFinding[]): TReviewLevel | null {
  if (findings.some((f) => f.level === 'block')) return 'block';
  if (findings.some((f) => f.level === 'warn')) return 'warn';
  return null;
}

/** antd's field status for a level: a block is an error, a warning a warning. */
export function fieldStatus(level: TReviewLevel | null): 'error' | 'warning' | undefined {
  if (level === 'block') return 'error';
  if (level === 'warn') return 'warning';
  return undefined;
}

export const levelOrder = LEVEL_ORDER;
