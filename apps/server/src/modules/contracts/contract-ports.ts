import type { TCustomerGrade, TOpportunity } from '@crm/contracts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { People } from '../admin/index.ts';
import type { AcceptedQuote } from '../sales/index.ts';
import type { RequirementForContract } from '../requirements/index.ts';
import type { ContractCatalog } from './contract-lines.ts';
import type { ContractSettingsService } from './contract-settings.service.ts';

/*
 * What the contract service needs of other modules, each narrowed to the calls it makes. The
 * module's index wires the real services in; tests and the seed can pass their own.
 */

/** What contracts need of the customers module (both take the caller's db or transaction). */
export type ContractCustomerLookup = {
  findInScope(db: Db, actor: Actor, id: string): Promise<{ id: string; name: string } | undefined>;
  creditProfile(
    db: Db,
    id: string,
  ): Promise<{ name: string; grade: TCustomerGrade; creditLimit: string | null; creditDays: number | null } | undefined>;
};

/** An accepted quote as the quotes module gives it to contracts. */
export type ContractQuoteSource = {
  get(
    actor: Actor,
    id: string,
  ): Promise<{ id: string; customerId: string; opportunityId: string; opportunityName: string | null; title: string }>;
  getAccepted(tx: Db, quoteId: string): Promise<AcceptedQuote | undefined>;
};

/** What the requirements module gives contracts: an approved requirement's lines, and the mark that a contract uses it. */
export type ContractRequirementSource = {
  forContract(tx: Db, actor: Actor, requirementId: string): Promise<RequirementForContract>;
  markContracted(tx: Db, actor: Actor, requirementIds: string[], contractId: string): Promise<void>;
};

/** Open receivables of a customer; the receivables module replaces the default (signed, not collected). */
export type CreditExposure = { openExposure(tx: Db, customerId: string, exceptContractId: string | null): Promise<string> };

export type ContractServiceDeps = {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries' | 'departmentNames'>;
  catalog: ContractCatalog;
  customers: ContractCustomerLookup;
  opportunities: { get(actor: Actor, id: string): Promise<TOpportunity> };
  quotes: ContractQuoteSource;
  requirements: () => ContractRequirementSource | null;
  exposure: () => CreditExposure;
  settings: Pick<ContractSettingsService, 'current'>;
};
