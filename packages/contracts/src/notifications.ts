import { z } from 'zod';
import { ZBoolString, ZDateTime, ZId, ZListQuery } from './common.ts';

export const ZNotification = z.object({
  id: ZId,
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  readAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationQuery = ZListQuery.extend({ unread: ZBoolString.optional() });
export type TNotificationQuery = z.infer<typeof ZNotificationQuery>;

export const ZUnreadCount = z.object({ unread: z.number().int() });

export const ZMarkRead = z.strictObject({ ids: z.array(ZId).min(1).max(500).optional(), all: z.boolean().optional() });
export type TMarkRead = z.infer<typeof ZMarkRead>;
