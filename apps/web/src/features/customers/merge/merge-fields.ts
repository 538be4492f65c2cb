import type { TFunction } from 'i18next';
import { ZMergeableFieldValues, type TCustomer, type TMergeableField } from '@crm/contracts';
import { formatDecimal } from '../../../shared/utils/format.ts';

/** Label of each mergeable field: the customer form's own labels. */
export const MERGE_FIELD_LABEL = {
  name: 'customers.name',
  shortName: 'customers.shortName',
  creditCode: 'customers.creditCode',
  type: 'customers.type',
  industry: 'customers.industry',
  country: 'customers.country',
  province: 'customers.province',
  city: 'customers.city',
  address: 'customers.address',
  status: 'customers.status',
  source: 'customers.source',
  creditLimit: 'customers.creditLimit',
  creditDays: 'customers.creditDays',
  taxId: 'customers.taxId',
  billingAddress: 'customers.billingAddress',
  billingPhone: 'customers.billingPhone',
  bankName: 'customers.bankName',
  bankAccount: 'customers.bankAccount',
  tags: 'customers.tags',
} as const satisfies Record<TMergeableField, string>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose values differ between the two customers (only those need a choice). */
export function differingFields(survivor: TCustomer, merged: TCustomer): TMergeableField[] {
  return ZMergeableFieldValues.filter((f) => !same(survivor[f], merged[f]));
}

export function displayValue(t: TFunction, customer: TCustomer, field: TMergeableField): string | null {
  const value = customer[field];
  if (value === null || value === undefined || value === '') return null;
  if (field === 'type') return t(`customerType.${customer.type}`);
  if (field === 'status') return t(`customerStatus.${customer.status}`);
  if (field === 'creditLimit') return formatDecimal(customer.creditLimit);
  if (Array.isArray(value)) return value.length ? value.join('、') : null;
  return String(value);
}
