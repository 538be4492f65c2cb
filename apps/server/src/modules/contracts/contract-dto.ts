import type {
  TContract,
  TContractActions,
  TContractLine,
  TContractListItem,
  TContractReview,
  TContractVersionSummary,
  TCustomerGrade,
} from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { hasPermission, type Actor } from '../../kernel/auth/actor.ts';
import { translate, type Locale } from '../../kernel/i18n.ts';
import { toMoneyString } from '../../kernel/money.ts';
import { productFieldAccess } from '../products/index.ts';
import { computeLineAmounts, marginPercentOf } from './contract-amounts.ts';
import type { StoredReview } from './contract-review.ts';
import type { ContractLineRow, ContractRow, ContractVersionRow } from './contracts.repository.ts';

/** "100.0000" → "100"; never an exponent. */
export const plain = (v: string) => new Decimal(v).toFixed();

export function reviewDto(review: StoredReview | null, locale: Locale): TContractReview | null {
  if (!review) return null;
  return {
    level: review.level,
    route: review.route,
    ranAt: review.ranAt,
    findings: review.findings.map((f) => ({
      rule: f.rule,
      level: f.level,
      message: translate(locale, `contracts.review.${f.key}`, f.params),
      ...(f.lineId ? { lineId: f.lineId } : {}),
      ...(f.field ? { field: f.field } : {}),
    })),
  };
}

export function lineDto(row: ContractLineRow, access: ReturnType<typeof productFieldAccess>): TContractLine {
  const amounts = computeLineAmounts({ qty: row.qty, unitPrice: row.unitPrice, taxRate: row.taxRate, standardCost: row.standardCost });
  return {
    id: row.id,
    position: row.position,
    productId: row.productId,
    materialCode: row.materialCode,
    name: row.name,
    spec: row.spec,
    unit: row.unit,
    category: row.category,
    qty: plain(row.qty),
    unitPrice: plain(row.unitPrice),
    taxRate: plain(row.taxRate),
    amountInclTax: toMoneyString(row.amountInclTax),
    amountExclTax: toMoneyString(row.amountExclTax),
    taxAmount: toMoneyString(row.taxAmount),
    wantedDeliveryDate: row.wantedDeliveryDate,
    isNonStandard: row.isNonStandard,
    isTechnicallyReviewed: row.isTechnicallyReviewed,
    requirementLineId: row.requirementLineId,
    leadTimeDays: row.leadTimeDays,
    standardWarrantyMonths: row.standardWarrantyMonths,
    floorPrice: access.floorPrice && row.floorPrice !== null ? plain(row.floorPrice) : null,
    standardCost: access.cost && row.standardCost !== null ? plain(row.standardCost) : null,
    marginAmount: access.margin && amounts.marginAmount !== null ? toMoneyString(amounts.marginAmount) : null,
    marginPercent: access.margin && amounts.marginPercent !== null ? amounts.marginPercent.toFixed(2) : null,
    notes: row.notes,
  };
}

export function versionSummaryDto(v: ContractVersionRow, names: ReadonlyMap<string, string>): TContractVersionSummary {
  return {
    id: v.id,
    versionNo: v.versionNo,
    kind: v.kind,
    status: v.status,
    reason: v.reason,
    amountInclTax: toMoneyString(v.amountInclTax),
    createdAt: v.createdAt.toISOString(),
    createdByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
    effectiveAt: v.effectiveAt ? v.effectiveAt.toISOString() : null,
  };
}

/** What the actor may do with the contract now (the server checks again on each action). */
export function contractActions(actor: Actor, c: ContractRow, working: ContractVersionRow | undefined): TContractActions {
  const write = hasPermission(actor, Permission.contractWrite);
  const sign = hasPermission(actor, Permission.contractSign);
  const workingDraft = working?.status === 'draft';
  const isOwnerSide = actor.userId === c.ownerId || actor.dataScope !== 'own';
  return {
    edit: write && workingDraft && c.status !== 'terminated' && c.status !== 'completed',
    submit: write && workingDraft && c.status !== 'terminated' && c.status !== 'completed',
    withdraw: write && isOwnerSide && working?.status === 'in_review',
    sign: sign && c.status === 'approved',
    execute: sign && c.status === 'signed',
    complete: sign && c.status === 'executing' && working === undefined,
    terminate: sign && ['draft', 'approved', 'signed', 'executing'].includes(c.status) && working?.status !== 'in_review',
    amend: write && ['approved', 'signed', 'executing'].includes(c.status) && working === undefined,
  };
}

export function presentContract(input: {
  actor: Actor;
  row: ContractRow;
  shown: ContractVersionRow;
  working: ContractVersionRow | undefined;
  lines: ContractLineRow[];
  versions: ContractVersionRow[];
  names: ReadonlyMap<string, string>;
  departmentName: string | null;
  customerGrade: TCustomerGrade | null;
}): TContract {
  const { actor, row: c, shown: v } = input;
  const access = productFieldAccess(actor);
  const lines = input.lines.map((l) => lineDto(l, access));
  const costKnown = v.costAmount !== null;
  const margin = costKnown ? new Decimal(v.amountExclTax).minus(v.costAmount!) : null;
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    type: c.type,
    status: c.status,
    customerId: c.customerId,
    customerName: c.customerName,
    customerGrade: input.customerGrade,
    opportunityId: c.opportunityId,
    opportunityName: c.opportunityName,
    quoteId: c.quoteId,
    requirementIds: c.requirementIds,
    ownerId: c.ownerId,
    ownerName: input.names.get(c.ownerId) ?? null,
    departmentId: c.departmentId,
    departmentName: input.departmentName,
    currency: c.currency,
    signedDate: c.signedDate,
    versionId: v.id,
    versionNo: v.versionNo,
    versionStatus: v.status,
    versionKind: v.kind,
    amendmentReason: v.reason,
    effectiveVersionId: c.effectiveVersionId,
    paymentTerms: v.paymentTerms,
    deliveryTerms: v.deliveryTerms,
    warrantyMonths: v.warrantyMonths,
    latePenalty: v.latePenalty,
    lines,
    totals: {
      amountInclTax: toMoneyString(v.amountInclTax),
      amountExclTax: toMoneyString(v.amountExclTax),
      taxAmount: toMoneyString(v.taxAmount),
      costAmount: access.cost && costKnown ? toMoneyString(v.costAmount!) : null,
      marginAmount: access.margin && margin ? toMoneyString(margin) : null,
      marginPercent: access.margin && margin ? (marginPercentOf(margin, new Decimal(v.amountExclTax))?.toFixed(2) ?? null) : null,
    },
    review: reviewDto(v.review, actor.locale),
    specialApprovalReason: c.specialApprovalReason,
    approvalInstanceId: c.approvalInstanceId,
    terminationReason: c.terminationReason,
    versions: input.versions.map((x) => versionSummaryDto(x, input.names)),
    actions: contractActions(actor, c, input.working),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function listItemDto(
  c: ContractRow,
  names: ReadonlyMap<string, string>,
  departments: ReadonlyMap<string, string>,
): TContractListItem {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    type: c.type,
    status: c.status,
    customerId: c.customerId,
    customerName: c.customerName,
    ownerId: c.ownerId,
    ownerName: names.get(c.ownerId) ?? null,
    departmentName: c.departmentId ? (departments.get(c.departmentId) ?? null) : null,
    currency: c.currency,
    amountInclTax: toMoneyString(c.amountInclTax),
    signedDate: c.signedDate,
    reviewLevel: c.reviewLevel,
    hasOpenAmendment: c.workingVersionId !== null && c.effectiveVersionId !== null,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export const statusLabel = (locale: Locale, status: string) => translate(locale, `contracts.status.${status}`);
