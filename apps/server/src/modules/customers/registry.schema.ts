import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../kernel/db/columns.ts';
import { customer } from './customers.schema.ts';

/** What a registry refresh found changed on a customer's company (history; see registry/). */
export const customerRegistryChange = pgTable(
  'customer_registry_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id, { onDelete: 'cascade' }),
    field: text('field', {
      enum: ['name', 'businessStatus', 'registeredAddress', 'legalRepresentative', 'registeredCapital'],
    }).notNull(),
    before: text('before'),
    after: text('after'),
    /** Renamed, moved, or a status that ends or suspends business: the owner was notified. */
    isAlert: boolean('is_alert').notNull().default(false),
    detectedAt: timestamptz('detected_at').notNull(),
    /** The registry's order number of the call that found it (its billing reference). */
    orderNumber: text('order_number'),
  },
  (t) => [index('customer_registry_change_customer_idx').on(t.customerId, t.detectedAt.desc(), t.id)],
);

/**
 * Registry answers kept for a while: every registry call is billed, and the same names are looked
 * up again and again while people type. Public registry data, not records of any owner.
 */
export const registryLookupCache = pgTable(
  'registry_lookup_cache',
  {
    /** `search:<query>` or `details:<keyword>`. */
    key: text('key').primaryKey(),
    payload: jsonb('payload').notNull(),
    fetchedAt: timestamptz('fetched_at')
      .notNull()
      .default(sql`now()`),
    orderNumber: text('order_number'),
  },
  (t) => [index('registry_lookup_cache_fetched_idx').on(t.fetchedAt)],
);
