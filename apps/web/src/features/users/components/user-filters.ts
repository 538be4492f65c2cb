import { ZUserSortValues } from '@crm/contracts';
import type { UserFilters, UserSort } from '../api/users.queries.ts';

/** Filters live in the address bar so that a filtered list can be shared or bookmarked. */
export function filtersFromParams(params: URLSearchParams): UserFilters {
  const sort = params.get('sort');
  const active = params.get('active');
  return {
    q: params.get('q') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    includeSubDepartments: params.get('sub') !== '0',
    roleId: params.get('roleId') ?? undefined,
    isActive: active === '1' ? true : active === '0' ? false : undefined,
    sort: (ZUserSortValues as readonly string[]).includes(sort ?? '') ? (sort as UserSort) : 'username',
  };
}

export function filtersToParams(filters: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.departmentId) params.set('departmentId', filters.departmentId);
  if (filters.departmentId && filters.includeSubDepartments === false) params.set('sub', '0');
  if (filters.roleId) params.set('roleId', filters.roleId);
  if (filters.isActive !== undefined) params.set('active', filters.isActive ? '1' : '0');
  if (filters.sort !== 'username') params.set('sort', filters.sort);
  return params;
}
