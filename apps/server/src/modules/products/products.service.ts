import type {
  TCreateProduct,
  TCreateProductCategory,
  TPage,
  TProduct,
  TProductCategory,
  TProductListQuery,
  TUpdateProduct,
  TUpdateProductCategory,
} from '@crm/contracts';
import { DEFAULT_LEAD_TIME_DAYS, DEFAULT_TAX_RATE, DEFAULT_WARRANTY_MONTHS } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { assertWritableFields } from '../../kernel/access/access.ts';
import { writeAudit, writeListAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { decodeCursor, toPage } from '../../kernel/http/pagination.ts';
import type { People } from '../admin/index.ts';
import { toProductDto } from './product-dto.ts';
import { ProductErrorCode } from './products.errors.ts';
import * as repo from './products.repository.ts';

const ZCursor = z.tuple([z.string(), z.uuid()]);

export function parseProductSort(sort: TProductListQuery['sort']): { sort: repo.ProductSortKey; desc: boolean } {
  return { sort: sort.replace(/^-/, '') as repo.ProductSortKey, desc: sort.startsWith('-') };
}

export function toProductFilter(query: { q?: string; categoryId?: string[]; status?: TProduct['status'][] }): repo.ProductFilter {
  return { q: query.q || undefined, categoryIds: query.categoryId, statuses: query.status };
}

function categoryDto(row: repo.CategoryRow & { productCount?: number }): TProductCategory {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.nameEn,
    sortOrder: row.sortOrder,
    isActive: row.isActive,
    productCount: row.productCount ?? 0,
    version: row.version,
  };
}

/** A floor price above the list price makes no sense: every sale at list price would need approval. */
export function assertFloorNotAboveList(listPrice: string, floorPrice: string | null | undefined): void {
  if (floorPrice !== null && floorPrice !== undefined && new Decimal(floorPrice).greaterThan(listPrice)) {
    throw new AppError(ProductErrorCode.PRODUCT_FLOOR_ABOVE_LIST, {
      fields: [{ path: 'floorPrice', code: 'above_list_price', messageKey: 'error.PRODUCT_FLOOR_ABOVE_LIST' }],
    });
  }
}

/** The product catalogue (reference data: every reader with `product:read` sees every product). */
export function createProductService(deps: { db: Db; clock: Clock; people: Pick<People, 'summaries'> }) {
  const { db, clock } = deps;

  async function toDtos(actor: Actor, rows: repo.ProductRow[]): Promise<TProduct[]> {
    const names = await deps.people.summaries(rows.flatMap((r) => [r.createdBy, r.updatedBy]));
    return rows.map((r) => toProductDto(actor, r, names));
  }

  async function assertCategory(dbOrTx: Db, categoryId: string, currentId?: string): Promise<void> {
    const category = await repo.findCategory(dbOrTx, categoryId);
    // A disabled category keeps its products but takes no new ones.
    if (!category || (!category.isActive && category.id !== currentId)) {
      throw new AppError(ProductErrorCode.PRODUCT_CATEGORY_INVALID, {
        fields: [{ path: 'categoryId', code: 'invalid', messageKey: 'error.PRODUCT_CATEGORY_INVALID' }],
      });
    }
  }

  async function insertWithin(tx: Db, actor: Actor, input: TCreateProduct) {
    assertWritableFields(actor, 'product', input);
    assertFloorNotAboveList(input.listPrice, input.floorPrice);
    await assertCategory(tx, input.categoryId);
    const now = clock.now();
    const [created] = await repo.insertProducts(tx, [
      {
        materialCode: input.materialCode,
        name: input.name,
        model: input.model ?? null,
        unit: input.unit,
        categoryId: input.categoryId,
        listPrice: input.listPrice,
        floorPrice: input.floorPrice ?? null,
        standardCost: input.standardCost ?? null,
        taxRate: input.taxRate ?? DEFAULT_TAX_RATE,
        warrantyMonths: input.warrantyMonths ?? DEFAULT_WARRANTY_MONTHS,
        leadTimeDays: input.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS,
        status: input.status ?? 'active',
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      },
    ]);
    await writeAudit(tx, actor, { action: 'product.create', entityType: 'product', entityId: created!.id, after: created });
    return created!;
  }

  return {
    present: toDtos,

    async list(actor: Actor, query: TProductListQuery): Promise<TPage<TProduct>> {
      const { sort, desc } = parseProductSort(query.sort);
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listProducts(db, toProductFilter(query), { sort, desc, limit: query.limit + 1, after });
      await writeListAudit(db, actor, { action: 'product.list', entityType: 'product' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [repo.productSortValue(r, sort), r.id],
        (r) => r,
      );
      return { items: await toDtos(actor, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<TProduct> {
      const row = await repo.findProduct(db, id);
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      await writeReadAudit(db, actor, { action: 'product.read', entityType: 'product', entityId: id });
      return (await toDtos(actor, [row]))[0]!;
    },

    async create(actor: Actor, input: TCreateProduct): Promise<TProduct> {
      const id = await withTx(db, async (tx) => (await insertWithin(tx, actor, input)).id);
      return (await toDtos(actor, [(await repo.findProduct(db, id))!]))[0]!;
    },

    /**
     * Creates a product in the caller's transaction, with its audit entry (e.g. the new material
     * code a product manager enters while reviewing a requirement). The caller checks `product:write`.
     */
    async createWithin(
      tx: Db,
      actor: Actor,
      input: TCreateProduct,
    ): Promise<{ id: string; materialCode: string; name: string; model: string | null; unit: string }> {
      const created = await insertWithin(tx, actor, input);
      return { id: created.id, materialCode: created.materialCode, name: created.name, model: created.model, unit: created.unit };
    },

    async update(actor: Actor, id: string, input: TUpdateProduct): Promise<TProduct> {
      assertWritableFields(actor, 'product', input);
      const current = await repo.findProduct(db, id);
      if (!current) throw new AppError(CommonError.NOT_FOUND);
      if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      assertFloorNotAboveList(input.listPrice ?? current.listPrice, input.floorPrice === undefined ? current.floorPrice : input.floorPrice);
      if (input.categoryId !== undefined && input.categoryId !== current.categoryId) await assertCategory(db, input.categoryId);
      const { version, ...fields } = input;
      await withTx(db, async (tx) => {
        const updated = await repo.updateProduct(tx, id, version, { ...fields, updatedAt: clock.now(), updatedBy: actor.userId });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        const { categoryName: _n, categoryNameEn: _e, ...before } = current;
        await writeAudit(tx, actor, { action: 'product.update', entityType: 'product', entityId: id, before, after: updated });
      });
      return (await toDtos(actor, [(await repo.findProduct(db, id))!]))[0]!;
    },

    /* categories */

    async listCategories(): Promise<TProductCategory[]> {
      return (await repo.listCategories(db)).map(categoryDto);
    },

    async createCategory(actor: Actor, input: TCreateProductCategory): Promise<TProductCategory> {
      const now = clock.now();
      return withTx(db, async (tx) => {
        const [created] = await repo.insertCategories(tx, [
          {
            name: input.name,
            nameEn: input.nameEn ?? null,
            sortOrder: input.sortOrder ?? 0,
            isActive: input.isActive ?? true,
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          },
        ]);
        await writeAudit(tx, actor, {
          action: 'product_category.create',
          entityType: 'product_category',
          entityId: created!.id,
          after: created,
        });
        return categoryDto(created!);
      });
    },

    async updateCategory(actor: Actor, id: string, input: TUpdateProductCategory): Promise<TProductCategory> {
      const { version, ...fields } = input;
      await withTx(db, async (tx) => {
        const before = await repo.findCategory(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        const updated = await repo.updateCategory(tx, id, version, { ...fields, updatedAt: clock.now(), updatedBy: actor.userId });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'product_category.update',
          entityType: 'product_category',
          entityId: id,
          before,
          after: updated,
        });
      });
      return categoryDto((await repo.listCategories(db)).find((c) => c.id === id)!);
    },
  };
}
export type ProductService = ReturnType<typeof createProductService>;
