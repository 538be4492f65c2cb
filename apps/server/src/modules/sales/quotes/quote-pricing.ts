import type { TCustomerGrade, TQuoteLineInput, TResolvedPrice } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import type { Db } from '../../../kernel/db/database.ts';
import { AppError } from '../../../kernel/errors.ts';
import { translate, type Locale } from '../../../kernel/i18n.ts';
import { Money, toMoneyString } from '../../../kernel/money.ts';
import { computeQuoteAmounts, type QuoteTotalsAmounts } from './quote-amounts.ts';
import { evaluateApproval, type StoredApprovalReason } from './quote-approval-rules.ts';
import { QuoteErrorCode } from './quotes.errors.ts';
import type { NewQuoteLineRow } from './quotes.repository.ts';
import type { QuotePriceSourceValue } from './quotes.schema.ts';
import './quotes.messages.ts';

/** What quotes need of the product catalogue (the products module's `catalog`). */
export type QuoteCatalog = {
  findByIds(
    db: Db,
    ids: readonly string[],
  ): Promise<
    {
      id: string;
      materialCode: string;
      name: string;
      model: string | null;
      unit: string;
      listPrice: string;
      floorPrice: string | null;
      taxRate: string;
      status: string;
    }[]
  >;
  resolvePrices(
    db: Db,
    ctx: { grade: TCustomerGrade; province: string | null; date: string; locale?: Locale },
    productIds: readonly string[],
  ): Promise<TResolvedPrice[]>;
};

export const FREE_TEXT_TAX_RATE = '0.13';

/** Who is priced, when, and with which discount limit. */
export type PricingContext = {
  grade: TCustomerGrade | null;
  province: string | null;
  date: string;
  locale: Locale;
  limitPercent: Decimal;
};

/** A line ready to store (without version), with its figures as decimal strings. */
export type PricedLine = Omit<NewQuoteLineRow, 'id' | 'versionId'> & { flags: string[] };

export type PricedQuote = {
  lines: PricedLine[];
  totals: QuoteTotalsAmounts;
  overallDiscountPercent: string;
  limitPercent: string;
  requiresApproval: boolean;
  reasons: StoredApprovalReason[];
};

const unitPriceString = (v: Decimal.Value) => new Money(v).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed();

/**
 * Prices lines for a customer: the price list gives each product line its price (explained), the
 * typed unit price wins when given, the amounts follow the quote's rounding rule and the approval
 * rules flag what needs approval. Runs on `db` or the caller's transaction.
 */
export async function priceQuote(
  db: Db,
  catalog: QuoteCatalog,
  ctx: PricingContext,
  input: { lines: readonly TQuoteLineInput[]; overallDiscountPercent: string; allowDiscontinued?: ReadonlySet<string> },
): Promise<PricedQuote> {
  const productIds = [...new Set(input.lines.map((l) => l.productId).filter((id): id is string => !!id))];
  const [products, prices] = await Promise.all([
    catalog.findByIds(db, productIds),
    productIds.length > 0
      ? catalog.resolvePrices(db, { grade: ctx.grade ?? 'D', province: ctx.province, date: ctx.date, locale: ctx.locale }, productIds)
      : Promise.resolve([]),
  ]);
  const productById = new Map(products.map((p) => [p.id, p]));
  const priceById = new Map(prices.map((p) => [p.productId, p]));

  const prepared = input.lines.map((l, i) => {
    const position = i + 1;
    if (l.productId) {
      const product = productById.get(l.productId);
      const price = priceById.get(l.productId);
      if (!product || !price) {
        throw new AppError(QuoteErrorCode.QUOTE_LINE_PRODUCT_UNKNOWN, {
          params: { position },
          fields: [{ path: `lines.${i}.productId`, code: 'unknown', messageKey: 'error.QUOTE_LINE_PRODUCT_UNKNOWN' }],
        });
      }
      if (product.status !== 'active' && !input.allowDiscontinued?.has(product.id)) {
        throw new AppError(QuoteErrorCode.QUOTE_LINE_PRODUCT_DISCONTINUED, {
          params: { position },
          fields: [{ path: `lines.${i}.productId`, code: 'discontinued', messageKey: 'error.QUOTE_LINE_PRODUCT_DISCONTINUED' }],
        });
      }
      const source: QuotePriceSourceValue = price.source
        ? { kind: 'price_list', priceListId: price.source.priceListId, priceListName: price.source.name, explanation: price.explanation }
        : { kind: 'list_price', priceListId: null, priceListName: null, explanation: price.explanation };
      return {
        position,
        productId: product.id,
        materialCode: product.materialCode,
        name: product.name,
        spec: l.spec ?? product.model,
        unit: product.unit,
        listPrice: price.listPrice,
        resolvedPrice: price.price,
        priceSource: source,
        floorPrice: product.floorPrice,
        unitPrice: l.unitPrice ?? price.price,
        taxRate: l.taxRate ?? product.taxRate,
        referencePrice: price.price as string | null,
        qty: l.qty,
        discountPercent: l.discountPercent ?? '0',
        notes: l.notes ?? null,
      };
    }
    if (!l.name) {
      throw new AppError(QuoteErrorCode.QUOTE_LINE_NAME_REQUIRED, {
        params: { position },
        fields: [{ path: `lines.${i}.name`, code: 'required', messageKey: 'error.QUOTE_LINE_NAME_REQUIRED' }],
      });
    }
    return {
      position,
      productId: null,
      materialCode: null,
      name: l.name,
      spec: l.spec ?? null,
      unit: l.unit ?? null,
      listPrice: null,
      resolvedPrice: null,
      priceSource: {
        kind: 'manual',
        priceListId: null,
        priceListName: null,
        explanation: translate(ctx.locale, 'quotes.price.freeText'),
      } as QuotePriceSourceValue,
      floorPrice: null,
      unitPrice: l.unitPrice ?? '0',
      taxRate: l.taxRate ?? FREE_TEXT_TAX_RATE,
      referencePrice: null as string | null,
      qty: l.qty,
      discountPercent: l.discountPercent ?? '0',
      notes: l.notes ?? null,
    };
  });

  const amounts = computeQuoteAmounts(
    prepared.map((p) => ({
      qty: p.qty,
      unitPrice: p.unitPrice,
      discountPercent: p.discountPercent,
      taxRate: p.taxRate,
      referencePrice: p.referencePrice,
    })),
    input.overallDiscountPercent,
  );
  const approval = evaluateApproval({
    lines: prepared.map((p, i) => ({
      position: p.position,
      productName: p.name,
      floorPrice: p.floorPrice,
      netUnitPrice: amounts.lines[i]!.netUnitPrice,
      effectiveDiscountPercent: amounts.lines[i]!.effectiveDiscountPercent,
      lineOnlyDiscountPercent: amounts.lines[i]!.lineOnlyDiscountPercent,
    })),
    overallDiscountPercent: input.overallDiscountPercent,
    limitPercent: ctx.limitPercent,
  });

  const lines: PricedLine[] = prepared.map((p, i) => {
    const a = amounts.lines[i]!;
    return {
      position: p.position,
      productId: p.productId,
      materialCode: p.materialCode,
      name: p.name,
      spec: p.spec,
      unit: p.unit,
      qty: new Money(p.qty).toFixed(),
      listPrice: p.listPrice === null ? null : unitPriceString(p.listPrice),
      resolvedPrice: p.resolvedPrice === null ? null : unitPriceString(p.resolvedPrice),
      priceSource: p.priceSource,
      floorPrice: p.floorPrice === null ? null : unitPriceString(p.floorPrice),
      unitPrice: unitPriceString(p.unitPrice),
      discountPercent: new Money(p.discountPercent).toFixed(),
      netUnitPrice: unitPriceString(a.netUnitPrice),
      taxRate: new Money(p.taxRate).toFixed(),
      amount: toMoneyString(a.amount),
      overallDiscountShare: toMoneyString(a.overallDiscountShare),
      amountInclTax: toMoneyString(a.amountInclTax),
      amountExclTax: toMoneyString(a.amountExclTax),
      taxAmount: toMoneyString(a.taxAmount),
      effectiveDiscountPercent: a.effectiveDiscountPercent.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      flags: approval.lineFlags[i]!,
      notes: p.notes,
    };
  });
  return {
    lines,
    totals: amounts.totals,
    overallDiscountPercent: new Money(input.overallDiscountPercent).toFixed(),
    limitPercent: ctx.limitPercent.toFixed(),
    requiresApproval: approval.reasons.length > 0,
    reasons: approval.reasons,
  };
}
