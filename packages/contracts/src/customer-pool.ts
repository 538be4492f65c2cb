import { z } from 'zod';
import { ZBusinessDate, ZDateTime, ZId, ZListQuery, ZVersion } from './common.ts';
import { ZCustomerGrade, ZCustomerType } from './customers.ts';

/** A reason that a person wrote: required for transfers, releases and grade overrides. */
export const ZReason = z.string().trim().min(2).max(500);

const ZDays = z.number().int().min(1).max(3650).nullable();
export const ZPoolGradeRule = z.object({ noActivityDays: ZDays, noDealDays: ZDays });
export const ZPoolGradeRules = z.object({ A: ZPoolGradeRule, B: ZPoolGradeRule, C: ZPoolGradeRule, D: ZPoolGradeRule });
export type TPoolGradeRules = z.infer<typeof ZPoolGradeRules>;

export const ZPoolSettings = z.object({
  name: z.string().trim().min(1).max(100),
  departmentId: ZId,
  rules: ZPoolGradeRules,
  warnDays: z.number().int().min(0).max(365),
  ownerCap: z.number().int().min(1).max(100_000),
  dailyClaimQuota: z.number().int().min(0).max(10_000),
  reclaimCooldownDays: z.number().int().min(0).max(3650),
  reclaimEnabled: z.boolean(),
});
export type TPoolSettings = z.infer<typeof ZPoolSettings>;

export const ZCustomerPool = ZPoolSettings.extend({
  id: ZId,
  departmentName: z.string().nullable(),
  /** Customers in the pool now. */
  size: z.number().int(),
  version: ZVersion,
});
export type TCustomerPool = z.infer<typeof ZCustomerPool>;

export const ZUpdatePool = ZPoolSettings.partial().extend({ version: ZVersion });
export type TUpdatePool = z.infer<typeof ZUpdatePool>;

/** What the current user may still do with the pools serving them. */
export const ZPoolStatus = z.object({
  pools: z.array(z.object({ id: ZId, name: z.string(), size: z.number().int() })),
  owned: z.number().int(),
  ownerCap: z.number().int().nullable(),
  claimedToday: z.number().int(),
  dailyClaimQuota: z.number().int().nullable(),
});
export type TPoolStatus = z.infer<typeof ZPoolStatus>;

export const ZPoolCustomerQuery = ZListQuery.extend({
  poolId: ZId.optional(),
  q: z.string().trim().max(100).optional(),
  grade: z
    .array(ZCustomerGrade)
    .or(ZCustomerGrade.transform((g) => [g]))
    .optional(),
});
export type TPoolCustomerQuery = z.infer<typeof ZPoolCustomerQuery>;

export const ZReasonBody = z.object({ reason: ZReason });
export type TReasonBody = z.infer<typeof ZReasonBody>;

export const ZAssignRequest = z.object({ ownerId: ZId, reason: ZReason });
export type TAssignRequest = z.infer<typeof ZAssignRequest>;

export const ZOwnerChangeKindValues = ['create', 'assign', 'transfer', 'auto_assign', 'claim', 'release', 'reclaim', 'merge'] as const;
export const ZOwnerChangeKind = z.enum(ZOwnerChangeKindValues);
export type TOwnerChangeKind = z.infer<typeof ZOwnerChangeKind>;

export const ZOwnerChange = z.object({
  id: ZId,
  kind: ZOwnerChangeKind,
  fromOwnerName: z.string().nullable(),
  toOwnerName: z.string().nullable(),
  poolName: z.string().nullable(),
  reason: z.string().nullable(),
  at: ZDateTime,
  byName: z.string().nullable(),
});
export type TOwnerChange = z.infer<typeof ZOwnerChange>;

export const ZAssignmentStrategy = z.enum(['round_robin', 'least_loaded']);
export type TAssignmentStrategy = z.infer<typeof ZAssignmentStrategy>;

export const ZAssignmentRuleInput = z.object({
  name: z.string().trim().min(1).max(100),
  priority: z.number().int().min(0).max(10_000),
  provinces: z.array(z.string().trim().min(1).max(50)).max(100),
  industries: z.array(z.string().trim().min(1).max(100)).max(100),
  types: z.array(ZCustomerType).max(5),
  departmentId: ZId,
  strategy: ZAssignmentStrategy,
  enabled: z.boolean(),
});
export type TAssignmentRuleInput = z.infer<typeof ZAssignmentRuleInput>;

export const ZAssignmentRule = ZAssignmentRuleInput.extend({ id: ZId, departmentName: z.string().nullable(), version: ZVersion });
export type TAssignmentRule = z.infer<typeof ZAssignmentRule>;
export const ZUpdateAssignmentRule = ZAssignmentRuleInput.partial().extend({ version: ZVersion });
export type TUpdateAssignmentRule = z.infer<typeof ZUpdateAssignmentRule>;

export const CUSTOMER_BATCH_LIMIT = 500;
const ZBatchIds = z.array(ZId).min(1).max(CUSTOMER_BATCH_LIMIT);
const ZTags = z.array(z.string().trim().min(1).max(30)).min(1).max(20);

/** One action on up to 500 customers, in one transaction, with a result per customer. */
export const ZCustomerBatchRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), customerIds: ZBatchIds, ownerId: ZId, reason: ZReason }),
  z.object({ action: z.literal('autoAssign'), customerIds: ZBatchIds }),
  z.object({ action: z.literal('release'), customerIds: ZBatchIds, reason: ZReason }),
  z.object({ action: z.literal('grade'), customerIds: ZBatchIds, grade: ZCustomerGrade, reason: ZReason }),
  z.object({ action: z.literal('addTags'), customerIds: ZBatchIds, tags: ZTags }),
  z.object({ action: z.literal('removeTags'), customerIds: ZBatchIds, tags: ZTags }),
]);
export type TCustomerBatchRequest = z.infer<typeof ZCustomerBatchRequest>;
export type TCustomerBatchAction = TCustomerBatchRequest['action'];

export const ZCustomerBatchResult = z.object({
  done: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.object({
      customerId: ZId,
      outcome: z.enum(['done', 'refused']),
      /** Problem code when refused, e.g. NOT_FOUND or CUSTOMER_OWNER_CAP_REACHED. */
      code: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
});
export type TCustomerBatchResult = z.infer<typeof ZCustomerBatchResult>;

export const ZReclaimOutcome = z.object({ warned: z.number().int(), reclaimed: z.number().int(), asOf: ZBusinessDate });
export type TReclaimOutcome = z.infer<typeof ZReclaimOutcome>;
