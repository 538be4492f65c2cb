import { z } from 'zod';
import { ZBoolString, ZBusinessDate, ZDateTime, ZId, ZListQuery, ZVersion } from './common.ts';
import { catalogueLineFields, ZMaterialCode, ZPrice } from './products.ts';

/* ------------------------------------------------------------------ values */

/**
 * Lifecycle of a requirement (需求): draft → (submit) in_review → approved | returned (the
 * product manager sent it back: editable again, resubmittable); in_review → draft when the
 * owner withdraws it; approved → contracted when a contract takes it over; any open state →
 * cancelled.
 */
export const ZRequirementStatusValues = ['draft', 'in_review', 'approved', 'returned', 'contracted', 'cancelled'] as const;
export const ZRequirementStatus = z.enum(ZRequirementStatusValues);
export type TRequirementStatus = z.infer<typeof ZRequirementStatus>;

/**
 * The product manager's decision on one line: not yet decided; a standard catalogue product;
 * non-standard (needs a new material code); a new material code entered by hand (the line is
 * then a normal catalogue product).
 */
export const ZRequirementLineDecisionValues = ['pending', 'standard', 'non_standard', 'new_code'] as const;
export const ZRequirementLineDecision = z.enum(ZRequirementLineDecisionValues);
export type TRequirementLineDecision = z.infer<typeof ZRequirementLineDecision>;

/** Quantities: positive, up to 4 decimals. */
export const ZRequirementQuantity = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, 'quantity')
  .refine((v) => /[1-9]/.test(v), 'quantity');

export const REQUIREMENT_MAX_LINES = 200;
export const REQUIREMENT_MAX_PARAMETERS = 30;
export const REQUIREMENT_MAX_ATTACHMENTS = 20;

/** A technical parameter of a line, e.g. { name: '精度等级', value: '0.5S' }. */
export const ZTechnicalParameter = z.object({
  name: z.string().trim().min(1).max(60),
  value: z.string().trim().min(1).max(200),
});
export type TTechnicalParameter = z.infer<typeof ZTechnicalParameter>;

export const ZRequirementAttachment = z.object({
  id: ZId,
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});
export type TRequirementAttachment = z.infer<typeof ZRequirementAttachment>;

/* ------------------------------------------------------------------ lines */

/**
 * A line as the rep enters it: a catalogue product, or a free description (name, text and
 * technical parameters). `id` keeps an existing line: unchanged, it keeps its review.
 */
export const ZRequirementLineInput = z.strictObject({
  id: ZId.optional(),
  /** Without a product, `name` says in a few words what the customer wants. */
  ...catalogueLineFields,
  description: z.string().trim().max(2000).nullable().optional(),
  parameters: z.array(ZTechnicalParameter).max(REQUIREMENT_MAX_PARAMETERS).optional(),
  qty: ZRequirementQuantity,
  wantedDate: ZBusinessDate.nullable().optional(),
});
export type TRequirementLineInput = z.infer<typeof ZRequirementLineInput>;

export const ZRequirementLineReviewView = z.object({
  decision: ZRequirementLineDecision,
  note: z.string().nullable(),
  reviewedById: ZId.nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: ZDateTime.nullable(),
});

export const ZRequirementLine = z.object({
  id: ZId,
  position: z.number().int(),
  /** The product the line stands for after review (the rep's pick, the reviewer's, or the new code). */
  productId: ZId.nullable(),
  materialCode: z.string().nullable(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string().nullable(),
  /**
   * What the rep entered: the catalogue product picked, or (free text) its name, spec and unit.
   * An editor sends these back, with the line's `id`, to keep an unchanged line and its review.
   */
  requested: z.object({ productId: ZId.nullable(), name: z.string(), spec: z.string().nullable(), unit: z.string().nullable() }),
  description: z.string().nullable(),
  parameters: z.array(ZTechnicalParameter),
  qty: z.string(),
  wantedDate: ZBusinessDate.nullable(),
  review: ZRequirementLineReviewView,
  /** The catalogue product a product manager created by hand for this line. */
  createdProductId: ZId.nullable(),
  /** The line was non-standard at some point (kept after a new code made it a catalogue product). */
  wasNonStandard: z.boolean(),
});
export type TRequirementLine = z.infer<typeof ZRequirementLine>;

/* ------------------------------------------------------------------ requirement */

export const ZRequirementActions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  cancel: z.boolean(),
  /** Review lines (product managers while in review; a new code for a non-standard line also once approved). */
  review: z.boolean(),
});
export type TRequirementActions = z.infer<typeof ZRequirementActions>;

export const ZRequirement = z.object({
  id: ZId,
  /** Given at the first submit (XQ{yyyy}{mm}-{seq:5}); null for a draft never submitted. */
  number: z.string().nullable(),
  title: z.string(),
  customerId: ZId,
  customerName: z.string().nullable(),
  opportunityId: ZId.nullable(),
  opportunityName: z.string().nullable(),
  ownerId: ZId,
  ownerName: z.string().nullable(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  status: ZRequirementStatus,
  wantedDate: ZBusinessDate.nullable(),
  notes: z.string().nullable(),
  attachments: z.array(ZRequirementAttachment),
  lines: z.array(ZRequirementLine),
  /** The approval-engine instance of the current (or last) review. */
  approvalInstanceId: z.string().nullable(),
  submittedAt: ZDateTime.nullable(),
  decidedAt: ZDateTime.nullable(),
  decisionComment: z.string().nullable(),
  cancelReason: z.string().nullable(),
  contractIds: z.array(ZId),
  actions: ZRequirementActions,
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TRequirement = z.infer<typeof ZRequirement>;

export const ZRequirementListItem = z.object({
  id: ZId,
  number: z.string().nullable(),
  title: z.string(),
  customerId: ZId,
  customerName: z.string().nullable(),
  opportunityId: ZId.nullable(),
  opportunityName: z.string().nullable(),
  ownerId: ZId,
  ownerName: z.string().nullable(),
  status: ZRequirementStatus,
  wantedDate: ZBusinessDate.nullable(),
  lineCount: z.number().int(),
  /** Lines without a catalogue product (free description, or marked non-standard). */
  nonStandardCount: z.number().int(),
  pendingCount: z.number().int(),
  submittedAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TRequirementListItem = z.infer<typeof ZRequirementListItem>;

/* ------------------------------------------------------------------ requests */

const ZRequirementFields = {
  title: z.string().trim().min(1).max(200),
  opportunityId: ZId.nullable().optional(),
  wantedDate: ZBusinessDate.nullable().optional(),
  notes: z.string().trim().max(4000).nullable().optional(),
  /** Files uploaded through POST /api/v1/files (photos and documents). */
  attachmentIds: z.array(ZId).max(REQUIREMENT_MAX_ATTACHMENTS).optional(),
};

export const ZCreateRequirement = z.strictObject({
  customerId: ZId,
  ...ZRequirementFields,
  lines: z.array(ZRequirementLineInput).max(REQUIREMENT_MAX_LINES).default([]),
});
export type TCreateRequirement = z.input<typeof ZCreateRequirement>;

/** Changes a draft or returned requirement; `lines`, when given, replace the lines (kept by `id`). */
export const ZUpdateRequirement = z.strictObject({
  version: ZVersion,
  customerId: ZId.optional(),
  title: ZRequirementFields.title.optional(),
  opportunityId: ZRequirementFields.opportunityId,
  wantedDate: ZRequirementFields.wantedDate,
  notes: ZRequirementFields.notes,
  attachmentIds: ZRequirementFields.attachmentIds,
  lines: z.array(ZRequirementLineInput).max(REQUIREMENT_MAX_LINES).optional(),
});
export type TUpdateRequirement = z.infer<typeof ZUpdateRequirement>;

export const ZRequirementActionRequest = z.strictObject({
  version: ZVersion,
  comment: z.string().trim().max(1000).nullable().optional(),
});
export type TRequirementActionRequest = z.infer<typeof ZRequirementActionRequest>;

export const ZRequirementCancelRequest = z.strictObject({
  version: ZVersion,
  reason: z.string().trim().min(1).max(1000),
});
export type TRequirementCancelRequest = z.infer<typeof ZRequirementCancelRequest>;

/** The product a product manager creates by hand for a non-standard line (until PLM/SAP generate codes). */
export const ZRequirementNewProduct = z.strictObject({
  materialCode: ZMaterialCode,
  name: z.string().trim().min(1).max(120),
  /** The model / spec of the new product. */
  spec: z.string().trim().max(120).nullable().optional(),
  unit: z.string().trim().min(1).max(10),
  categoryId: ZId,
  /** Defaults to 0.00 (priced by hand in quotes until the catalogue has a price). */
  listPrice: ZPrice.optional(),
  standardCost: ZPrice.nullable().optional(),
  leadTimeDays: z.number().int().min(0).max(730).optional(),
});
export type TRequirementNewProduct = z.infer<typeof ZRequirementNewProduct>;

/** The product manager's decision on one line (POST /api/v1/requirements/{id}/lines/{lineId}/review). */
export const ZRequirementLineReviewRequest = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('standard'),
    version: ZVersion,
    /** The catalogue product the line gets (the rep's pick or another one). */
    productId: ZId,
    note: z.string().trim().max(1000).nullable().optional(),
  }),
  z.strictObject({
    decision: z.literal('non_standard'),
    version: ZVersion,
    /** Why, e.g. "needs a new material code". */
    note: z.string().trim().min(1).max(1000),
  }),
  z.strictObject({
    decision: z.literal('new_code'),
    version: ZVersion,
    product: ZRequirementNewProduct,
    note: z.string().trim().max(1000).nullable().optional(),
  }),
]);
export type TRequirementLineReviewRequest = z.infer<typeof ZRequirementLineReviewRequest>;

export const ZRequirementLineParams = z.object({ id: ZId, lineId: ZId });
export const ZRequirementAttachmentParams = z.object({ id: ZId, fileId: ZId });

export const ZRequirementSortValues = ['updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'wantedDate', '-wantedDate'] as const;
export const ZRequirementSort = z.enum(ZRequirementSortValues);
export type TRequirementSort = z.infer<typeof ZRequirementSort>;

export const ZRequirementListQuery = ZListQuery.extend({
  /** Number, title or customer name. */
  q: z.string().trim().max(100).optional(),
  status: z
    .array(ZRequirementStatus)
    .or(ZRequirementStatus.transform((s) => [s]))
    .optional(),
  customerId: ZId.optional(),
  opportunityId: ZId.optional(),
  ownerId: ZId.optional(),
  mine: ZBoolString.optional(),
  sort: ZRequirementSort.default('-updatedAt'),
});
export type TRequirementListQuery = z.infer<typeof ZRequirementListQuery>;

/** Requirement problem codes the web app reacts to. */
export const RequirementErrorCode = {
  REQUIREMENT_NOT_EDITABLE: 'REQUIREMENT_NOT_EDITABLE',
  REQUIREMENT_STATUS_CONFLICT: 'REQUIREMENT_STATUS_CONFLICT',
  REQUIREMENT_LINES_PENDING: 'REQUIREMENT_LINES_PENDING',
} as const;
