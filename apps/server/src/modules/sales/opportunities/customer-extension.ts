import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import type { CustomerExtension } from '../../customers/index.ts';
import * as repo from './opportunities.repository.ts';
import { loadStages } from './pipeline.service.ts';

const MOVED_TABLE = 'opportunity';

/** The opportunities panel of the customer 360 page, and moving opportunities when customers are merged. */
export function opportunityCustomerExtension(deps: {
  db: Db;
  scopeOf: (actor: Actor) => repo.OpportunityFilter['scope'];
}): CustomerExtension {
  return {
    key: 'opportunities',
    order: 10,
    async panel(actor, customerId, opts) {
      const [page, stages] = await Promise.all([
        repo.customerOpportunities(deps.db, customerId, deps.scopeOf(actor), opts.limit),
        loadStages(deps.db),
      ]);
      const byId = new Map(stages.map((s) => [s.id, s]));
      return {
        total: page.total,
        items: page.rows.map((r) => {
          const stage = byId.get(r.stageId);
          const stageName = stage ? (actor.locale === 'en-US' ? stage.nameEn : stage.nameZh) : '';
          return {
            id: r.id,
            title: r.name,
            subtitle: `${stageName} · ${r.probability}%`,
            status: r.stageKind,
            amount: r.amount,
            currency: r.currency,
            date: r.wonDate ?? r.expectedCloseDate,
            href: `/opportunities/${r.id}`,
          };
        }),
      };
    },
    async moveOnMerge(tx, from, to) {
      const ids = await repo.moveToCustomer(tx, from.customerId, to.customerId);
      return ids.length > 0 ? [{ table: MOVED_TABLE, ids }] : [];
    },
    async undoMove(tx, moved, back) {
      for (const m of moved) if (m.table === MOVED_TABLE) await repo.moveBack(tx, m.ids, back.customerId);
    },
  };
}
