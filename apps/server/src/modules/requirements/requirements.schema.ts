import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, numeric, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';

export const REQUIREMENT_STATUSES = ['draft', 'in_review', 'approved', 'returned', 'contracted', 'cancelled'] as const;
export const REQUIREMENT_LINE_DECISIONS = ['pending', 'standard', 'non_standard', 'new_code'] as const;

export type RequirementAttachmentValue = { id: string; name: string; mimeType: string; size: number };
export type TechnicalParameterValue = { name: string; value: string };
/** What the rep entered for a line, kept as entered: an unchanged line keeps its review on a later edit. */
export type RequestedLineValue = { productId: string | null; name: string; spec: string | null; unit: string | null };

/**
 * 需求: what a customer needs (products or free descriptions with technical parameters,
 * quantities, dates, photos and documents), entered by a rep and reviewed by a product manager.
 */
export const requirement = pgTable(
  'requirement',
  {
    ...recordColumns(),
    /** Given at the first submit; a draft never submitted has none. */
    number: text('number'),
    title: text('title').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** The customer's name when the requirement was entered (lists and search). */
    customerName: text('customer_name'),
    opportunityId: uuid('opportunity_id'),
    opportunityName: text('opportunity_name'),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id'),
    status: text('status', { enum: REQUIREMENT_STATUSES }).notNull().default('draft'),
    wantedDate: date('wanted_date', { mode: 'string' }),
    notes: text('notes'),
    attachments: jsonb('attachments').$type<RequirementAttachmentValue[]>().notNull().default([]),
    /** The approval-engine instance of the current (or last) review. */
    approvalInstanceId: text('approval_instance_id'),
    submittedAt: timestamptz('submitted_at'),
    decidedAt: timestamptz('decided_at'),
    decisionComment: text('decision_comment'),
    cancelReason: text('cancel_reason'),
    /** Contracts made from this requirement (more than one for a framework split). */
    contractIds: uuid('contract_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
  },
  (t) => [
    uniqueIndex('requirement_number_key').on(t.number),
    index('requirement_updated_idx').on(t.updatedAt, t.id),
    index('requirement_owner_updated_idx').on(t.ownerId, t.updatedAt, t.id),
    index('requirement_department_updated_idx').on(t.departmentId, t.updatedAt, t.id),
    index('requirement_status_updated_idx').on(t.status, t.updatedAt, t.id),
    index('requirement_customer_idx').on(t.customerId, t.createdAt),
    index('requirement_opportunity_idx').on(t.opportunityId),
    index('requirement_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('requirement_customer_name_trgm_idx').using('gin', t.customerName.op('gin_trgm_ops')),
  ],
);

/** One line of a requirement: a catalogue product or a free description, and the product manager's decision on it. */
export const requirementLine = pgTable(
  'requirement_line',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requirementId: uuid('requirement_id')
      .notNull()
      .references(() => requirement.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    /** The product the line stands for after review; snapshot of its code, name, spec and unit below. */
    productId: uuid('product_id'),
    materialCode: text('material_code'),
    name: text('name').notNull(),
    spec: text('spec'),
    unit: text('unit'),
    requested: jsonb('requested').$type<RequestedLineValue>().notNull(),
    description: text('description'),
    parameters: jsonb('parameters').$type<TechnicalParameterValue[]>().notNull().default([]),
    qty: numeric('qty', { precision: 18, scale: 4 }).notNull(),
    wantedDate: date('wanted_date', { mode: 'string' }),
    decision: text('decision', { enum: REQUIREMENT_LINE_DECISIONS }).notNull().default('pending'),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamptz('reviewed_at'),
    /** The catalogue product a product manager created by hand for this line. */
    createdProductId: uuid('created_product_id'),
    wasNonStandard: boolean('was_non_standard').notNull().default(false),
  },
  (t) => [index('requirement_line_requirement_idx').on(t.requirementId, t.position), index('requirement_line_product_idx').on(t.productId)],
);
