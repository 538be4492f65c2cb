import { Permission, type TRequirement, type TRequirementLine, type TRequirementListItem } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { hasPermission, type Actor } from '../../kernel/auth/actor.ts';
import { iso } from '../../kernel/http/pagination.ts';
import type { RequirementLineRow, RequirementRow, RequirementStatus } from './requirements.repository.ts';

/** Statuses in which the rep may change the requirement. */
export const EDITABLE: readonly RequirementStatus[] = ['draft', 'returned'];
/** Statuses from which a requirement may be cancelled. */
export const CANCELLABLE: readonly RequirementStatus[] = ['draft', 'returned', 'in_review', 'approved'];

/** "12.5000" → "12.5": quantities as people write them. */
export const plainQty = (value: string): string => new Decimal(value).toString();

/** Whether the line still needs a product manager's review before a new code can be entered on an approved requirement. */
export const awaitsCode = (l: Pick<RequirementLineRow, 'decision'>) => l.decision === 'non_standard';

export function lineDto(l: RequirementLineRow, names: ReadonlyMap<string, string>): TRequirementLine {
  return {
    id: l.id,
    position: l.position,
    productId: l.productId,
    materialCode: l.materialCode,
    name: l.name,
    spec: l.spec,
    unit: l.unit,
    requested: l.requested,
    description: l.description,
    parameters: l.parameters,
    qty: plainQty(l.qty),
    wantedDate: l.wantedDate,
    review: {
      decision: l.decision,
      note: l.reviewNote,
      reviewedById: l.reviewedBy,
      reviewedByName: l.reviewedBy ? (names.get(l.reviewedBy) ?? null) : null,
      reviewedAt: iso(l.reviewedAt),
    },
    createdProductId: l.createdProductId,
    wasNonStandard: l.wasNonStandard,
  };
}

export function requirementDto(
  actor: Actor,
  r: RequirementRow,
  ctx: {
    lines: RequirementLineRow[];
    names: ReadonlyMap<string, string>;
    departmentName: string | null;
    /** The actor may change it (it lies in their own data scope, not only in the reviewers' rule). */
    canWrite: boolean;
  },
): TRequirement {
  const write = ctx.canWrite && hasPermission(actor, Permission.requirementWrite);
  const reviewer = hasPermission(actor, Permission.requirementReview);
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    customerId: r.customerId,
    customerName: r.customerName,
    opportunityId: r.opportunityId,
    opportunityName: r.opportunityName,
    ownerId: r.ownerId,
    ownerName: ctx.names.get(r.ownerId) ?? null,
    departmentId: r.departmentId,
    departmentName: ctx.departmentName,
    status: r.status,
    wantedDate: r.wantedDate,
    notes: r.notes,
    attachments: r.attachments,
    lines: ctx.lines.map((l) => lineDto(l, ctx.names)),
    approvalInstanceId: r.approvalInstanceId,
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    decisionComment: r.decisionComment,
    cancelReason: r.cancelReason,
    contractIds: r.contractIds,
    actions: {
      edit: write && EDITABLE.includes(r.status),
      submit: write && EDITABLE.includes(r.status) && ctx.lines.length > 0,
      withdraw: write && r.status === 'in_review' && r.ownerId === actor.userId,
      cancel: write && CANCELLABLE.includes(r.status),
      review: reviewer && (r.status === 'in_review' || (r.status === 'approved' && ctx.lines.some(awaitsCode))),
    },
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function listItemDto(
  r: RequirementRow,
  names: ReadonlyMap<string, string>,
  counts: { lines: number; nonStandard: number; pending: number } | undefined,
): TRequirementListItem {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    customerId: r.customerId,
    customerName: r.customerName,
    opportunityId: r.opportunityId,
    opportunityName: r.opportunityName,
    ownerId: r.ownerId,
    ownerName: names.get(r.ownerId) ?? null,
    status: r.status,
    wantedDate: r.wantedDate,
    lineCount: counts?.lines ?? 0,
    nonStandardCount: counts?.nonStandard ?? 0,
    pendingCount: counts?.pending ?? 0,
    submittedAt: iso(r.submittedAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
