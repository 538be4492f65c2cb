import { z } from 'zod';
import { ZDateTime, ZId } from './common.ts';

/** Customer fields whose value a merge takes from either side (owner, grade and history stay the survivor's). */
export const ZMergeableFieldValues = [
  'name',
  'shortName',
  'creditCode',
  'type',
  'industry',
  'country',
  'province',
  'city',
  'address',
  'status',
  'source',
  'creditLimit',
  'creditDays',
  'taxId',
  'billingAddress',
  'billingPhone',
  'bankName',
  'bankAccount',
  'tags',
] as const;
export const ZMergeableField = z.enum(ZMergeableFieldValues);
export type TMergeableField = z.infer<typeof ZMergeableField>;

export const ZMergeSide = z.enum(['survivor', 'merged']);
export type TMergeSide = z.infer<typeof ZMergeSide>;

export const ZMergeCustomers = z.strictObject({
  mergedId: ZId,
  /** Per field, whose value the survivor keeps; fields left out keep the survivor's. */
  fields: z.partialRecord(ZMergeableField, ZMergeSide).default({}),
  reason: z.string().trim().min(1).max(500),
});
export type TMergeCustomers = z.infer<typeof ZMergeCustomers>;

export const ZCustomerMerge = z.object({
  id: ZId,
  survivorId: ZId,
  mergedId: ZId,
  mergedName: z.string(),
  reason: z.string(),
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  /** Fields whose value came from the merged customer. */
  takenFields: z.array(ZMergeableField),
  /** How many records moved, per kind (`contacts`, `activities`, `tasks`, and each module's key). */
  movedCounts: z.record(z.string(), z.number().int()),
  createdAt: ZDateTime,
  undoneAt: ZDateTime.nullable(),
  /** Until when the merge can be undone. */
  undoUntil: ZDateTime,
  /** Whether the reader may undo it now (the one who merged, or an administrator, within the window). */
  canUndo: z.boolean(),
});
export type TCustomerMerge = z.infer<typeof ZCustomerMerge>;
