import type { TCustomerListFilters, TCustomerListQuery } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import { addDays, startOfBusinessDay } from '../../kernel/clock.ts';
import type { People } from '../admin/index.ts';
import type { CustomerFilter, CustomerSortKey } from './customers.repository.ts';

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A business date starts at its midnight in the business time zone; an instant is taken as it is. */
function instant(value: string, timezone: string): Date {
  return BUSINESS_DATE.test(value) ? startOfBusinessDay(value, timezone) : new Date(value);
}

/**
 * The repository filter of a list query (shared by the list, its count and the export), with the
 * caller's scope, "mine", the department subtree and the business dates resolved.
 */
export async function toCustomerFilter(
  deps: { people: Pick<People, 'subtree'>; timezone: string },
  actor: Actor,
  scope: CustomerFilter['scope'],
  query: TCustomerListFilters,
): Promise<CustomerFilter> {
  const tz = deps.timezone;
  return {
    scope,
    q: query.q,
    ownerIds: query.mine ? [actor.userId ?? '00000000-0000-0000-0000-000000000000'] : query.ownerId,
    departmentIds: query.departmentId ? await deps.people.subtree(query.departmentId) : undefined,
    grades: query.grade,
    statuses: query.status,
    types: query.type,
    industry: query.industry,
    province: query.province,
    city: query.city,
    tags: query.tag,
    inPool: query.inPool,
    lastActivityBefore: query.lastActivityBefore ? instant(query.lastActivityBefore, tz) : undefined,
    lastActivityAfter: query.lastActivityAfter ? instant(query.lastActivityAfter, tz) : undefined,
    createdFrom: query.createdFrom ? startOfBusinessDay(query.createdFrom, tz) : undefined,
    createdBefore: query.createdTo ? startOfBusinessDay(addDays(query.createdTo, 1), tz) : undefined,
  };
}

export function parseSort(sort: TCustomerListQuery['sort']): { sort: CustomerSortKey; desc: boolean } {
  return { sort: sort.replace(/^-/, '') as CustomerSortKey, desc: sort.startsWith('-') };
}
