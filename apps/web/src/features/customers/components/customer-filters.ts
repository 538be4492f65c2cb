import { ZCustomerGradeValues, ZCustomerSortValues, ZCustomerStatusValues, ZCustomerTypeValues } from '@crm/contracts';
import type { CustomerFilters, CustomerSort } from '../api/customers.queries.ts';

export const DEFAULT_CUSTOMER_SORT: CustomerSort = '-createdAt';

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] | undefined {
  const picked = values.filter((v): v is T => (allowed as readonly string[]).includes(v));
  return picked.length > 0 ? picked : undefined;
}

/** Filters live in the address bar so that a filtered list can be shared, bookmarked and restored by "back". */
export function filtersFromParams(params: URLSearchParams): CustomerFilters {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? undefined,
    types: pick(params.getAll('type'), ZCustomerTypeValues),
    grades: pick(params.getAll('grade'), ZCustomerGradeValues),
    statuses: pick(params.getAll('status'), ZCustomerStatusValues),
    province: params.get('province') ?? undefined,
    mine: params.get('mine') === '1' ? true : undefined,
    sort: (ZCustomerSortValues as readonly string[]).includes(sort ?? '') ? (sort as CustomerSort) : DEFAULT_CUSTOMER_SORT,
  };
}

export function filtersToParams(filters: CustomerFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const v of filters.types ?? []) params.append('type', v);
  for (const v of filters.grades ?? []) params.append('grade', v);
  for (const v of filters.statuses ?? []) params.append('status', v);
  if (filters.province) params.set('province', filters.province);
  if (filters.mine) params.set('mine', '1');
  if (filters.sort !== DEFAULT_CUSTOMER_SORT) params.set('sort', filters.sort);
  return params;
}
