import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { contact, customer } from './customers.schema.ts';

export type CustomerRow = typeof customer.$inferSelect;
export type NewCustomerRow = typeof customer.$inferInsert;
export type ContactRow = typeof contact.$inferSelect;

export const customerScopeColumns = { owner: customer.ownerId, department: customer.departmentId, id: customer.id, entityType: 'customer' };

export type CustomerSortKey = 'name' | 'createdAt' | 'lastActivityAt' | 'grade';
const sortColumn = {
  name: customer.name,
  createdAt: customer.createdAt,
  lastActivityAt: customer.lastActivityAt,
  grade: customer.grade,
} as const;

export type CustomerFilter = {
  scope: SQL | undefined;
  q?: string;
  ownerId?: string;
  departmentIds?: string[];
  grades?: string[];
  statuses?: string[];
  types?: string[];
  industry?: string;
  province?: string;
  city?: string;
  tag?: string;
  lastActivityBefore?: Date;
  lastActivityAfter?: Date;
};

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterConditions(f: CustomerFilter): SQL | undefined {
  let search: SQL | undefined;
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    const digits = f.q.replace(/\D/g, '');
    search = or(
      sql`${customer.name} ilike ${like}`,
      sql`${customer.shortName} ilike ${like}`,
      sql`${customer.pinyinInitials} like ${`%${escapeLike(f.q.toLowerCase())}%`}`,
      eq(customer.creditCode, f.q.toUpperCase()),
      digits.length >= 5
        ? sql`exists (select 1 from ${contact} c where c.customer_id = ${customer.id} and c.mobile_digits = ${digits})`
        : undefined,
    );
  }
  return and(
    f.scope,
    search,
    f.ownerId ? eq(customer.ownerId, f.ownerId) : undefined,
    f.departmentIds ? inArray(customer.departmentId, f.departmentIds) : undefined,
    f.grades?.length ? inArray(customer.grade, f.grades as CustomerRow['grade'][]) : undefined,
    f.statuses?.length ? inArray(customer.status, f.statuses as CustomerRow['status'][]) : undefined,
    f.types?.length ? inArray(customer.type, f.types as CustomerRow['type'][]) : undefined,
    f.industry ? eq(customer.industry, f.industry) : undefined,
    f.province ? eq(customer.province, f.province) : undefined,
    f.city ? eq(customer.city, f.city) : undefined,
    f.tag ? sql`${customer.tags} @> array[${f.tag}]::text[]` : undefined,
    f.lastActivityBefore ? or(lte(customer.lastActivityAt, f.lastActivityBefore), sql`${customer.lastActivityAt} is null`) : undefined,
    f.lastActivityAfter ? gte(customer.lastActivityAt, f.lastActivityAfter) : undefined,
  );
}

/** Keyset pages; rows whose sort value is null (no activity yet) come last and are ordered by id. */
export async function listCustomers(
  db: Db,
  filter: CustomerFilter,
  page: { sort: CustomerSortKey; desc: boolean; limit: number; after?: [string | null, string] },
): Promise<CustomerRow[]> {
  const col = sortColumn[page.sort];
  const value =
    page.after?.[0] === null || page.after === undefined
      ? null
      : page.sort === 'createdAt' || page.sort === 'lastActivityAt'
        ? new Date(page.after[0])
        : page.after[0];
  // (coalesce-free) keyset over a nullable column: non-null values first, then nulls by id.
  const cmp = page.desc ? sql`<` : sql`>`;
  let after: SQL | undefined;
  if (page.after) {
    after =
      value === null
        ? and(sql`${col} is null`, sql`${customer.id} ${cmp} ${page.after[1]}`)
        : or(sql`(${col}, ${customer.id}) ${cmp} (${value}, ${page.after[1]})`, sql`${col} is null`);
  }
  return db
    .select()
    .from(customer)
    .where(and(filterConditions(filter), after))
    .orderBy(page.desc ? sql`${col} desc nulls last` : sql`${col} asc nulls last`, page.desc ? desc(customer.id) : asc(customer.id))
    .limit(page.limit);
}

export async function findCustomer(db: Db, id: string, scope: SQL | undefined): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select()
    .from(customer)
    .where(and(eq(customer.id, id), scope));
  return row;
}

/** Locks the row for the rest of the transaction (concurrent edits and claims wait). */
export async function lockCustomer(db: Db, id: string, scope: SQL | undefined): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select()
    .from(customer)
    .where(and(eq(customer.id, id), scope))
    .for('update');
  return row;
}

export async function insertCustomer(db: Db, row: NewCustomerRow): Promise<CustomerRow> {
  const [inserted] = await db.insert(customer).values(row).returning();
  return inserted!;
}

export async function updateCustomer(db: Db, id: string, version: number, set: Partial<NewCustomerRow>): Promise<CustomerRow | undefined> {
  return updateVersioned(db, customer, id, version, set);
}

/* contacts */

export async function listContacts(db: Db, customerIds: string[]): Promise<ContactRow[]> {
  if (customerIds.length === 0) return [];
  return db.select().from(contact).where(inArray(contact.customerId, customerIds)).orderBy(desc(contact.isPrimary), asc(contact.createdAt));
}

export async function findContact(db: Db, customerId: string, id: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contact)
    .where(and(eq(contact.id, id), eq(contact.customerId, customerId)));
  return row;
}

export async function insertContacts(db: Db, rows: (typeof contact.$inferInsert)[]): Promise<ContactRow[]> {
  if (rows.length === 0) return [];
  return db.insert(contact).values(rows).returning();
}

export async function updateContact(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof contact.$inferInsert>,
): Promise<ContactRow | undefined> {
  return updateVersioned(db, contact, id, version, set);
}

export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.delete(contact).where(eq(contact.id, id));
}

/** Only one primary contact per customer. */
export async function clearPrimaryContact(db: Db, customerId: string, exceptId?: string): Promise<void> {
  await db
    .update(contact)
    .set({ isPrimary: false })
    .where(and(eq(contact.customerId, customerId), eq(contact.isPrimary, true), exceptId ? sql`${contact.id} <> ${exceptId}` : undefined));
}

export async function promoteOldestContact(db: Db, customerId: string): Promise<string | undefined> {
  const [oldest] = await db
    .select({ id: contact.id })
    .from(contact)
    .where(eq(contact.customerId, customerId))
    .orderBy(asc(contact.createdAt), asc(contact.id))
    .limit(1);
  if (!oldest) return undefined;
  await db.update(contact).set({ isPrimary: true }).where(eq(contact.id, oldest.id));
  return oldest.id;
}

/* duplicate-check candidates: searched across all customers, whatever the caller's scope */

export async function findByCreditCode(db: Db, creditCode: string): Promise<CustomerRow[]> {
  return db.select().from(customer).where(eq(customer.creditCode, creditCode.toUpperCase()));
}

export async function findByNormalizedName(db: Db, normalizedName: string): Promise<CustomerRow[]> {
  return db.select().from(customer).where(eq(customer.normalizedName, normalizedName)).limit(20);
}

/**
 * Customers whose normalised name (or its pinyin) shares enough trigrams with the given one,
 * through the GIN trigram indexes (the `%` operator with a transaction-local threshold), best first.
 */
export async function findSimilarNames(
  db: Db,
  keys: { normalizedName: string; namePinyin: string },
  threshold: number,
  limit: number,
): Promise<CustomerRow[]> {
  await db.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`);
  return db
    .select()
    .from(customer)
    .where(
      or(
        sql`${customer.normalizedName} % ${keys.normalizedName}`,
        keys.namePinyin ? sql`${customer.namePinyin} % ${keys.namePinyin}` : undefined,
      ),
    )
    .orderBy(
      sql`greatest(similarity(${customer.normalizedName}, ${keys.normalizedName}), similarity(${customer.namePinyin}, ${keys.namePinyin})) desc`,
    )
    .limit(limit);
}

export async function findByContactPoints(
  db: Db,
  points: { mobileDigits: string[]; emails: string[] },
): Promise<{ customer: CustomerRow; mobileDigits: string | null; email: string | null }[]> {
  if (points.mobileDigits.length === 0 && points.emails.length === 0) return [];
  const rows = await db
    .select({ customer, mobileDigits: contact.mobileDigits, email: contact.email })
    .from(contact)
    .innerJoin(customer, eq(customer.id, contact.customerId))
    .where(
      or(
        points.mobileDigits.length ? inArray(contact.mobileDigits, points.mobileDigits) : undefined,
        points.emails.length ? inArray(sql`lower(${contact.email})`, points.emails) : undefined,
      ),
    )
    .limit(20);
  return rows;
}

/** Which of these customers the caller may see (for showing only name and owner of the others). */
export async function visibleIds(db: Db, ids: string[], scope: SQL | undefined): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: customer.id })
    .from(customer)
    .where(and(inArray(customer.id, ids), scope));
  return new Set(rows.map((r) => r.id));
}
