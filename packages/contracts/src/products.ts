import { z } from 'zod';
import { ZDateTime, ZId, ZListQuery, ZLocale, ZMoney, ZVersion } from './common.ts';

export const ZProductStatusValues = ['active', 'discontinued'] as const;
export const ZProductStatus = z.enum(ZProductStatusValues);
export type TProductStatus = z.infer<typeof ZProductStatus>;

/** SAP-style material code: letters, digits and . _ - /, stored upper-case, unique. */
export const ZMaterialCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._/-]{2,39}$/, 'material_code');

/** A tax rate as a fraction with up to four decimals: "0.13" is 13 %. */
export const ZTaxRate = z.string().regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'tax_rate');

/** A non-negative amount to the fen. */
export const ZPrice = ZMoney.refine((v) => !v.startsWith('-'), 'negative');

export const DEFAULT_TAX_RATE = '0.13';
export const DEFAULT_WARRANTY_MONTHS = 12;
export const DEFAULT_LEAD_TIME_DAYS = 30;

export const ZProductCategory = z.object({
  id: ZId,
  name: z.string(),
  /** The English name shown in the en-US interface; the Chinese name when absent. */
  nameEn: z.string().nullable(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  /** How many products carry the category. */
  productCount: z.number().int(),
  version: ZVersion,
});
export type TProductCategory = z.infer<typeof ZProductCategory>;

export const ZCreateProductCategory = z.strictObject({
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().max(60).nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  isActive: z.boolean().optional(),
});
export type TCreateProductCategory = z.infer<typeof ZCreateProductCategory>;

export const ZUpdateProductCategory = ZCreateProductCategory.partial().extend({ version: ZVersion }).strict();
export type TUpdateProductCategory = z.infer<typeof ZUpdateProductCategory>;

/**
 * A catalogue item. Prices include tax (as quoted to customers); the standard cost excludes it.
 * `floorPrice` is absent for readers without `field:floor_price`; `standardCost` and the margin
 * derived from it are absent without `field:cost` (the margin also needs `field:margin`).
 * Null means "not set".
 */
export const ZProduct = z.object({
  id: ZId,
  materialCode: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  unit: z.string(),
  categoryId: ZId,
  categoryName: z.string(),
  listPrice: ZMoney,
  floorPrice: ZMoney.nullable().optional(),
  standardCost: ZMoney.nullable().optional(),
  /** Gross margin at list price, in percent with two decimals: 1 − cost × (1 + tax) / list price. */
  listMarginPercent: z.string().nullable().optional(),
  taxRate: ZTaxRate,
  warrantyMonths: z.number().int(),
  leadTimeDays: z.number().int(),
  status: ZProductStatus,
  version: ZVersion,
  createdAt: ZDateTime,
  createdBy: ZId.nullable(),
  createdByName: z.string().nullable(),
  updatedAt: ZDateTime,
  updatedBy: ZId.nullable(),
  updatedByName: z.string().nullable(),
});
export type TProduct = z.infer<typeof ZProduct>;

const productInput = {
  materialCode: ZMaterialCode,
  name: z.string().trim().min(1).max(120),
  model: z.string().trim().max(120).nullable().optional(),
  unit: z.string().trim().min(1).max(10),
  categoryId: ZId,
  listPrice: ZPrice,
  floorPrice: ZPrice.nullable().optional(),
  standardCost: ZPrice.nullable().optional(),
  taxRate: ZTaxRate.optional(),
  warrantyMonths: z.number().int().min(0).max(240).optional(),
  leadTimeDays: z.number().int().min(0).max(730).optional(),
  status: ZProductStatus.optional(),
};

export const ZCreateProduct = z.strictObject(productInput);
export type TCreateProduct = z.infer<typeof ZCreateProduct>;

export const ZUpdateProduct = z.strictObject(productInput).partial().extend({ version: ZVersion }).strict();
export type TUpdateProduct = z.infer<typeof ZUpdateProduct>;

export const ZProductSortValues = [
  'materialCode',
  '-materialCode',
  'name',
  '-name',
  'listPrice',
  '-listPrice',
  'updatedAt',
  '-updatedAt',
] as const;
export const ZProductSort = z.enum(ZProductSortValues);
export type TProductSort = z.infer<typeof ZProductSort>;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .max(50)
    .or(item.transform((v) => [v] as z.infer<T>[]));

export const ZProductListFilters = z.object({
  /** Part of the material code, name or model. */
  q: z.string().trim().max(100).optional(),
  categoryId: oneOrMany(ZId).optional(),
  status: oneOrMany(ZProductStatus).optional(),
});
export type TProductListFilters = z.infer<typeof ZProductListFilters>;

export const ZProductListQuery = ZListQuery.extend(ZProductListFilters.shape).extend({
  sort: ZProductSort.default('materialCode'),
});
export type TProductListQuery = z.infer<typeof ZProductListQuery>;

/** At most this many rows go into one export. */
export const PRODUCT_EXPORT_MAX_ROWS = 20_000;

export const ZProductExportQuery = ZProductListFilters.extend({
  sort: ZProductSort.default('materialCode'),
  /** Language of headers and labels; the request's language when absent (a download link cannot set headers). */
  lang: ZLocale.optional(),
});
export type TProductExportQuery = z.infer<typeof ZProductExportQuery>;

/** Columns of the import/export sheet, in their order; headers in either language are recognised. */
export const ZProductSheetColumnValues = [
  'materialCode',
  'name',
  'model',
  'unit',
  'category',
  'listPrice',
  'floorPrice',
  'standardCost',
  'taxRate',
  'warrantyMonths',
  'leadTimeDays',
  'status',
] as const;
export type TProductSheetColumn = (typeof ZProductSheetColumnValues)[number];

/** An import holds at most this many rows (one transaction). */
export const PRODUCT_IMPORT_MAX_ROWS = 5_000;

export const ZProductImportQuery = z.object({
  /** Validate and report only; write nothing. */
  dryRun: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
});

export const ZProductImportRowError = z.object({
  /** The spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  materialCode: z.string().nullable(),
  /** The column (sheet column key) the problem is in, or null for the whole row. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type TProductImportRowError = z.infer<typeof ZProductImportRowError>;

export const ZProductImportReport = z.object({
  /** True when the rows were written; false after a dry run or when any row has an error (then nothing is written). */
  applied: z.boolean(),
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ZProductImportRowError),
});
export type TProductImportReport = z.infer<typeof ZProductImportReport>;

/**
 * The product fields of a document line (quote, contract, requirement): a catalogue product, or
 * free text with a name, specification and unit. Each document adds its own quantities and prices.
 */
export const catalogueLineFields = {
  /** A catalogue product; without it the line is free text and needs a name. */
  productId: ZId.nullable().optional(),
  name: z.string().trim().max(200).optional(),
  spec: z.string().trim().max(300).nullable().optional(),
  unit: z.string().trim().max(20).nullable().optional(),
};
