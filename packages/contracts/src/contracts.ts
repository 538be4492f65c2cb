import { z } from 'zod';
import { ZBusinessDate, ZDateTime, ZId, ZListQuery, ZMoney, ZVersion } from './common.ts';
import { ZCustomerGrade } from './customers.ts';
import { catalogueLineFields, ZTaxRate } from './products.ts';
import { ZQuoteCurrency, ZQuotePercent, ZQuoteQuantity, ZQuoteUnitPrice } from './quotes.ts';

/* ------------------------------------------------------------------ values */

export const ZContractTypeValues = ['standard', 'framework', 'non_standard', 'overseas'] as const;
export const ZContractType = z.enum(ZContractTypeValues);
export type TContractType = z.infer<typeof ZContractType>;

/**
 * draft → in_review → approved → signed → executing → completed | terminated. A rejected or
 * withdrawn review returns the contract to draft. Amendments run on versions (below) while the
 * contract keeps its status.
 */
export const ZContractStatusValues = ['draft', 'in_review', 'approved', 'signed', 'executing', 'completed', 'terminated'] as const;
export const ZContractStatus = z.enum(ZContractStatusValues);
export type TContractStatus = z.infer<typeof ZContractStatus>;

/** A version of the lines and terms: the original or an amendment (补充协议). */
export const ZContractVersionStatusValues = ['draft', 'in_review', 'effective', 'superseded', 'rejected'] as const;
export const ZContractVersionStatus = z.enum(ZContractVersionStatusValues);
export type TContractVersionStatus = z.infer<typeof ZContractVersionStatus>;

/** Quantities, unit prices incl. tax, percentages and currencies follow the same rules as on quotes. */
export const ZContractQuantity = ZQuoteQuantity;
export const ZContractUnitPrice = ZQuoteUnitPrice;
export const ZContractPercent = ZQuotePercent;
export const ZContractCurrency = ZQuoteCurrency;

export const CONTRACT_MAX_LINES = 1000;

/* ------------------------------------------------------------------ payment terms */

export const ZPaymentTriggerValues = ['signing', 'shipment', 'acceptance', 'invoice', 'warranty_end', 'fixed_date'] as const;
export const ZPaymentTrigger = z.enum(ZPaymentTriggerValues);
export type TPaymentTrigger = z.infer<typeof ZPaymentTrigger>;

/**
 * One milestone of the payment terms (DOMAIN.md, Payment terms): `percent` of the contract amount,
 * due `days` after its event (signing, each shipment pro rata, acceptance, invoice date, the end of
 * the warranty), or on `date` for a fixed-date milestone.
 */
export const ZPaymentTerm = z
  .strictObject({
    trigger: ZPaymentTrigger,
    percent: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'percent')
      .refine((v) => Number(v) > 0 && Number(v) <= 100, 'percent'),
    days: z.number().int().min(0).max(3650).default(0),
    date: ZBusinessDate.nullable().optional(),
    /** Free label shown in the plan, e.g. "到货款". */
    label: z.string().trim().max(60).nullable().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.trigger === 'fixed_date' && !t.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'required' });
    if (t.trigger !== 'fixed_date' && t.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'only_for_fixed_date' });
  });
export type TPaymentTerm = z.infer<typeof ZPaymentTerm>;

/** Hundredths of a percent, so that the sum check is exact. */
const percentHundredths = (p: string) => Math.round(Number(p) * 100);

/** The milestones, whose percentages sum to exactly 100. */
export const ZPaymentTerms = z
  .array(ZPaymentTerm)
  .min(1)
  .max(12)
  .superRefine((terms, ctx) => {
    const sum = terms.reduce((s, t) => s + percentHundredths(t.percent), 0);
    if (sum !== 10000) ctx.addIssue({ code: 'custom', message: 'percent_sum_not_100' });
  });
export type TPaymentTerms = z.infer<typeof ZPaymentTerms>;

export const ZDeliveryTerms = z.strictObject({
  /** Where the goods go (site, warehouse, port). */
  place: z.string().trim().max(300).nullable().optional(),
  /** The delivery date the contract promises when the lines do not set their own. */
  deliveryDate: ZBusinessDate.nullable().optional(),
  /** Incoterm for overseas contracts (FOB, CIF, …). */
  incoterm: z.string().trim().max(10).nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});
export type TDeliveryTerms = z.infer<typeof ZDeliveryTerms>;

/** Late-delivery penalty: a daily rate and the cap, both as % of the contract amount. */
export const ZLatePenalty = z.strictObject({
  ratePercentPerDay: ZContractPercent.nullable().optional(),
  capPercent: ZContractPercent,
});
export type TLatePenalty = z.infer<typeof ZLatePenalty>;

/* ------------------------------------------------------------------ lines */

export const ZContractLineInput = z.strictObject({
  ...catalogueLineFields,
  qty: ZContractQuantity,
  /** Incl. tax; defaults to the product's list price. */
  unitPrice: ZContractUnitPrice.nullable().optional(),
  /** Defaults to the product's tax rate (13 % for free-text lines). */
  taxRate: ZTaxRate.nullable().optional(),
  wantedDeliveryDate: ZBusinessDate.nullable().optional(),
  /** A product made to order (new material code); defaults to true for free-text lines. */
  isNonStandard: z.boolean().optional(),
  /** The requirement line this line fulfils (its product-manager review counts as technical review). */
  requirementLineId: ZId.nullable().optional(),
  notes: z.string().trim().max(500).nullable().optional(),
});
export type TContractLineInput = z.infer<typeof ZContractLineInput>;

export const ZContractLine = z.object({
  id: ZId,
  position: z.number().int(),
  productId: ZId.nullable(),
  materialCode: z.string().nullable(),
  name: z.string(),
  spec: z.string().nullable(),
  unit: z.string().nullable(),
  category: z.string().nullable(),
  qty: ZContractQuantity,
  unitPrice: ZContractUnitPrice,
  taxRate: ZTaxRate,
  /** qty × unit price, half-up to the fen. */
  amountInclTax: ZMoney,
  amountExclTax: ZMoney,
  taxAmount: ZMoney,
  wantedDeliveryDate: ZBusinessDate.nullable(),
  isNonStandard: z.boolean(),
  /** A product manager confirmed the line (through the requirement's review). */
  isTechnicallyReviewed: z.boolean(),
  requirementLineId: ZId.nullable(),
  leadTimeDays: z.number().int().nullable(),
  standardWarrantyMonths: z.number().int().nullable(),
  /** Field rules: null for readers without the floor-price, cost or margin grant. */
  floorPrice: ZContractUnitPrice.nullable(),
  standardCost: ZContractUnitPrice.nullable(),
  marginAmount: ZMoney.nullable(),
  marginPercent: z.string().nullable(),
  notes: z.string().nullable(),
});
export type TContractLine = z.infer<typeof ZContractLine>;

export const ZContractTotals = z.object({
  amountInclTax: ZMoney,
  amountExclTax: ZMoney,
  taxAmount: ZMoney,
  /** Field rules: null without the cost / margin grants. */
  costAmount: ZMoney.nullable(),
  marginAmount: ZMoney.nullable(),
  marginPercent: z.string().nullable(),
});
export type TContractTotals = z.infer<typeof ZContractTotals>;

/* ------------------------------------------------------------------ review */

export const ZContractReviewRuleValues = [
  'completeness',
  'price_floor',
  'margin',
  'credit_limit',
  'credit_days',
  'prepayment',
  'delivery_date',
  'warranty',
  'non_standard',
  'penalty_cap',
] as const;
export const ZContractReviewRule = z.enum(ZContractReviewRuleValues);
export type TContractReviewRule = z.infer<typeof ZContractReviewRule>;

export const ZReviewLevel = z.enum(['pass', 'warn', 'block']);
export type TReviewLevel = z.infer<typeof ZReviewLevel>;

/** The extra approvers a finding adds to the route. */
export const ZReviewRouteStepValues = ['manager', 'director', 'finance', 'product_manager', 'special'] as const;
export const ZReviewRouteStep = z.enum(ZReviewRouteStepValues);
export type TReviewRouteStep = z.infer<typeof ZReviewRouteStep>;

export const ZContractReviewFinding = z.object({
  rule: ZContractReviewRule,
  level: ZReviewLevel,
  message: z.string(),
  lineId: ZId.optional(),
  /** The form field the finding is about (`lines`, `paymentTerms`, `warrantyMonths`, …), for showing it beside the field. */
  field: z.string().optional(),
});
export type TContractReviewFinding = z.infer<typeof ZContractReviewFinding>;

export const ZContractReview = z.object({
  findings: z.array(ZContractReviewFinding),
  /** The worst level of all findings. */
  level: ZReviewLevel,
  /** The approval route the findings choose (always starts with the manager). */
  route: z.array(ZReviewRouteStep),
  ranAt: ZDateTime,
});
export type TContractReview = z.infer<typeof ZContractReview>;

/* ------------------------------------------------------------------ settings */

const ZGradeReviewSettings = z.strictObject({
  /** The longest credit days (days after shipment / acceptance / invoice) allowed without finance. */
  creditDays: z.number().int().min(0).max(3650),
  /** The prepayment (on signing) required, in percent. */
  prepaymentPercent: ZContractPercent,
  /** Margin thresholds for customers of this grade (override the defaults). */
  marginWarnPercent: ZContractPercent.nullable().optional(),
  marginBlockPercent: ZContractPercent.nullable().optional(),
});

export const ZContractSettings = z.strictObject({
  numberPattern: z.string().trim().min(3).max(60),
  /** Gross margin below this warns (director approval); below the block threshold it blocks. */
  marginWarnPercent: ZContractPercent,
  marginBlockPercent: ZContractPercent,
  penaltyCapPercent: ZContractPercent,
  /** Warranty months allowed beyond the lines' standard warranty. */
  warrantyExtraMonths: z.number().int().min(0).max(120),
  belowFloorLevel: z.enum(['warn', 'block']),
  grades: z.strictObject({ A: ZGradeReviewSettings, B: ZGradeReviewSettings, C: ZGradeReviewSettings, D: ZGradeReviewSettings }),
  /** Margin thresholds per product category (for the line margin rule). */
  categories: z
    .array(
      z.strictObject({
        category: z.string().trim().min(1).max(60),
        marginWarnPercent: ZContractPercent,
        marginBlockPercent: ZContractPercent,
      }),
    )
    .max(200),
  /** Contracts above this amount (incl. tax) go to the director whatever the findings. */
  directorAmountThreshold: ZMoney,
});
export type TContractSettings = z.infer<typeof ZContractSettings>;

/* ------------------------------------------------------------------ contract */

export const ZContractVersionSummary = z.object({
  id: ZId,
  versionNo: z.number().int(),
  kind: z.enum(['original', 'amendment']),
  status: ZContractVersionStatus,
  reason: z.string().nullable(),
  amountInclTax: ZMoney,
  createdAt: ZDateTime,
  createdByName: z.string().nullable(),
  effectiveAt: ZDateTime.nullable(),
});
export type TContractVersionSummary = z.infer<typeof ZContractVersionSummary>;

export const ZContractActions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  sign: z.boolean(),
  execute: z.boolean(),
  complete: z.boolean(),
  terminate: z.boolean(),
  amend: z.boolean(),
});
export type TContractActions = z.infer<typeof ZContractActions>;

export const ZContractTermsBody = {
  paymentTerms: ZPaymentTerms,
  deliveryTerms: ZDeliveryTerms,
  warrantyMonths: z.number().int().min(0).max(240),
  latePenalty: ZLatePenalty,
};

export const ZContract = z.object({
  id: ZId,
  /** Given on the first submission (numbering service). */
  number: z.string().nullable(),
  title: z.string(),
  type: ZContractType,
  status: ZContractStatus,
  customerId: ZId,
  customerName: z.string().nullable(),
  customerGrade: ZCustomerGrade.nullable(),
  opportunityId: ZId.nullable(),
  opportunityName: z.string().nullable(),
  quoteId: ZId.nullable(),
  requirementIds: z.array(ZId),
  ownerId: ZId,
  ownerName: z.string().nullable(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  currency: z.string(),
  signedDate: ZBusinessDate.nullable(),
  /** The version shown: the working draft of an amendment when one is open, else the effective one. */
  versionId: ZId,
  versionNo: z.number().int(),
  versionStatus: ZContractVersionStatus,
  versionKind: z.enum(['original', 'amendment']),
  amendmentReason: z.string().nullable(),
  /** The effective version (null until the first approval). */
  effectiveVersionId: ZId.nullable(),
  paymentTerms: z.array(ZPaymentTerm),
  deliveryTerms: ZDeliveryTerms,
  warrantyMonths: z.number().int(),
  latePenalty: ZLatePenalty,
  lines: z.array(ZContractLine),
  totals: ZContractTotals,
  review: ZContractReview.nullable(),
  specialApprovalReason: z.string().nullable(),
  approvalInstanceId: ZId.nullable(),
  terminationReason: z.string().nullable(),
  versions: z.array(ZContractVersionSummary),
  actions: ZContractActions,
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TContract = z.infer<typeof ZContract>;

export const ZContractListItem = z.object({
  id: ZId,
  number: z.string().nullable(),
  title: z.string(),
  type: ZContractType,
  status: ZContractStatus,
  customerId: ZId,
  customerName: z.string().nullable(),
  ownerId: ZId,
  ownerName: z.string().nullable(),
  departmentName: z.string().nullable(),
  currency: z.string(),
  amountInclTax: ZMoney,
  signedDate: ZBusinessDate.nullable(),
  reviewLevel: ZReviewLevel.nullable(),
  hasOpenAmendment: z.boolean(),
  updatedAt: ZDateTime,
});
export type TContractListItem = z.infer<typeof ZContractListItem>;

export const ZContractListQuery = ZListQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.union([ZContractStatus, z.array(ZContractStatus)]).optional(),
  type: ZContractType.optional(),
  customerId: ZId.optional(),
  ownerId: ZId.optional(),
  signedFrom: ZBusinessDate.optional(),
  signedTo: ZBusinessDate.optional(),
  sort: z.enum(['updated_desc', 'signed_desc', 'amount_desc']).default('updated_desc'),
});
export type TContractListQuery = z.input<typeof ZContractListQuery>;

/** Where a new contract comes from; its customer, opportunity and lines are taken from there. */
export const ZContractSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('blank') }),
  z.strictObject({ kind: z.literal('quote'), quoteId: ZId }),
  z.strictObject({ kind: z.literal('opportunity'), opportunityId: ZId }),
  z.strictObject({ kind: z.literal('requirement'), requirementId: ZId }),
]);
export type TContractSource = z.infer<typeof ZContractSource>;

export const ZContractCreate = z.strictObject({
  source: ZContractSource.default({ kind: 'blank' }),
  /** Required for a blank contract; taken from the source otherwise. */
  customerId: ZId.optional(),
  opportunityId: ZId.nullable().optional(),
  title: z.string().trim().min(1).max(200).optional(),
  type: ZContractType.default('standard'),
  currency: ZContractCurrency.default('CNY'),
  lines: z.array(ZContractLineInput).max(CONTRACT_MAX_LINES).optional(),
  paymentTerms: ZPaymentTerms.optional(),
  deliveryTerms: ZDeliveryTerms.optional(),
  warrantyMonths: z.number().int().min(0).max(240).optional(),
  latePenalty: ZLatePenalty.optional(),
});
export type TContractCreate = z.input<typeof ZContractCreate>;

/** Changes the working version (the draft, or the open amendment). `version` is the record's version. */
export const ZContractUpdate = z.strictObject({
  version: ZVersion,
  title: z.string().trim().min(1).max(200).optional(),
  type: ZContractType.optional(),
  currency: ZContractCurrency.optional(),
  opportunityId: ZId.nullable().optional(),
  lines: z.array(ZContractLineInput).max(CONTRACT_MAX_LINES).optional(),
  paymentTerms: ZPaymentTerms.optional(),
  deliveryTerms: ZDeliveryTerms.optional(),
  warrantyMonths: z.number().int().min(0).max(240).optional(),
  latePenalty: ZLatePenalty.optional(),
});
export type TContractUpdate = z.input<typeof ZContractUpdate>;

export const ZContractSubmit = z.strictObject({
  version: ZVersion,
  /** Required when a finding blocks: the contract then goes the special-approval route. */
  specialApprovalReason: z.string().trim().min(2).max(1000).optional(),
});
export type TContractSubmit = z.infer<typeof ZContractSubmit>;

export const ZContractSign = z.strictObject({ version: ZVersion, signedDate: ZBusinessDate });
export const ZContractTransition = z.strictObject({ version: ZVersion });
export const ZContractTerminate = z.strictObject({ version: ZVersion, reason: z.string().trim().min(2).max(1000) });
export const ZContractAmend = z.strictObject({ version: ZVersion, reason: z.string().trim().min(2).max(1000) });

/** One difference between the effective version and an amendment, for the readable diff. */
export const ZContractDiffEntry = z.object({
  kind: z.enum(['line_added', 'line_removed', 'line_changed', 'terms_changed', 'field_changed']),
  /** Material code or name of the line; the field name otherwise. */
  subject: z.string(),
  field: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** The translated sentence, e.g. "DDZY-01 数量 100 → 120". */
  message: z.string(),
});
export type TContractDiffEntry = z.infer<typeof ZContractDiffEntry>;

export const ZContractDiff = z.object({
  fromVersionNo: z.number().int(),
  toVersionNo: z.number().int(),
  amountBefore: ZMoney,
  amountAfter: ZMoney,
  entries: z.array(ZContractDiffEntry),
});
export type TContractDiff = z.infer<typeof ZContractDiff>;

/** The product-list annex (xlsx) applied to the working version's lines. */
export const ZAnnexImportResult = z.object({
  matchedRows: z.number().int(),
  unmatched: z.array(
    z.object({ row: z.number().int(), materialCode: z.string().nullable(), model: z.string().nullable(), reason: z.string() }),
  ),
  contract: ZContract,
});
export type TAnnexImportResult = z.infer<typeof ZAnnexImportResult>;
