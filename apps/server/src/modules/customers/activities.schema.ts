import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';
import { contact, customer } from './customers.schema.ts';

export type ActivityAttachmentRef = { id: string; name: string; mimeType: string; size: number };

/**
 * 跟进记录: a call, visit, meeting, WeCom message or note. It belongs to a customer (whose data scope
 * it shares), or to a lead of the sales module before the lead becomes a customer (then `lead_id`
 * only; conversion sets `customer_id` and keeps `lead_id`). `opportunity_id` ties it additionally to
 * an opportunity of the customer; `related_type` + `related_id` to a contract once that module exists.
 * The sales tables are not referenced by foreign keys: this module does not know them.
 */
export const activity = pgTable(
  'activity',
  {
    ...recordColumns(),
    customerId: uuid('customer_id').references(() => customer.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id'),
    opportunityId: uuid('opportunity_id'),
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
    // The newest activities across customers (home page feed), read backwards.
    index('activity_occurred_idx').on(t.occurredAt, t.id),
    index('activity_lead_idx')
      .on(t.leadId, t.occurredAt, t.id)
      .where(sql`${t.leadId} is not null`),
    index('activity_opportunity_idx')
      .on(t.opportunityId, t.occurredAt, t.id)
      .where(sql`${t.opportunityId} is not null`),
    check('activity_owner_record_check', sql`${t.customerId} is not null or ${t.leadId} is not null`),
  ],
);
