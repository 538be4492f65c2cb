import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../../kernel/db/columns.ts';
import { product } from '../products.schema.ts';

/**
 * A price list: prices for customers of some grades and/or provinces, valid between two business
 * dates. Empty `grades` / `provinces` mean "any". The highest priority wins among matching lists.
 */
export const priceList = pgTable(
  'price_list',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    description: text('description'),
    grades: text('grades')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    provinces: text('provinces')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    priority: integer('priority').notNull().default(0),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
  },
  (t) => [
    index('price_list_priority_idx').on(t.priority, t.id),
    check('price_list_validity_check', sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`),
  ],
);

/** One product's price on a list: a fixed price or a discount off the list price, optionally with its own validity. */
export const priceListEntry = pgTable(
  'price_list_entry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceList.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    price: numeric('price', { precision: 18, scale: 2 }),
    /** Percent off the list price: 15.00 is 15 % off. */
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    index('price_list_entry_list_idx').on(t.priceListId),
    index('price_list_entry_product_idx').on(t.productId, t.priceListId),
    check('price_list_entry_kind_check', sql`(${t.price} is null) <> (${t.discountPercent} is null)`),
    check('price_list_entry_validity_check', sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`),
  ],
);
