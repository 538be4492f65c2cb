import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';
import { contact, customer } from './customers.schema.ts';

export type ActivityAttachmentRef = { id: string; name: string; mimeType: string; size: number };

/**
 * 跟进记录: a call, visit, meeting, WeCom message or note. It always belongs to a customer (whose
 * data scope it shares); `related_type` + `related_id` tie it additionally to an opportunity or a
 * contract once those modules exist.
 */
export const activity = pgTable(
  'activity',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id, { onDelete: 'cascade' }),
    relatedType: text('related_type', { enum: ['opportunity', 'contract'] }),
    relatedId: uuid('related_id'),
    type: text('type', { enum: ['call', 'visit', 'meeting', 'wecom', 'note'] }).notNull(),
    content: text('content').notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    contactId: uuid('contact_id').references(() => contact.id, { onDelete: 'set null' }),
    nextFollowUpAt: timestamptz('next_follow_up_at'),
    /** Stored files (kernel files) with the name and type they had when attached. */
    attachments: jsonb('attachments').$type<ActivityAttachmentRef[]>().notNull().default([]),
    authorId: uuid('author_id'),
  },
  (t) => [
    index('activity_customer_idx').on(t.customerId, t.occurredAt, t.id),
    index('activity_related_idx').on(t.relatedType, t.relatedId, t.occurredAt),
    index('activity_author_idx').on(t.authorId, t.occurredAt),
  ],
);
