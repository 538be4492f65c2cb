import {
  PRICE_PROVINCES,
  type TCreatePriceList,
  type TCustomerGrade,
  type TPage,
  type TPriceList,
  type TPriceListDetail,
  type TPriceListEntryInput,
  type TPriceListListQuery,
  type TPriceResolveRequest,
  type TPriceResolveResult,
  type TUpdatePriceList,
} from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { writeAudit, writeListAudit, writeReadAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../../kernel/http/pagination.ts';
import { toMoneyString } from '../../../kernel/money.ts';
import type { People } from '../../admin/index.ts';
import type { ProductCatalog } from '../catalog.ts';
import { canSeeProductField } from '../product-dto.ts';
import { PriceListErrorCode } from './price-lists.errors.ts';
import * as repo from './price-lists.repository.ts';
import { entryPrice } from './price-resolution.ts';

const ZCursor = z.tuple([z.number().int(), z.uuid()]);

/** Reads the grade and province of a customer the actor may see (404 otherwise). */
export type CustomerPricingProfile = (
  actor: Actor,
  customerId: string,
) => Promise<{ name: string; grade: TCustomerGrade; province: string | null }>;

const percentString = (value: string | null) => (value === null ? null : new Decimal(value).toString());

/**
 * Entries of one product on one list must not overlap in time, so that a list gives each product
 * at most one price on any date.
 */
export function findOverlap(entries: readonly Pick<TPriceListEntryInput, 'productId' | 'validFrom' | 'validTo'>[]): number | null {
  const byProduct = new Map<string, { index: number; from: string; to: string }[]>();
  for (const [index, e] of entries.entries()) {
    const span = { index, from: e.validFrom ?? '0000-01-01', to: e.validTo ?? '9999-12-31' };
    const spans = byProduct.get(e.productId) ?? [];
    const clash = spans.find((s) => s.from <= span.to && span.from <= s.to);
    if (clash) return index;
    spans.push(span);
    byProduct.set(e.productId, spans);
  }
  return null;
}

export function createPriceListService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries'>;
  catalog: ProductCatalog;
  customerProfile: CustomerPricingProfile;
}) {
  const { db, clock } = deps;

  async function toDtos(rows: repo.PriceListRow[]): Promise<TPriceList[]> {
    const names = await deps.people.summaries(rows.map((r) => r.updatedBy));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      grades: r.grades as TCustomerGrade[],
      provinces: r.provinces,
      priority: r.priority,
      validFrom: r.validFrom,
      validTo: r.validTo,
      status: r.status,
      entryCount: r.entryCount,
      version: r.version,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      updatedByName: r.updatedBy ? (names.get(r.updatedBy)?.displayName ?? null) : null,
    }));
  }

  async function detail(actor: Actor, id: string): Promise<TPriceListDetail> {
    const seesFloor = canSeeProductField(actor, 'floorPrice');
    const row = await repo.findPriceList(db, id);
    if (!row) throw new AppError(CommonError.NOT_FOUND);
    const entries = await repo.listEntries(db, id);
    return {
      ...(await toDtos([row]))[0]!,
      entries: entries.map((e) => ({
        id: e.id,
        productId: e.productId,
        materialCode: e.materialCode,
        productName: e.productName,
        model: e.model,
        unit: e.unit,
        listPrice: toMoneyString(e.listPrice),
        ...(seesFloor ? { floorPrice: e.floorPrice === null ? null : toMoneyString(e.floorPrice) } : {}),
        price: e.price === null ? null : toMoneyString(e.price),
        discountPercent: percentString(e.discountPercent),
        effectivePrice: toMoneyString(entryPrice(e, e.listPrice)),
        validFrom: e.validFrom,
        validTo: e.validTo,
      })),
    };
  }

  /** Checks entries and provinces before any write (outside the transaction). */
  async function validate(input: { provinces?: string[]; entries?: TPriceListEntryInput[] }): Promise<void> {
    const unknownProvince = input.provinces?.find((p) => !PRICE_PROVINCES.includes(p));
    if (unknownProvince !== undefined) {
      throw new AppError(PriceListErrorCode.PRICE_LIST_PROVINCE_UNKNOWN, {
        params: { province: unknownProvince },
        fields: [
          {
            path: 'provinces',
            code: 'unknown_province',
            messageKey: 'error.PRICE_LIST_PROVINCE_UNKNOWN',
            params: { province: unknownProvince },
          },
        ],
      });
    }
    if (!input.entries) return;
    const overlap = findOverlap(input.entries);
    if (overlap !== null) {
      throw new AppError(PriceListErrorCode.PRICE_LIST_ENTRY_OVERLAP, {
        fields: [{ path: `entries.${overlap}.validFrom`, code: 'overlap', messageKey: 'error.PRICE_LIST_ENTRY_OVERLAP' }],
      });
    }
    const existing = await repo.existingProductIds(
      db,
      input.entries.map((e) => e.productId),
    );
    const missing = input.entries.findIndex((e) => !existing.has(e.productId));
    if (missing >= 0) {
      throw new AppError(PriceListErrorCode.PRICE_LIST_PRODUCT_UNKNOWN, {
        fields: [{ path: `entries.${missing}.productId`, code: 'unknown_product', messageKey: 'error.PRICE_LIST_PRODUCT_UNKNOWN' }],
      });
    }
  }

  const entryValues = (entries: TPriceListEntryInput[]) =>
    entries.map((e) => ({
      productId: e.productId,
      price: e.price ?? null,
      discountPercent: e.discountPercent ?? null,
      validFrom: e.validFrom ?? null,
      validTo: e.validTo ?? null,
    }));

  const unique = <T>(values: T[] | undefined) => (values ? [...new Set(values)] : undefined);

  return {
    async list(actor: Actor, query: TPriceListListQuery): Promise<TPage<TPriceList>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await repo.listPriceLists(
        db,
        { q: query.q || undefined, status: query.status, productId: query.productId },
        { limit: query.limit + 1, after },
      );
      await writeListAudit(db, actor, { action: 'price_list.list', entityType: 'price_list' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [r.priority, r.id],
        (r) => r,
      );
      return { items: await toDtos(page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<TPriceListDetail> {
      const result = await detail(actor, id);
      await writeReadAudit(db, actor, { action: 'price_list.read', entityType: 'price_list', entityId: id });
      return result;
    },

    async create(actor: Actor, input: TCreatePriceList): Promise<TPriceListDetail> {
      await validate(input);
      const now = clock.now();
      const entries = entryValues(input.entries ?? []);
      const id = await withTx(db, async (tx) => {
        const created = await repo.insertPriceList(tx, {
          name: input.name,
          description: input.description ?? null,
          grades: unique(input.grades) ?? [],
          provinces: unique(input.provinces) ?? [],
          priority: input.priority ?? 0,
          validFrom: input.validFrom ?? null,
          validTo: input.validTo ?? null,
          status: input.status ?? 'active',
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await repo.replaceEntries(tx, created.id, entries);
        await writeAudit(tx, actor, {
          action: 'price_list.create',
          entityType: 'price_list',
          entityId: created.id,
          after: { ...created, entries },
        });
        return created.id;
      });
      return detail(actor, id);
    },

    async update(actor: Actor, id: string, input: TUpdatePriceList): Promise<TPriceListDetail> {
      await validate(input);
      const current = await repo.findPriceList(db, id);
      if (!current) throw new AppError(CommonError.NOT_FOUND);
      if (current.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
      const validFrom = input.validFrom === undefined ? current.validFrom : input.validFrom;
      const validTo = input.validTo === undefined ? current.validTo : input.validTo;
      if (validFrom && validTo && validFrom > validTo) {
        throw new AppError(CommonError.VALIDATION_FAILED, {
          fields: [{ path: 'validTo', code: 'valid_range', messageKey: 'validation.invalid' }],
        });
      }
      const beforeEntries = input.entries
        ? entryValues((await repo.listEntries(db, id)).map((e) => ({ ...e, discountPercent: percentString(e.discountPercent) })))
        : undefined;
      const { version, entries, grades, provinces, ...fields } = input;
      const newEntries = entries ? entryValues(entries) : undefined;
      await withTx(db, async (tx) => {
        const updated = await repo.updatePriceList(tx, id, version, {
          ...fields,
          ...(grades ? { grades: unique(grades) } : {}),
          ...(provinces ? { provinces: unique(provinces) } : {}),
          updatedAt: clock.now(),
          updatedBy: actor.userId,
        });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        if (newEntries) await repo.replaceEntries(tx, id, newEntries);
        const { entryCount: _c, ...before } = current;
        await writeAudit(tx, actor, {
          action: 'price_list.update',
          entityType: 'price_list',
          entityId: id,
          before: beforeEntries ? { ...before, entries: beforeEntries } : before,
          after: newEntries ? { ...updated, entries: newEntries } : updated,
        });
      });
      return detail(actor, id);
    },

    /** Prices for a customer (or a grade and province) on a date, each with its explanation. */
    async resolve(actor: Actor, request: TPriceResolveRequest): Promise<TPriceResolveResult> {
      const profile = request.customerId
        ? await deps.customerProfile(actor, request.customerId)
        : { name: null, grade: request.grade!, province: request.province ?? null };
      const date = request.date ?? clock.today();
      const items = await deps.catalog.resolvePrices(
        db,
        { grade: profile.grade, province: profile.province, date, locale: actor.locale },
        request.productIds,
      );
      return { date, grade: profile.grade, province: profile.province, customerName: profile.name, items };
    },
  };
}
export type PriceListService = ReturnType<typeof createPriceListService>;
