import type { Db } from '../../kernel/db/database.ts';
import { translate } from '../../kernel/i18n.ts';
import type { CustomerExtension } from '../customers/index.ts';
import * as repo from './requirements.repository.ts';

const MOVED_TABLE = 'requirement';

/** The requirements panel of the customer 360 page, and moving requirements when customers are merged. */
export function requirementCustomerExtension(deps: { db: Db }): CustomerExtension {
  return {
    key: 'requirements',
    order: 12,
    async panel(actor, customerId, opts) {
      const page = await repo.customerRequirements(deps.db, customerId, repo.readScope(actor), opts.limit);
      return {
        total: page.total,
        items: page.rows.map((r) => ({
          id: r.id,
          title: r.title,
          subtitle: r.number ?? translate(actor.locale, 'requirements.untitled'),
          status: r.status,
          date: r.wantedDate ?? r.createdAt.toISOString(),
          href: `/requirements/${r.id}`,
        })),
      };
    },
    async moveOnMerge(tx, from, to) {
      const ids = await repo.moveRequirementsToCustomer(tx, from.customerId, to.customerId);
      return ids.length > 0 ? [{ table: MOVED_TABLE, ids }] : [];
    },
    async undoMove(tx, moved, back) {
      for (const m of moved) if (m.table === MOVED_TABLE) await repo.moveRequirementsBack(tx, m.ids, back.customerId);
    },
  };
}
