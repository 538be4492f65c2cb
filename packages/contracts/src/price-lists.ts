import { z } from 'zod';
import { ZBusinessDate, ZDateTime, ZId, ZListQuery, ZMoney, ZVersion } from './common.ts';
import { ZCustomerGrade } from './customers.ts';
import { ZPrice } from './products.ts';

/**
 * Sales regions as groups of provinces (short names, as customer records store them). A price
 * list whose provinces are exactly one region is explained with the region's name (e.g. 华东).
 */
export const PRICE_REGIONS = {
  east: ['上海', '江苏', '浙江', '安徽', '福建', '江西', '山东'],
  north: ['北京', '天津', '河北', '山西', '内蒙古'],
  northeast: ['辽宁', '吉林', '黑龙江'],
  central: ['河南', '湖北', '湖南'],
  south: ['广东', '广西', '海南'],
  southwest: ['重庆', '四川', '贵州', '云南', '西藏'],
  northwest: ['陕西', '甘肃', '青海', '宁夏', '新疆'],
} as const satisfies Record<string, readonly string[]>;
export type TPriceRegion = keyof typeof PRICE_REGIONS;

/** Every province a price list may name: the regions' provinces and 香港, 澳门, 台湾. */
export const PRICE_PROVINCES: readonly string[] = [...Object.values(PRICE_REGIONS).flat(), '香港', '澳门', '台湾'];

/** The region whose provinces are exactly these, if any. */
export function regionOfProvinces(provinces: readonly string[]): TPriceRegion | null {
  const set = new Set(provinces);
  for (const [region, members] of Object.entries(PRICE_REGIONS) as [TPriceRegion, readonly string[]][]) {
    if (members.length === set.size && members.every((p) => set.has(p))) return region;
  }
  return null;
}

export const ZPriceListStatusValues = ['active', 'inactive'] as const;
export const ZPriceListStatus = z.enum(ZPriceListStatusValues);
export type TPriceListStatus = z.infer<typeof ZPriceListStatus>;

/** A discount off the list price in percent, 0 to 100 with up to two decimals: "15" is 15 % off. */
export const ZDiscountPercent = z.string().regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, 'discount_percent');

export const ZPriceList = z.object({
  id: ZId,
  name: z.string(),
  description: z.string().nullable(),
  /** Customer grades the list applies to; empty: every grade. */
  grades: z.array(ZCustomerGrade),
  /** Provinces the list applies to; empty: everywhere. */
  provinces: z.array(z.string()),
  /** Higher wins when several lists price the same product for a customer. */
  priority: z.number().int(),
  validFrom: ZBusinessDate.nullable(),
  validTo: ZBusinessDate.nullable(),
  status: ZPriceListStatus,
  entryCount: z.number().int(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
  updatedByName: z.string().nullable(),
});
export type TPriceList = z.infer<typeof ZPriceList>;

/** One product's price on a list: a fixed price, or a discount off the product's list price. */
export const ZPriceListEntry = z.object({
  id: ZId,
  productId: ZId,
  materialCode: z.string(),
  productName: z.string(),
  model: z.string().nullable(),
  unit: z.string(),
  listPrice: ZMoney,
  /** The product's floor price, for readers with `field:floor_price` only. */
  floorPrice: ZMoney.nullable().optional(),
  price: ZMoney.nullable(),
  discountPercent: z.string().nullable(),
  /** The price this entry gives at today's list price. */
  effectivePrice: ZMoney,
  validFrom: ZBusinessDate.nullable(),
  validTo: ZBusinessDate.nullable(),
});
export type TPriceListEntry = z.infer<typeof ZPriceListEntry>;

export const ZPriceListDetail = ZPriceList.extend({ entries: z.array(ZPriceListEntry) });
export type TPriceListDetail = z.infer<typeof ZPriceListDetail>;

export const ZPriceListEntryInput = z
  .strictObject({
    productId: ZId,
    price: ZPrice.nullable().optional(),
    discountPercent: ZDiscountPercent.nullable().optional(),
    validFrom: ZBusinessDate.nullable().optional(),
    validTo: ZBusinessDate.nullable().optional(),
  })
  .refine((e) => (e.price != null) !== (e.discountPercent != null), { message: 'price_or_discount', path: ['price'] })
  .refine((e) => !e.validFrom || !e.validTo || e.validFrom <= e.validTo, { message: 'valid_range', path: ['validTo'] });
export type TPriceListEntryInput = z.infer<typeof ZPriceListEntryInput>;

/** Entries of one list; at most this many (a list of the whole catalogue fits). */
export const PRICE_LIST_MAX_ENTRIES = 5_000;

const priceListInput = {
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).nullable().optional(),
  grades: z.array(ZCustomerGrade).max(4).optional(),
  provinces: z.array(z.string().trim().min(1).max(30)).max(40).optional(),
  priority: z.number().int().min(0).max(9999).optional(),
  validFrom: ZBusinessDate.nullable().optional(),
  validTo: ZBusinessDate.nullable().optional(),
  status: ZPriceListStatus.optional(),
  /** The whole set of entries (replaces the list's entries on update). */
  entries: z.array(ZPriceListEntryInput).max(PRICE_LIST_MAX_ENTRIES).optional(),
};

export const ZCreatePriceList = z
  .strictObject(priceListInput)
  .refine((l) => !l.validFrom || !l.validTo || l.validFrom <= l.validTo, { message: 'valid_range', path: ['validTo'] });
export type TCreatePriceList = z.infer<typeof ZCreatePriceList>;

export const ZUpdatePriceList = z
  .strictObject(priceListInput)
  .partial()
  .extend({ version: ZVersion })
  .strict()
  .refine((l) => !l.validFrom || !l.validTo || l.validFrom <= l.validTo, { message: 'valid_range', path: ['validTo'] });
export type TUpdatePriceList = z.infer<typeof ZUpdatePriceList>;

export const ZPriceListListQuery = ZListQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: ZPriceListStatus.optional(),
  /** Lists that have an entry for this product. */
  productId: ZId.optional(),
});
export type TPriceListListQuery = z.infer<typeof ZPriceListListQuery>;

/** Who is being priced: a customer (its grade and province are read), or a grade and a province. */
export const ZPriceResolveRequest = z
  .strictObject({
    customerId: ZId.optional(),
    grade: ZCustomerGrade.optional(),
    province: z.string().trim().max(30).nullable().optional(),
    productIds: z.array(ZId).min(1).max(500),
    /** The business date (Asia/Shanghai) the prices are for; today when absent. */
    date: ZBusinessDate.optional(),
  })
  .refine((r) => (r.customerId === undefined) !== (r.grade === undefined), { message: 'customer_or_grade', path: ['customerId'] });
export type TPriceResolveRequest = z.infer<typeof ZPriceResolveRequest>;

/** The price list and rule a resolved price came from. */
export const ZPriceSource = z.object({
  priceListId: ZId,
  name: z.string(),
  /** The matching conditions and the entry, as text: "客户等级 A · 华东 · 目录价下浮 8%". */
  rule: z.string(),
  /** The customer grade the list matched on (null: the list applies to every grade). */
  grade: ZCustomerGrade.nullable(),
  /** The province the list matched on (null: everywhere), and its region when the list covers exactly one. */
  province: z.string().nullable(),
  region: z.string().nullable(),
  priority: z.number().int(),
  discountPercent: z.string().nullable(),
});
export type TPriceSource = z.infer<typeof ZPriceSource>;

export const ZResolvedPrice = z.object({
  productId: ZId,
  /** The price the customer gets, to the fen. */
  price: ZMoney,
  listPrice: ZMoney,
  /** Null: no price list applies and the list price (目录价) is used. */
  source: ZPriceSource.nullable(),
  /** One line for people: "价目表 2026 国网 A 级 · 客户等级 A · 华东", or "目录价". */
  explanation: z.string(),
});
export type TResolvedPrice = z.infer<typeof ZResolvedPrice>;

export const ZPriceResolveResult = z.object({
  date: ZBusinessDate,
  grade: ZCustomerGrade,
  province: z.string().nullable(),
  customerName: z.string().nullable(),
  items: z.array(ZResolvedPrice),
});
export type TPriceResolveResult = z.infer<typeof ZPriceResolveResult>;
