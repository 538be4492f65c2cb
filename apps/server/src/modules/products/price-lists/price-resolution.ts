import { PRICE_REGIONS, regionOfProvinces, type TCustomerGrade, type TPriceSource, type TResolvedPrice } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { translate, type Locale } from '../../../kernel/i18n.ts';
import { money, toMoneyString } from '../../../kernel/money.ts';

/** Who is priced, and on which business date. */
export type PricingContext = { grade: TCustomerGrade; province: string | null; date: string; locale?: Locale };

export type CandidateList = {
  id: string;
  name: string;
  grades: readonly string[];
  provinces: readonly string[];
  priority: number;
  validFrom: string | null;
  validTo: string | null;
  status: 'active' | 'inactive';
};

export type CandidateEntry = {
  productId: string;
  price: string | null;
  discountPercent: string | null;
  validFrom: string | null;
  validTo: string | null;
};

export type Candidate = { list: CandidateList; entry: CandidateEntry };

const covers = (from: string | null, to: string | null, date: string) => (from === null || from <= date) && (to === null || date <= to);

/** Whether a list's conditions and both validities hold for the context. */
export function matches(c: Candidate, ctx: PricingContext): boolean {
  return (
    c.list.status === 'active' &&
    covers(c.list.validFrom, c.list.validTo, ctx.date) &&
    covers(c.entry.validFrom, c.entry.validTo, ctx.date) &&
    (c.list.grades.length === 0 || c.list.grades.includes(ctx.grade)) &&
    (c.list.provinces.length === 0 || (ctx.province !== null && c.list.provinces.includes(ctx.province)))
  );
}

/** The price an entry gives: its fixed price, or the list price less the discount, half-up to the fen. */
export function entryPrice(entry: Pick<CandidateEntry, 'price' | 'discountPercent'>, listPrice: string): Decimal {
  if (entry.price !== null) return money(entry.price);
  return money(listPrice)
    .times(money(100).minus(entry.discountPercent ?? 0))
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

const specificity = (l: CandidateList) => (l.grades.length > 0 ? 1 : 0) + (l.provinces.length > 0 ? 1 : 0);

/**
 * Which of the matching candidates prices the product: the highest priority; among equal
 * priorities the more specific list (grade and region before grade or region before neither),
 * then the lower price, then the list id so that the answer never depends on row order.
 */
export function pickCandidate(candidates: readonly Candidate[], ctx: PricingContext, listPrice: string): Candidate | undefined {
  let best: { c: Candidate; price: Decimal } | undefined;
  for (const c of candidates) {
    if (!matches(c, ctx)) continue;
    const price = entryPrice(c.entry, listPrice);
    if (!best) {
      best = { c, price };
      continue;
    }
    const order =
      c.list.priority - best.c.list.priority ||
      specificity(c.list) - specificity(best.c.list) ||
      best.price.comparedTo(price) ||
      (c.list.id < best.c.list.id ? 1 : -1);
    if (order > 0) best = { c, price };
  }
  return best?.c;
}

function regionLabel(locale: Locale, provinces: readonly string[]): string | null {
  const region = regionOfProvinces(provinces);
  return region ? translate(locale, `priceList.region.${region}`) : null;
}

/** The source of a price: the list, the conditions it matched on and the entry, in words. */
export function describeSource(c: Candidate, ctx: PricingContext): TPriceSource {
  const locale = ctx.locale ?? 'zh-CN';
  const grade = c.list.grades.length > 0 ? ctx.grade : null;
  const province = c.list.provinces.length > 0 ? ctx.province : null;
  const region = c.list.provinces.length > 0 ? regionLabel(locale, c.list.provinces) : null;
  const parts: string[] = [];
  if (grade) parts.push(translate(locale, 'priceList.rule.grade', { grade }));
  if (province) parts.push(region ?? province);
  if (parts.length === 0) parts.push(translate(locale, 'priceList.rule.everyone'));
  const discount = c.entry.discountPercent === null ? null : new Decimal(c.entry.discountPercent).toString();
  if (discount !== null) parts.push(translate(locale, 'priceList.rule.discount', { percent: discount }));
  return {
    priceListId: c.list.id,
    name: c.list.name,
    rule: parts.join(' · '),
    grade,
    province,
    region,
    priority: c.list.priority,
    discountPercent: discount,
  };
}

/** The price each product gets in the context, explained; the list price (目录价) when no list applies. */
export function resolveProductPrice(
  productItem: { id: string; listPrice: string },
  candidates: readonly Candidate[],
  ctx: PricingContext,
): TResolvedPrice {
  const locale = ctx.locale ?? 'zh-CN';
  const listPrice = toMoneyString(productItem.listPrice);
  const chosen = pickCandidate(
    candidates.filter((c) => c.entry.productId === productItem.id),
    ctx,
    listPrice,
  );
  if (!chosen)
    return {
      productId: productItem.id,
      price: listPrice,
      listPrice,
      source: null,
      explanation: translate(locale, 'priceList.rule.listPrice'),
    };
  const source = describeSource(chosen, ctx);
  return {
    productId: productItem.id,
    price: toMoneyString(entryPrice(chosen.entry, listPrice)),
    listPrice,
    source,
    explanation: `${source.name} · ${source.rule}`,
  };
}

/** Province names of a region key, for the region quick picks of the editor and the seeds. */
export function provincesOf(region: keyof typeof PRICE_REGIONS): string[] {
  return [...PRICE_REGIONS[region]];
}
