import { describe, expect, it } from 'vitest';
import { computeQuoteAmounts } from '../quote-amounts.ts';
import { DEFAULT_DISCOUNT_LIMITS, discountLimitFor, evaluateApproval, type ApprovalCheckLine } from '../quote-approval-rules.ts';

const limits = [
  ...DEFAULT_DISCOUNT_LIMITS,
  // A-grade customers: reps may give 12 %.
  { roleCode: 'sales_rep', customerGrade: 'A', maxDiscountPercent: '12' },
];

/** Lines priced from a 1,000.00 price-list price, with the given line discounts and overall discount. */
function check(lineDiscounts: string[], overall: string, limit: string, floor: string | null = null) {
  const { lines } = computeQuoteAmounts(
    lineDiscounts.map((d) => ({ qty: '2', unitPrice: '1000', discountPercent: d, taxRate: '0.13', referencePrice: '1000' })),
    overall,
  );
  const checkLines: ApprovalCheckLine[] = lines.map((l, i) => ({
    position: i + 1,
    productName: `P${i + 1}`,
    floorPrice: floor,
    netUnitPrice: l.netUnitPrice,
    effectiveDiscountPercent: l.effectiveDiscountPercent,
    lineOnlyDiscountPercent: l.lineOnlyDiscountPercent,
  }));
  return evaluateApproval({ lines: checkLines, overallDiscountPercent: overall, limitPercent: limit });
}

describe('discount limits', () => {
  it('a rep may give 10 %, a manager 20 %, a director 30 %; several roles take the highest', () => {
    expect(discountLimitFor(['sales_rep'], 'C', limits).toFixed()).toBe('10');
    expect(discountLimitFor(['sales_manager'], 'C', limits).toFixed()).toBe('20');
    expect(discountLimitFor(['sales_rep', 'sales_director'], 'B', limits).toFixed()).toBe('30');
  });

  it('a row for the customer grade wins over the role row for any grade', () => {
    expect(discountLimitFor(['sales_rep'], 'A', limits).toFixed()).toBe('12');
    expect(discountLimitFor(['sales_rep'], null, limits).toFixed()).toBe('10');
  });

  it('a role without a limit grants no discount', () => {
    expect(discountLimitFor(['finance'], 'A', limits).toFixed()).toBe('0');
    expect(discountLimitFor([], 'A', limits).toFixed()).toBe('0');
  });
});

describe('approval flags', () => {
  it('a discount at the limit passes; one fen of a percent beyond it needs approval', () => {
    expect(check(['10'], '0', '10').reasons).toEqual([]);
    const beyond = check(['10.01'], '0', '10');
    expect(beyond.lineFlags).toEqual([['discount_beyond_limit']]);
    expect(beyond.reasons).toMatchObject([
      { code: 'line_discount_beyond_limit', position: 1, discountPercent: '10.01', limitPercent: '10' },
    ]);
  });

  it('line and overall discounts compound: 6 % and 5 % are 10.7 % off', () => {
    const r = check(['6', '0'], '5', '10');
    expect(r.lineFlags).toEqual([['discount_beyond_limit'], []]);
    expect(r.reasons).toMatchObject([{ code: 'line_discount_beyond_limit', position: 1, discountPercent: '10.70' }]);
  });

  it('an overall discount beyond the limit is one reason; lines beyond it on their own are still named', () => {
    const r = check(['0', '15'], '12', '10');
    expect(r.lineFlags).toEqual([['discount_beyond_limit'], ['discount_beyond_limit']]);
    expect(r.reasons.map((x) => [x.code, x.position])).toEqual([
      ['overall_discount_beyond_limit', null],
      ['line_discount_beyond_limit', 2],
    ]);
  });

  it('a net price below the floor price needs approval even within the discount limit', () => {
    const r = check(['5'], '0', '10', '960');
    expect(r.lineFlags).toEqual([['below_floor']]);
    expect(r.reasons).toMatchObject([{ code: 'below_floor', position: 1, floorPrice: '960.00', netUnitPrice: '950.00' }]);
    expect(check(['4'], '0', '10', '960').reasons).toEqual([]);
  });

  it('a price typed below the price-list price counts as a discount', () => {
    const { lines } = computeQuoteAmounts(
      [{ qty: '1', unitPrice: '850', discountPercent: '0', taxRate: '0.13', referencePrice: '1000' }],
      '0',
    );
    const r = evaluateApproval({
      lines: [{ position: 1, productName: 'P1', floorPrice: null, ...lines[0]! }],
      overallDiscountPercent: '0',
      limitPercent: '10',
    });
    expect(r.reasons).toMatchObject([{ code: 'line_discount_beyond_limit', discountPercent: '15.00' }]);
  });
});
