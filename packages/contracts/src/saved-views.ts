import { z } from 'zod';
import { ZDateTime, ZId, ZVersion } from './common.ts';
import { ZCustomerColumns, ZCustomerListFilters } from './customer-list.ts';
import { ZCustomerSortValues } from './customers.ts';

/** Lists that can have saved views; each names its filters, sorts and columns below. */
export const ZSavedViewEntityValues = ['customer'] as const;
export type TSavedViewEntity = (typeof ZSavedViewEntityValues)[number];

/** Each user may keep this many views per list. */
export const SAVED_VIEW_MAX_PER_LIST = 50;

const ZViewName = z.string().trim().min(1).max(40);

/**
 * A saved view of a list (保存的视图): filters, sort and visible columns in their order, kept per
 * user. `filters` is returned as stored: a client reads it leniently, since filters may gain or
 * lose fields between releases.
 */
export const ZSavedView = z.object({
  id: ZId,
  entityType: z.enum(ZSavedViewEntityValues),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  sort: z.string().nullable(),
  columns: z.array(z.string()),
  isDefault: z.boolean(),
  version: ZVersion,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TSavedView = z.infer<typeof ZSavedView>;

/** The create and update bodies of one list's views, from the shapes of its filters, sorts and columns. */
export function savedViewInputs<F extends z.ZodType, S extends z.ZodType, C extends z.ZodType>(shapes: {
  filters: F;
  sort: S;
  columns: C;
}) {
  const create = z.strictObject({
    name: ZViewName,
    filters: shapes.filters,
    sort: shapes.sort.nullable().optional(),
    columns: shapes.columns.optional(),
    /** Opens the list with this view; the user's previous default stops being one. */
    isDefault: z.boolean().optional(),
  });
  const update = z.strictObject({
    version: ZVersion,
    name: ZViewName.optional(),
    filters: shapes.filters.optional(),
    sort: shapes.sort.nullable().optional(),
    columns: shapes.columns.optional(),
    isDefault: z.boolean().optional(),
  });
  return { create, update };
}

export const customerViewInputs = savedViewInputs({
  filters: ZCustomerListFilters,
  sort: z.enum(ZCustomerSortValues),
  columns: ZCustomerColumns,
});
export const ZCreateCustomerView = customerViewInputs.create;
export type TCreateCustomerView = z.input<typeof ZCreateCustomerView>;
export const ZUpdateCustomerView = customerViewInputs.update;
export type TUpdateCustomerView = z.input<typeof ZUpdateCustomerView>;

/** Error codes of saved views the web app reacts to. */
export const SavedViewErrorCode = {
  SAVED_VIEW_LIMIT_REACHED: 'SAVED_VIEW_LIMIT_REACHED',
} as const;
