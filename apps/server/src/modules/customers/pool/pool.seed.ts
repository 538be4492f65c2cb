import { and, asc, count, eq, inArray, notInArray } from 'drizzle-orm';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import type { People } from '../../admin/index.ts';
import { EAST_REPS, HAND_WRITTEN_DEMO_NAMES, INDUSTRY_REPS, NORTH_REPS } from '../customers.seed.ts';
import { customer } from '../customers.schema.ts';
import { customerPool } from '../pool.schema.ts';
import * as repo from './pool.repository.ts';
import { DEFAULT_POOL_RULES } from './pool.rules.ts';

const POOLS = [
  { name: '国内事业部公海', department: 'BU-DOM' },
  { name: '华东大区公海', department: 'OFF-EAST' },
  { name: '国际与行业公海', department: 'BU-INT' },
] as const;

/** Customers the demo puts into the pools, released by their owners with a reason. */
const RELEASED = ['rep.north4', 'rep.east5', 'rep.ind3'] as const;

/** Of the generated customers of the domestic reps (by creation time), every this many waits in a pool. */
const GENERATED_POOL_EVERY = 32;
const GENERATED_RELEASE_REASONS = [
  '客户暂无采购计划，释放给同事跟进',
  '联系人离职，暂无对接渠道',
  '长期未中标，转入公海',
  '区域调整，释放客户',
];

/** The pool a rep's customers go to: the office pool for 华东, the business unit's pool for the others. */
function poolDepartmentOf(username: string): 'OFF-EAST' | 'BU-DOM' | 'BU-INT' {
  if (username.startsWith('rep.east')) return 'OFF-EAST';
  if (username.startsWith('rep.north')) return 'BU-DOM';
  return 'BU-INT';
}

/** Demo pools per business unit and one office, two assignment rules, and a few customers waiting in the pools. */
export async function seedDemoPools(deps: {
  db: Db;
  clock: Clock;
  demo: boolean;
  people: Pick<People, 'departmentIdsByCode' | 'idsByUsername'>;
}): Promise<void> {
  if (!deps.demo) return;
  const [existing] = await deps.db.select({ n: count() }).from(customerPool);
  if ((existing?.n ?? 0) > 0) return;
  const departments = await deps.people.departmentIdsByCode(['BU-DOM', 'OFF-EAST', 'BU-INT', 'OFF-EAST', 'OFF-IND']);
  if (departments.size < 4) return;
  const users = await deps.people.idsByUsername([...RELEASED, ...EAST_REPS, ...NORTH_REPS, ...INDUSTRY_REPS]);
  const now = deps.clock.now();
  const system = asSystem('demo-seed');
  await withTx(deps.db, async (tx) => {
    const pools = new Map<string, repo.PoolRow>();
    for (const p of POOLS) {
      const created = await repo.insertPool(tx, {
        name: p.name,
        departmentId: departments.get(p.department)!,
        rules: DEFAULT_POOL_RULES,
        createdAt: now,
        updatedAt: now,
      });
      pools.set(p.department, created);
    }
    const rules = [
      {
        name: '华东电网客户',
        priority: 10,
        provinces: ['上海', '江苏', '浙江', '安徽', '福建', '江西', '山东'],
        industries: [],
        types: ['grid'],
        departmentId: departments.get('OFF-EAST')!,
        strategy: 'round_robin' as const,
      },
      {
        name: '行业客户',
        priority: 20,
        provinces: [],
        industries: [],
        types: ['industrial'],
        departmentId: departments.get('OFF-IND')!,
        strategy: 'least_loaded' as const,
      },
    ];
    for (const r of rules) await repo.insertAssignmentRule(tx, { ...r, createdAt: now, updatedAt: now });

    // The newest customer of each of these reps waits in the pool of its department.
    for (const username of RELEASED) {
      const userId = users.get(username);
      if (!userId) continue;
      const [row] = await tx
        .select()
        .from(customer)
        .where(and(eq(customer.ownerId, userId), inArray(customer.name, [...HAND_WRITTEN_DEMO_NAMES])))
        .orderBy(asc(customer.createdAt))
        .limit(1);
      if (!row) continue;
      const pool =
        username === 'rep.east5' ? pools.get('OFF-EAST')! : username === 'rep.ind3' ? pools.get('BU-INT')! : pools.get('BU-DOM')!;
      await repo.setOwner(tx, [row.id], {
        ownerId: null,
        departmentId: row.departmentId,
        poolId: pool.id,
        ownerSince: null,
        at: now,
        by: userId,
      });
      await repo.insertOwnerChanges(tx, [
        {
          customerId: row.id,
          kind: 'release',
          fromOwnerId: userId,
          fromDepartmentId: row.departmentId,
          toDepartmentId: row.departmentId,
          poolId: pool.id,
          reason: '客户暂无采购计划，释放给同事跟进',
          at: now,
          byId: userId,
        },
      ]);
      await writeAudit(tx, system, {
        action: 'customer.release',
        entityType: 'customer',
        entityId: row.id,
        before: { ownerId: userId, poolId: null },
        after: { ownerId: null, poolId: pool.id },
        meta: { seed: true },
      });
    }

    // About 60 of the generated customers wait in the pools, released by their owners over the year.
    const usernameOf = new Map([...users].map(([username, id]) => [id, username]));
    const domestic = [...EAST_REPS, ...NORTH_REPS, ...INDUSTRY_REPS].flatMap((u) => users.get(u) ?? []);
    if (domestic.length === 0) return;
    const rows = await tx
      .select({ id: customer.id, ownerId: customer.ownerId, departmentId: customer.departmentId, lastActivityAt: customer.lastActivityAt })
      .from(customer)
      .where(and(inArray(customer.ownerId, domestic), notInArray(customer.name, [...HAND_WRITTEN_DEMO_NAMES])))
      .orderBy(asc(customer.createdAt), asc(customer.id));
    const picked = rows.filter((_, i) => i % GENERATED_POOL_EVERY === GENERATED_POOL_EVERY - 1);
    const changes: Parameters<typeof repo.insertOwnerChanges>[1] = [];
    const groups = new Map<string, { ids: string[]; departmentId: string | null; poolId: string }>();
    for (const [i, row] of picked.entries()) {
      const pool = pools.get(poolDepartmentOf(usernameOf.get(row.ownerId!) ?? ''))!;
      const key = `${pool.id}:${row.departmentId}`;
      const group = groups.get(key) ?? { ids: [], departmentId: row.departmentId, poolId: pool.id };
      group.ids.push(row.id);
      groups.set(key, group);
      changes.push({
        customerId: row.id,
        kind: 'release',
        fromOwnerId: row.ownerId,
        fromDepartmentId: row.departmentId,
        toDepartmentId: row.departmentId,
        poolId: pool.id,
        reason: GENERATED_RELEASE_REASONS[i % GENERATED_RELEASE_REASONS.length]!,
        at: row.lastActivityAt ? new Date(Math.min(now.getTime(), row.lastActivityAt.getTime() + 3 * 86_400_000)) : now,
        byId: row.ownerId,
      });
    }
    for (const g of groups.values()) {
      await repo.setOwner(tx, g.ids, {
        ownerId: null,
        departmentId: g.departmentId,
        poolId: g.poolId,
        ownerSince: null,
        at: now,
        by: null,
      });
    }
    await repo.insertOwnerChanges(tx, changes);
    await writeAudit(tx, system, { action: 'customer.release', meta: { seed: true, customers: picked.length } });
  });
}
