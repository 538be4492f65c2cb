import type { TCustomerGrade } from '@crm/contracts';
import { zoneOffsetMs } from '../../../kernel/clock.ts';
import { money } from '../../../kernel/money.ts';

/** The grading rule's parameters (money as decimal strings). */
export type GradingRuleSettings = {
  thresholdA: string;
  thresholdB: string;
  thresholdC: string;
  lookbackMonths: number;
  overdueCapDays: number;
};

export type GradingFacts = {
  /** Signed amount in the lookback period, decimal string. */
  signedAmount: string;
  /** Days past due of the oldest unpaid installment; null when nothing is overdue. */
  overdueDays: number | null;
  strategic: boolean;
};

/** The defaults of DOMAIN.md ("Grading"), used until an administrator changes them. */
export const DEFAULT_GRADING_SETTINGS: GradingRuleSettings = {
  thresholdA: '5000000.00',
  thresholdB: '1000000.00',
  thresholdC: '1.00',
  lookbackMonths: 12,
  overdueCapDays: 90,
};

const ORDER: readonly TCustomerGrade[] = ['A', 'B', 'C', 'D'];

/**
 * A ≥ threshold A signed in the lookback period, or strategic; B ≥ threshold B; C ≥ threshold C;
 * D otherwise. Receivables overdue by more than the cap days cap the grade at C, strategic or not:
 * a customer that does not pay is not granted the terms of an A customer.
 */
export function gradeByRule(facts: GradingFacts, settings: GradingRuleSettings): TCustomerGrade {
  const signed = money(facts.signedAmount);
  let grade: TCustomerGrade;
  if (facts.strategic || signed.gte(settings.thresholdA)) grade = 'A';
  else if (signed.gte(settings.thresholdB)) grade = 'B';
  else if (signed.gte(settings.thresholdC)) grade = 'C';
  else grade = 'D';
  if (facts.overdueDays !== null && facts.overdueDays > settings.overdueCapDays) grade = lowerOf(grade, 'C');
  return grade;
}

/** The worse of two grades (D is the lowest). */
export function lowerOf(a: TCustomerGrade, b: TCustomerGrade): TCustomerGrade {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/** The grade a customer carries: a manual override wins over the rule. */
export function effectiveGrade(ruleGrade: TCustomerGrade, override: TCustomerGrade | null): TCustomerGrade {
  return override ?? ruleGrade;
}

/**
 * The start of the lookback period: the business date `months` before today (the same day of the
 * month, or the month's last day), at midnight in the business time zone, as a UTC instant.
 */
export function lookbackStart(today: string, months: number, timezone: string): Date {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) - months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const localMidnight = Date.UTC(year, month, Math.min(d, lastDay));
  return new Date(localMidnight - zoneOffsetMs(new Date(localMidnight), timezone));
}
