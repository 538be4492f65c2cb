import { and, desc, eq, gte, type SQL } from 'drizzle-orm';
import type { Db } from '../../../kernel/db/database.ts';
import { activity } from '../activities.schema.ts';
import { customer } from '../customers.schema.ts';
import type { ActivityRow } from './activities.repository.ts';

/**
 * The newest activities on customers within the scope, since an instant: read backwards along
 * `activity_occurred_idx`, each checked against its customer (a lead's own activities are not here).
 */
export async function listRecentActivities(
  db: Db,
  opts: { scope: SQL | undefined; since: Date; limit: number },
): Promise<(ActivityRow & { customerName: string })[]> {
  const rows = await db
    .select({ a: activity, customerName: customer.name })
    .from(activity)
    .innerJoin(customer, eq(customer.id, activity.customerId))
    .where(and(opts.scope, gte(activity.occurredAt, opts.since)))
    .orderBy(desc(activity.occurredAt), desc(activity.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r.a, customerName: r.customerName }));
}
