import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../kernel/db/columns.ts';

/**
 * Saved views of lists (保存的视图), one row per user, list and name. `entity_type` names the list
 * (customer, later opportunity, contract…); filters, sort and columns are that list's own shapes,
 * checked by its contract when saved.
 */
export const savedView = pgTable(
  'saved_view',
  {
    ...recordColumns(),
    userId: uuid('user_id').notNull(),
    entityType: text('entity_type').notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    sort: text('sort'),
    /** Visible columns in their order; empty means the list's default columns. */
    columns: text('columns')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isDefault: boolean('is_default').notNull().default(false),
  },
  (t) => [
    uniqueIndex('saved_view_name_key').on(t.userId, t.entityType, t.name),
    uniqueIndex('saved_view_default_key')
      .on(t.userId, t.entityType)
      .where(sql`${t.isDefault}`),
    index('saved_view_user_idx').on(t.userId, t.entityType, t.createdAt),
  ],
);
