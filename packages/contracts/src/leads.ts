import { z } from 'zod';
import { ZBoolString, ZBusinessDate, ZDateTime, ZId, ZListQuery, ZMoney, ZVersion } from './common.ts';
import { ZCustomerType, ZDuplicateMatch, ZDuplicateVerdict } from './customers.ts';

/** 线索 status: new → following → qualified → converted; disqualified from any open status (reopened to following). */
export const ZLeadStatusValues = ['new', 'following', 'qualified', 'disqualified', 'converted'] as const;
export const ZLeadStatus = z.enum(ZLeadStatusValues);
export type TLeadStatus = z.infer<typeof ZLeadStatus>;

/** Why a lead was disqualified (with a text that says more). */
export const ZLeadDisqualifyReasonValues = [
  'no_need',
  'no_budget',
  'unreachable',
  'competitor',
  'duplicate',
  'invalid_info',
  'other',
] as const;
export const ZLeadDisqualifyReason = z.enum(ZLeadDisqualifyReasonValues);
export type TLeadDisqualifyReason = z.infer<typeof ZLeadDisqualifyReason>;

/** The default sources (来源) of a new installation; admins change the list. */
export const DEFAULT_LEAD_SOURCES = ['展会', '官网', '电话咨询', '招标网', '老客户转介绍', '合作伙伴', '其他'] as const;

/** At most this many leads in one batch assignment. */
export const LEAD_BATCH_LIMIT = 500;

const ZText = (max: number) => z.string().trim().max(max);
/** The same mobile rule as a customer contact's, so that a converted lead always makes a valid contact. */
const ZMobile = z
  .string()
  .trim()
  .regex(/^\+?[0-9 -]{5,20}$/);

export const ZLead = z.object({
  id: ZId,
  companyName: z.string(),
  contactName: z.string().nullable(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  industry: z.string().nullable(),
  source: z.string().nullable(),
  status: ZLeadStatus,
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  notes: z.string().nullable(),
  disqualifyReason: ZLeadDisqualifyReason.nullable(),
  disqualifyNote: z.string().nullable(),
  disqualifiedAt: ZDateTime.nullable(),
  qualifiedAt: ZDateTime.nullable(),
  convertedCustomerId: ZId.nullable(),
  convertedContactId: ZId.nullable(),
  convertedOpportunityId: ZId.nullable(),
  convertedAt: ZDateTime.nullable(),
  lastActivityAt: ZDateTime.nullable(),
  createdBy: ZId.nullable(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TLead = z.infer<typeof ZLead>;

const leadInput = {
  companyName: ZText(200).min(2),
  contactName: ZText(60).min(1).nullable().optional(),
  title: ZText(60).nullable().optional(),
  mobile: ZMobile.nullable().optional(),
  email: z.email().max(128).nullable().optional(),
  province: ZText(30).nullable().optional(),
  city: ZText(30).nullable().optional(),
  industry: ZText(60).nullable().optional(),
  /** One of the configured sources (GET /api/v1/lead-sources). */
  source: ZText(60).nullable().optional(),
  notes: ZText(2000).nullable().optional(),
};

export const ZCreateLead = z.strictObject({
  ...leadInput,
  /** Defaults to the creator; another owner needs `lead:assign`. */
  ownerId: ZId.optional(),
});
export type TCreateLead = z.infer<typeof ZCreateLead>;

export const ZUpdateLead = z.object(leadInput).partial().extend({ version: ZVersion }).strict();
export type TUpdateLead = z.infer<typeof ZUpdateLead>;

export const ZLeadSortValues = ['-createdAt', 'createdAt', '-updatedAt'] as const;
export type TLeadSort = (typeof ZLeadSortValues)[number];

/** One value or the same key repeated (`status=new&status=following`). */
const many = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(50)
    .or(item.transform((v) => [v]));

export const ZLeadListQuery = ZListQuery.extend({
  /** Company, contact, mobile or e-mail. */
  q: z.string().trim().max(100).optional(),
  status: many(ZLeadStatus).optional(),
  source: many(ZText(60)).optional(),
  ownerId: many(ZId).optional(),
  /** Only the reader's own leads. */
  mine: ZBoolString.optional(),
  /** Created on or after this business date (Asia/Shanghai). */
  createdFrom: ZBusinessDate.optional(),
  /** Created on or before this business date. */
  createdTo: ZBusinessDate.optional(),
  sort: z.enum(ZLeadSortValues).default('-createdAt'),
});
export type TLeadListQuery = z.infer<typeof ZLeadListQuery>;

export const ZLeadReason = z.string().trim().min(2).max(500);

export const ZLeadAssignRequest = z.strictObject({ ownerId: ZId, reason: ZLeadReason });
export type TLeadAssignRequest = z.infer<typeof ZLeadAssignRequest>;

export const ZLeadBatchAssignRequest = z.strictObject({
  leadIds: z.array(ZId).min(1).max(LEAD_BATCH_LIMIT),
  ownerId: ZId,
  reason: ZLeadReason,
});
export type TLeadBatchAssignRequest = z.infer<typeof ZLeadBatchAssignRequest>;

export const ZLeadBatchResult = z.object({
  done: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.object({
      leadId: ZId,
      outcome: z.enum(['done', 'refused']),
      code: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
});
export type TLeadBatchResult = z.infer<typeof ZLeadBatchResult>;

export const ZLeadQualifyRequest = z.strictObject({ version: ZVersion, note: ZText(500).nullable().optional() });
export type TLeadQualifyRequest = z.infer<typeof ZLeadQualifyRequest>;

export const ZLeadDisqualifyRequest = z.strictObject({
  version: ZVersion,
  reason: ZLeadDisqualifyReason,
  note: ZText(500).nullable().optional(),
});
export type TLeadDisqualifyRequest = z.infer<typeof ZLeadDisqualifyRequest>;

export const ZLeadReopenRequest = z.strictObject({ version: ZVersion });
export type TLeadReopenRequest = z.infer<typeof ZLeadReopenRequest>;

/* conversion */

/**
 * What the duplicate check says about the customer a lead would become, and what the reader may do:
 * `block` → link the existing customer (refused when it is outside the reader's scope: `blockedBy`
 * names its owner); `warn` → link one of the matches or create anyway; `none` → create.
 */
export const ZLeadConversionPreview = z.object({
  leadId: ZId,
  verdict: ZDuplicateVerdict,
  matches: z.array(ZDuplicateMatch),
  /** Whether a new customer may be created (none, or warn confirmed). */
  canCreate: z.boolean(),
  /** Whether any way to convert is open to the reader. */
  canConvert: z.boolean(),
  /** The blocking customer outside the reader's scope, when there is one and no visible one. */
  blockedBy: z.object({ name: z.string(), ownerName: z.string().nullable() }).nullable(),
  /** The customer fields a new customer would get from the lead. */
  proposed: z.object({
    name: z.string(),
    industry: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    source: z.string().nullable(),
  }),
});
export type TLeadConversionPreview = z.infer<typeof ZLeadConversionPreview>;

export const ZLeadConvertCustomer = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('create'),
    /** Defaults to the lead's company name. */
    name: ZText(200).min(2).optional(),
    type: ZCustomerType.default('other'),
    /** Confirms creating a new customer although the duplicate check warned (never overrides a block). */
    acknowledgeDuplicates: z.boolean().optional(),
  }),
  z.strictObject({ mode: z.literal('link'), customerId: ZId }),
]);
export type TLeadConvertCustomer = z.infer<typeof ZLeadConvertCustomer>;

export const ZLeadConvertOpportunity = z.strictObject({
  name: ZText(200).min(2),
  amount: ZMoney.refine((v) => !v.startsWith('-'), 'non_negative'),
  expectedCloseDate: ZBusinessDate,
});
export type TLeadConvertOpportunity = z.infer<typeof ZLeadConvertOpportunity>;

export const ZLeadConvertRequest = z.strictObject({
  version: ZVersion,
  customer: ZLeadConvertCustomer,
  /** Adds the lead's contact person to the customer (default: when the lead names one). */
  createContact: z.boolean().optional(),
  /** Creates an opportunity of the customer as well. */
  opportunity: ZLeadConvertOpportunity.nullable().optional(),
});
export type TLeadConvertRequest = z.infer<typeof ZLeadConvertRequest>;

export const ZLeadConvertResult = z.object({
  lead: ZLead,
  customerId: ZId,
  customerName: z.string(),
  customerCreated: z.boolean(),
  contactId: ZId.nullable(),
  /** False when the customer already had a contact with the same mobile or e-mail (that one is linked). */
  contactCreated: z.boolean(),
  opportunityId: ZId.nullable(),
  /** The lead's activities that joined the customer's timeline. */
  activitiesMoved: z.number().int(),
});
export type TLeadConvertResult = z.infer<typeof ZLeadConvertResult>;

/* sources */

export const ZLeadSource = z.object({ id: ZId, name: z.string(), isActive: z.boolean(), sortOrder: z.number().int() });
export type TLeadSource = z.infer<typeof ZLeadSource>;

/** The whole list in its order: entries with an id are kept (renamed, deactivated), new ones added; missing ones are deactivated. */
export const ZLeadSourcesUpdate = z.strictObject({
  sources: z
    .array(z.strictObject({ id: ZId.optional(), name: ZText(60).min(1), isActive: z.boolean() }))
    .min(1)
    .max(100),
});
export type TLeadSourcesUpdate = z.infer<typeof ZLeadSourcesUpdate>;

/** Lead problem codes the web app reacts to. */
export const LeadErrorCode = {
  LEAD_STATUS_INVALID: 'LEAD_STATUS_INVALID',
  LEAD_CONVERT_DUPLICATE: 'LEAD_CONVERT_DUPLICATE',
  LEAD_CONVERT_POSSIBLE_DUPLICATE: 'LEAD_CONVERT_POSSIBLE_DUPLICATE',
  LEAD_CONVERT_CUSTOMER_OUT_OF_SCOPE: 'LEAD_CONVERT_CUSTOMER_OUT_OF_SCOPE',
} as const;
