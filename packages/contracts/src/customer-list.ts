import { z } from 'zod';
import { ZLocale } from './common.ts';
import { ZCustomerListQuery, ZCustomerSortValues } from './customers.ts';

/** Columns of the customer list (desktop table, saved views, xlsx export), in their default order. */
export const ZCustomerColumnValues = [
  'name',
  'shortName',
  'creditCode',
  'type',
  'grade',
  'status',
  'industry',
  'region',
  'address',
  'owner',
  'department',
  'tags',
  'source',
  'lastActivityAt',
  'lastDealAt',
  'creditLimit',
  'creditDays',
  'taxId',
  'billingAddress',
  'billingPhone',
  'bankName',
  'bankAccount',
  'createdAt',
  'updatedAt',
] as const;
export const ZCustomerColumn = z.enum(ZCustomerColumnValues);
export type TCustomerColumn = z.infer<typeof ZCustomerColumn>;

/** What the list shows when the user has chosen nothing. */
export const DEFAULT_CUSTOMER_COLUMNS: readonly TCustomerColumn[] = [
  'name',
  'type',
  'grade',
  'status',
  'owner',
  'department',
  'region',
  'lastActivityAt',
  'createdAt',
];

/** Visible columns in their order: at least the name, no column twice. */
export const ZCustomerColumns = z
  .array(ZCustomerColumn)
  .min(1)
  .max(ZCustomerColumnValues.length)
  .refine((cols) => new Set(cols).size === cols.length, 'duplicate_column');

/** The filters of the customer list without paging and sort (what a saved view stores). */
export const ZCustomerListFilters = ZCustomerListQuery.omit({ limit: true, cursor: true, sort: true });
export type TCustomerListFilters = z.infer<typeof ZCustomerListFilters>;

/** Counting stops here: the list shows "10,000+" beyond it instead of scanning every match. */
export const CUSTOMER_COUNT_CAP = 10_000;
export const ZCustomerCount = z.object({
  count: z.number().int().min(0),
  /** True when there are more matches than `count` (which is then the cap). */
  capped: z.boolean(),
});
export type TCustomerCount = z.infer<typeof ZCustomerCount>;

/** At most this many rows go into one export; the response says when the list was longer. */
export const CUSTOMER_EXPORT_MAX_ROWS = 100_000;

export const ZCustomerExportQuery = ZCustomerListFilters.extend({
  sort: z.enum(ZCustomerSortValues).default('-createdAt'),
  /** Columns in their order; the default columns when absent. */
  columns: ZCustomerColumns.or(ZCustomerColumn.transform((c) => [c])).optional(),
  /** Language of headers and labels; the request's language when absent (a download link cannot set headers). */
  lang: ZLocale.optional(),
});
export type TCustomerExportQuery = z.infer<typeof ZCustomerExportQuery>;
