import { z } from 'zod';
import { ZDateTime, ZId, ZListQuery, ZVersion } from './common.ts';

/** 跟进记录 types: phone call, visit, meeting, WeCom message, note. */
export const ZActivityTypeValues = ['call', 'visit', 'meeting', 'wecom', 'note'] as const;
export const ZActivityType = z.enum(ZActivityTypeValues);
export type TActivityType = z.infer<typeof ZActivityType>;

/** What else an activity may belong to besides its customer (opportunities and contracts come later). */
export const ZActivityRelatedTypeValues = ['opportunity', 'contract'] as const;

export const ZActivityAttachment = z.object({
  id: ZId,
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});
export type TActivityAttachment = z.infer<typeof ZActivityAttachment>;

export const ZActivity = z.object({
  id: ZId,
  /** Null while the activity belongs to a lead only (before the lead becomes a customer). */
  customerId: ZId.nullable(),
  /** The lead it was recorded on (kept after the lead's conversion). */
  leadId: ZId.nullable(),
  /** The opportunity of the customer it is about. */
  opportunityId: ZId.nullable(),
  relatedType: z.enum(ZActivityRelatedTypeValues).nullable(),
  relatedId: ZId.nullable(),
  type: ZActivityType,
  content: z.string(),
  occurredAt: ZDateTime,
  contactId: ZId.nullable(),
  contactName: z.string().nullable(),
  nextFollowUpAt: ZDateTime.nullable(),
  attachments: z.array(ZActivityAttachment),
  authorId: ZId.nullable(),
  authorName: z.string().nullable(),
  /** Whether the reader may still edit or delete it (the author, within the edit window). */
  canEdit: z.boolean(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TActivity = z.infer<typeof ZActivity>;

const activityInput = {
  type: ZActivityType,
  content: z.string().trim().min(1).max(5000),
  occurredAt: ZDateTime,
  contactId: ZId.nullable().optional(),
  /** Creates or moves the follow-up task of the customer's owner. */
  nextFollowUpAt: ZDateTime.nullable().optional(),
  /** Files uploaded first through `POST /api/v1/files` (images and documents). */
  attachmentIds: z.array(ZId).max(10).optional(),
};

export const ZCreateActivity = z.strictObject(activityInput);
export type TCreateActivity = z.infer<typeof ZCreateActivity>;

export const ZUpdateActivity = z.object(activityInput).partial().extend({ version: ZVersion }).strict();
export type TUpdateActivity = z.infer<typeof ZUpdateActivity>;

export const ZActivityListQuery = ZListQuery.extend({ type: ZActivityType.optional() });
export type TActivityListQuery = z.infer<typeof ZActivityListQuery>;

/** The flat activity endpoints (`/api/v1/activities`) name the customer in the query or the body. */
export const ZActivityByCustomerQuery = ZActivityListQuery.extend({ customerId: ZId });
export type TActivityByCustomerQuery = z.infer<typeof ZActivityByCustomerQuery>;
export const ZCreateCustomerActivity = ZCreateActivity.extend({ customerId: ZId });
export type TCreateCustomerActivity = z.infer<typeof ZCreateCustomerActivity>;

/** The latest activities on the customers the reader may see (home page): newest first, from the last `days`. */
export const ZRecentActivityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  days: z.coerce.number().int().min(1).max(90).default(30),
});
export type TRecentActivityQuery = z.infer<typeof ZRecentActivityQuery>;
export const ZRecentActivity = ZActivity.extend({ customerName: z.string().nullable() });
export type TRecentActivity = z.infer<typeof ZRecentActivity>;
