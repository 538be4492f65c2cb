import { z } from 'zod';
import { ZBoolString, ZBusinessDate, ZDateTime, ZId, ZListQuery, ZMoney, ZVersion } from './common.ts';

export const ZCustomerTypeValues = ['grid', 'industrial', 'distributor', 'overseas', 'other'] as const;
export const ZCustomerType = z.enum(ZCustomerTypeValues);
export type TCustomerType = z.infer<typeof ZCustomerType>;

export const ZCustomerGradeValues = ['A', 'B', 'C', 'D'] as const;
export const ZCustomerGrade = z.enum(ZCustomerGradeValues);
export type TCustomerGrade = z.infer<typeof ZCustomerGrade>;

export const ZCustomerStatusValues = ['prospect', 'active', 'dormant', 'lost'] as const;
export const ZCustomerStatus = z.enum(ZCustomerStatusValues);
export type TCustomerStatus = z.infer<typeof ZCustomerStatus>;

/** 统一社会信用代码: 18 characters, digits and upper-case letters without I, O, S, V, Z. */
export const ZCreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'credit_code');

const ZText = (max: number) => z.string().trim().max(max);

export const ZRegistrySnapshot = z.object({
  legalRepresentative: z.string().nullable(),
  registeredCapital: z.string().nullable(),
  establishedDate: ZBusinessDate.nullable(),
  businessStatus: z.string().nullable(),
  registeredAddress: z.string().nullable(),
  syncedAt: ZDateTime.nullable(),
  /** The name in the registry at the last sync (a rename is detected against it). */
  registeredName: z.string().nullable().optional(),
});
export type TRegistrySnapshot = z.infer<typeof ZRegistrySnapshot>;

export const ZCustomer = z.object({
  id: ZId,
  name: z.string(),
  shortName: z.string().nullable(),
  creditCode: z.string().nullable(),
  type: ZCustomerType,
  industry: z.string().nullable(),
  country: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  address: z.string().nullable(),
  grade: ZCustomerGrade,
  /** The grading rule's grade; differs from `grade` only while a manual override holds. */
  ruleGrade: ZCustomerGrade,
  gradeOverridden: z.boolean(),
  gradeOverrideReason: z.string().nullable(),
  strategic: z.boolean(),
  status: ZCustomerStatus,
  source: z.string().nullable(),
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  /** The public pool the customer is in while it has no owner. */
  poolId: ZId.nullable(),
  ownerSince: ZDateTime.nullable(),
  lastActivityAt: ZDateTime.nullable(),
  lastDealAt: ZDateTime.nullable(),
  creditLimit: ZMoney.nullable(),
  creditDays: z.number().int().nullable(),
  taxId: z.string().nullable(),
  billingAddress: z.string().nullable(),
  billingPhone: z.string().nullable(),
  bankName: z.string().nullable(),
  /** Masked to the last four digits unless the reader holds `field:bank_account`. */
  bankAccount: z.string().nullable(),
  registry: ZRegistrySnapshot.nullable(),
  tags: z.array(z.string()),
  /** Set when this customer was merged into another one (the survivor); it is then read-only and hidden from lists. */
  mergedIntoId: ZId.nullable().optional(),
  mergedAt: ZDateTime.nullable().optional(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TCustomer = z.infer<typeof ZCustomer>;

const customerInput = {
  name: ZText(200).min(2),
  shortName: ZText(60).nullable().optional(),
  creditCode: ZCreditCode.nullable().optional(),
  type: ZCustomerType,
  industry: ZText(60).nullable().optional(),
  country: ZText(60).optional(),
  province: ZText(30).nullable().optional(),
  city: ZText(30).nullable().optional(),
  address: ZText(300).nullable().optional(),
  status: ZCustomerStatus.optional(),
  source: ZText(60).nullable().optional(),
  creditLimit: ZMoney.nullable().optional(),
  creditDays: z.number().int().min(0).max(3650).nullable().optional(),
  taxId: ZText(30).nullable().optional(),
  billingAddress: ZText(300).nullable().optional(),
  billingPhone: ZText(40).nullable().optional(),
  bankName: ZText(100).nullable().optional(),
  bankAccount: z
    .string()
    .trim()
    .regex(/^[0-9 -]{6,40}$/)
    .nullable()
    .optional(),
  tags: z.array(ZText(30).min(1)).max(30).optional(),
};

export const ZContactInput = z.strictObject({
  name: ZText(60).min(1),
  title: ZText(60).nullable().optional(),
  mobile: z
    .string()
    .trim()
    .regex(/^\+?[0-9 -]{5,20}$/)
    .nullable()
    .optional(),
  phone: ZText(40).nullable().optional(),
  email: z.email().max(128).nullable().optional(),
  wechat: ZText(60).nullable().optional(),
  isPrimary: z.boolean().optional(),
  notes: ZText(500).nullable().optional(),
});
export type TContactInput = z.infer<typeof ZContactInput>;

const ZCustomerFields = z.object(customerInput);

export const ZCreateCustomer = ZCustomerFields.extend({
  /** "other" when not given (e.g. a quick entry that only knows the name). */
  type: ZCustomerType.default('other'),
  ownerId: ZId.optional(),
  contacts: z.array(ZContactInput).max(20).optional(),
  /** Confirms creation although the duplicate check warned (never overrides a block). */
  acknowledgeDuplicates: z.boolean().optional(),
  /** The business-registry snapshot of a company picked from the registry (企查查) while filling the form. */
  registry: ZRegistrySnapshot.nullable().optional(),
}).strict();
export type TCreateCustomer = z.infer<typeof ZCreateCustomer>;

export const ZUpdateCustomer = ZCustomerFields.partial()
  .extend({ version: ZVersion, acknowledgeDuplicates: z.boolean().optional() })
  .strict();
export type TUpdateCustomer = z.infer<typeof ZUpdateCustomer>;

export const ZContact = z.object({
  id: ZId,
  customerId: ZId,
  name: z.string(),
  title: z.string().nullable(),
  /** Masked while the customer sits in the public pool. */
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  isPrimary: z.boolean(),
  notes: z.string().nullable(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TContact = z.infer<typeof ZContact>;

export const ZUpdateContact = ZContactInput.partial().extend({ version: ZVersion }).strict();
export type TUpdateContact = z.infer<typeof ZUpdateContact>;

export const ZCustomerSortValues = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'lastActivityAt',
  '-lastActivityAt',
  'grade',
  '-grade',
  'creditLimit',
  '-creditLimit',
] as const;

export const ZCustomerListQuery = ZListQuery.extend({
  q: z.string().trim().max(100).optional(),
  /** One or several owners. */
  ownerId: z
    .array(ZId)
    .max(50)
    .or(ZId.transform((id) => [id]))
    .optional(),
  /** The department and its whole subtree. */
  departmentId: ZId.optional(),
  grade: z
    .array(ZCustomerGrade)
    .or(ZCustomerGrade.transform((g) => [g]))
    .optional(),
  status: z
    .array(ZCustomerStatus)
    .or(ZCustomerStatus.transform((s) => [s]))
    .optional(),
  type: z
    .array(ZCustomerType)
    .or(ZCustomerType.transform((t) => [t]))
    .optional(),
  industry: z.string().trim().max(60).optional(),
  province: z.string().trim().max(30).optional(),
  city: z.string().trim().max(30).optional(),
  /** Customers carrying any of these tags. */
  tag: z
    .array(z.string().trim().max(30))
    .max(20)
    .or(
      z
        .string()
        .trim()
        .max(30)
        .transform((tag) => [tag]),
    )
    .optional(),
  /** In the public pool (no owner) or not. */
  inPool: ZBoolString.optional(),
  /** Not followed up since this business date (Asia/Shanghai) or instant; customers never followed up count too. */
  lastActivityBefore: ZBusinessDate.or(ZDateTime).optional(),
  /** Followed up on or after this business date (Asia/Shanghai) or instant. */
  lastActivityAfter: ZBusinessDate.or(ZDateTime).optional(),
  /** Created on or after / on or before these business dates (Asia/Shanghai). */
  createdFrom: ZBusinessDate.optional(),
  createdTo: ZBusinessDate.optional(),
  mine: ZBoolString.optional(),
  sort: z.enum(ZCustomerSortValues).default('-createdAt'),
});
export type TCustomerListQuery = z.infer<typeof ZCustomerListQuery>;

export const ZDuplicateCheckRequest = z.strictObject({
  name: z.string().trim().min(1).max(200),
  creditCode: z.string().trim().max(18).nullable().optional(),
  phones: z.array(z.string().trim().max(40)).max(20).optional(),
  emails: z.array(z.string().trim().max(128)).max(20).optional(),
  /** Leave this customer out (when editing it). */
  excludeId: ZId.optional(),
});
export type TDuplicateCheckRequest = z.infer<typeof ZDuplicateCheckRequest>;

export const ZDuplicateVerdict = z.enum(['block', 'warn', 'none']);
export const ZDuplicateMatch = z.object({
  /** Null when the customer is outside the caller's scope (only name and owner are shown then). */
  customerId: ZId.nullable(),
  name: z.string(),
  ownerName: z.string().nullable(),
  reason: z.enum(['credit_code', 'same_name', 'similar_name', 'contact_phone', 'contact_email']),
  score: z.number(),
  /** False when the customer is outside the caller's scope: only name and owner are shown. */
  visible: z.boolean(),
});
export const ZDuplicateCheckResult = z.object({ verdict: ZDuplicateVerdict, matches: z.array(ZDuplicateMatch) });
export type TDuplicateCheckResult = z.infer<typeof ZDuplicateCheckResult>;
export type TDuplicateMatch = z.infer<typeof ZDuplicateMatch>;
