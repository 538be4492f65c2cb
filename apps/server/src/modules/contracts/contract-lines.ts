import type { TContractLineInput } from '@crm/contracts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { toMoneyString } from '../../kernel/money.ts';
import type { ProductSummary } from '../products/index.ts';
import { computeContractAmounts } from './contract-amounts.ts';
import { ContractErrorCode } from './contracts.errors.ts';
import type { NewContractLineRow } from './contracts.repository.ts';

export const FREE_TEXT_TAX_RATE = '0.13';

/** What contracts need of the catalogue (the products module's `catalog`). */
export type ContractCatalog = {
  findByIds(db: Db, ids: readonly string[]): Promise<ProductSummary[]>;
};

/** A line as it will be stored, before it has a version: the facts copied from the catalogue and its amounts. */
export type PricedLine = Omit<NewContractLineRow, 'versionId' | 'contractId'>;

/** Priced lines and the version totals as they are stored (decimal strings). */
export type PricedLines = {
  lines: PricedLine[];
  totals: { amountInclTax: string; amountExclTax: string; taxAmount: string; costAmount: string | null };
};

/** Line facts a requirement's review settled: the product manager confirmed these lines. */
export type ReviewedRequirementLines = ReadonlySet<string>;

/**
 * Turns line inputs into stored lines: catalogue lines take code, name, unit, category, floor
 * price, standard cost, lead time and warranty from the product (price and tax rate too unless
 * given); free-text lines need a name and a price and are non-standard unless told otherwise.
 */
export async function priceLines(
  db: Db,
  catalog: ContractCatalog,
  inputs: readonly TContractLineInput[],
  reviewed: ReviewedRequirementLines = new Set(),
): Promise<PricedLines> {
  const productIds = inputs.map((l) => l.productId).filter((id): id is string => !!id);
  const products = new Map((await catalog.findByIds(db, productIds)).map((p) => [p.id, p]));
  const drafts = inputs.map((input, i) => {
    const position = i + 1;
    const product = input.productId ? products.get(input.productId) : undefined;
    if (input.productId && !product) throw new AppError(ContractErrorCode.CONTRACT_LINE_PRODUCT_UNKNOWN, { params: { position } });
    if (product && product.status !== 'active' && !input.requirementLineId)
      throw new AppError(ContractErrorCode.CONTRACT_LINE_PRODUCT_DISCONTINUED, { params: { position, code: product.materialCode } });
    const name = input.name?.trim() || product?.name;
    if (!name)
      throw new AppError(ContractErrorCode.CONTRACT_LINE_NAME_REQUIRED, {
        params: { position },
        fields: [{ path: `lines.${i}.name`, code: 'required' }],
      });
    const unitPrice = input.unitPrice ?? product?.listPrice;
    if (!unitPrice)
      throw new AppError(ContractErrorCode.CONTRACT_LINE_PRICE_REQUIRED, {
        params: { position },
        fields: [{ path: `lines.${i}.unitPrice`, code: 'required' }],
      });
    const isNonStandard = input.isNonStandard ?? !product;
    return {
      position,
      productId: product?.id ?? null,
      materialCode: product?.materialCode ?? null,
      name,
      spec: input.spec ?? product?.model ?? null,
      unit: input.unit ?? product?.unit ?? null,
      category: product?.categoryName ?? null,
      qty: input.qty,
      unitPrice,
      taxRate: input.taxRate ?? product?.taxRate ?? FREE_TEXT_TAX_RATE,
      floorPrice: product?.floorPrice ?? null,
      standardCost: product?.standardCost ?? null,
      leadTimeDays: product?.leadTimeDays ?? null,
      standardWarrantyMonths: product?.warrantyMonths ?? null,
      wantedDeliveryDate: input.wantedDeliveryDate ?? null,
      isNonStandard,
      isTechnicallyReviewed: !!input.requirementLineId && reviewed.has(input.requirementLineId),
      requirementLineId: input.requirementLineId ?? null,
      notes: input.notes ?? null,
    };
  });
  const amounts = computeContractAmounts(drafts);
  const lines: PricedLine[] = drafts.map((d, i) => {
    const a = amounts.lines[i]!;
    return {
      ...d,
      amountInclTax: toMoneyString(a.amountInclTax),
      amountExclTax: toMoneyString(a.amountExclTax),
      taxAmount: toMoneyString(a.taxAmount),
    };
  });
  const t = amounts.totals;
  return {
    lines,
    totals: {
      amountInclTax: toMoneyString(t.amountInclTax),
      amountExclTax: toMoneyString(t.amountExclTax),
      taxAmount: toMoneyString(t.taxAmount),
      costAmount: t.costAmount === null ? null : toMoneyString(t.costAmount),
    },
  };
}

/** The inputs that reproduce stored lines (a new version starts as a copy of the effective one). */
export function linesAsInputs(
  rows: readonly {
    productId: string | null;
    name: string;
    spec: string | null;
    unit: string | null;
    qty: string;
    unitPrice: string;
    taxRate: string;
    wantedDeliveryDate: string | null;
    isNonStandard: boolean;
    requirementLineId: string | null;
    notes: string | null;
  }[],
): TContractLineInput[] {
  return rows.map((r) => ({
    productId: r.productId,
    name: r.name,
    spec: r.spec,
    unit: r.unit,
    qty: r.qty,
    unitPrice: r.unitPrice,
    taxRate: r.taxRate,
    wantedDeliveryDate: r.wantedDeliveryDate,
    isNonStandard: r.isNonStandard,
    requirementLineId: r.requirementLineId,
    notes: r.notes,
  }));
}
