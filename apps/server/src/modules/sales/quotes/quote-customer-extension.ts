import type { Db } from '../../../kernel/db/database.ts';
import type { CustomerExtension } from '../../customers/index.ts';
import { moveQuotesBack, moveQuotesToCustomer } from './quotes.repository.ts';

const MOVED_TABLE = 'quote';

/** Quotes follow their customer when customers are merged (and come back when the merge is undone). */
export function quoteCustomerExtension(): CustomerExtension {
  return {
    key: 'quotes',
    order: 15,
    async moveOnMerge(tx: Db, from, to) {
      const ids = await moveQuotesToCustomer(tx, from.customerId, to.customerId);
      return ids.length > 0 ? [{ table: MOVED_TABLE, ids }] : [];
    },
    async undoMove(tx: Db, moved, back) {
      for (const m of moved) if (m.table === MOVED_TABLE) await moveQuotesBack(tx, m.ids, back.customerId);
    },
  };
}
