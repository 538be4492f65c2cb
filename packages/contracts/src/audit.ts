import { z } from 'zod';
import { ZDateTime, ZId, ZListQuery } from './common.ts';

export const ZAuditChange = z.object({ from: z.unknown().optional(), to: z.unknown().optional() });

export const ZAuditEntry = z.object({
  id: z.string(),
  at: ZDateTime,
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  changes: z.record(z.string(), ZAuditChange).nullable(),
  meta: z.record(z.string(), z.unknown()).nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = ZListQuery.extend({
  userId: ZId.optional(),
  action: z.string().max(64).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  from: ZDateTime.optional(),
  to: ZDateTime.optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditExportQuery = ZAuditQuery.omit({ limit: true, cursor: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type TAuditExportQuery = z.infer<typeof ZAuditExportQuery>;
