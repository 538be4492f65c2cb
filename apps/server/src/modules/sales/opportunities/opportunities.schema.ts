import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../../kernel/db/columns.ts';

export type CompetitorValue = { name: string; strengths?: string | null; weaknesses?: string | null; quotedPrice?: string | null };

/** 商机阶段: the configurable pipeline, in `position` order. */
export const opportunityStage = pgTable(
  'opportunity_stage',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    position: smallint('position').notNull(),
    probability: smallint('probability').notNull(),
    kind: text('kind', { enum: ['open', 'won', 'lost'] }).notNull(),
    isRequired: boolean('is_required').notNull().default(false),
    isRequiredForTender: boolean('is_required_for_tender').notNull().default(false),
    requiresTenderInfo: boolean('requires_tender_info').notNull().default(false),
  },
  (t) => [uniqueIndex('opportunity_stage_code_key').on(t.code)],
);

/** One row: the pipeline's version (optimistic lock of the whole stage list) and who changed it last. */
export const opportunityPipeline = pgTable('opportunity_pipeline', {
  id: smallint('id').primaryKey().default(1),
  version: integer('version').notNull().default(1),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** 商机: a potential deal of a customer, moving through the pipeline. */
export const opportunity = pgTable(
  'opportunity',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** The customer (customers module); moved to the survivor when customers are merged. */
    customerId: uuid('customer_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull().default('0'),
    currency: text('currency').notNull().default('CNY'),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }).notNull(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => opportunityStage.id),
    /** The stage's kind, kept with the row so that open and closed opportunities have their own indexes. */
    stageKind: text('stage_kind', { enum: ['open', 'won', 'lost'] }).notNull(),
    stageEnteredAt: timestamptz('stage_entered_at').notNull(),
    probability: smallint('probability').notNull(),
    probabilityOverridden: boolean('probability_overridden').notNull().default(false),
    source: text('source'),
    /** The lead this opportunity was converted from (sales leads). */
    leadId: uuid('lead_id'),
    isTender: boolean('is_tender').notNull().default(false),
    tenderNumber: text('tender_number'),
    bidOpeningDate: date('bid_opening_date', { mode: 'string' }),
    bidBondAmount: numeric('bid_bond_amount', { precision: 18, scale: 2 }),
    bidBondReturned: boolean('bid_bond_returned').notNull().default(false),
    tenderResult: text('tender_result', { enum: ['pending', 'won', 'lost', 'cancelled'] })
      .notNull()
      .default('pending'),
    /** The bid-award notice (中标通知书), a kernel stored file. */
    awardNoticeFileId: uuid('award_notice_file_id'),
    awardNoticeName: text('award_notice_name'),
    competitors: jsonb('competitors').$type<CompetitorValue[]>().notNull().default([]),
    description: text('description'),
    closedAt: timestamptz('closed_at'),
    /** Business date (Asia/Shanghai) of the win, for performance per month. */
    wonDate: date('won_date', { mode: 'string' }),
    closeReasonCode: text('close_reason_code'),
    closeReason: text('close_reason'),
  },
  (t) => [
    // Kanban and pipeline of open opportunities: per department or owner, per stage, in card order.
    // Amount and probability at the end: the board's totals are read from the index alone.
    index('opportunity_open_department_idx')
      .on(t.departmentId, t.stageId, t.expectedCloseDate, t.id, t.amount, t.probability)
      .where(sql`${t.stageKind} = 'open'`),
    // The board of everyone (no department to probe): per stage in card order.
    index('opportunity_open_stage_idx')
      .on(t.stageId, t.expectedCloseDate, t.id)
      .where(sql`${t.stageKind} = 'open'`),
    index('opportunity_open_owner_idx')
      .on(t.ownerId, t.stageId, t.expectedCloseDate, t.id)
      .where(sql`${t.stageKind} = 'open'`),
    // Won and lost columns: what closed recently.
    index('opportunity_closed_department_idx')
      .on(t.departmentId, t.closedAt, t.id, t.stageId, t.amount, t.probability)
      .where(sql`${t.stageKind} <> 'open'`),
    index('opportunity_closed_owner_idx')
      .on(t.ownerId, t.closedAt, t.id)
      .where(sql`${t.stageKind} <> 'open'`),
    index('opportunity_closed_at_idx')
      .on(t.closedAt, t.id)
      .where(sql`${t.stageKind} <> 'open'`),
    // Performance: won per month, read from the index alone.
    index('opportunity_won_date_idx')
      .on(t.wonDate, t.ownerId, t.departmentId, t.amount)
      .where(sql`${t.stageKind} = 'won'`),
    // The list's keyset sorts.
    index('opportunity_created_idx').on(t.createdAt, t.id),
    index('opportunity_updated_idx').on(t.updatedAt, t.id),
    index('opportunity_amount_idx').on(t.amount, t.id),
    index('opportunity_close_date_idx').on(t.expectedCloseDate, t.id),
    index('opportunity_owner_created_idx').on(t.ownerId, t.createdAt, t.id),
    index('opportunity_department_created_idx').on(t.departmentId, t.createdAt, t.id),
    index('opportunity_customer_idx').on(t.customerId, t.createdAt),
    index('opportunity_lead_idx')
      .on(t.leadId)
      .where(sql`${t.leadId} is not null`),
    index('opportunity_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

/** 阶段变更: every stage an opportunity entered, with when and by whom. */
export const opportunityStageChange = pgTable(
  'opportunity_stage_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: changes within the same instant keep the order they were made in. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunity.id, { onDelete: 'cascade' }),
    fromStageId: uuid('from_stage_id').references(() => opportunityStage.id),
    toStageId: uuid('to_stage_id')
      .notNull()
      .references(() => opportunityStage.id),
    at: timestamptz('at').notNull(),
    byId: uuid('by_id'),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    probability: smallint('probability').notNull(),
    reasonCode: text('reason_code'),
    reason: text('reason'),
  },
  (t) => [
    index('opportunity_stage_change_opportunity_idx').on(t.opportunityId, t.at, t.seq),
    index('opportunity_stage_change_at_idx').on(t.at),
  ],
);

/** 产品明细: products of the catalogue an opportunity is about. */
export const opportunityLine = pgTable(
  'opportunity_line',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunity.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    productId: uuid('product_id').notNull(),
    /** The product's code and name when the line was written (the catalogue may change later). */
    materialCode: text('material_code'),
    productName: text('product_name').notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 3 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 6 }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [index('opportunity_line_opportunity_idx').on(t.opportunityId, t.position), index('opportunity_line_product_idx').on(t.productId)],
);
