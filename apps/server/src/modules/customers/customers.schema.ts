import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, timestamptz } from '../../kernel/db/columns.ts';

export type RegistrySnapshot = {
  legalRepresentative: string | null;
  registeredCapital: string | null;
  establishedDate: string | null;
  businessStatus: string | null;
  registeredAddress: string | null;
  syncedAt: string | null;
};

export const customer = pgTable(
  'customer',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** The name as the duplicate check compares it (see duplicate/normalize.ts). */
    normalizedName: text('normalized_name').notNull(),
    /** The normalised name in pinyin, so that names written in another script are still compared. */
    namePinyin: text('name_pinyin').notNull().default(''),
    /** Pinyin initials of the name and short name, for search such as "gwjs". */
    pinyinInitials: text('pinyin_initials').notNull().default(''),
    shortName: text('short_name'),
    creditCode: text('credit_code'),
    type: text('type', { enum: ['grid', 'industrial', 'distributor', 'overseas', 'other'] }).notNull(),
    industry: text('industry'),
    country: text('country').notNull().default('中国'),
    province: text('province'),
    city: text('city'),
    address: text('address'),
    grade: text('grade', { enum: ['A', 'B', 'C', 'D'] })
      .notNull()
      .default('D'),
    status: text('status', { enum: ['prospect', 'active', 'dormant', 'lost'] })
      .notNull()
      .default('prospect'),
    source: text('source'),
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    lastActivityAt: timestamptz('last_activity_at'),
    lastDealAt: timestamptz('last_deal_at'),
    creditLimit: numeric('credit_limit', { precision: 18, scale: 2 }),
    creditDays: integer('credit_days'),
    taxId: text('tax_id'),
    billingAddress: text('billing_address'),
    billingPhone: text('billing_phone'),
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    registry: jsonb('registry').$type<RegistrySnapshot>(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('customer_credit_code_key')
      .on(t.creditCode)
      .where(sql`${t.creditCode} is not null`),
    index('customer_normalized_name_idx').on(t.normalizedName),
    index('customer_normalized_name_trgm_idx').using('gin', t.normalizedName.op('gin_trgm_ops')),
    index('customer_name_pinyin_trgm_idx').using('gin', t.namePinyin.op('gin_trgm_ops')),
    index('customer_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('customer_owner_idx').on(t.ownerId, t.createdAt, t.id),
    index('customer_department_idx').on(t.departmentId, t.createdAt, t.id),
    index('customer_created_idx').on(t.createdAt, t.id),
    index('customer_tags_idx').using('gin', t.tags),
  ],
);

export const contact = pgTable(
  'contact',
  {
    ...recordColumns(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customer.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title'),
    mobile: text('mobile'),
    /** Digits only, for duplicate matching across formats. */
    mobileDigits: text('mobile_digits'),
    phone: text('phone'),
    email: text('email'),
    wechat: text('wechat'),
    isPrimary: boolean('is_primary').notNull().default(false),
    notes: text('notes'),
  },
  (t) => [
    index('contact_customer_idx').on(t.customerId),
    index('contact_mobile_idx').on(t.mobileDigits),
    index('contact_email_idx').on(sql`lower(${t.email})`),
  ],
);
