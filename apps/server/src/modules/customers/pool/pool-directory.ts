import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Db } from '../../../kernel/db/database.ts';
import type { People } from '../../admin/index.ts';
import { customer } from '../customers.schema.ts';
import * as repo from './pool.repository.ts';
import { nearestPool } from './pool.rules.ts';

export type PoolWithSubtree = repo.PoolRow & { subtree: readonly string[] };

/** Which pools exist, which departments each serves, and which pool customers a user may see. */
export function createPoolDirectory(deps: { db: Db; people: Pick<People, 'subtree'> }) {
  async function load(db: Db = deps.db): Promise<PoolWithSubtree[]> {
    const pools = await repo.listPools(db);
    return Promise.all(pools.map(async (p) => ({ ...p, subtree: await deps.people.subtree(p.departmentId) })));
  }

  /** Pools whose subtree contains the department: the user may see and claim from each. */
  async function serving(departmentId: string | null, pools?: PoolWithSubtree[]): Promise<PoolWithSubtree[]> {
    if (!departmentId) return [];
    return (pools ?? (await load())).filter((p) => p.subtree.includes(departmentId));
  }

  return {
    load,
    serving,
    /** The pool a customer of the department falls into, and whose limits apply to its users. */
    async nearest(departmentId: string | null, pools?: PoolWithSubtree[]): Promise<PoolWithSubtree | undefined> {
      return nearestPool(departmentId, pools ?? (await load()));
    },
    /** The condition for pool customers the actor may see (masked) and claim. */
    async visibleTo(actor: Actor): Promise<SQL> {
      const ids = (await serving(actor.departmentId)).map((p) => p.id);
      if (ids.length === 0) return sql`false`;
      return and(isNull(customer.ownerId), inArray(customer.poolId, ids))!;
    },
  };
}

export type PoolDirectory = ReturnType<typeof createPoolDirectory>;
