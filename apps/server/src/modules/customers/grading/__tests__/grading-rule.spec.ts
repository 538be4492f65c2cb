import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_SETTINGS, effectiveGrade, gradeByRule, lookbackStart, lowerOf } from '../grading-rule.ts';

const settings = DEFAULT_GRADING_SETTINGS;
const facts = (signedAmount: string, extra: { overdueDays?: number | null; strategic?: boolean } = {}) => ({
  signedAmount,
  overdueDays: extra.overdueDays ?? null,
  strategic: extra.strategic ?? false,
});

describe('grading rule', () => {
  it('grades by the signed amount, each threshold counting from exactly its value', () => {
    expect(gradeByRule(facts('5000000.00'), settings)).toBe('A');
    expect(gradeByRule(facts('4999999.99'), settings)).toBe('B');
    expect(gradeByRule(facts('1000000'), settings)).toBe('B');
    expect(gradeByRule(facts('999999.99'), settings)).toBe('C');
    expect(gradeByRule(facts('1.00'), settings)).toBe('C');
    expect(gradeByRule(facts('0.99'), settings)).toBe('D');
    expect(gradeByRule(facts('0.00'), settings)).toBe('D');
  });

  it('compares exactly where floating point would not (sums of fen amounts at a threshold)', () => {
    // 0.1 + 0.2 style sums: 4999999.7 + 0.3 is exactly 5000000.0 as decimals.
    expect(gradeByRule(facts('5000000.000000000001'), settings)).toBe('A');
    expect(gradeByRule(facts('4999999.999999999999'), settings)).toBe('B');
    expect(gradeByRule(facts('90071992547409.93'), { ...settings, thresholdA: '90071992547409.93' })).toBe('A');
    expect(gradeByRule(facts('90071992547409.92'), { ...settings, thresholdA: '90071992547409.93' })).toBe('B');
  });

  it('grades a strategic customer A whatever it signed', () => {
    expect(gradeByRule(facts('0', { strategic: true }), settings)).toBe('A');
  });

  it('caps the grade at C when receivables are overdue by more than the cap days (strategic too)', () => {
    expect(gradeByRule(facts('8000000', { overdueDays: 91 }), settings)).toBe('C');
    expect(gradeByRule(facts('2000000', { overdueDays: 91 }), settings)).toBe('C');
    expect(gradeByRule(facts('0', { overdueDays: 91, strategic: true }), settings)).toBe('C');
    expect(gradeByRule(facts('8000000', { overdueDays: 90 }), settings)).toBe('A');
    // The cap never raises a grade.
    expect(gradeByRule(facts('0', { overdueDays: 400 }), settings)).toBe('D');
  });

  it('follows changed settings', () => {
    const custom = { ...settings, thresholdA: '2000000', thresholdB: '500000', thresholdC: '10000', overdueCapDays: 30 };
    expect(gradeByRule(facts('2000000'), custom)).toBe('A');
    expect(gradeByRule(facts('9999.99'), custom)).toBe('D');
    expect(gradeByRule(facts('2000000', { overdueDays: 31 }), custom)).toBe('C');
  });

  it('lets a manual override win and orders grades', () => {
    expect(effectiveGrade('B', 'A')).toBe('A');
    expect(effectiveGrade('B', null)).toBe('B');
    expect(lowerOf('A', 'C')).toBe('C');
    expect(lowerOf('D', 'C')).toBe('D');
  });

  it('starts the lookback at business midnight that many months back', () => {
    expect(lookbackStart('2026-11-02', 12, 'Asia/Shanghai').toISOString()).toBe('2025-11-01T16:00:00.000Z');
    // The 31st of a month back into a shorter month takes its last day.
    expect(lookbackStart('2026-03-31', 1, 'Asia/Shanghai').toISOString()).toBe('2026-02-27T16:00:00.000Z');
    expect(lookbackStart('2026-01-15', 1, 'UTC').toISOString()).toBe('2025-12-15T00:00:00.000Z');
  });
});
