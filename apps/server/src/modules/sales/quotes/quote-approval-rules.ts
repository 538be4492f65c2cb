import { BuiltinRole, type TQuoteApprovalReasonCode, type TQuoteLineFlag } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { Money } from '../../../kernel/money.ts';

/**
 * When a quote needs approval before it may be sent:
 * - a product line whose net unit price (after line and overall discounts) is below the product's
 *   floor price (底价);
 * - a line whose effective discount (from its price-list price, or the list price, after line and
 *   overall discounts; compared to two decimals) is beyond the discount limit;
 * - an overall discount that alone is beyond the limit (then the lines pushed over the limit only by
 *   it are not listed one by one).
 * The limit is the highest of the limits of the quote owner's roles, each role's row for the
 * customer's grade before its row for any grade; a role without a row grants no discount.
 */

export type DiscountLimitRow = { roleCode: string; customerGrade: string | null; maxDiscountPercent: string };

export const DEFAULT_DISCOUNT_LIMITS: readonly DiscountLimitRow[] = [
  { roleCode: BuiltinRole.salesRep, customerGrade: null, maxDiscountPercent: '10' },
  { roleCode: BuiltinRole.salesManager, customerGrade: null, maxDiscountPercent: '20' },
  { roleCode: BuiltinRole.salesDirector, customerGrade: null, maxDiscountPercent: '30' },
];

export function discountLimitFor(roleCodes: readonly string[], customerGrade: string | null, rows: readonly DiscountLimitRow[]): Decimal {
  let best = new Money(0);
  for (const role of roleCodes) {
    const forRole = rows.filter((r) => r.roleCode === role);
    const row =
      forRole.find((r) => r.customerGrade !== null && r.customerGrade === customerGrade) ?? forRole.find((r) => r.customerGrade === null);
    if (row && new Money(row.maxDiscountPercent).greaterThan(best)) best = new Money(row.maxDiscountPercent);
  }
  return best;
}

export type ApprovalCheckLine = {
  position: number;
  productName: string;
  floorPrice: Decimal.Value | null;
  netUnitPrice: Decimal;
  effectiveDiscountPercent: Decimal;
  lineOnlyDiscountPercent: Decimal;
};

/** A reason as stored with the version; the message is written when it is read (language, floor-price grant). */
export type StoredApprovalReason = {
  code: TQuoteApprovalReasonCode;
  position: number | null;
  productName: string | null;
  discountPercent: string | null;
  limitPercent: string | null;
  /** Only for readers allowed to see floor prices. */
  floorPrice: string | null;
  netUnitPrice: string | null;
};

const pct = (v: Decimal) => v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export function evaluateApproval(input: {
  lines: readonly ApprovalCheckLine[];
  overallDiscountPercent: Decimal.Value;
  limitPercent: Decimal.Value;
}): { lineFlags: TQuoteLineFlag[][]; reasons: StoredApprovalReason[] } {
  const limit = new Money(input.limitPercent);
  const overall = new Money(input.overallDiscountPercent);
  const overallBeyond = pct(overall).greaterThan(limit);
  const reasons: StoredApprovalReason[] = [];
  if (overallBeyond) {
    reasons.push({
      code: 'overall_discount_beyond_limit',
      position: null,
      productName: null,
      discountPercent: pct(overall).toFixed(2),
      limitPercent: limit.toFixed(),
      floorPrice: null,
      netUnitPrice: null,
    });
  }
  const lineFlags = input.lines.map((line) => {
    const flags: TQuoteLineFlag[] = [];
    if (line.floorPrice !== null && line.netUnitPrice.lessThan(line.floorPrice)) {
      flags.push('below_floor');
      reasons.push({
        code: 'below_floor',
        position: line.position,
        productName: line.productName,
        discountPercent: null,
        limitPercent: null,
        floorPrice: new Money(line.floorPrice).toFixed(2),
        netUnitPrice: line.netUnitPrice.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(2, Decimal.ROUND_HALF_UP),
      });
    }
    if (pct(line.effectiveDiscountPercent).greaterThan(limit)) {
      flags.push('discount_beyond_limit');
      const explainedByOverall = overallBeyond && !pct(line.lineOnlyDiscountPercent).greaterThan(limit);
      if (!explainedByOverall) {
        reasons.push({
          code: 'line_discount_beyond_limit',
          position: line.position,
          productName: line.productName,
          discountPercent: pct(line.effectiveDiscountPercent).toFixed(2),
          limitPercent: limit.toFixed(),
          floorPrice: null,
          netUnitPrice: null,
        });
      }
    }
    return flags;
  });
  return { lineFlags, reasons };
}
