import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../kernel/db/columns.ts';

/** Product categories (单相智能电表, 集中器 …), maintained by administrators and product managers. */
export const productCategory = pgTable(
  'product_category',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [uniqueIndex('product_category_name_key').on(t.name)],
);

/** A catalogue item. Prices include tax; the standard cost excludes it. */
export const product = pgTable(
  'product',
  {
    ...recordColumns(),
    /** SAP material code (物料编码), stored upper-case. */
    materialCode: text('material_code').notNull(),
    name: text('name').notNull(),
    model: text('model'),
    unit: text('unit').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => productCategory.id),
    listPrice: numeric('list_price', { precision: 18, scale: 2 }).notNull(),
    floorPrice: numeric('floor_price', { precision: 18, scale: 2 }),
    standardCost: numeric('standard_cost', { precision: 18, scale: 2 }),
    /** A fraction: 0.1300 is 13 %. */
    taxRate: numeric('tax_rate', { precision: 5, scale: 4 }).notNull().default('0.13'),
    warrantyMonths: integer('warranty_months').notNull().default(12),
    leadTimeDays: integer('lead_time_days').notNull().default(30),
    status: text('status', { enum: ['active', 'discontinued'] })
      .notNull()
      .default('active'),
  },
  (t) => [
    uniqueIndex('product_material_code_key').on(t.materialCode),
    index('product_name_idx').on(t.name, t.id),
    index('product_list_price_idx').on(t.listPrice, t.id),
    index('product_updated_idx').on(t.updatedAt, t.id),
    index('product_category_idx').on(t.categoryId, t.materialCode),
    index('product_code_trgm_idx').using('gin', t.materialCode.op('gin_trgm_ops')),
    index('product_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('product_model_trgm_idx').using('gin', t.model.op('gin_trgm_ops')),
    check(
      'product_prices_check',
      sql`${t.listPrice} >= 0 and (${t.floorPrice} is null or ${t.floorPrice} >= 0) and (${t.standardCost} is null or ${t.standardCost} >= 0)`,
    ),
  ],
);
