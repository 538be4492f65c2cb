import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';

/**
 * How other modules (sales, contracts, fulfilment, invoicing, receivables) hang their records off a
 * customer without the customers module knowing their tables. A module registers one extension at
 * wiring time; every part is optional.
 */

/** One row of a 360-page panel, already formatted by the module that owns it. */
export type CustomerPanelItem = {
  id: string;
  /** Main text, e.g. an opportunity name or a contract number. */
  title: string;
  subtitle?: string | null;
  /** A status code of the owning module; the web app translates it under `<panel key>.status.<code>`. */
  status?: string | null;
  /** Decimal string, exact. */
  amount?: string | null;
  currency?: string | null;
  /** ISO date (business date) or timestamp. */
  date?: string | null;
  /** In-app path of the record, e.g. `/opportunities/<id>`. */
  href?: string | null;
};

export type CustomerPanelPage = { total: number; items: CustomerPanelItem[] };

/** What moved during a merge, so that an undo can move exactly those rows back. */
export type MovedRecords = { table: string; ids: string[] };

export interface CustomerExtension {
  /** Stable key, also the panel key: 'opportunities', 'contracts', 'shipments', 'invoices', 'receipts'. */
  key: string;
  /** Position of the panel on the 360 page (ascending). */
  order: number;
  /**
   * The module's records of this customer that the actor may see: the module applies its own data
   * scope. Absent when the module has nothing to show on the 360 page.
   */
  panel?: (actor: Actor, customerId: string, opts: { limit: number }) => Promise<CustomerPanelPage>;
  /**
   * Moves every record of the merged customer to the survivor inside the merge's transaction and
   * says which rows moved. Without it a merge cannot know the module's records.
   */
  moveOnMerge?: (tx: Db, from: { customerId: string }, to: { customerId: string }) => Promise<MovedRecords[]>;
  /** Moves exactly the given rows back to the restored customer (undo of a merge), in the undo's transaction. */
  undoMove?: (tx: Db, moved: MovedRecords[], back: { customerId: string }) => Promise<void>;
  /** Facts used by grading and the public pool; each answers for many customers at once. */
  facts?: Partial<CustomerFactsProvider>;
}

export interface CustomerFactsProvider {
  /** Signed contract amount (decimal string) per customer since the given instant. */
  signedAmountSince(tx: Db, customerIds: string[], since: Date): Promise<Map<string, string>>;
  /** Days past due of the oldest unpaid installment per customer (customers with nothing overdue are absent). */
  maxOverdueDays(tx: Db, customerIds: string[], today: string): Promise<Map<string, number>>;
  /** Customers that have at least one contract in execution (they never fall back to the pool). */
  withExecutingContracts(tx: Db, customerIds: string[]): Promise<Set<string>>;
}

/** The registry the customers module reads; other modules call `register` from their wiring. */
export function createCustomerExtensions() {
  const extensions: CustomerExtension[] = [];
  return {
    register(extension: CustomerExtension): void {
      if (extensions.some((e) => e.key === extension.key)) throw new Error(`Customer extension "${extension.key}" is registered twice`);
      extensions.push(extension);
      extensions.sort((a, b) => a.order - b.order);
    },
    list(): readonly CustomerExtension[] {
      return extensions;
    },
    /** Customers with a contract in execution according to any registered module. */
    async withExecutingContracts(tx: Db, customerIds: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      if (customerIds.length === 0) return found;
      for (const e of extensions) {
        const fn = e.facts?.withExecutingContracts;
        if (fn) for (const id of await fn(tx, customerIds)) found.add(id);
      }
      return found;
    },
  };
}

export type CustomerExtensions = ReturnType<typeof createCustomerExtensions>;
