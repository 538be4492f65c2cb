import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../../kernel/db/columns.ts';
import type { StoredApprovalReason } from './quote-approval-rules.ts';

export const QUOTE_STATUSES = ['draft', 'needs_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired', 'superseded'] as const;

export type QuotePriceSourceValue = {
  kind: 'price_list' | 'list_price' | 'manual';
  priceListId: string | null;
  priceListName: string | null;
  explanation: string;
};

export type QuoteDecisionValue = {
  outcome: 'approved' | 'refused';
  byId: string | null;
  byName: string | null;
  at: string;
  comment: string | null;
  channel: string;
};

/**
 * 报价单: one quote of an opportunity, numbered once; its content lives in versions, one of them
 * current. The status, validity and total of the current version are kept here for lists.
 */
export const quote = pgTable(
  'quote',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    /** Names as they were when the quote (version) was made: a quote is a document. */
    opportunityName: text('opportunity_name'),
    customerId: uuid('customer_id').notNull(),
    customerName: text('customer_name'),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id'),
    currency: text('currency').notNull().default('CNY'),
    currentVersionId: uuid('current_version_id'),
    currentVersionNo: integer('current_version_no').notNull().default(1),
    status: text('status', { enum: QUOTE_STATUSES }).notNull().default('draft'),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    totalInclTax: numeric('total_incl_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    /** The accepted version: the basis of a contract; the quote is locked from then on. */
    acceptedVersionId: uuid('accepted_version_id'),
    acceptedAt: timestamptz('accepted_at'),
  },
  (t) => [
    uniqueIndex('quote_number_key').on(t.number),
    index('quote_updated_idx').on(t.updatedAt, t.id),
    index('quote_owner_updated_idx').on(t.ownerId, t.updatedAt, t.id),
    index('quote_department_updated_idx').on(t.departmentId, t.updatedAt, t.id),
    index('quote_opportunity_idx').on(t.opportunityId, t.createdAt),
    index('quote_customer_idx').on(t.customerId, t.createdAt),
    index('quote_open_valid_until_idx')
      .on(t.validUntil)
      .where(sql`${t.status} in ('draft', 'needs_approval', 'approved', 'sent')`),
    index('quote_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('quote_customer_name_trgm_idx').using('gin', t.customerName.op('gin_trgm_ops')),
  ],
);

/** One version of a quote: its terms, totals, approval state and (in quote_line) its lines. */
export const quoteVersion = pgTable(
  'quote_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quote.id, { onDelete: 'cascade' }),
    versionNo: integer('version_no').notNull(),
    status: text('status', { enum: QUOTE_STATUSES }).notNull().default('draft'),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    /** The pricing context the lines were priced in: business date, customer grade and province. */
    priceDate: date('price_date', { mode: 'string' }).notNull(),
    customerGrade: text('customer_grade'),
    customerProvince: text('customer_province'),
    overallDiscountPercent: numeric('overall_discount_percent', { precision: 7, scale: 4 }).notNull().default('0'),
    referenceAmount: numeric('reference_amount', { precision: 18, scale: 2 }).notNull().default('0'),
    subtotal: numeric('subtotal', { precision: 18, scale: 2 }).notNull().default('0'),
    overallDiscountAmount: numeric('overall_discount_amount', { precision: 18, scale: 2 }).notNull().default('0'),
    totalExclTax: numeric('total_excl_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    totalTax: numeric('total_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    totalInclTax: numeric('total_incl_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    /** The discount limit that applied when the lines were last priced. */
    limitPercent: numeric('limit_percent', { precision: 7, scale: 4 }).notNull().default('0'),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    approvalReasons: jsonb('approval_reasons').$type<StoredApprovalReason[]>().notNull().default([]),
    /** The approval-engine instance while one runs. */
    approvalInstanceId: text('approval_instance_id'),
    decision: jsonb('decision').$type<QuoteDecisionValue>(),
    paymentTerms: text('payment_terms'),
    deliveryTerms: text('delivery_terms'),
    notes: text('notes'),
    submittedAt: timestamptz('submitted_at'),
    sentAt: timestamptz('sent_at'),
    acceptedAt: timestamptz('accepted_at'),
    acceptNote: text('accept_note'),
    rejectedAt: timestamptz('rejected_at'),
    rejectReason: text('reject_reason'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [uniqueIndex('quote_version_no_key').on(t.quoteId, t.versionNo)],
);

/** A priced line of a quote version: a catalogue product or free text. */
export const quoteLine = pgTable(
  'quote_line',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => quoteVersion.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    productId: uuid('product_id'),
    materialCode: text('material_code'),
    name: text('name').notNull(),
    spec: text('spec'),
    unit: text('unit'),
    qty: numeric('qty', { precision: 18, scale: 4 }).notNull(),
    listPrice: numeric('list_price', { precision: 18, scale: 6 }),
    resolvedPrice: numeric('resolved_price', { precision: 18, scale: 6 }),
    priceSource: jsonb('price_source').$type<QuotePriceSourceValue>().notNull(),
    /** Floor price at pricing time; shown only to holders of the floor-price grant. */
    floorPrice: numeric('floor_price', { precision: 18, scale: 6 }),
    unitPrice: numeric('unit_price', { precision: 18, scale: 6 }).notNull(),
    discountPercent: numeric('discount_percent', { precision: 7, scale: 4 }).notNull().default('0'),
    netUnitPrice: numeric('net_unit_price', { precision: 18, scale: 6 }).notNull(),
    taxRate: numeric('tax_rate', { precision: 5, scale: 4 }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    overallDiscountShare: numeric('overall_discount_share', { precision: 18, scale: 2 }).notNull(),
    amountInclTax: numeric('amount_incl_tax', { precision: 18, scale: 2 }).notNull(),
    amountExclTax: numeric('amount_excl_tax', { precision: 18, scale: 2 }).notNull(),
    taxAmount: numeric('tax_amount', { precision: 18, scale: 2 }).notNull(),
    effectiveDiscountPercent: numeric('effective_discount_percent', { precision: 9, scale: 2 }).notNull(),
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    notes: text('notes'),
  },
  (t) => [index('quote_line_version_idx').on(t.versionId, t.position), index('quote_line_product_idx').on(t.productId)],
);

/** One row: numbering, validity and the company header of quotes. */
export const quoteSettings = pgTable('quote_settings', {
  id: smallint('id').primaryKey().default(1),
  numberPattern: text('number_pattern').notNull(),
  validityDays: integer('validity_days').notNull(),
  companyName: text('company_name').notNull(),
  companyAddress: text('company_address'),
  companyPhone: text('company_phone'),
  companyTaxId: text('company_tax_id'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** The discount a role may give without approval, optionally per customer grade. */
export const quoteDiscountLimit = pgTable(
  'quote_discount_limit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roleCode: text('role_code').notNull(),
    customerGrade: text('customer_grade'),
    maxDiscountPercent: numeric('max_discount_percent', { precision: 7, scale: 4 }).notNull(),
  },
  (t) => [uniqueIndex('quote_discount_limit_key').on(t.roleCode, sql`coalesce(${t.customerGrade}, '')`)],
);
