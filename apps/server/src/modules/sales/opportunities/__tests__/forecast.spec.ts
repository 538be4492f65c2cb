import { describe, expect, it } from 'vitest';
import { buildForecast, periodMonths, weightedAmount } from '../forecast.ts';

describe('forecast periods', () => {
  it('turns a year, a quarter or a month into its months and a half-open date range', () => {
    expect(periodMonths('2026-Q4')).toEqual({ months: ['2026-10', '2026-11', '2026-12'], from: '2026-10-01', to: '2027-01-01' });
    expect(periodMonths('2026-Q1').to).toBe('2026-04-01');
    expect(periodMonths('2026-11')).toEqual({ months: ['2026-11'], from: '2026-11-01', to: '2026-12-01' });
    expect(periodMonths('2026').months).toHaveLength(12);
    expect(periodMonths('2026').to).toBe('2027-01-01');
  });
});

describe('forecast maths', () => {
  it('weights open amounts by probability, commits the probable ones, counts won fully, exact to the fen', () => {
    const f = buildForecast({
      period: '2026-Q4',
      currency: 'CNY',
      open: [
        // 100.01 × 55% = 55.0055 and 200.03 × 75% = 150.0225: summed exactly, rounded once (205.03).
        { ownerId: 'a', month: '2026-11', count: 2, amount: '300.04', weighted: '205.028', committed: '200.03' },
        { ownerId: 'b', month: '2026-12', count: 1, amount: '1000.00', weighted: '100.000', committed: '0' },
        // Outside the period: ignored.
        { ownerId: 'b', month: '2027-01', count: 1, amount: '5000.00', weighted: '5000', committed: '5000' },
      ],
      won: [{ ownerId: 'a', month: '2026-11', count: 1, amount: '999.99' }],
      ownerNames: new Map([['a', '黄磊']]),
    });
    expect(f.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(f.byMonth[0]).toMatchObject({ month: '2026-10', openCount: 0, weightedAmount: '0.00' });
    expect(f.byMonth[1]).toEqual({
      month: '2026-11',
      openCount: 2,
      pipelineAmount: '300.04',
      weightedAmount: '1205.02',
      committedAmount: '1200.02',
      wonCount: 1,
      wonAmount: '999.99',
    });
    expect(f.total).toMatchObject({ openCount: 3, pipelineAmount: '1300.04', weightedAmount: '1305.02', committedAmount: '1200.02' });
    expect(f.byOwner.map((o) => [o.ownerId, o.ownerName, o.weightedAmount])).toEqual([
      ['a', '黄磊', '1205.02'],
      ['b', null, '100.00'],
    ]);
    expect(f.byOwner[1]!.months.map((m) => m.weightedAmount)).toEqual(['0.00', '0.00', '100.00']);
  });

  it('rounds a weighted amount half-up to the fen', () => {
    expect(weightedAmount('100.01', 55)).toBe('55.01');
    expect(weightedAmount('0.10', 25)).toBe('0.03');
    expect(weightedAmount('1234567.89', 0)).toBe('0.00');
  });
});
