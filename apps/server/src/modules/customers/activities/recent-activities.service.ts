import type { TRecentActivity, TRecentActivityQuery } from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeListAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { customerScopeColumns } from '../customers.repository.ts';
import type { ActivitySupport } from './activity-support.ts';
import { listRecentActivities } from './recent-activities.repository.ts';

/** The latest activities on the customers in the reader's scope (own / team / all), for the home page. */
export function createRecentActivityService(deps: { db: Db; clock: Clock; support: Pick<ActivitySupport, 'toDtos'> }) {
  return {
    async recent(actor: Actor, query: TRecentActivityQuery): Promise<{ items: TRecentActivity[] }> {
      const since = new Date(deps.clock.now().getTime() - query.days * 86_400_000);
      const rows = await listRecentActivities(deps.db, { scope: scopeFilter(actor, customerScopeColumns), since, limit: query.limit });
      await writeListAudit(deps.db, actor, { action: 'activity.recent', entityType: 'activity' }, query);
      const dtos = await deps.support.toDtos(actor, rows);
      return { items: dtos.map((dto, i) => ({ ...dto, customerName: rows[i]!.customerName })) };
    },
  };
}
export type RecentActivityService = ReturnType<typeof createRecentActivityService>;
