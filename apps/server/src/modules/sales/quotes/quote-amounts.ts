import { Decimal } from 'decimal.js';
import { Money } from '../../../kernel/money.ts';

/**
 * The money of a quote, exact to the fen. One rounding rule (docs/quotes.md), always half-up:
 *
 * 1. line amount = qty × unit price × (1 − line discount %), rounded to the fen;
 * 2. subtotal = Σ line amounts;
 * 3. overall discount = subtotal × overall discount %, rounded to the fen;
 * 4. the overall discount is shared out over the lines by largest remainder: each line gets its
 *    exact share rounded down to the fen, and the fens still missing go one each to the lines with
 *    the largest cut-off remainders (ties: the earlier line). Every share is then within one fen of
 *    its exact value and never more than its line's amount;
 * 5. line amount incl. tax = line amount − its share; amount excl. tax = incl. tax ÷ (1 + tax
 *    rate), rounded to the fen; tax = incl. tax − excl. tax (as the e-invoice platform does it);
 * 6. totals are the sums of the line figures, so lines, tax and totals always add up exactly.
 *
 * Unit prices include tax (as the catalogue and price lists quote them).
 */

export type QuoteAmountLine = {
  qty: Decimal.Value;
  /** Incl. tax, before the line discount. */
  unitPrice: Decimal.Value;
  discountPercent: Decimal.Value;
  taxRate: Decimal.Value;
  /** The price-list (or list) price the discount is measured from; null for free-text lines. */
  referencePrice: Decimal.Value | null;
};

export type LineAmounts = {
  amount: Decimal;
  overallDiscountShare: Decimal;
  amountInclTax: Decimal;
  amountExclTax: Decimal;
  taxAmount: Decimal;
  /** unit price × (1 − line %) × (1 − overall %), exact (not rounded). */
  netUnitPrice: Decimal;
  /** Discount from the reference price the customer finally gets, in percent (exact). */
  effectiveDiscountPercent: Decimal;
  /** The same figure without the overall discount. */
  lineOnlyDiscountPercent: Decimal;
  /** qty × reference price (qty × unit price for free-text lines), rounded to the fen. */
  referenceAmount: Decimal;
};

export type QuoteTotalsAmounts = {
  referenceAmount: Decimal;
  subtotal: Decimal;
  overallDiscountAmount: Decimal;
  totalExclTax: Decimal;
  totalTax: Decimal;
  totalInclTax: Decimal;
};

const FEN = 2;
const HUNDRED = new Money(100);
const toFen = (v: Decimal) => v.toDecimalPlaces(FEN, Decimal.ROUND_HALF_UP);

/** Shares `total` (to the fen) out in proportion to the `exact` shares so that they add up to it exactly (largest remainder). */
export function allocateByLargestRemainder(total: Decimal, exact: readonly Decimal[]): Decimal[] {
  const floors = exact.map((e) => e.toDecimalPlaces(FEN, Decimal.ROUND_DOWN));
  let missingFens = total
    .minus(floors.reduce((s, f) => s.plus(f), new Money(0)))
    .times(100)
    .toNumber();
  const order = exact
    .map((e, i) => ({ i, remainder: e.minus(floors[i]!) }))
    .filter((x) => x.remainder.greaterThan(0))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  const shares = [...floors];
  for (const { i } of order) {
    if (missingFens <= 0) break;
    shares[i] = shares[i]!.plus('0.01');
    missingFens -= 1;
  }
  if (missingFens !== 0) throw new Error('allocation did not add up'); // cannot happen: see the rule above
  return shares;
}

/** Prices every line and the totals of a quote by the rule above. */
export function computeQuoteAmounts(
  lines: readonly QuoteAmountLine[],
  overallDiscountPercent: Decimal.Value,
): { lines: LineAmounts[]; totals: QuoteTotalsAmounts } {
  const overall = new Money(overallDiscountPercent);
  const keepAfterOverall = HUNDRED.minus(overall).dividedBy(HUNDRED);
  const base = lines.map((l) => {
    const qty = new Money(l.qty);
    const keepAfterLine = HUNDRED.minus(l.discountPercent).dividedBy(HUNDRED);
    const lineNet = new Money(l.unitPrice).times(keepAfterLine);
    const amount = toFen(qty.times(lineNet));
    const reference = l.referencePrice === null ? null : new Money(l.referencePrice);
    const netUnitPrice = lineNet.times(keepAfterOverall);
    // Free-text lines have no reference price: their discount is what the percentages take off.
    const discountFrom = (net: Decimal, keep: Decimal) =>
      reference === null
        ? HUNDRED.minus(keep.times(HUNDRED))
        : reference.isZero()
          ? new Money(0)
          : HUNDRED.minus(net.dividedBy(reference).times(HUNDRED));
    return {
      amount,
      netUnitPrice,
      effectiveDiscountPercent: discountFrom(netUnitPrice, keepAfterLine.times(keepAfterOverall)),
      lineOnlyDiscountPercent: discountFrom(lineNet, keepAfterLine),
      referenceAmount: toFen(qty.times(reference ?? l.unitPrice)),
      taxRate: new Money(l.taxRate),
    };
  });
  const subtotal = base.reduce((s, b) => s.plus(b.amount), new Money(0));
  const overallDiscountAmount = toFen(subtotal.times(overall).dividedBy(HUNDRED));
  const shares = allocateByLargestRemainder(
    overallDiscountAmount,
    base.map((b) => b.amount.times(overall).dividedBy(HUNDRED)),
  );
  const priced: LineAmounts[] = base.map((b, i) => {
    const amountInclTax = b.amount.minus(shares[i]!);
    const amountExclTax = toFen(amountInclTax.dividedBy(b.taxRate.plus(1)));
    return {
      amount: b.amount,
      overallDiscountShare: shares[i]!,
      amountInclTax,
      amountExclTax,
      taxAmount: amountInclTax.minus(amountExclTax),
      netUnitPrice: b.netUnitPrice,
      effectiveDiscountPercent: b.effectiveDiscountPercent,
      lineOnlyDiscountPercent: b.lineOnlyDiscountPercent,
      referenceAmount: b.referenceAmount,
    };
  });
  const sum = (pick: (l: LineAmounts) => Decimal) => priced.reduce((s, l) => s.plus(pick(l)), new Money(0));
  return {
    lines: priced,
    totals: {
      referenceAmount: sum((l) => l.referenceAmount),
      subtotal,
      overallDiscountAmount,
      totalExclTax: sum((l) => l.amountExclTax),
      totalTax: sum((l) => l.taxAmount),
      totalInclTax: sum((l) => l.amountInclTax),
    },
  };
}
