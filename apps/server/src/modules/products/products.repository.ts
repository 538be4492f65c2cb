import { and, asc, count, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { product, productCategory } from './products.schema.ts';
import { escapeLike } from '../../kernel/db/search.ts';

export type ProductRecord = typeof product.$inferSelect;
export type NewProductRecord = typeof product.$inferInsert;
/** A product with the name of its category. */
export type ProductRow = ProductRecord & { categoryName: string; categoryNameEn: string | null };
export type CategoryRow = typeof productCategory.$inferSelect;

export type ProductSortKey = 'materialCode' | 'name' | 'listPrice' | 'updatedAt';
const sortColumn = {
  materialCode: product.materialCode,
  name: product.name,
  listPrice: product.listPrice,
  updatedAt: product.updatedAt,
} as const;

export function productSortValue(row: ProductRecord, sort: ProductSortKey): string {
  const value = row[sort];
  return value instanceof Date ? value.toISOString() : value;
}

export type ProductFilter = { q?: string; categoryIds?: string[]; statuses?: ProductRecord['status'][] };
export type ProductPage = { sort: ProductSortKey; desc: boolean; limit: number; after?: [string, string] };

function filterConditions(f: ProductFilter): SQL | undefined {
  const like = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return and(
    like
      ? or(sql`${product.materialCode} ilike ${like}`, sql`${product.name} ilike ${like}`, sql`${product.model} ilike ${like}`)
      : undefined,
    f.categoryIds?.length ? inArray(product.categoryId, f.categoryIds) : undefined,
    f.statuses?.length ? inArray(product.status, f.statuses) : undefined,
  );
}

const productWithCategory = {
  ...getTableColumns(product),
  categoryName: productCategory.name,
  categoryNameEn: productCategory.nameEn,
};

function selectProducts(db: Db) {
  return db.select(productWithCategory).from(product).innerJoin(productCategory, eq(productCategory.id, product.categoryId));
}

/** Keyset pages over the filtered catalogue, ordered by the sort column and then the id. */
export async function listProducts(db: Db, filter: ProductFilter, page: ProductPage): Promise<ProductRow[]> {
  const col = sortColumn[page.sort];
  const cmp = page.desc ? sql`<` : sql`>`;
  const cursorValue = page.after ? (page.sort === 'updatedAt' ? new Date(page.after[0]) : page.after[0]) : undefined;
  return selectProducts(db)
    .where(and(filterConditions(filter), page.after ? sql`(${col}, ${product.id}) ${cmp} (${cursorValue}, ${page.after[1]})` : undefined))
    .orderBy(...(page.desc ? [desc(col), desc(product.id)] : [asc(col), asc(product.id)]))
    .limit(page.limit);
}

export async function findProduct(db: Db, id: string): Promise<ProductRow | undefined> {
  const [row] = await selectProducts(db).where(eq(product.id, id));
  return row;
}

export async function findProductsByIds(db: Db, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return selectProducts(db).where(inArray(product.id, [...new Set(ids)]));
}

export async function findProductsByCodes(db: Db, codes: readonly string[]): Promise<ProductRecord[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(product)
    .where(inArray(product.materialCode, [...new Set(codes)]));
}

/** Products whose material code or model is among the given ones (the contract annex matches on either). */
export async function findProductsByCodesOrModels(db: Db, codes: readonly string[], models: readonly string[]): Promise<ProductRow[]> {
  if (codes.length === 0 && models.length === 0) return [];
  return selectProducts(db).where(
    or(
      codes.length > 0 ? inArray(product.materialCode, [...new Set(codes)]) : undefined,
      models.length > 0 ? inArray(product.model, [...new Set(models)]) : undefined,
    ),
  );
}

export async function insertProducts(db: Db, rows: NewProductRecord[]): Promise<ProductRecord[]> {
  if (rows.length === 0) return [];
  return db.insert(product).values(rows).returning();
}

export async function updateProduct(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewProductRecord>,
): Promise<ProductRecord | undefined> {
  return updateVersioned(db, product, id, version, set);
}

export async function countProducts(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(product);
  return row?.n ?? 0;
}

/* categories */

export async function listCategories(db: Db): Promise<(CategoryRow & { productCount: number })[]> {
  return db
    .select({
      ...getTableColumns(productCategory),
      // The outer table named explicitly: in a one-table select drizzle writes its columns unqualified.
      productCount: sql<number>`(select count(*)::int from ${product} where ${product.categoryId} = ${productCategory}.${sql.identifier('id')})`,
    })
    .from(productCategory)
    .orderBy(asc(productCategory.sortOrder), asc(productCategory.name));
}

export async function findCategory(db: Db, id: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(productCategory).where(eq(productCategory.id, id));
  return row;
}

export async function insertCategories(db: Db, rows: (typeof productCategory.$inferInsert)[]): Promise<CategoryRow[]> {
  if (rows.length === 0) return [];
  return db.insert(productCategory).values(rows).returning();
}

export async function updateCategory(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof productCategory.$inferInsert>,
): Promise<CategoryRow | undefined> {
  return updateVersioned(db, productCategory, id, version, set);
}

/** Locks the products with these codes for the rest of the transaction (an import updates them). */
export async function lockProductsByCodes(db: Db, codes: readonly string[]): Promise<ProductRecord[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(product)
    .where(inArray(product.materialCode, [...new Set(codes)]))
    .for('update');
}

export type ProductImportUpdate = Pick<
  ProductRecord,
  | 'id'
  | 'name'
  | 'model'
  | 'unit'
  | 'categoryId'
  | 'listPrice'
  | 'floorPrice'
  | 'standardCost'
  | 'taxRate'
  | 'warrantyMonths'
  | 'leadTimeDays'
  | 'status'
>;

/** Writes the full values of many products in one statement per 500 rows, counting their versions up. */
export async function updateProductsBulk(
  db: Db,
  rows: readonly ProductImportUpdate[],
  by: { at: Date; userId: string | null },
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map(
        (r) =>
          sql`(${r.id}::uuid, ${r.name}, ${r.model}, ${r.unit}, ${r.categoryId}::uuid, ${r.listPrice}::numeric, ${r.floorPrice}::numeric, ${r.standardCost}::numeric, ${r.taxRate}::numeric, ${r.warrantyMonths}::int, ${r.leadTimeDays}::int, ${r.status})`,
      );
    await db.execute(sql`
      update ${product} set
        name = v.name, model = v.model, unit = v.unit, category_id = v.category_id, list_price = v.list_price,
        floor_price = v.floor_price, standard_cost = v.standard_cost, tax_rate = v.tax_rate,
        warranty_months = v.warranty_months, lead_time_days = v.lead_time_days, status = v.status,
        version = ${product.version} + 1, updated_at = ${by.at.toISOString()}::timestamptz, updated_by = ${by.userId}::uuid
      from (values ${sql.join(values, sql`, `)}) as v(id, name, model, unit, category_id, list_price, floor_price, standard_cost, tax_rate, warranty_months, lead_time_days, status)
      where ${product.id} = v.id`);
  }
}
