import { and, arrayOverlaps, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { contact, customer } from './customers.schema.ts';
import { escapeLike, textArray } from '../../kernel/db/search.ts';
import { scopedPageIds } from '../../kernel/access/scoped-page.ts';
import type { ScopeParts } from '../../kernel/access/access.ts';

export type CustomerRow = typeof customer.$inferSelect;
export type NewCustomerRow = typeof customer.$inferInsert;
export type ContactRow = typeof contact.$inferSelect;

export const customerScopeColumns = { owner: customer.ownerId, department: customer.departmentId, id: customer.id, entityType: 'customer' };

export type CustomerSortKey = 'name' | 'createdAt' | 'lastActivityAt' | 'grade' | 'creditLimit';
/** Name sorts by its pinyin (拼音顺序), the order people expect of Chinese names; ties by id everywhere. */
const sortColumn = {
  name: customer.namePinyin,
  createdAt: customer.createdAt,
  lastActivityAt: customer.lastActivityAt,
  grade: customer.grade,
  creditLimit: customer.creditLimit,
} as const;
/** Columns that may be null: a null sorts as the smallest value (first ascending, last descending). */
const nullableSort = new Set<CustomerSortKey>(['lastActivityAt', 'creditLimit']);

/** The sort value of a row as its cursor carries it. */
export function customerSortValue(row: CustomerRow, sort: CustomerSortKey): string | null {
  switch (sort) {
    case 'name':
      return row.namePinyin;
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'lastActivityAt':
      return row.lastActivityAt?.toISOString() ?? null;
    case 'grade':
      return row.grade;
    case 'creditLimit':
      return row.creditLimit;
  }
}

export type CustomerFilter = {
  scope: SQL | undefined;
  /** The same scope in disjoint parts (`scopeParts`), for lists by creation date read part by part. */
  scopeParts?: ScopeParts | null;
  q?: string;
  ownerIds?: string[];
  departmentIds?: string[];
  grades?: string[];
  statuses?: string[];
  types?: string[];
  industry?: string;
  province?: string;
  city?: string;
  /** Any of these tags. */
  tags?: string[];
  inPool?: boolean;
  /** Strictly before this instant, or never. */
  lastActivityBefore?: Date;
  /** At or after this instant. */
  lastActivityAfter?: Date;
  createdFrom?: Date;
  /** Strictly before this instant. */
  createdBefore?: Date;
};

/** Only a term made of credit-code characters can equal a credit code (an `or` arm less to plan). */
const CREDIT_CODE_CHARS = /^[0-9A-Za-z]{2,18}$/;

/**
 * The public pool: customers without an owner. Kept in one place so that the pool's own column
 * (`pool_id`) can take over without touching the filters.
 */
function poolCondition(inPool: boolean): SQL {
  return inPool ? isNull(customer.ownerId) : isNotNull(customer.ownerId);
}

function filterConditions(f: CustomerFilter): SQL | undefined {
  let search: SQL | undefined;
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    const digits = f.q.replace(/\D/g, '');
    const byName = or(
      sql`${customer.name} ilike ${like}`,
      sql`${customer.shortName} ilike ${like}`,
      sql`${customer.pinyinInitials} like ${`%${escapeLike(f.q.toLowerCase())}%`}`,
    );
    const pairs = [...f.q.toLowerCase()].length === 2 ? [f.q.toLowerCase()] : null;
    search = or(
      // Two characters have no trigram: the pairs index finds them (the LIKEs then check case and order).
      pairs
        ? and(
            sql`crm_customer_search_grams(${customer.name}, ${customer.shortName}, ${customer.pinyinInitials}) @> ${textArray(pairs)}`,
            byName,
          )
        : byName,
      CREDIT_CODE_CHARS.test(f.q) ? eq(customer.creditCode, f.q.toUpperCase()) : undefined,
      digits.length >= 5
        ? // The ids of the matching contacts' customers, so that every arm of the OR can use an index.
          sql`${customer.id} = any(array(select c.customer_id from ${contact} c where c.mobile_digits = ${digits}))`
        : undefined,
    );
  }
  return and(
    f.scope,
    search,
    // A merged customer lives on only as a pointer to its survivor.
    isNull(customer.mergedIntoId),
    f.ownerIds?.length ? inArray(customer.ownerId, f.ownerIds) : undefined,
    f.departmentIds ? inArray(customer.departmentId, f.departmentIds) : undefined,
    f.grades?.length ? inArray(customer.grade, f.grades as CustomerRow['grade'][]) : undefined,
    f.statuses?.length ? inArray(customer.status, f.statuses as CustomerRow['status'][]) : undefined,
    f.types?.length ? inArray(customer.type, f.types as CustomerRow['type'][]) : undefined,
    f.industry ? eq(customer.industry, f.industry) : undefined,
    f.province ? eq(customer.province, f.province) : undefined,
    f.city ? eq(customer.city, f.city) : undefined,
    f.tags?.length ? arrayOverlaps(customer.tags, f.tags) : undefined,
    f.inPool === undefined ? undefined : poolCondition(f.inPool),
    f.lastActivityBefore ? or(lt(customer.lastActivityAt, f.lastActivityBefore), isNull(customer.lastActivityAt)) : undefined,
    f.lastActivityAfter ? gte(customer.lastActivityAt, f.lastActivityAfter) : undefined,
    f.createdFrom ? gte(customer.createdAt, f.createdFrom) : undefined,
    f.createdBefore ? lt(customer.createdAt, f.createdBefore) : undefined,
  );
}

export type CustomerPage = { sort: CustomerSortKey; desc: boolean; limit: number; after?: [string | null, string] };

function orderBy(page: CustomerPage): SQL[] {
  const col = sortColumn[page.sort];
  // Plain asc/desc on columns that are never null, so that a two-column btree index serves both directions.
  if (!nullableSort.has(page.sort)) return page.desc ? [desc(col), desc(customer.id)] : [asc(col), asc(customer.id)];
  return page.desc ? [sql`${col} desc nulls last`, desc(customer.id)] : [sql`${col} asc nulls first`, asc(customer.id)];
}

function cursorValue(page: CustomerPage): unknown {
  const raw = page.after?.[0] ?? null;
  return raw !== null && (page.sort === 'createdAt' || page.sort === 'lastActivityAt') ? new Date(raw) : raw;
}

/**
 * Keyset pages over the filtered, scoped customers, stable under ties (ordered by id within a value).
 * A nullable sort column is read as two runs, the rows with a value and the rows without (first
 * ascending, last descending), each a plain index range: one `(value, id) > cursor or value is null`
 * condition would make the database scan the index from its start on every later page.
 */
export async function listCustomers(db: Db, filter: CustomerFilter, page: CustomerPage): Promise<CustomerRow[]> {
  const col = sortColumn[page.sort];
  const where = filterConditions(filter);
  const cmp = page.desc ? sql`<` : sql`>`;
  const select = (condition: SQL | undefined, limit: number) =>
    db
      .select()
      .from(customer)
      .where(and(where, condition))
      .orderBy(...orderBy(page))
      .limit(limit);
  if (!nullableSort.has(page.sort)) {
    const after = page.after ? sql`(${col}, ${customer.id}) ${cmp} (${cursorValue(page)}, ${page.after[1]})` : undefined;
    const parts = filter.scopeParts;
    if (page.sort !== 'createdAt' || !parts || filter.ownerIds?.length) return select(after, page.limit);
    // A scoped list by creation date: read part by part along the (department | owner, created) indexes.
    const asked = filter.departmentIds ? new Set(filter.departmentIds) : null;
    const pageIds = scopedPageIds(
      db,
      customer,
      { id: customer.id, key: customer.createdAt, department: customer.departmentId },
      { departments: asked ? parts.departmentIds.filter((d) => asked.has(d)) : parts.departmentIds, others: parts.others },
      and(filterConditions({ ...filter, scope: undefined }), after),
      page,
    );
    return db
      .select()
      .from(customer)
      .where(sql`${customer.id} in (${pageIds})`)
      .orderBy(...orderBy(page))
      .limit(page.limit);
  }
  const runs: ('value' | 'null')[] = page.desc ? ['value', 'null'] : ['null', 'value'];
  const cursorRun = page.after ? (page.after[0] === null ? 'null' : 'value') : undefined;
  const rows: CustomerRow[] = [];
  let passedCursor = cursorRun === undefined;
  for (const run of runs) {
    if (!passedCursor && run !== cursorRun) continue;
    const inRun = run === 'null' ? isNull(col) : isNotNull(col);
    let after: SQL | undefined;
    if (!passedCursor && page.after) {
      after =
        run === 'null'
          ? sql`${customer.id} ${cmp} ${page.after[1]}`
          : sql`(${col}, ${customer.id}) ${cmp} (${cursorValue(page)}, ${page.after[1]})`;
    }
    passedCursor = true;
    rows.push(...(await select(and(inRun, after), page.limit - rows.length)));
    if (rows.length >= page.limit) break;
  }
  return rows;
}

/** How many customers match, counting no further than `cap + 1` (so that a broad filter never scans everything). */
export async function countCustomers(db: Db, filter: CustomerFilter, cap: number): Promise<number> {
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(customer)
    .where(filterConditions(filter))
    .limit(cap + 1)
    .as('matches');
  const [row] = await db.select({ n: count() }).from(matches);
  return row?.n ?? 0;
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

/** Names of customers by id (display only, whatever the caller's scope), for modules that hang records off customers. */
export async function listCustomerNames(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; name: string; mergedIntoId: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: customer.id, name: customer.name, mergedIntoId: customer.mergedIntoId })
    .from(customer)
    .where(inArray(customer.id, [...new Set(ids)]));
}
