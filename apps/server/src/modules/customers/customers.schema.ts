import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** The grade the grading rule gives (see grading/); `grade` differs from it only under a manual override. */
    ruleGrade: text('rule_grade', { enum: ['A', 'B', 'C', 'D'] })
      .notNull()
      .default('D'),
    /** A manual grade that wins over the rule until it is cleared, with its reason. */
    gradeOverride: text('grade_override', { enum: ['A', 'B', 'C', 'D'] }),
    gradeOverrideReason: text('grade_override_reason'),
    /** Strategic customers are graded A by the rule (set with a reason by managers, directors, admins). */
    strategic: boolean('strategic').notNull().default(false),
    /** When the grade or the rule grade last changed. */
    gradedAt: timestamptz('graded_at'),
    status: text('status', { enum: ['prospect', 'active', 'dormant', 'lost'] })
      .notNull()
      .default('prospect'),
    source: text('source'),
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    /** The public pool the customer sits in while it has no owner (see pool.schema.ts). */
    poolId: uuid('pool_id'),
    /** When the current owner got the customer; reclaim periods never start before it. */
    ownerSince: timestamptz('owner_since'),
    /** The reclaim date the owner was last warned about, so that each warning is sent once. */
    reclaimWarnedFor: date('reclaim_warned_for', { mode: 'string' }),
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
    /** The survivor this customer was merged into (see merge.schema.ts); a merged customer is hidden and read-only. */
    mergedIntoId: uuid('merged_into_id'),
    mergedAt: timestamptz('merged_at'),
  },
  (t) => [
    uniqueIndex('customer_credit_code_key')
      .on(t.creditCode)
      .where(sql`${t.creditCode} is not null`),
    index('customer_normalized_name_idx').on(t.normalizedName),
    index('customer_normalized_name_trgm_idx').using('gin', t.normalizedName.op('gin_trgm_ops')),
    index('customer_name_pinyin_trgm_idx').using('gin', t.namePinyin.op('gin_trgm_ops')),
    // The pinyin of names written without Chinese characters (overseas and Latin-script names): a
    // Chinese name is compared with those by pinyin (duplicate check), with every other by its text.
    index('customer_latin_name_pinyin_trgm_idx')
      .using('gin', t.namePinyin.op('gin_trgm_ops'))
      .where(sql`${t.normalizedName} !~ '[㐀-鿿]'`),
    index('customer_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('customer_short_name_trgm_idx').using('gin', t.shortName.op('gin_trgm_ops')),
    index('customer_pinyin_initials_trgm_idx').using('gin', t.pinyinInitials.op('gin_trgm_ops')),
    // Two-character searches (南京, 华鹏, hp): pg_trgm extracts no trigram from them, so they are
    // answered from the characters pairs of name, short name and pinyin initials. The functions are
    // created by the migration; `searchBigrams` in customers.repository.ts makes the query side.
    index('customer_search_grams_idx').using('gin', sql`crm_customer_search_grams(${t.name}, ${t.shortName}, ${t.pinyinInitials})`),
    index('customer_owner_idx').on(t.ownerId, t.createdAt, t.id),
    index('customer_department_idx').on(t.departmentId, t.createdAt, t.id),
    index('customer_created_idx').on(t.createdAt, t.id),
    index('customer_tags_idx').using('gin', t.tags),
    // List sorts (keyset over value, id). Nullable sort columns put nulls first, so that one index
    // serves "asc nulls first" forward and "desc nulls last" backward (see listCustomers).
    index('customer_name_sort_idx').on(t.namePinyin, t.id),
    index('customer_grade_sort_idx').on(t.grade, t.id),
    index('customer_last_activity_idx').on(t.lastActivityAt.asc().nullsFirst(), t.id),
    index('customer_credit_limit_idx').on(t.creditLimit.asc().nullsFirst(), t.id),
    // A city matches a few hundred of 100,000 customers: read through this index and sorted, not
    // found by walking a sort index.
    index('customer_region_idx').on(t.province, t.city),
    index('customer_merged_into_idx')
      .on(t.mergedIntoId)
      .where(sql`${t.mergedIntoId} is not null`),
    index('customer_pool_idx')
      .on(t.poolId, t.createdAt, t.id)
      .where(sql`${t.ownerId} is null`),
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
