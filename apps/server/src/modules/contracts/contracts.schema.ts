import type { TContractSettings, TDeliveryTerms, TLatePenalty, TPaymentTerm } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';
import type { StoredReview } from './contract-review.ts';

export const CONTRACT_STATUSES = ['draft', 'in_review', 'approved', 'signed', 'executing', 'completed', 'terminated'] as const;
export const CONTRACT_TYPES = ['standard', 'framework', 'non_standard', 'overseas'] as const;
export const CONTRACT_VERSION_STATUSES = ['draft', 'in_review', 'effective', 'superseded', 'rejected'] as const;

/**
 * 合同: the agreement with a customer. Its lines and terms live in versions (the original and
 * each amendment, 补充协议); `effective_version_id` is the one later modules (fulfilment,
 * invoicing, receivables) read, `working_version_id` the one being edited or reviewed. The
 * amount and review level of the version shown are kept here for lists.
 */
export const contract = pgTable(
  'contract',
  {
    ...recordColumns(),
    /** Given on the first submission by the numbering service; null for a draft never submitted. */
    number: text('number'),
    title: text('title').notNull(),
    type: text('type', { enum: CONTRACT_TYPES }).notNull().default('standard'),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull().default('draft'),
    customerId: uuid('customer_id').notNull(),
    customerName: text('customer_name'),
    opportunityId: uuid('opportunity_id'),
    /** The opportunity's name when it was linked (a snapshot, as the customer name). */
    opportunityName: text('opportunity_name'),
    quoteId: uuid('quote_id'),
    quoteVersionId: uuid('quote_version_id'),
    requirementIds: uuid('requirement_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id'),
    currency: text('currency').notNull().default('CNY'),
    signedDate: date('signed_date', { mode: 'string' }),
    effectiveVersionId: uuid('effective_version_id'),
    /** The version being drafted or reviewed: the original before approval, then an open amendment. */
    workingVersionId: uuid('working_version_id'),
    /** Of the effective version once there is one, else of the working version. */
    amountInclTax: numeric('amount_incl_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    reviewLevel: text('review_level', { enum: ['pass', 'warn', 'block'] }),
    approvalInstanceId: uuid('approval_instance_id'),
    specialApprovalReason: text('special_approval_reason'),
    submittedAt: timestamptz('submitted_at'),
    approvedAt: timestamptz('approved_at'),
    executingAt: timestamptz('executing_at'),
    completedAt: timestamptz('completed_at'),
    terminatedAt: timestamptz('terminated_at'),
    terminationReason: text('termination_reason'),
  },
  (t) => [
    uniqueIndex('contract_number_key').on(t.number),
    index('contract_updated_idx').on(t.updatedAt, t.id),
    index('contract_owner_updated_idx').on(t.ownerId, t.updatedAt, t.id),
    index('contract_department_updated_idx').on(t.departmentId, t.updatedAt, t.id),
    index('contract_customer_idx').on(t.customerId, t.status),
    index('contract_opportunity_idx').on(t.opportunityId),
    index('contract_quote_idx').on(t.quoteId),
    index('contract_signed_date_idx').on(t.signedDate, t.id),
    index('contract_status_updated_idx').on(t.status, t.updatedAt, t.id),
    // The list search: the pairs of consecutive characters of number, title and customer name
    // (`crm_search_grams`, created by the migration). Any term of two or more characters selects
    // its candidates by its own pairs, which the statistics of this expression estimate well, so
    // that the planner walks the sort index for a common term and the pairs for a rare one.
    index('contract_search_grams_idx').using('gin', sql`crm_search_grams(array[${t.number}, ${t.title}, ${t.customerName}])`),
  ],
);

/** One version of a contract's lines and terms: the original (1) or an amendment (2, 3, …). */
export const contractVersion = pgTable(
  'contract_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contract.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    kind: text('kind', { enum: ['original', 'amendment'] }).notNull(),
    status: text('status', { enum: CONTRACT_VERSION_STATUSES }).notNull().default('draft'),
    /** Why the amendment was made. */
    reason: text('reason'),
    paymentTerms: jsonb('payment_terms').$type<TPaymentTerm[]>().notNull().default([]),
    deliveryTerms: jsonb('delivery_terms').$type<TDeliveryTerms>().notNull().default({}),
    warrantyMonths: integer('warranty_months').notNull().default(12),
    latePenalty: jsonb('late_penalty').$type<TLatePenalty>().notNull().default({ capPercent: '5' }),
    amountInclTax: numeric('amount_incl_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    amountExclTax: numeric('amount_excl_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    taxAmount: numeric('tax_amount', { precision: 18, scale: 2 }).notNull().default('0'),
    costAmount: numeric('cost_amount', { precision: 18, scale: 2 }),
    /** The last automatic review of this version (re-run on every change). */
    review: jsonb('review').$type<StoredReview>(),
    effectiveAt: timestamptz('effective_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [uniqueIndex('contract_version_no_key').on(t.contractId, t.versionNo)],
);

/** A line of a contract version. Catalogue facts are copied when the line is made: a contract is a document. */
export const contractLine = pgTable(
  'contract_line',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => contractVersion.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').notNull(),
    position: smallint('position').notNull(),
    productId: uuid('product_id'),
    materialCode: text('material_code'),
    name: text('name').notNull(),
    spec: text('spec'),
    unit: text('unit'),
    category: text('category'),
    qty: numeric('qty', { precision: 18, scale: 4 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 6 }).notNull(),
    taxRate: numeric('tax_rate', { precision: 5, scale: 4 }).notNull(),
    amountInclTax: numeric('amount_incl_tax', { precision: 18, scale: 2 }).notNull(),
    amountExclTax: numeric('amount_excl_tax', { precision: 18, scale: 2 }).notNull(),
    taxAmount: numeric('tax_amount', { precision: 18, scale: 2 }).notNull(),
    floorPrice: numeric('floor_price', { precision: 18, scale: 6 }),
    /** Standard cost per unit, excl. tax. */
    standardCost: numeric('standard_cost', { precision: 18, scale: 6 }),
    leadTimeDays: integer('lead_time_days'),
    standardWarrantyMonths: integer('standard_warranty_months'),
    wantedDeliveryDate: date('wanted_delivery_date', { mode: 'string' }),
    isNonStandard: boolean('is_non_standard').notNull().default(false),
    isTechnicallyReviewed: boolean('is_technically_reviewed').notNull().default(false),
    requirementLineId: uuid('requirement_line_id'),
    notes: text('notes'),
  },
  (t) => [
    index('contract_line_version_idx').on(t.versionId, t.position),
    index('contract_line_contract_idx').on(t.contractId),
    index('contract_line_product_idx').on(t.productId),
  ],
);

/** One row: numbering and the review rules' thresholds (validated by ZContractSettings). */
export const contractSettings = pgTable('contract_settings', {
  id: smallint('id').primaryKey().default(1),
  settings: jsonb('settings').$type<TContractSettings>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
