import { Decimal } from 'decimal.js';
import type { Actor } from '../../../kernel/auth/actor.ts';
import { AppError } from '../../../kernel/errors.ts';
import { translate } from '../../../kernel/i18n.ts';
import { Money } from '../../../kernel/money.ts';
import type { QuoteApprovalSubject } from './quote-approval-gate.ts';
import { QuoteErrorCode } from './quotes.errors.ts';
import type { QuoteLineRow, QuoteRow, QuoteStatus, QuoteVersionRow } from './quotes.repository.ts';

/** "This cannot be done while the quote is <status>", the status in the actor's words. */
export function statusConflict(actor: Actor, status: QuoteStatus): AppError {
  return new AppError(QuoteErrorCode.QUOTE_STATUS_CONFLICT, { params: { status: translate(actor.locale, `quotes.status.${status}`) } });
}

/** The largest discount a version gives: the overall discount, or a line's effective discount. */
export function maxDiscountOf(v: QuoteVersionRow, lines: readonly QuoteLineRow[]): Decimal {
  return lines.reduce((max, l) => Decimal.max(max, l.effectiveDiscountPercent), new Money(v.overallDiscountPercent));
}

export function approvalSubject(q: QuoteRow, v: QuoteVersionRow, lines: readonly QuoteLineRow[]): QuoteApprovalSubject {
  return {
    quoteId: q.id,
    versionId: v.id,
    versionNo: v.versionNo,
    number: q.number,
    title: q.title,
    ownerId: q.ownerId,
    departmentId: q.departmentId,
    customerId: q.customerId,
    customerName: q.customerName,
    currency: v.currency,
    totalInclTax: v.totalInclTax,
    maxDiscountPercent: maxDiscountOf(v, lines).toFixed(2),
    limitPercent: new Money(v.limitPercent).toFixed(2),
    hasBelowFloor: lines.some((l) => l.flags.includes('below_floor')),
    reasons: v.approvalReasons,
    instanceId: v.approvalInstanceId,
  };
}
