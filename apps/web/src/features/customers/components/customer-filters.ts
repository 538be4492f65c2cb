import {
  ZCustomerGradeValues,
  ZCustomerSortValues,
  ZCustomerStatusValues,
  ZCustomerTypeValues,
  type TCustomerListFilters,
} from '@crm/contracts';
import type { CustomerListFilters, CustomerSort } from '../api/customer-list.queries.ts';

export const DEFAULT_CUSTOMER_SORT: CustomerSort = '-createdAt';

/** What the list shows: filters, sort and the saved view they came from (if any). */
export interface CustomerListState {
  filters: CustomerListFilters;
  sort: CustomerSort;
  viewId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function pick<T extends string>(values: readonly unknown[], allowed: readonly T[]): T[] | undefined {
  const picked = values.filter((v): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v));
  return picked.length > 0 ? picked : undefined;
}

function texts(values: readonly unknown[], max: number, test?: RegExp): string[] | undefined {
  const list = values.filter((v): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max && (!test || test.test(v)));
  return list.length > 0 ? [...new Set(list)] : undefined;
}

const text = (value: unknown, max = 100) => (typeof value === 'string' && value.trim() && value.length <= max ? value : undefined);
const date = (value: unknown) => (typeof value === 'string' && DATE.test(value) ? value : undefined);
const bool = (value: unknown) =>
  value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' ? false : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/**
 * Filters from a loose record: the address bar (repeated keys as lists) or a saved view (which may
 * carry fields of an older or newer release). Whatever is not understood is left out.
 */
function filtersFromRecord(get: (key: string) => unknown): CustomerListFilters {
  const filters: CustomerListFilters = {
    q: text(get('q')),
    ownerIds: texts(list(get('ownerId')), 36, UUID),
    departmentId: text(get('departmentId'), 36),
    types: pick(list(get('type')), ZCustomerTypeValues),
    grades: pick(list(get('grade')), ZCustomerGradeValues),
    statuses: pick(list(get('status')), ZCustomerStatusValues),
    industry: text(get('industry'), 60),
    province: text(get('province'), 30),
    city: text(get('city'), 30),
    tags: texts(list(get('tag')), 30),
    inPool: bool(get('inPool')),
    lastActivityAfter: date(get('lastActivityAfter')),
    lastActivityBefore: date(get('lastActivityBefore')),
    createdFrom: date(get('createdFrom')),
    createdTo: date(get('createdTo')),
    mine: bool(get('mine')) || undefined,
  };
  if (filters.departmentId && !UUID.test(filters.departmentId)) filters.departmentId = undefined;
  return compact(filters);
}

/** Drops empty fields, so that equal filters compare (and cache) equal. */
export function compact(filters: CustomerListFilters): CustomerListFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as CustomerListFilters;
}

export function parseSort(value: unknown): CustomerSort | undefined {
  return (ZCustomerSortValues as readonly unknown[]).includes(value) ? (value as CustomerSort) : undefined;
}

/** The list lives in the address bar, so that it can be shared, bookmarked and restored by "back". */
export function stateFromParams(params: URLSearchParams): CustomerListState {
  const viewId = params.get('view') ?? undefined;
  return {
    filters: filtersFromRecord((key) => {
      const values = params.getAll(key);
      return values.length > 1 ? values : values[0];
    }),
    sort: parseSort(params.get('sort')) ?? DEFAULT_CUSTOMER_SORT,
    viewId: viewId && UUID.test(viewId) ? viewId : undefined,
  };
}

export function stateToParams(state: CustomerListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.viewId) params.set('view', state.viewId);
  for (const [key, value] of Object.entries(filtersToView(state.filters))) {
    for (const v of list(value)) params.append(key, key === 'mine' ? '1' : String(v));
  }
  if (state.sort !== DEFAULT_CUSTOMER_SORT) params.set('sort', state.sort);
  return params;
}

/** Filters in the API's names, as a saved view stores them. */
export function filtersToView(filters: CustomerListFilters): TCustomerListFilters {
  const f = compact(filters);
  return Object.fromEntries(
    Object.entries({
      q: f.q?.trim() || undefined,
      ownerId: f.ownerIds,
      departmentId: f.departmentId,
      type: f.types,
      grade: f.grades,
      status: f.statuses,
      industry: f.industry,
      province: f.province,
      city: f.city,
      tag: f.tags,
      inPool: f.inPool,
      lastActivityAfter: f.lastActivityAfter,
      lastActivityBefore: f.lastActivityBefore,
      createdFrom: f.createdFrom,
      createdTo: f.createdTo,
      mine: f.mine,
    }).filter(([, v]) => v !== undefined),
  ) as TCustomerListFilters;
}

export function filtersFromView(record: Record<string, unknown>): CustomerListFilters {
  return filtersFromRecord((key) => record[key]);
}

/** How many filters are set (the "more filters" badge counts those of the panel). */
export function countFilters(filters: CustomerListFilters, keys: readonly (keyof CustomerListFilters)[]): number {
  const f = compact(filters);
  return keys.filter((k) => f[k] !== undefined).length;
}

export function sameFilters(a: CustomerListFilters, b: CustomerListFilters): boolean {
  return JSON.stringify(filtersToView(a)) === JSON.stringify(filtersToView(b));
}
