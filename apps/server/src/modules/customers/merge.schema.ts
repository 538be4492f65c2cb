import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../kernel/db/columns.ts';
import type { MovedRecords } from './customer-extensions.ts';

/** What a merge moved, so that an undo moves exactly those rows back. */
export type MergeMoved = {
  contacts: string[];
  /** Moved contacts that were the merged customer's primary contact and lost the flag. */
  demotedPrimaryContacts: string[];
  activities: string[];
  tasks: string[];
  /** Per registered customer extension (key), the rows its moveOnMerge reported. */
  extensions: Record<string, MovedRecords[]>;
};

/** 客户合并: one row per merge, with the survivor's overwritten values so that it can be undone. */
export const customerMerge = pgTable(
  'customer_merge',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    survivorId: uuid('survivor_id').notNull(),
    mergedId: uuid('merged_id').notNull(),
    mergedName: text('merged_name').notNull(),
    reason: text('reason').notNull(),
    /** Field → 'survivor' | 'merged', as chosen. */
    choices: jsonb('choices').$type<Record<string, 'survivor' | 'merged'>>().notNull(),
    /** The survivor's values of the fields the merge overwrote, before and after. */
    survivorBefore: jsonb('survivor_before').$type<Record<string, unknown>>().notNull(),
    survivorAfter: jsonb('survivor_after').$type<Record<string, unknown>>().notNull(),
    /** The merged customer's credit code, cleared so that the survivor may take it; restored on undo. */
    mergedCreditCode: text('merged_credit_code'),
    survivorLastActivityAt: timestamptz('survivor_last_activity_at'),
    moved: jsonb('moved').$type<MergeMoved>().notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    undoneAt: timestamptz('undone_at'),
    undoneBy: uuid('undone_by'),
  },
  (t) => [index('customer_merge_survivor_idx').on(t.survivorId, t.createdAt), index('customer_merge_merged_idx').on(t.mergedId)],
);
