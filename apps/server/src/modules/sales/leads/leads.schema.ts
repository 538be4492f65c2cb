import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../../kernel/db/columns.ts';

/**
 * 线索: an unqualified prospect, followed up with activities (the customers module's activity table,
 * `lead_id`) until it is qualified and converted into customer + contact + opportunity, or
 * disqualified with a reason. Owner and department give it the data scope of customers.
 */
export const lead = pgTable(
  'lead',
  {
    ...recordColumns(),
    companyName: text('company_name').notNull(),
    contactName: text('contact_name'),
    title: text('title'),
    mobile: text('mobile'),
    /** Digits only, for search across formats. */
    mobileDigits: text('mobile_digits'),
    email: text('email'),
    province: text('province'),
    city: text('city'),
    industry: text('industry'),
    source: text('source'),
    status: text('status', { enum: ['new', 'following', 'qualified', 'disqualified', 'converted'] })
      .notNull()
      .default('new'),
    /** Null for a lead that waits for a manager to assign it (its department still scopes it). */
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    notes: text('notes'),
    qualifiedAt: timestamptz('qualified_at'),
    disqualifyReason: text('disqualify_reason', {
      enum: ['no_need', 'no_budget', 'unreachable', 'competitor', 'duplicate', 'invalid_info', 'other'],
    }),
    disqualifyNote: text('disqualify_note'),
    disqualifiedAt: timestamptz('disqualified_at'),
    /** What the conversion made or linked (records of the customers and opportunities features; no foreign keys across modules). */
    convertedCustomerId: uuid('converted_customer_id'),
    convertedContactId: uuid('converted_contact_id'),
    convertedOpportunityId: uuid('converted_opportunity_id'),
    convertedAt: timestamptz('converted_at'),
    lastActivityAt: timestamptz('last_activity_at'),
  },
  (t) => [
    index('lead_owner_idx').on(t.ownerId, t.createdAt, t.id),
    index('lead_department_idx').on(t.departmentId, t.createdAt, t.id),
    index('lead_created_idx').on(t.createdAt, t.id),
    index('lead_updated_idx').on(t.updatedAt, t.id),
    index('lead_status_idx').on(t.status, t.createdAt, t.id),
    index('lead_company_trgm_idx').using('gin', t.companyName.op('gin_trgm_ops')),
    index('lead_contact_trgm_idx').using('gin', t.contactName.op('gin_trgm_ops')),
    index('lead_mobile_idx').on(t.mobileDigits),
    index('lead_email_idx').on(sql`lower(${t.email})`),
    index('lead_converted_customer_idx')
      .on(t.convertedCustomerId)
      .where(sql`${t.convertedCustomerId} is not null`),
  ],
);

/** 线索来源: the configurable list a lead's source is chosen from (defaults in contracts). */
export const leadSource = pgTable(
  'lead_source',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [uniqueIndex('lead_source_name_key').on(t.name)],
);
