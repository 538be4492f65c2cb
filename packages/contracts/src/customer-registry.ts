import { z } from 'zod';
import { ZBusinessDate, ZDateTime, ZId } from './common.ts';
import { ZCustomerType, ZRegistrySnapshot } from './customers.ts';

/** Business statuses (经营状态) of the registry that end or suspend a company's business. */
export const ADVERSE_BUSINESS_STATUS = /吊销|注销|停业|撤销|清算/;

export const ZRegistrySearchQuery = z.object({ q: z.string().trim().min(2).max(100) });
export type TRegistrySearchQuery = z.infer<typeof ZRegistrySearchQuery>;

/** One company found by a fuzzy search of the business registry (企查查). */
export const ZRegistryMatch = z.object({
  name: z.string(),
  creditCode: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  status: z.string().nullable(),
  address: z.string().nullable(),
  establishedDate: ZBusinessDate.nullable(),
});
export type TRegistryMatch = z.infer<typeof ZRegistryMatch>;

export const ZRegistryKeywordParams = z.object({ keyword: z.string().trim().min(2).max(200) });

/** A registry company mapped to the fields of a new customer, plus the snapshot to store with it. */
export const ZRegistryCompany = z.object({
  fields: z.object({
    name: z.string(),
    creditCode: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    address: z.string().nullable(),
    industry: z.string().nullable(),
    /** A guess from the name and industry (grid company, distributor …); the user confirms it. */
    type: ZCustomerType,
  }),
  registry: ZRegistrySnapshot,
  /** Earlier registered names, oldest first. */
  formerNames: z.array(z.string()),
});
export type TRegistryCompany = z.infer<typeof ZRegistryCompany>;

export const ZRegistryChangeFieldValues = [
  'name',
  'businessStatus',
  'registeredAddress',
  'legalRepresentative',
  'registeredCapital',
] as const;
export const ZRegistryChangeField = z.enum(ZRegistryChangeFieldValues);
export type TRegistryChangeField = z.infer<typeof ZRegistryChangeField>;

/** A change of a customer's registry record, found by a refresh. */
export const ZRegistryChange = z.object({
  id: ZId,
  customerId: ZId,
  field: ZRegistryChangeField,
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** Renamed, moved, or a business status that ends or suspends business: the owner was notified. */
  isAlert: z.boolean(),
  detectedAt: ZDateTime,
});
export type TRegistryChange = z.infer<typeof ZRegistryChange>;

export const ZRegistryChangeList = z.object({ items: z.array(ZRegistryChange) });

export const ZRegistryRefreshResult = z.object({
  registry: ZRegistrySnapshot,
  /** The changes this refresh found (empty when nothing changed or on the first sync). */
  changes: z.array(ZRegistryChange),
});
export type TRegistryRefreshResult = z.infer<typeof ZRegistryRefreshResult>;
