import {
  Permission,
  type TCustomerGrade,
  type TQuote,
  type TQuoteActions,
  type TQuoteApprovalReason,
  type TQuoteLine,
  type TQuoteLineFlag,
  type TQuoteListItem,
  type TQuoteTotals,
  type TQuoteVersionSummary,
} from '@crm/contracts';
import { type Decimal } from 'decimal.js';
import { hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import { translate } from '../../../kernel/i18n.ts';
import { Money, toMoneyString } from '../../../kernel/money.ts';
import { canSeeProductField } from '../../products/index.ts';
import type { StoredApprovalReason } from './quote-approval-rules.ts';
import type { QuoteTotalsAmounts } from './quote-amounts.ts';
import type { PricedLine } from './quote-pricing.ts';
import type { QuoteLineRow, QuoteRow, QuoteVersionRow } from './quotes.repository.ts';

/** "1180.000000" → "1180.00", "12.345600" → "12.3456": at least two decimals, no trailing zeros beyond. */
export function priceString(value: string): string {
  const d = new Money(value);
  return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
}

/** "3.0000" → "3", "0.1300" → "0.13". */
export const plainNumber = (value: string): string => new Money(value).toFixed();

export function totalsDto(t: QuoteTotalsAmounts | QuoteVersionRow, overallDiscountPercent: string): TQuoteTotals {
  const s = (v: Decimal | string) => toMoneyString(v);
  return {
    referenceAmount: s(t.referenceAmount),
    subtotal: s(t.subtotal),
    overallDiscountPercent: plainNumber(overallDiscountPercent),
    overallDiscountAmount: s(t.overallDiscountAmount),
    totalExclTax: s(t.totalExclTax),
    totalTax: s(t.totalTax),
    totalInclTax: s(t.totalInclTax),
  };
}

export function lineDto(actor: Actor, row: QuoteLineRow | (PricedLine & { id?: string | null })): TQuoteLine {
  return {
    id: row.id ?? null,
    position: row.position,
    productId: row.productId ?? null,
    materialCode: row.materialCode ?? null,
    name: row.name,
    spec: row.spec ?? null,
    unit: row.unit ?? null,
    qty: plainNumber(row.qty),
    listPrice: row.listPrice ? priceString(row.listPrice) : null,
    resolvedPrice: row.resolvedPrice ? priceString(row.resolvedPrice) : null,
    priceSource: row.priceSource,
    unitPrice: priceString(row.unitPrice),
    discountPercent: plainNumber(row.discountPercent ?? '0'),
    netUnitPrice: priceString(row.netUnitPrice),
    taxRate: plainNumber(row.taxRate),
    amount: toMoneyString(row.amount),
    overallDiscountShare: toMoneyString(row.overallDiscountShare),
    amountInclTax: toMoneyString(row.amountInclTax),
    amountExclTax: toMoneyString(row.amountExclTax),
    taxAmount: toMoneyString(row.taxAmount),
    effectiveDiscountPercent: new Money(row.effectiveDiscountPercent).toFixed(2),
    flags: (row.flags ?? []) as TQuoteLineFlag[],
    floorPrice: row.floorPrice && canSeeProductField(actor, 'floorPrice') ? priceString(row.floorPrice) : null,
    notes: row.notes ?? null,
  };
}

/** The reason in the reader's words; a reader without the floor-price grant never sees the figure. */
export function reasonDto(actor: Actor, r: StoredApprovalReason): TQuoteApprovalReason {
  const seesFloor = canSeeProductField(actor, 'floorPrice');
  const params = {
    position: r.position,
    product: r.productName,
    discount: r.discountPercent,
    limit: r.limitPercent,
    net: r.netUnitPrice,
    floor: r.floorPrice,
  };
  const key = r.code === 'below_floor' && seesFloor ? 'quotes.reason.below_floor_figures' : `quotes.reason.${r.code}`;
  return {
    code: r.code,
    position: r.position,
    productName: r.productName,
    discountPercent: r.discountPercent,
    limitPercent: r.limitPercent,
    message: translate(actor.locale, key, params),
  };
}

export function versionSummaryDto(v: QuoteVersionRow, currentVersionId: string | null, names: Map<string, string>): TQuoteVersionSummary {
  return {
    id: v.id,
    versionNo: v.versionNo,
    status: v.status,
    totalInclTax: toMoneyString(v.totalInclTax),
    validUntil: v.validUntil,
    requiresApproval: v.requiresApproval,
    createdAt: iso(v.createdAt),
    createdByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
    isCurrent: v.id === currentVersionId,
  };
}

/** What the reader may do with the version shown; the service checks every action again. */
export function actionsFor(actor: Actor, q: QuoteRow, v: QuoteVersionRow, lineCount: number, canDecideByHand: boolean): TQuoteActions {
  const write = hasPermission(actor, Permission.quoteWrite);
  const current = v.id === q.currentVersionId;
  const status = v.status;
  const none: TQuoteActions = {
    edit: false,
    submit: false,
    withdraw: false,
    approve: false,
    send: false,
    accept: false,
    reject: false,
    newVersion: false,
  };
  if (!current) return none;
  return {
    edit: write && status === 'draft',
    submit: write && status === 'draft' && lineCount > 0,
    withdraw: write && status === 'needs_approval' && actor.userId === q.ownerId,
    approve: status === 'needs_approval' && canDecideByHand,
    send: write && lineCount > 0 && (status === 'approved' || (status === 'draft' && !v.requiresApproval)),
    accept: write && status === 'sent',
    reject: write && status === 'sent',
    newVersion: write && ['needs_approval', 'approved', 'sent', 'rejected', 'expired'].includes(status),
  };
}

export function quoteDto(
  actor: Actor,
  input: {
    quote: QuoteRow;
    version: QuoteVersionRow;
    lines: QuoteLineRow[];
    versions: QuoteVersionRow[];
    /** User and department names by id. */
    names: Map<string, string>;
    ownerDepartmentName: string | null;
    customerGrade: TCustomerGrade | null;
    canDecideByHand: boolean;
  },
): TQuote {
  const { quote: q, version: v, names } = input;
  return {
    id: q.id,
    number: q.number,
    title: q.title,
    opportunityId: q.opportunityId,
    opportunityName: q.opportunityName,
    customerId: q.customerId,
    customerName: q.customerName,
    customerGrade: input.customerGrade,
    ownerId: q.ownerId,
    ownerName: names.get(q.ownerId) ?? null,
    departmentId: q.departmentId,
    departmentName: input.ownerDepartmentName,
    currency: v.currency,
    status: v.status,
    versionId: v.id,
    versionNo: v.versionNo,
    isCurrentVersion: v.id === q.currentVersionId,
    currentVersionNo: q.currentVersionNo,
    validUntil: v.validUntil,
    priceDate: v.priceDate,
    paymentTerms: v.paymentTerms,
    deliveryTerms: v.deliveryTerms,
    notes: v.notes,
    lines: input.lines.map((l) => lineDto(actor, l)),
    totals: totalsDto(v, v.overallDiscountPercent),
    approval: {
      required: v.requiresApproval,
      reasons: v.approvalReasons.map((r) => reasonDto(actor, r)),
      limitPercent: plainNumber(v.limitPercent),
      decision: v.decision ?? null,
      instanceId: v.approvalInstanceId,
    },
    submittedAt: iso(v.submittedAt),
    sentAt: iso(v.sentAt),
    acceptedAt: iso(v.acceptedAt),
    rejectedAt: iso(v.rejectedAt),
    rejectReason: v.rejectReason,
    versions: input.versions.map((x) => versionSummaryDto(x, q.currentVersionId, names)),
    actions: actionsFor(actor, q, v, input.lines.length, input.canDecideByHand),
    version: q.version,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
  };
}

export function listItemDto(q: QuoteRow, owners: Map<string, string>): TQuoteListItem {
  return {
    id: q.id,
    number: q.number,
    title: q.title,
    opportunityId: q.opportunityId,
    opportunityName: q.opportunityName,
    customerId: q.customerId,
    customerName: q.customerName,
    ownerId: q.ownerId,
    ownerName: owners.get(q.ownerId) ?? null,
    status: q.status,
    versionNo: q.currentVersionNo,
    currency: q.currency,
    totalInclTax: toMoneyString(q.totalInclTax),
    validUntil: q.validUntil,
    requiresApproval: q.requiresApproval,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
  };
}
