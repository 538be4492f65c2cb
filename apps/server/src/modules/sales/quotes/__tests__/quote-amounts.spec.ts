import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByLargestRemainder, computeQuoteAmounts, type QuoteAmountLine } from '../quote-amounts.ts';
import { Money } from '../../../../kernel/money.ts';

/* An independent oracle: integer arithmetic on scaled values (BigInt), no decimal library. */

/** "12.34" → 1234n fens; fails on anything that is not a non-negative amount with at most two decimals. */
function fens(value: { toFixed(): string }): bigint {
  const text = value.toFixed();
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`not an amount to the fen: ${text}`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** n / d rounded half-up, for n ≥ 0, d > 0. */
const roundHalfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

const scaled = (n: bigint, decimals: number) => {
  const s = n.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
};

type ScaledLine = { q: bigint; p: bigint; d: bigint; r: bigint; ref: bigint | null };

const lineArb = fc.record({
  // qty with 4 decimals: 0.0001 … 100,000
  q: fc.bigInt({ min: 1n, max: 1_000_000_000n }),
  // unit price incl. tax with 6 decimals: 0 … 1,000,000
  p: fc.oneof(
    fc.bigInt({ min: 0n, max: 1_000_000_000_000n }),
    fc.bigInt({ min: 0n, max: 1000n }).map((x) => x * 10_000n),
  ),
  // line discount % with 4 decimals: 0 … 100
  d: fc.oneof(fc.constant(0n), fc.constant(1_000_000n), fc.bigInt({ min: 0n, max: 1_000_000n })),
  // tax rate with 4 decimals
  r: fc.oneof(fc.constantFrom(0n, 300n, 600n, 900n, 1300n), fc.bigInt({ min: 0n, max: 10_000n })),
  ref: fc.option(fc.bigInt({ min: 0n, max: 1_000_000_000_000n }), { nil: null }),
});

const toInput = (l: ScaledLine): QuoteAmountLine => ({
  qty: scaled(l.q, 4),
  unitPrice: scaled(l.p, 6),
  discountPercent: scaled(l.d, 4),
  taxRate: scaled(l.r, 4),
  referencePrice: l.ref === null ? null : scaled(l.ref, 6),
});

describe('quote amounts', () => {
  it('lines, overall discount, tax and totals always add up exactly, each rounded half-up to the fen', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 0, maxLength: 25 }),
        fc.oneof(fc.constant(0n), fc.constant(1_000_000n), fc.bigInt({ min: 0n, max: 1_000_000n })),
        (lines, overallScaled) => {
          const { lines: priced, totals } = computeQuoteAmounts(lines.map(toInput), scaled(overallScaled, 4));
          let subtotal = 0n;
          let shares = 0n;
          let incl = 0n;
          let excl = 0n;
          let tax = 0n;
          priced.forEach((p, i) => {
            const l = lines[i]!;
            const amount = fens(p.amount);
            // qty (1e-4) × price (1e-6) × keep (1e-6) = 1e-16 yuan = 1e-14 fen
            expect(amount).toBe(roundHalfUp(l.q * l.p * (1_000_000n - l.d), 10n ** 14n));
            const share = fens(p.overallDiscountShare);
            // within one fen of the exact share amount × overall / 100, never more than the line
            const exactShareTimes1e6 = amount * overallScaled;
            expect(share * 1_000_000n - exactShareTimes1e6 < 1_000_000n).toBe(true);
            expect(exactShareTimes1e6 - share * 1_000_000n < 1_000_000n).toBe(true);
            expect(share <= amount).toBe(true);
            const lineIncl = fens(p.amountInclTax);
            expect(lineIncl).toBe(amount - share);
            const lineExcl = fens(p.amountExclTax);
            expect(lineExcl).toBe(roundHalfUp(lineIncl * 10_000n, 10_000n + l.r));
            const lineTax = fens(p.taxAmount);
            expect(lineExcl + lineTax).toBe(lineIncl);
            // tax stays within a fen of excl. tax × rate (the e-invoice platform tolerates 6 fen)
            const diff = lineTax * 10_000n - lineExcl * l.r;
            expect(diff <= 10_000n && diff >= -10_000n).toBe(true);
            subtotal += amount;
            shares += share;
            incl += lineIncl;
            excl += lineExcl;
            tax += lineTax;
          });
          expect(fens(totals.subtotal)).toBe(subtotal);
          expect(fens(totals.overallDiscountAmount)).toBe(roundHalfUp(subtotal * overallScaled, 1_000_000n));
          expect(shares).toBe(fens(totals.overallDiscountAmount));
          expect(fens(totals.totalInclTax)).toBe(incl);
          expect(fens(totals.totalInclTax)).toBe(subtotal - fens(totals.overallDiscountAmount));
          expect(fens(totals.totalExclTax)).toBe(excl);
          expect(fens(totals.totalTax)).toBe(tax);
          expect(excl + tax).toBe(incl);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rounds half-up and gives the missing fens to the largest remainders, earlier lines first', () => {
    const three = Array.from({ length: 3 }, () => ({
      qty: '1',
      unitPrice: '0.01',
      discountPercent: '0',
      taxRate: '0.13',
      referencePrice: null,
    }));
    const { lines, totals } = computeQuoteAmounts(three, '50');
    // 0.03 × 50 % = 0.015 → 0.02 (half-up); each exact share is 0.005: the first two lines take a fen each.
    expect(totals.overallDiscountAmount.toFixed(2)).toBe('0.02');
    expect(lines.map((l) => l.overallDiscountShare.toFixed(2))).toEqual(['0.01', '0.01', '0.00']);
    expect(lines.map((l) => l.amountInclTax.toFixed(2))).toEqual(['0.00', '0.00', '0.01']);
    expect(totals.totalInclTax.toFixed(2)).toBe('0.01');
  });

  it('prices a typical meter line: 3 × 1,180.00 less 5 %, 13 % VAT, then 2 % overall', () => {
    const { lines, totals } = computeQuoteAmounts(
      [
        { qty: '3', unitPrice: '1180', discountPercent: '5', taxRate: '0.13', referencePrice: '1200' },
        { qty: '1', unitPrice: '99.99', discountPercent: '0', taxRate: '0.06', referencePrice: null },
      ],
      '2',
    );
    // 3 × 1180 × 0.95 = 3363.00; 99.99; subtotal 3462.99; 2 % = 69.2598 → 69.26
    expect(lines[0]!.amount.toFixed(2)).toBe('3363.00');
    expect(totals.subtotal.toFixed(2)).toBe('3462.99');
    expect(totals.overallDiscountAmount.toFixed(2)).toBe('69.26');
    // exact shares 67.26 and 1.9998: floors 67.26 + 1.99 = 69.25, the missing fen goes to the 0.0098 remainder
    expect(lines.map((l) => l.overallDiscountShare.toFixed(2))).toEqual(['67.26', '2.00']);
    expect(lines[0]!.amountInclTax.toFixed(2)).toBe('3295.74');
    // 3295.74 / 1.13 = 2916.584… → 2916.58, tax 379.16
    expect(lines[0]!.amountExclTax.toFixed(2)).toBe('2916.58');
    expect(lines[0]!.taxAmount.toFixed(2)).toBe('379.16');
    // from the 1200 price-list price: 1180 × 0.95 × 0.98 = 1098.58 → 8.45 % off
    expect(lines[0]!.effectiveDiscountPercent.toDecimalPlaces(2).toFixed(2)).toBe('8.45');
    expect(lines[0]!.lineOnlyDiscountPercent.toDecimalPlaces(2).toFixed(2)).toBe('6.58');
    expect(lines[1]!.effectiveDiscountPercent.toFixed(2)).toBe('2.00');
    expect(totals.totalInclTax.toFixed(2)).toBe('3393.73');
    expect(totals.totalExclTax.plus(totals.totalTax).toFixed(2)).toBe('3393.73');
    expect(totals.referenceAmount.toFixed(2)).toBe('3699.99');
  });

  it('an empty quote is zero everywhere', () => {
    const { totals } = computeQuoteAmounts([], '5');
    expect(Object.values(totals).map((v) => v.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
  });

  it('largest-remainder allocation keeps the total and refuses nothing', () => {
    const shares = allocateByLargestRemainder(
      new Money('0.05'),
      ['0.013', '0.013', '0.012', '0.012'].map((v) => new Money(v)),
    );
    expect(shares.map((s) => s.toFixed(2))).toEqual(['0.02', '0.01', '0.01', '0.01']);
  });
});
