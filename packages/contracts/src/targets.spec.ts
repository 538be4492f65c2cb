import { describe, expect, it } from 'vitest';
import {
  completionPercent,
  fromUnits,
  normaliseValue,
  parsePeriod,
  periodOf,
  splitEvenly,
  subPeriods,
  sumValues,
  toUnits,
  unassignedRemainder,
} from './targets.ts';

describe('periods', () => {
  it('gives the dates and months of a year, a quarter and a month', () => {
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026')!.months).toHaveLength(12);
    expect(parsePeriod('2026-Q4')).toEqual({
      period: '2026-Q4',
      kind: 'quarter',
      year: 2026,
      from: '2026-10-01',
      to: '2026-12-31',
      months: ['2026-10', '2026-11', '2026-12'],
    });
    expect(parsePeriod('2028-02')).toMatchObject({ kind: 'month', from: '2028-02-01', to: '2028-02-29', months: ['2028-02'] });
    expect(parsePeriod('2026-Q1')!.to).toBe('2026-03-31');
  });

  it('refuses what is not a period', () => {
    for (const bad of ['2026-Q5', '2026-13', '2026-1', '26', '2026-Q0', '2026-00', '']) expect(parsePeriod(bad)).toBeUndefined();
  });

  it('finds the period of a date and the periods one level down', () => {
    expect(periodOf('2026-11-02', 'quarter')).toBe('2026-Q4');
    expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-04-01', 'month')).toBe('2026-04');
    expect(periodOf('2026-04-01', 'year')).toBe('2026');
    expect(subPeriods('2026')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(subPeriods('2026-Q2')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(subPeriods('2026-05')).toEqual([]);
  });
});

describe('units', () => {
  it('reads money to the fen and counts as whole numbers', () => {
    expect(toUnits('1234.5', 'amount')).toBe(123450n);
    expect(toUnits('0.01', 'amount')).toBe(1n);
    expect(toUnits('12', 'count')).toBe(12n);
    expect(toUnits('12.00', 'count')).toBe(12n);
    expect(toUnits('12.5', 'count')).toBeUndefined();
    expect(toUnits('1.234', 'amount')).toBeUndefined();
    expect(toUnits('abc', 'amount')).toBeUndefined();
    expect(fromUnits(-5n, 'amount')).toBe('-0.05');
    expect(normaliseValue('7', 'amount')).toBe('7.00');
  });

  it('adds values exactly where floating point would not', () => {
    expect(sumValues(['0.10', '0.20', null, '', '0.30'], 'amount')).toBe('0.60');
    expect(sumValues(['99999999999999.99', '0.01'], 'amount')).toBe('100000000000000.00');
  });
});

describe('even split', () => {
  it('gives each line an equal share and the fen left over to the first lines', () => {
    expect(splitEvenly('100.00', 3, 'amount')).toEqual(['33.34', '33.33', '33.33']);
    expect(splitEvenly('0.02', 3, 'amount')).toEqual(['0.01', '0.01', '0.00']);
    expect(splitEvenly('10', 4, 'count')).toEqual(['3', '3', '2', '2']);
    expect(splitEvenly('10', 0, 'count')).toEqual([]);
  });

  it('always adds up to the total', () => {
    for (const [total, parts] of [
      ['12345678.91', 7],
      ['1.00', 9],
      ['50000000.00', 13],
      ['0.00', 4],
    ] as const) {
      const lines = splitEvenly(total, parts, 'amount');
      expect(lines).toHaveLength(parts);
      expect(sumValues(lines, 'amount')).toBe(total);
      expect(unassignedRemainder(total, lines, 'amount')).toBe('0.00');
    }
  });
});

describe('remainder', () => {
  it('is what the lines leave of the total, negative when they exceed it', () => {
    expect(unassignedRemainder('1000.00', ['300.00', '250.50', null], 'amount')).toBe('449.50');
    expect(unassignedRemainder('10', ['6', '7'], 'count')).toBe('-3');
    expect(unassignedRemainder(null, ['6'], 'count')).toBeNull();
    expect(unassignedRemainder('500.00', [], 'amount')).toBe('500.00');
  });
});

describe('completion', () => {
  it('is actual over target in percent, half-up to one decimal', () => {
    expect(completionPercent('750000.00', '1000000.00')).toBe(75);
    expect(completionPercent('1', '3')).toBe(33.3);
    expect(completionPercent('2', '3')).toBe(66.7);
    expect(completionPercent('0.05', '1000.00')).toBe(0); // 0.005 % rounds to 0.0
    expect(completionPercent('0.5', '1000.00')).toBe(0.1); // 0.05 % rounds half-up
    expect(completionPercent('13', '10')).toBe(130);
    expect(completionPercent('0', '10')).toBe(0);
  });

  it('has none without a positive target or without an actual', () => {
    expect(completionPercent('10', null)).toBeNull();
    expect(completionPercent('10', '0')).toBeNull();
    expect(completionPercent('10', '0.00')).toBeNull();
    expect(completionPercent(null, '10')).toBeNull();
  });
});
