import { Permission, type TProduct } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { canSeeField } from '../../kernel/access/access.ts';
import { hasPermission, type Actor } from '../../kernel/auth/actor.ts';
import { iso } from '../../kernel/http/pagination.ts';
import type { Locale } from '../../kernel/i18n.ts';
import type { UserSummary } from '../admin/index.ts';
import { toProductSummary } from './catalog.ts';
import './products.messages.ts';
import type { ProductRow } from './products.repository.ts';

/** Which protected product fields the actor may see (field-level rules, configurable per role). */
export function productFieldAccess(actor: Actor) {
  const cost = canSeeField(actor, 'product', 'standardCost');
  return {
    cost,
    floorPrice: canSeeField(actor, 'product', 'floorPrice'),
    // The margin gives the cost away, so it needs both grants.
    margin: cost && hasPermission(actor, Permission.fieldMargin),
  };
}
export type ProductFieldAccess = ReturnType<typeof productFieldAccess>;

/** Whether the actor may see a protected product field (`standardCost`, `floorPrice`), for other modules. */
export function canSeeProductField(actor: Actor, field: 'standardCost' | 'floorPrice'): boolean {
  return canSeeField(actor, 'product', field);
}

/** Gross margin at list price in percent: 1 − cost × (1 + tax) / list price (the list price includes tax). */
export function listMarginPercent(listPrice: string, standardCost: string | null, taxRate: string): string | null {
  if (standardCost === null) return null;
  const list = new Decimal(listPrice);
  if (list.isZero()) return null;
  return new Decimal(1)
    .minus(new Decimal(standardCost).times(new Decimal(1).plus(taxRate)).dividedBy(list))
    .times(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}

export function categoryLabel(row: { categoryName: string; categoryNameEn: string | null }, locale: Locale): string {
  return locale === 'en-US' && row.categoryNameEn ? row.categoryNameEn : row.categoryName;
}

/** The product as this actor may see it: protected fields are left out, not blanked. */
export function toProductDto(actor: Actor, row: ProductRow, names: Map<string, UserSummary>, access = productFieldAccess(actor)): TProduct {
  const s = toProductSummary(row);
  const dto: TProduct = {
    id: s.id,
    materialCode: s.materialCode,
    name: s.name,
    model: s.model,
    unit: s.unit,
    categoryId: s.categoryId,
    categoryName: categoryLabel(row, actor.locale),
    listPrice: s.listPrice,
    taxRate: s.taxRate,
    warrantyMonths: s.warrantyMonths,
    leadTimeDays: s.leadTimeDays,
    status: s.status,
    version: row.version,
    createdAt: iso(row.createdAt),
    createdBy: row.createdBy,
    createdByName: row.createdBy ? (names.get(row.createdBy)?.displayName ?? null) : null,
    updatedAt: iso(row.updatedAt),
    updatedBy: row.updatedBy,
    updatedByName: row.updatedBy ? (names.get(row.updatedBy)?.displayName ?? null) : null,
  };
  if (access.floorPrice) dto.floorPrice = s.floorPrice;
  if (access.cost) dto.standardCost = s.standardCost;
  if (access.margin) dto.listMarginPercent = listMarginPercent(s.listPrice, s.standardCost, s.taxRate);
  return dto;
}
