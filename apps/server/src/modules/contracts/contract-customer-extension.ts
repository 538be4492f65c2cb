import type { Actor } from '../../kernel/auth/actor.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { CustomerExtension } from '../customers/index.ts';
import * as repo from './contracts.repository.ts';
import { scopeFilter } from '../../kernel/access/access.ts';

const MOVED_TABLE = 'contract';

/**
 * Contracts on the customer's 360 page (within the reader's scope), in merges, and as facts of
 * grading (signed amount of the last 12 months) and the public pool (executing contracts).
 */
export function contractCustomerExtension(deps: {
  db: Db;
  names: (db: Db, ids: readonly string[]) => Promise<Map<string, string>>;
}): CustomerExtension {
  return {
    key: 'contracts',
    order: 20,
    async panel(actor: Actor, customerId: string, opts) {
      const { rows, total } = await repo.listForCustomer(deps.db, customerId, scopeFilter(actor, repo.contractScopeColumns), opts.limit);
      return {
        total,
        items: rows.map((c) => ({
          id: c.id,
          title: c.number ?? c.title,
          subtitle: c.number ? c.title : null,
          status: c.status,
          amount: c.amountInclTax,
          currency: c.currency,
          date: c.signedDate ?? c.updatedAt.toISOString(),
          href: `/contracts/${c.id}`,
        })),
      };
    },
    async moveOnMerge(tx: Db, from, to) {
      const name = (await deps.names(tx, [to.customerId])).get(to.customerId) ?? null;
      const ids = await repo.moveCustomer(tx, from.customerId, to.customerId, name);
      return ids.length > 0 ? [{ table: MOVED_TABLE, ids }] : [];
    },
    async undoMove(tx: Db, moved, back) {
      const name = (await deps.names(tx, [back.customerId])).get(back.customerId) ?? null;
      for (const m of moved) if (m.table === MOVED_TABLE) await repo.moveContractsBack(tx, m.ids, back.customerId, name);
    },
    facts: {
      signedAmountSince: (tx, customerIds, since) => repo.signedAmountSince(tx, customerIds, since.toISOString().slice(0, 10)),
      withExecutingContracts: (tx, customerIds) => repo.customersWithExecuting(tx, customerIds),
    },
  };
}
