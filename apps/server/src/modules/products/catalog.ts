import type { TCustomerGrade, TProductStatus, TResolvedPrice } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import type { Db } from '../../kernel/db/database.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { toMoneyString } from '../../kernel/money.ts';
import { findCandidates } from './price-lists/price-lists.repository.ts';
import { resolveProductPrice } from './price-lists/price-resolution.ts';
import './price-lists/price-lists.messages.ts';
import { findProductsByCodesOrModels, findProductsByIds, type ProductRecord, type ProductRow } from './products.repository.ts';

/**
 * A product as other modules use it (quote and opportunity lines, contract review). It carries
 * the floor price and standard cost unredacted: a module that shows them to a user hides them
 * itself for readers without `field:floor_price` / `field:cost` (see `canSeeProductField`).
 */
export type ProductSummary = {
  id: string;
  materialCode: string;
  name: string;
  model: string | null;
  unit: string;
  categoryId: string;
  categoryName: string;
  /** Decimal strings to the fen, tax included. */
  listPrice: string;
  floorPrice: string | null;
  /** Tax excluded. */
  standardCost: string | null;
  /** A fraction: "0.13" is 13 %. */
  taxRate: string;
  warrantyMonths: number;
  leadTimeDays: number;
  status: TProductStatus;
};

/** "0.1300" → "0.13". */
export const taxRateString = (value: string): string => new Decimal(value).toString();

export function toProductSummary(row: ProductRow): ProductSummary {
  return {
    id: row.id,
    materialCode: row.materialCode,
    name: row.name,
    model: row.model,
    unit: row.unit,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    listPrice: toMoneyString(row.listPrice),
    floorPrice: row.floorPrice === null ? null : toMoneyString(row.floorPrice),
    standardCost: row.standardCost === null ? null : toMoneyString(row.standardCost),
    taxRate: taxRateString(row.taxRate),
    warrantyMonths: row.warrantyMonths,
    leadTimeDays: row.leadTimeDays,
    status: row.status,
  };
}

/** Who is priced and when: the customer's grade and province, and the business date (YYYY-MM-DD, Asia/Shanghai). */
export type PriceContext = { grade: TCustomerGrade; province: string | null; date: string; locale?: Locale };

/** Prices of products from their list price and candidates (no database access). */
export function resolveFrom(
  products: readonly Pick<ProductRecord, 'id' | 'listPrice'>[],
  candidates: Parameters<typeof resolveProductPrice>[1],
  ctx: PriceContext,
): TResolvedPrice[] {
  return products.map((p) => resolveProductPrice(p, candidates, ctx));
}

/**
 * The catalogue as other modules read it. Every function takes the database or the caller's
 * transaction (`db`), so it can run inside another module's transaction.
 */
export function createProductCatalog() {
  return {
    /** Summaries of the products that exist among `ids`, in the order of `ids`. */
    async findByIds(db: Db, ids: readonly string[]): Promise<ProductSummary[]> {
      const rows = await findProductsByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, toProductSummary(r)]));
      return [...new Set(ids)].map((id) => byId.get(id)).filter((p): p is ProductSummary => p !== undefined);
    },

    /** Summaries of the products with one of the material codes or models (contract annex import). */
    async findByCodesOrModels(db: Db, codes: readonly string[], models: readonly string[]): Promise<ProductSummary[]> {
      return (await findProductsByCodesOrModels(db, codes, models)).map(toProductSummary);
    },

    /**
     * The price each product gets for a customer of this grade and province on the date, with the
     * list and rule it came from (the list price, source null, when no list applies). Products
     * that do not exist are left out; the rest come in the order of `productIds`.
     */
    async resolvePrices(db: Db, ctx: PriceContext, productIds: readonly string[]): Promise<TResolvedPrice[]> {
      const ids = [...new Set(productIds)];
      const rows = await findProductsByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const candidates = await findCandidates(db, ids, ctx);
      return resolveFrom(
        ids.map((id) => byId.get(id)).filter((r): r is ProductRow => r !== undefined),
        candidates,
        ctx,
      );
    },
  };
}
export type ProductCatalog = ReturnType<typeof createProductCatalog>;
