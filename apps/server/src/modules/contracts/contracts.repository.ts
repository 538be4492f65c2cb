import { and, asc, desc, eq, gte, inArray, isNotNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { contract, contractLine, contractSettings, contractVersion } from './contracts.schema.ts';
import { characterPairs, escapeLike, textArray } from '../../kernel/db/search.ts';

export type ContractRow = typeof contract.$inferSelect;
export type NewContractRow = typeof contract.$inferInsert;
export type ContractVersionRow = typeof contractVersion.$inferSelect;
export type NewContractVersionRow = typeof contractVersion.$inferInsert;
export type ContractLineRow = typeof contractLine.$inferSelect;
export type NewContractLineRow = typeof contractLine.$inferInsert;
export type ContractSettingsRow = typeof contractSettings.$inferSelect;
export type ContractStatus = ContractRow['status'];

export const contractScopeColumns = { owner: contract.ownerId, department: contract.departmentId, id: contract.id, entityType: 'contract' };

/** Contracts that bind the customer: their amount counts towards the credit exposure and signed measures. */
export const SIGNED_STATUSES: readonly ContractStatus[] = ['signed', 'executing', 'completed'];

/* ------------------------------------------------------------------ list */

export type ContractSortKey = 'updated_desc' | 'signed_desc' | 'amount_desc';

export type ContractFilter = {
  scope: SQL | undefined;
  q?: string;
  statuses?: ContractStatus[];
  type?: ContractRow['type'];
  customerId?: string;
  ownerId?: string;
  signedFrom?: string;
  signedTo?: string;
};

/** Contracts whose number, title or customer name contains the term (any case). */
function likeCondition(q: string): SQL | undefined {
  const like = `%${escapeLike(q)}%`;
  return or(sql`${contract.number} ilike ${like}`, sql`${contract.title} ilike ${like}`, sql`${contract.customerName} ilike ${like}`);
}

/**
 * The same through the character-pairs index: the pairs pick the candidates, the LIKE confirms.
 * Below two characters there are no pairs and the LIKE reads the rows the other conditions leave.
 */
function searchCondition(q: string): SQL | undefined {
  const pairs = characterPairs(q);
  if (pairs.length === 0) return likeCondition(q);
  return and(
    sql`crm_search_grams(array[${contract.number}, ${contract.title}, ${contract.customerName}]) @> ${textArray(pairs)}`,
    likeCondition(q),
  );
}

function filterConditions(f: ContractFilter): SQL | undefined {
  return and(
    f.scope,
    f.statuses?.length ? inArray(contract.status, f.statuses) : undefined,
    f.type ? eq(contract.type, f.type) : undefined,
    f.customerId ? eq(contract.customerId, f.customerId) : undefined,
    f.ownerId ? eq(contract.ownerId, f.ownerId) : undefined,
    f.signedFrom ? gte(contract.signedDate, f.signedFrom) : undefined,
    f.signedTo ? lte(contract.signedDate, f.signedTo) : undefined,
  );
}

/** Where unsigned contracts sort by signing date: below every real date (PostgreSQL has no year 0). */
const UNSIGNED_SORT_DATE = '0001-01-01';

/** The sort value of a row as its cursor keeps it (signed date and amount sort nulls as the lowest). */
export function contractSortValue(row: ContractRow, sort: ContractSortKey): string {
  if (sort === 'signed_desc') return row.signedDate ?? UNSIGNED_SORT_DATE;
  if (sort === 'amount_desc') return row.amountInclTax;
  return row.updatedAt.toISOString();
}

/**
 * How many of the newest contracts (after the cursor, in the reader's scope and filters) a search
 * reads first. A common term ("电力", a product category) fills its page from them; a rare one then
 * goes through the pairs index for the older rows. Either way a search reads a bounded number of
 * rows, where one statement would have to guess how common the term is, and PostgreSQL's estimate
 * for several pairs at once is far too low for terms whose pairs come together (智能电表).
 */
export const SEARCH_WINDOW = 2000;

/** Keyset pages over the filtered, scoped contracts, newest (or largest) first, then by id. */
export async function listContracts(
  db: Db,
  filter: ContractFilter,
  page: { sort: ContractSortKey; limit: number; after?: [string, string] },
  window = SEARCH_WINDOW,
) {
  const col =
    page.sort === 'signed_desc'
      ? sql`coalesce(${contract.signedDate}, ${UNSIGNED_SORT_DATE}::date)`
      : page.sort === 'amount_desc'
        ? sql`${contract.amountInclTax}`
        : sql`${contract.updatedAt}`;
  let after: SQL | undefined;
  if (page.after) {
    const value =
      page.sort === 'updated_desc'
        ? sql`${new Date(page.after[0])}::timestamptz`
        : page.sort === 'signed_desc'
          ? sql`${page.after[0]}::date`
          : sql`${page.after[0]}::numeric`;
    after = sql`(${col}, ${contract.id}) < (${value}, ${page.after[1]}::uuid)`;
  }
  const base = and(filterConditions(filter), after);
  const rows = (where: SQL | undefined, limit: number) =>
    db.select().from(contract).where(where).orderBy(desc(col), desc(contract.id)).limit(limit);
  if (!filter.q) return rows(base, page.limit);
  if (page.sort !== 'updated_desc') return rows(and(base, searchCondition(filter.q)), page.limit);

  const [edge] = await db
    .select({ at: contract.updatedAt, id: contract.id })
    .from(contract)
    .where(base)
    .orderBy(desc(contract.updatedAt), desc(contract.id))
    .offset(window - 1)
    .limit(1);
  if (!edge) return rows(and(base, likeCondition(filter.q)), page.limit);
  const edgeKey = sql`(${edge.at}::timestamptz, ${edge.id}::uuid)`;
  const recent = await rows(and(base, likeCondition(filter.q), sql`(${contract.updatedAt}, ${contract.id}) >= ${edgeKey}`), page.limit);
  if (recent.length === page.limit) return recent;
  const older = await rows(
    and(base, searchCondition(filter.q), sql`(${contract.updatedAt}, ${contract.id}) < ${edgeKey}`),
    page.limit - recent.length,
  );
  return [...recent, ...older];
}

/* ------------------------------------------------------------------ contract */

export async function findContract(db: Db, id: string, scope: SQL | undefined): Promise<ContractRow | undefined> {
  const [row] = await db
    .select()
    .from(contract)
    .where(and(eq(contract.id, id), scope));
  return row;
}

/** The contract row locked for the rest of the transaction (state changes, submissions). */
export async function lockContract(db: Db, id: string, scope: SQL | undefined): Promise<ContractRow | undefined> {
  const [row] = await db
    .select()
    .from(contract)
    .where(and(eq(contract.id, id), scope))
    .for('update');
  return row;
}

export async function insertContract(db: Db, row: NewContractRow): Promise<ContractRow> {
  const [inserted] = await db.insert(contract).values(row).returning();
  return inserted!;
}

export async function updateContract(db: Db, id: string, version: number, set: Partial<NewContractRow>): Promise<ContractRow | undefined> {
  return updateVersioned(db, contract, id, version, set);
}

/** The list column of the review level, without a new record version (a review is not a change of the contract). */
export async function setReviewLevel(db: Db, id: string, level: ContractRow['reviewLevel']): Promise<void> {
  await db.update(contract).set({ reviewLevel: level }).where(eq(contract.id, id));
}

/**
 * A guarded state change: only from one of `from`, counting the version up. Nothing back means
 * the contract was no longer in such a state (someone else moved it first).
 */
export async function transitionContract(
  db: Db,
  id: string,
  from: readonly ContractStatus[],
  set: Partial<NewContractRow>,
): Promise<ContractRow | undefined> {
  const [row] = await db
    .update(contract)
    .set({ ...set, version: sql`${contract.version} + 1` })
    .where(and(eq(contract.id, id), inArray(contract.status, [...from])))
    .returning();
  return row;
}

/* ------------------------------------------------------------------ versions and lines */

export async function insertVersion(db: Db, row: NewContractVersionRow): Promise<ContractVersionRow> {
  const [inserted] = await db.insert(contractVersion).values(row).returning();
  return inserted!;
}

export async function findVersion(db: Db, contractId: string, versionId: string): Promise<ContractVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(contractVersion)
    .where(and(eq(contractVersion.id, versionId), eq(contractVersion.contractId, contractId)));
  return row;
}

export async function listVersions(db: Db, contractId: string): Promise<ContractVersionRow[]> {
  return db.select().from(contractVersion).where(eq(contractVersion.contractId, contractId)).orderBy(asc(contractVersion.versionNo));
}

export async function updateVersion(db: Db, id: string, set: Partial<NewContractVersionRow>): Promise<ContractVersionRow> {
  const [row] = await db.update(contractVersion).set(set).where(eq(contractVersion.id, id)).returning();
  return row!;
}

/** Guarded: only from `from`; nothing back when the version was in another state. */
export async function transitionVersion(
  db: Db,
  id: string,
  from: ContractVersionRow['status'],
  set: Partial<NewContractVersionRow>,
): Promise<ContractVersionRow | undefined> {
  const [row] = await db
    .update(contractVersion)
    .set(set)
    .where(and(eq(contractVersion.id, id), eq(contractVersion.status, from)))
    .returning();
  return row;
}

export async function listLines(db: Db, versionId: string): Promise<ContractLineRow[]> {
  return db.select().from(contractLine).where(eq(contractLine.versionId, versionId)).orderBy(asc(contractLine.position));
}

export async function replaceLines(db: Db, versionId: string, rows: NewContractLineRow[]): Promise<ContractLineRow[]> {
  await db.delete(contractLine).where(eq(contractLine.versionId, versionId));
  if (rows.length === 0) return [];
  const inserted: ContractLineRow[] = [];
  // Chunks keep every statement under the protocol's parameter limit for 1,000-line contracts.
  for (let i = 0; i < rows.length; i += 500) {
    inserted.push(
      ...(await db
        .insert(contractLine)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  }
  return inserted.sort((a, b) => a.position - b.position);
}

/* ------------------------------------------------------------------ measures for other modules */

/**
 * The credit exposure of customers until receivables exist: the amount of their signed contracts
 * (signed or executing), optionally leaving one contract out. System-level: credit is a fact of
 * the customer, not of the reader's scope.
 */
export async function signedExposure(db: Db, customerId: string, exceptContractId: string | null): Promise<string> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${contract.amountInclTax}), 0)::text` })
    .from(contract)
    .where(
      and(
        eq(contract.customerId, customerId),
        inArray(contract.status, ['signed', 'executing']),
        exceptContractId ? ne(contract.id, exceptContractId) : undefined,
      ),
    );
  return row?.total ?? '0';
}

/** Signed amount per customer since an instant (grading). System-level. */
export async function signedAmountSince(db: Db, customerIds: string[], since: string): Promise<Map<string, string>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .select({ customerId: contract.customerId, total: sql<string>`sum(${contract.amountInclTax})::text` })
    .from(contract)
    .where(and(inArray(contract.customerId, customerIds), inArray(contract.status, [...SIGNED_STATUSES]), gte(contract.signedDate, since)))
    .groupBy(contract.customerId);
  return new Map(rows.map((r) => [r.customerId, r.total]));
}

/** Customers with a contract in execution (never reclaimed to the pool). System-level. */
export async function customersWithExecuting(db: Db, customerIds: string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ customerId: contract.customerId })
    .from(contract)
    .where(and(inArray(contract.customerId, customerIds), eq(contract.status, 'executing')));
  return new Set(rows.map((r) => r.customerId));
}

/** Signed amount per owner and business month of the signed date (targets: `signed_amount`). System-level. */
export async function signedPerOwnerMonth(db: Db, range: { from: string; to: string; userIds?: readonly string[] }) {
  return db
    .select({
      userId: contract.ownerId,
      month: sql<string>`to_char(${contract.signedDate}, 'YYYY-MM')`,
      value: sql<string>`sum(${contract.amountInclTax})::text`,
    })
    .from(contract)
    .where(
      and(
        isNotNull(contract.signedDate),
        gte(contract.signedDate, range.from),
        lte(contract.signedDate, range.to),
        inArray(contract.status, [...SIGNED_STATUSES]),
        range.userIds ? inArray(contract.ownerId, [...range.userIds]) : undefined,
      ),
    )
    .groupBy(contract.ownerId, sql`to_char(${contract.signedDate}, 'YYYY-MM')`);
}

/** A customer's contracts for its 360 page, newest first, within the reader's scope. */
export async function listForCustomer(db: Db, customerId: string, scope: SQL | undefined, limit: number) {
  const where = and(eq(contract.customerId, customerId), scope);
  const [rows, [total]] = await Promise.all([
    db.select().from(contract).where(where).orderBy(desc(contract.updatedAt), desc(contract.id)).limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(contract)
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Merge of customers: moves every contract of one customer to another and says which moved. */
export async function moveCustomer(db: Db, fromCustomerId: string, toCustomerId: string, toName: string | null): Promise<string[]> {
  const rows = await db
    .update(contract)
    .set({ customerId: toCustomerId, customerName: toName })
    .where(eq(contract.customerId, fromCustomerId))
    .returning({ id: contract.id });
  return rows.map((r) => r.id);
}

export async function moveContractsBack(db: Db, ids: string[], customerId: string, name: string | null): Promise<void> {
  if (ids.length === 0) return;
  await db.update(contract).set({ customerId, customerName: name }).where(inArray(contract.id, ids));
}

/* ------------------------------------------------------------------ settings */

export async function findSettings(db: Db): Promise<ContractSettingsRow | undefined> {
  const [row] = await db.select().from(contractSettings).where(eq(contractSettings.id, 1));
  return row;
}

export async function insertSettingsIfMissing(db: Db, row: typeof contractSettings.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(contractSettings).values(row).onConflictDoNothing().returning({ id: contractSettings.id });
  return inserted.length > 0;
}

export async function updateSettings(
  db: Db,
  version: number,
  set: Partial<typeof contractSettings.$inferInsert>,
): Promise<ContractSettingsRow | undefined> {
  const [row] = await db
    .update(contractSettings)
    .set({ ...set, version: sql`${contractSettings.version} + 1` })
    .where(and(eq(contractSettings.id, 1), eq(contractSettings.version, version)))
    .returning();
  return row;
}
