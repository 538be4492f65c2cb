import { and, asc, eq, getTableColumns, ilike, inArray, isNull, lte, gte, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../kernel/db/database.ts';
import { updateVersioned } from '../../../kernel/db/versioned.ts';
import { product } from '../products.schema.ts';
import { priceList, priceListEntry } from './price-lists.schema.ts';
import type { Candidate } from './price-resolution.ts';
import { escapeLike } from '../../../kernel/db/search.ts';

export type PriceListRecord = typeof priceList.$inferSelect;
export type PriceListRow = PriceListRecord & { entryCount: number };
export type NewPriceListRecord = typeof priceList.$inferInsert;
export type PriceListEntryRecord = typeof priceListEntry.$inferSelect;
export type PriceListEntryRow = PriceListEntryRecord & {
  materialCode: string;
  productName: string;
  model: string | null;
  unit: string;
  listPrice: string;
  floorPrice: string | null;
};

const withEntryCount = {
  ...getTableColumns(priceList),
  // The outer table named explicitly: in a one-table select drizzle writes its columns unqualified.
  entryCount: sql<number>`(select count(*)::int from ${priceListEntry} where ${priceListEntry.priceListId} = ${priceList}.${sql.identifier('id')})`,
};

export type PriceListFilter = { q?: string; status?: PriceListRecord['status']; productId?: string };

/** Keyset pages by priority (highest first), then id. */
export async function listPriceLists(
  db: Db,
  filter: PriceListFilter,
  page: { limit: number; after?: [number, string] },
): Promise<PriceListRow[]> {
  const after = page.after
    ? or(sql`${priceList.priority} < ${page.after[0]}`, and(eq(priceList.priority, page.after[0]), sql`${priceList.id} > ${page.after[1]}`))
    : undefined;
  return db
    .select(withEntryCount)
    .from(priceList)
    .where(
      and(
        filter.q ? ilike(priceList.name, `%${escapeLike(filter.q)}%`) : undefined,
        filter.status ? eq(priceList.status, filter.status) : undefined,
        filter.productId
          ? sql`exists (select 1 from ${priceListEntry} where ${priceListEntry.priceListId} = ${priceList.id} and ${priceListEntry.productId} = ${filter.productId})`
          : undefined,
        after,
      ),
    )
    .orderBy(sql`${priceList.priority} desc`, asc(priceList.id))
    .limit(page.limit);
}

export async function findPriceList(db: Db, id: string): Promise<PriceListRow | undefined> {
  const [row] = await db.select(withEntryCount).from(priceList).where(eq(priceList.id, id));
  return row;
}

export async function listEntries(db: Db, priceListId: string): Promise<PriceListEntryRow[]> {
  return db
    .select({
      ...getTableColumns(priceListEntry),
      materialCode: product.materialCode,
      productName: product.name,
      model: product.model,
      unit: product.unit,
      listPrice: product.listPrice,
      floorPrice: product.floorPrice,
    })
    .from(priceListEntry)
    .innerJoin(product, eq(product.id, priceListEntry.productId))
    .where(eq(priceListEntry.priceListId, priceListId))
    .orderBy(asc(product.materialCode), sql`${priceListEntry.validFrom} asc nulls first`);
}

export async function insertPriceList(db: Db, row: NewPriceListRecord): Promise<PriceListRecord> {
  const [inserted] = await db.insert(priceList).values(row).returning();
  return inserted!;
}

export async function updatePriceList(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewPriceListRecord>,
): Promise<PriceListRecord | undefined> {
  return updateVersioned(db, priceList, id, version, set);
}

/** Replaces the entries of a list with the given set. */
export async function replaceEntries(
  db: Db,
  priceListId: string,
  entries: Omit<typeof priceListEntry.$inferInsert, 'priceListId'>[],
): Promise<void> {
  await db.delete(priceListEntry).where(eq(priceListEntry.priceListId, priceListId));
  if (entries.length > 0) await db.insert(priceListEntry).values(entries.map((e) => ({ ...e, priceListId })));
}

/**
 * Entries of the given products on active lists valid on the date whose grade and province
 * conditions admit the customer. The resolution rules (price-resolution.ts) pick among them.
 */
export async function findCandidates(
  db: Db,
  productIds: readonly string[],
  ctx: { grade: string; province: string | null; date: string },
): Promise<Candidate[]> {
  if (productIds.length === 0) return [];
  const validOn = (from: AnyPgColumn, to: AnyPgColumn): SQL =>
    and(or(isNull(from), lte(from, ctx.date)), or(isNull(to), gte(to, ctx.date)))!;
  const rows = await db
    .select({
      list: {
        id: priceList.id,
        name: priceList.name,
        grades: priceList.grades,
        provinces: priceList.provinces,
        priority: priceList.priority,
        validFrom: priceList.validFrom,
        validTo: priceList.validTo,
        status: priceList.status,
      },
      entry: {
        productId: priceListEntry.productId,
        price: priceListEntry.price,
        discountPercent: priceListEntry.discountPercent,
        validFrom: priceListEntry.validFrom,
        validTo: priceListEntry.validTo,
      },
    })
    .from(priceListEntry)
    .innerJoin(priceList, eq(priceList.id, priceListEntry.priceListId))
    .where(
      and(
        inArray(priceListEntry.productId, [...new Set(productIds)]),
        eq(priceList.status, 'active'),
        validOn(priceList.validFrom, priceList.validTo),
        validOn(priceListEntry.validFrom, priceListEntry.validTo),
        sql`(cardinality(${priceList.grades}) = 0 or ${ctx.grade} = any(${priceList.grades}))`,
        ctx.province === null
          ? sql`cardinality(${priceList.provinces}) = 0`
          : sql`(cardinality(${priceList.provinces}) = 0 or ${ctx.province} = any(${priceList.provinces}))`,
      ),
    );
  return rows;
}

/** Which of these products exist. */
export async function existingProductIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: product.id })
    .from(product)
    .where(inArray(product.id, [...new Set(ids)]));
  return new Set(rows.map((r) => r.id));
}
