import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeContractAmounts } from '../contract-amounts.ts';

const decimal = (maxInt: number, places: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** places - 1 }))
    .map(([i, f]) => `${i}.${String(f).padStart(places, '0')}`);

const line = fc.record({
  qty: decimal(100_000, 4).filter((q) => new Decimal(q).greaterThan(0)),
  unitPrice: decimal(2_000_000, 6),
  taxRate: fc.constantFrom('0', '0.03', '0.06', '0.09', '0.13'),
  standardCost: fc.option(decimal(1_000_000, 6), { nil: null }),
});

describe('contract amounts', () => {
  it('rounds each line half-up to the fen and splits tax so that excl. + tax = incl.', () => {
    const { lines, totals } = computeContractAmounts([{ qty: '3', unitPrice: '33.335', taxRate: '0.13', standardCost: '20' }]);
    expect(lines[0]!.amountInclTax.toFixed(2)).toBe('100.01'); // 100.005 → half-up
    expect(lines[0]!.amountExclTax.toFixed(2)).toBe('88.50'); // 100.01 / 1.13 = 88.504…
    expect(lines[0]!.taxAmount.toFixed(2)).toBe('11.51');
    expect(lines[0]!.marginAmount!.toFixed(2)).toBe('28.50');
    expect(totals.marginPercent!.toFixed(2)).toBe('32.20');
  });

  it('has no total margin when a line has no standard cost', () => {
    const { totals } = computeContractAmounts([
      { qty: '1', unitPrice: '113', taxRate: '0.13', standardCost: '50' },
      { qty: '1', unitPrice: '113', taxRate: '0.13', standardCost: null },
    ]);
    expect(totals.costAmount).toBeNull();
    expect(totals.marginPercent).toBeNull();
  });

  it('lines, tax and totals always add up exactly to the fen (property)', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (input) => {
        const { lines, totals } = computeContractAmounts(input);
        const sum = (pick: (l: (typeof lines)[number]) => Decimal) => lines.reduce((s, l) => s.plus(pick(l)), new Decimal(0));
        for (const [i, l] of lines.entries()) {
          expect(l.amountExclTax.plus(l.taxAmount).equals(l.amountInclTax)).toBe(true);
          expect(l.amountInclTax.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(l.amountExclTax.decimalPlaces()).toBeLessThanOrEqual(2);
          // Within half a fen of the exact product.
          const exact = new Decimal(input[i]!.qty).times(input[i]!.unitPrice);
          expect(l.amountInclTax.minus(exact).abs().lessThanOrEqualTo('0.005')).toBe(true);
        }
        expect(totals.amountInclTax.equals(sum((l) => l.amountInclTax))).toBe(true);
        expect(totals.amountExclTax.equals(sum((l) => l.amountExclTax))).toBe(true);
        expect(totals.taxAmount.equals(sum((l) => l.taxAmount))).toBe(true);
        expect(totals.amountExclTax.plus(totals.taxAmount).equals(totals.amountInclTax)).toBe(true);
        if (totals.costAmount !== null) {
          expect(totals.marginAmount!.equals(totals.amountExclTax.minus(totals.costAmount))).toBe(true);
          expect(totals.marginAmount!.equals(sum((l) => l.marginAmount!))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
