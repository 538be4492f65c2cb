import { Decimal } from 'decimal.js';

/**
 * Money is exact: numeric in the database, decimal strings in JSON, Decimal here. Rounding is
 * half-up to the fen, as the payment-term and invoicing rules require.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Money = Decimal;

export function money(value: Decimal.Value): Decimal {
  return new Money(value);
}

/** Rounds half-up to the fen and formats with exactly two decimals: "1234.50". */
export function toMoneyString(value: Decimal.Value): string {
  return new Money(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export function sumMoney(values: Iterable<Decimal.Value>): Decimal {
  let total = new Money(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * Splits `total` by percentages: each share is `total × percent / 100` rounded half-up to the fen,
 * except the last, which takes what remains, so the shares always add up to the total exactly.
 */
export function splitByPercent(total: Decimal.Value, percents: readonly Decimal.Value[]): Decimal[] {
  const amount = new Money(total);
  const shares: Decimal[] = [];
  let allocated = new Money(0);
  percents.forEach((p, i) => {
    if (i === percents.length - 1) {
      shares.push(amount.minus(allocated));
    } else {
      const share = amount.times(p).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      allocated = allocated.plus(share);
      shares.push(share);
    }
  });
  return shares;
}
