import { and, asc, count, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { updateVersioned } from '../../../kernel/db/versioned.ts';
import { quote, quoteDiscountLimit, quoteLine, quoteSettings, quoteVersion } from './quotes.schema.ts';
import { escapeLike } from '../../../kernel/db/search.ts';

export type QuoteRow = typeof quote.$inferSelect;
export type NewQuoteRow = typeof quote.$inferInsert;
export type QuoteVersionRow = typeof quoteVersion.$inferSelect;
export type NewQuoteVersionRow = typeof quoteVersion.$inferInsert;
export type QuoteLineRow = typeof quoteLine.$inferSelect;
export type NewQuoteLineRow = typeof quoteLine.$inferInsert;
export type QuoteSettingsRow = typeof quoteSettings.$inferSelect;
export type QuoteDiscountLimitRow = typeof quoteDiscountLimit.$inferSelect;
export type QuoteStatus = QuoteRow['status'];

export const quoteScopeColumns = { owner: quote.ownerId, department: quote.departmentId, id: quote.id, entityType: 'quote' };

/** Statuses in which a quote is still open (it can expire). */
export const OPEN_STATUSES: readonly QuoteStatus[] = ['draft', 'needs_approval', 'approved', 'sent'];

/* ------------------------------------------------------------------ list */

export type QuoteSortKey = 'updatedAt' | 'createdAt' | 'number' | 'totalInclTax' | 'validUntil';
const sortColumn = {
  updatedAt: quote.updatedAt,
  createdAt: quote.createdAt,
  number: quote.number,
  totalInclTax: quote.totalInclTax,
  validUntil: quote.validUntil,
} as const;

export function quoteSortValue(row: QuoteRow, sort: QuoteSortKey): string {
  switch (sort) {
    case 'updatedAt':
      return row.updatedAt.toISOString();
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'number':
      return row.number;
    case 'totalInclTax':
      return row.totalInclTax;
    case 'validUntil':
      return row.validUntil;
  }
}

export type QuoteFilter = {
  scope: SQL | undefined;
  q?: string;
  statuses?: QuoteStatus[];
  opportunityId?: string;
  customerId?: string;
  ownerId?: string;
  requiresApproval?: boolean;
  validUntilTo?: string;
};

function filterConditions(f: QuoteFilter): SQL | undefined {
  const like = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return and(
    f.scope,
    like ? or(sql`${quote.number} ilike ${like}`, sql`${quote.title} ilike ${like}`, sql`${quote.customerName} ilike ${like}`) : undefined,
    f.statuses?.length ? inArray(quote.status, f.statuses) : undefined,
    f.opportunityId ? eq(quote.opportunityId, f.opportunityId) : undefined,
    f.customerId ? eq(quote.customerId, f.customerId) : undefined,
    f.ownerId ? eq(quote.ownerId, f.ownerId) : undefined,
    f.requiresApproval === undefined ? undefined : eq(quote.requiresApproval, f.requiresApproval),
    f.validUntilTo ? lte(quote.validUntil, f.validUntilTo) : undefined,
  );
}

/** Keyset pages over the filtered, scoped quotes, ordered by the sort value and then the id. */
export async function listQuotes(
  db: Db,
  filter: QuoteFilter,
  page: { sort: QuoteSortKey; desc: boolean; limit: number; after?: [string, string] },
): Promise<QuoteRow[]> {
  const col = sortColumn[page.sort];
  const cmp = page.desc ? sql`<` : sql`>`;
  let after: SQL | undefined;
  if (page.after) {
    const value = page.sort === 'updatedAt' || page.sort === 'createdAt' ? new Date(page.after[0]) : page.after[0];
    after = sql`(${col}, ${quote.id}) ${cmp} (${value}, ${page.after[1]})`;
  }
  return db
    .select()
    .from(quote)
    .where(and(filterConditions(filter), after))
    .orderBy(...(page.desc ? [desc(col), desc(quote.id)] : [asc(col), asc(quote.id)]))
    .limit(page.limit);
}

export async function countQuotes(db: Db, filter: QuoteFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(quote).where(filterConditions(filter));
  return row?.n ?? 0;
}

/* ------------------------------------------------------------------ quote */

export async function findQuote(db: Db, id: string, scope: SQL | undefined): Promise<QuoteRow | undefined> {
  const [row] = await db
    .select()
    .from(quote)
    .where(and(eq(quote.id, id), scope));
  return row;
}

/** Locks the quote for the rest of the transaction: concurrent actions on it wait and then see its new state. */
export async function lockQuote(db: Db, id: string, scope: SQL | undefined): Promise<QuoteRow | undefined> {
  const [row] = await db
    .select()
    .from(quote)
    .where(and(eq(quote.id, id), scope))
    .for('update');
  return row;
}

export async function insertQuote(db: Db, row: NewQuoteRow): Promise<QuoteRow> {
  const [inserted] = await db.insert(quote).values(row).returning();
  return inserted!;
}

export async function updateQuote(db: Db, id: string, version: number, set: Partial<NewQuoteRow>): Promise<QuoteRow | undefined> {
  return updateVersioned(db, quote, id, version, set);
}

/* ------------------------------------------------------------------ versions and lines */

export async function insertVersion(db: Db, row: NewQuoteVersionRow): Promise<QuoteVersionRow> {
  const [inserted] = await db.insert(quoteVersion).values(row).returning();
  return inserted!;
}

export async function updateVersion(db: Db, id: string, set: Partial<NewQuoteVersionRow>): Promise<QuoteVersionRow> {
  const [row] = await db.update(quoteVersion).set(set).where(eq(quoteVersion.id, id)).returning();
  return row!;
}

export async function findVersion(db: Db, id: string): Promise<QuoteVersionRow | undefined> {
  const [row] = await db.select().from(quoteVersion).where(eq(quoteVersion.id, id));
  return row;
}

export async function findVersionByNo(db: Db, quoteId: string, versionNo: number): Promise<QuoteVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(quoteVersion)
    .where(and(eq(quoteVersion.quoteId, quoteId), eq(quoteVersion.versionNo, versionNo)));
  return row;
}

export async function listVersions(db: Db, quoteId: string): Promise<QuoteVersionRow[]> {
  return db.select().from(quoteVersion).where(eq(quoteVersion.quoteId, quoteId)).orderBy(desc(quoteVersion.versionNo));
}

export async function listLines(db: Db, versionId: string): Promise<QuoteLineRow[]> {
  return db.select().from(quoteLine).where(eq(quoteLine.versionId, versionId)).orderBy(asc(quoteLine.position));
}

export async function insertLines(db: Db, rows: NewQuoteLineRow[]): Promise<QuoteLineRow[]> {
  if (rows.length === 0) return [];
  return db.insert(quoteLine).values(rows).returning();
}

export async function deleteLines(db: Db, versionId: string): Promise<void> {
  await db.delete(quoteLine).where(eq(quoteLine.versionId, versionId));
}

/* ------------------------------------------------------------------ expiry */

/**
 * Marks open quotes whose validity ended before `today` as expired (their current version and
 * the quote row), and says which quotes changed. Guarded by status, so running twice does nothing.
 */
export async function expireQuotes(
  db: Db,
  today: string,
  at: Date,
  limit: number,
): Promise<{ id: string; number: string; ownerId: string; status: QuoteStatus }[]> {
  const due = await db
    .select({ id: quote.id, number: quote.number, ownerId: quote.ownerId, status: quote.status, versionId: quote.currentVersionId })
    .from(quote)
    .where(and(inArray(quote.status, [...OPEN_STATUSES]), lt(quote.validUntil, today)))
    .orderBy(asc(quote.validUntil), asc(quote.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  const ids = due.map((d) => d.id);
  await db
    .update(quoteVersion)
    .set({ status: 'expired', updatedAt: at })
    .where(
      and(
        inArray(
          quoteVersion.id,
          due.map((d) => d.versionId).filter((v): v is string => v !== null),
        ),
        inArray(quoteVersion.status, [...OPEN_STATUSES]),
      ),
    );
  await db
    .update(quote)
    .set({ status: 'expired', updatedAt: at, version: sql`${quote.version} + 1` })
    .where(inArray(quote.id, ids));
  return due.map(({ id, number, ownerId, status }) => ({ id, number, ownerId, status }));
}

/* ------------------------------------------------------------------ customers: 360 panel and merges */

export async function customerQuotes(
  db: Db,
  customerId: string,
  scope: SQL | undefined,
  limit: number,
): Promise<{ total: number; rows: QuoteRow[] }> {
  const where = and(eq(quote.customerId, customerId), scope);
  const [rows, [total]] = await Promise.all([
    db.select().from(quote).where(where).orderBy(desc(quote.createdAt), desc(quote.id)).limit(limit),
    db.select({ n: count() }).from(quote).where(where),
  ]);
  return { total: total?.n ?? 0, rows };
}

export async function moveQuotesToCustomer(db: Db, fromCustomerId: string, toCustomerId: string): Promise<string[]> {
  const rows = await db
    .update(quote)
    .set({ customerId: toCustomerId })
    .where(eq(quote.customerId, fromCustomerId))
    .returning({ id: quote.id });
  return rows.map((r) => r.id);
}

export async function moveQuotesBack(db: Db, ids: readonly string[], customerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(quote)
    .set({ customerId })
    .where(inArray(quote.id, [...ids]));
}

/* ------------------------------------------------------------------ accepted quotes for contracts */

export async function findAccepted(db: Db, quoteId: string): Promise<{ quote: QuoteRow; version: QuoteVersionRow } | undefined> {
  const [row] = await db
    .select({ quote, version: quoteVersion })
    .from(quote)
    .innerJoin(quoteVersion, eq(quoteVersion.id, quote.acceptedVersionId))
    .where(and(eq(quote.id, quoteId), eq(quote.status, 'accepted')));
  return row;
}

/* ------------------------------------------------------------------ settings */

export async function findSettings(db: Db): Promise<QuoteSettingsRow | undefined> {
  const [row] = await db.select().from(quoteSettings).where(eq(quoteSettings.id, 1));
  return row;
}

/** Inserts the settings row unless it exists; says whether it did. */
export async function insertSettingsIfMissing(db: Db, row: typeof quoteSettings.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(quoteSettings).values(row).onConflictDoNothing().returning({ id: quoteSettings.id });
  return inserted.length > 0;
}

export async function updateSettings(
  db: Db,
  version: number,
  set: Partial<typeof quoteSettings.$inferInsert>,
): Promise<QuoteSettingsRow | undefined> {
  const [row] = await db
    .update(quoteSettings)
    .set({ ...set, version: sql`${quoteSettings.version} + 1` })
    .where(and(eq(quoteSettings.id, 1), eq(quoteSettings.version, version)))
    .returning();
  return row;
}

export async function listDiscountLimits(db: Db): Promise<QuoteDiscountLimitRow[]> {
  return db.select().from(quoteDiscountLimit).orderBy(asc(quoteDiscountLimit.roleCode), asc(quoteDiscountLimit.customerGrade));
}

export async function replaceDiscountLimits(db: Db, rows: (typeof quoteDiscountLimit.$inferInsert)[]): Promise<void> {
  await db.delete(quoteDiscountLimit);
  if (rows.length > 0) await db.insert(quoteDiscountLimit).values(rows);
}
