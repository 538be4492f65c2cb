import { Decimal } from 'decimal.js';
import { Money } from '../../kernel/money.ts';

/**
 * The money of a contract version, exact to the fen (docs/contracts.md):
 *
 * 1. line amount incl. tax = qty × unit price incl. tax, half-up to the fen;
 * 2. line amount excl. tax = incl. tax ÷ (1 + tax rate), half-up to the fen; tax = incl. − excl.
 *    (line by line, as the e-invoice platform rounds);
 * 3. line cost = qty × standard cost (excl. tax), half-up to the fen; margin = excl. tax − cost;
 *    margin % = margin ÷ excl. tax × 100 (2 decimals, half-up);
 * 4. totals are the sums of the line figures, so lines, tax and totals always add up exactly.
 * A line without a standard cost has no margin, and then neither has the total.
 */

export type ContractAmountLine = {
  qty: Decimal.Value;
  unitPrice: Decimal.Value;
  taxRate: Decimal.Value;
  standardCost: Decimal.Value | null;
};

export type ContractLineAmounts = {
  amountInclTax: Decimal;
  amountExclTax: Decimal;
  taxAmount: Decimal;
  costAmount: Decimal | null;
  marginAmount: Decimal | null;
  marginPercent: Decimal | null;
};

export type ContractTotalsAmounts = ContractLineAmounts;

const toFen = (v: Decimal) => v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export function marginPercentOf(margin: Decimal, amountExclTax: Decimal): Decimal | null {
  if (amountExclTax.isZero()) return null;
  return margin.dividedBy(amountExclTax).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function computeLineAmounts(line: ContractAmountLine): ContractLineAmounts {
  const qty = new Money(line.qty);
  const amountInclTax = toFen(qty.times(line.unitPrice));
  const amountExclTax = toFen(amountInclTax.dividedBy(new Money(line.taxRate).plus(1)));
  const costAmount = line.standardCost === null ? null : toFen(qty.times(line.standardCost));
  const marginAmount = costAmount === null ? null : amountExclTax.minus(costAmount);
  return {
    amountInclTax,
    amountExclTax,
    taxAmount: amountInclTax.minus(amountExclTax),
    costAmount,
    marginAmount,
    marginPercent: marginAmount === null ? null : marginPercentOf(marginAmount, amountExclTax),
  };
}

export function computeContractAmounts(lines: readonly ContractAmountLine[]): {
  lines: ContractLineAmounts[];
  totals: ContractTotalsAmounts;
} {
  const priced = lines.map(computeLineAmounts);
  const sum = (pick: (l: ContractLineAmounts) => Decimal) => priced.reduce((s, l) => s.plus(pick(l)), new Money(0));
  const amountExclTax = sum((l) => l.amountExclTax);
  const hasAllCosts = priced.every((l) => l.costAmount !== null);
  const costAmount = hasAllCosts ? sum((l) => l.costAmount!) : null;
  const marginAmount = costAmount === null ? null : amountExclTax.minus(costAmount);
  return {
    lines: priced,
    totals: {
      amountInclTax: sum((l) => l.amountInclTax),
      amountExclTax,
      taxAmount: sum((l) => l.taxAmount),
      costAmount,
      marginAmount,
      marginPercent: marginAmount === null ? null : marginPercentOf(marginAmount, amountExclTax),
    },
  };
}
