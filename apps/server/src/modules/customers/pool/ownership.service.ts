import type { TCustomerBatchRequest, TCustomerBatchResult, TOwnerChangeKind } from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, type AuditInput } from '../../../kernel/audit/audit.ts';
import { hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import { addDays, businessDate, startOfBusinessDay, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { translate } from '../../../kernel/i18n.ts';
import type { NotificationService } from '../../../kernel/notifications/notifications.ts';
import type { People, UserSummary } from '../../admin/index.ts';
import type { CustomerExtensions } from '../customer-extensions.ts';
import type { GradingService } from '../grading/index.ts';
import type { TaskService } from '../../tasks/index.ts';
import { customerScopeColumns } from '../customers.repository.ts';
import type { AssignmentRuleService } from './assignment-rules.service.ts';
import type { PoolDirectory, PoolWithSubtree } from './pool-directory.ts';
import { PoolErrorCode } from './pool.messages.ts';
import * as repo from './pool.repository.ts';
import { DEFAULT_OWNER_CAP } from './pool.rules.ts';

type CustomerRow = repo.CustomerRow;
type Refusal = { code: string; params?: Record<string, unknown> };
type Outcome = { done: true } | ({ done: false } & Refusal);

const OWNER_FIELDS = (r: CustomerRow) => ({ ownerId: r.ownerId, departmentId: r.departmentId, poolId: r.poolId });

/**
 * Who owns a customer: assignment and transfer, automatic assignment by rules, claim from and
 * release to the public pool, and the batch operations on up to 500 customers. Every change of
 * owner writes its owner-change row, its audit entry and its notifications in one transaction.
 */
export function createOwnershipService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summary' | 'summaries'>;
  notifications: Pick<NotificationService, 'notify'>;
  extensions: CustomerExtensions;
  pools: PoolDirectory;
  rules: AssignmentRuleService;
  grading: Pick<GradingService, 'overrideGrades'>;
  tasks: Pick<TaskService, 'handOverFollowUps'>;
}) {
  const { db, clock } = deps;

  async function capOf(departmentId: string | null, pools: PoolWithSubtree[]): Promise<number> {
    return (await deps.pools.nearest(departmentId, pools))?.ownerCap ?? DEFAULT_OWNER_CAP;
  }

  /** Writes the new owner of a group of customers with their history, audit and notifications. */
  async function moveOwners(
    tx: Db,
    actor: Actor,
    rows: CustomerRow[],
    to: { owner: UserSummary | null; poolId: string | null; departmentId?: string | null },
    change: { kind: TOwnerChangeKind; reason: string | null; audit: string; meta?: Record<string, unknown> },
  ): Promise<CustomerRow[]> {
    if (rows.length === 0) return [];
    const now = clock.now();
    const updated = await repo.setOwner(
      tx,
      rows.map((r) => r.id),
      {
        ownerId: to.owner?.id ?? null,
        departmentId: to.owner ? to.owner.departmentId : (to.departmentId ?? null),
        poolId: to.poolId,
        ownerSince: to.owner ? now : null,
        at: now,
        by: actor.userId,
      },
    );
    const after = new Map(updated.map((r) => [r.id, r]));
    // Open follow-ups go with the customer to its new owner, and end when it goes back to a pool.
    await deps.tasks.handOverFollowUps(tx, actor, {
      type: 'customer',
      ids: rows.map((r) => r.id),
      to: to.owner ? { userId: to.owner.id, departmentId: to.owner.departmentId } : null,
    });
    await repo.insertOwnerChanges(
      tx,
      rows.map((r) => ({
        customerId: r.id,
        kind: change.kind,
        fromOwnerId: r.ownerId,
        toOwnerId: to.owner?.id ?? null,
        fromDepartmentId: r.departmentId,
        toDepartmentId: after.get(r.id)?.departmentId ?? null,
        poolId: to.poolId ?? r.poolId,
        reason: change.reason,
        at: now,
        byId: actor.userId,
      })),
    );
    await writeAudit(
      tx,
      actor,
      rows.map((r): AuditInput => ({
        action: change.audit,
        entityType: 'customer',
        entityId: r.id,
        before: OWNER_FIELDS(r),
        after: OWNER_FIELDS(after.get(r.id)!),
        meta: { reason: change.reason, ...(rows.length > 1 ? { batchSize: rows.length } : {}), ...change.meta },
      })),
    );
    return updated;
  }

  /** One inbox entry per user, naming the customer when it is only one. */
  async function notifyEach(tx: Db, byUser: Map<string, CustomerRow[]>, kind: string, manyKind: string, params: Record<string, unknown>) {
    for (const [userId, rows] of byUser) {
      const one = rows.length === 1 ? rows[0]! : undefined;
      await deps.notifications.notify(tx, {
        userIds: [userId],
        kind: one ? kind : manyKind,
        params: { ...params, count: rows.length, name: rows[0]!.name },
        link: one ? `/customers/${one.id}` : '/customers?mine=1',
        entityType: one ? 'customer' : undefined,
        entityId: one?.id,
      });
    }
  }

  function groupBy<K>(rows: CustomerRow[], key: (r: CustomerRow) => K): Map<K, CustomerRow[]> {
    const map = new Map<K, CustomerRow[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  }

  function previousOwners(rows: CustomerRow[], actor: Actor): Map<string, CustomerRow[]> {
    const map = new Map<string, CustomerRow[]>();
    for (const [owner, group] of groupBy(rows, (r) => r.ownerId)) if (owner && owner !== actor.userId) map.set(owner, group);
    return map;
  }

  async function assertAssignee(actor: Actor, ownerId: string): Promise<UserSummary> {
    const owner = await deps.people.summary(ownerId);
    const manageable =
      owner && (actor.dataScope === 'all' || actor.departmentIds.includes(owner.departmentId) || owner.id === actor.userId);
    if (!owner || !owner.isActive || !manageable) {
      throw new AppError(PoolErrorCode.CUSTOMER_ASSIGNEE_OUT_OF_SCOPE, {
        fields: [{ path: 'ownerId', code: 'invalid', messageKey: 'error.CUSTOMER_ASSIGNEE_OUT_OF_SCOPE' }],
      });
    }
    return owner;
  }

  const ACTION_PERMISSION: Record<TCustomerBatchRequest['action'], () => string> = {
    assign: () => Permission.customerAssign,
    autoAssign: () => Permission.customerAssign,
    release: () => Permission.customerRelease,
    grade: () => Permission.customerGrade,
    addTags: () => Permission.customerUpdate,
    removeTags: () => Permission.customerUpdate,
  };

  /** The batch engine: locks the customers in scope, decides per customer, applies set-based. */
  async function run(
    actor: Actor,
    req: TCustomerBatchRequest,
  ): Promise<{ outcomes: Map<string, Outcome>; rows: Map<string, CustomerRow> }> {
    if (!hasPermission(actor, ACTION_PERMISSION[req.action]())) throw new AppError(PoolErrorCode.CUSTOMER_BATCH_PERMISSION);
    const ids = [...new Set(req.customerIds)];
    const assignee = req.action === 'assign' ? await assertAssignee(actor, req.ownerId) : undefined;
    const pools = await deps.pools.load();
    const rules = req.action === 'autoAssign' ? await deps.rules.prepare() : undefined;
    const outcomes = new Map<string, Outcome>();
    const refuse = (id: string, r: Refusal) => outcomes.set(id, { done: false, ...r });
    const finalRows = new Map<string, CustomerRow>();

    await withTx(db, async (tx) => {
      const locked = await repo.lockCustomers(tx, ids, scopeFilter(actor, customerScopeColumns));
      const found = new Map(locked.map((r) => [r.id, r]));
      for (const id of ids) if (!found.has(id)) refuse(id, { code: CommonError.NOT_FOUND });
      const done = (rows: CustomerRow[]) => {
        for (const r of rows) {
          outcomes.set(r.id, { done: true });
          finalRows.set(r.id, r);
        }
      };

      switch (req.action) {
        case 'assign': {
          const owner = assignee!;
          const cap = await capOf(owner.departmentId, pools);
          let room = cap - ((await repo.countOwned(tx, [owner.id])).get(owner.id) ?? 0);
          const take: CustomerRow[] = [];
          for (const r of locked) {
            if (r.ownerId === owner.id) refuse(r.id, { code: PoolErrorCode.CUSTOMER_SAME_OWNER, params: { owner: owner.displayName } });
            else if (room <= 0) refuse(r.id, { code: PoolErrorCode.CUSTOMER_OWNER_CAP_REACHED, params: { owner: owner.displayName, cap } });
            else {
              take.push(r);
              room -= 1;
            }
          }
          const fromPool = take.filter((r) => r.ownerId === null);
          const transferred = take.filter((r) => r.ownerId !== null);
          const common = { reason: req.reason, meta: { ownerId: owner.id } };
          done(await moveOwners(tx, actor, fromPool, { owner, poolId: null }, { kind: 'assign', audit: 'customer.assign', ...common }));
          done(
            await moveOwners(tx, actor, transferred, { owner, poolId: null }, { kind: 'transfer', audit: 'customer.transfer', ...common }),
          );
          const by = actor.displayName;
          if (owner.id !== actor.userId) {
            await notifyEach(tx, new Map([[owner.id, take]]), 'customers.assigned', 'customers.assigned_many', { by, reason: req.reason });
          }
          for (const [userId, rows] of previousOwners(transferred, actor)) {
            await deps.notifications.notify(tx, {
              userIds: [userId],
              kind: 'customers.taken_away',
              params: { by, reason: req.reason, count: rows.length },
            });
          }
          break;
        }
        case 'autoAssign': {
          const picker = rules!.open(tx);
          const byOwner = new Map<string, { owner: UserSummary; rule: string; rows: CustomerRow[] }>();
          for (const r of locked) {
            const pick = await picker.pick(r);
            if (!pick.ok) {
              refuse(r.id, pick);
              continue;
            }
            const entry = byOwner.get(pick.owner.id) ?? { owner: pick.owner, rule: pick.rule.name, rows: [] };
            entry.rows.push(r);
            byOwner.set(pick.owner.id, entry);
          }
          await picker.finish();
          for (const { owner, rule, rows } of byOwner.values()) {
            done(
              await moveOwners(
                tx,
                actor,
                rows,
                { owner, poolId: null },
                { kind: 'auto_assign', audit: 'customer.auto_assign', reason: rule, meta: { ownerId: owner.id, rule } },
              ),
            );
            await deps.notifications.notify(tx, {
              userIds: [owner.id],
              kind: 'customers.auto_assigned',
              params: { count: rows.length },
              link: '/customers?mine=1',
            });
          }
          break;
        }
        case 'release': {
          const exempt = await deps.extensions.withExecutingContracts(
            tx,
            locked.map((r) => r.id),
          );
          const groups = new Map<string, { poolId: string; departmentId: string | null; rows: CustomerRow[] }>();
          for (const r of locked) {
            if (r.ownerId === null) refuse(r.id, { code: PoolErrorCode.CUSTOMER_HAS_NO_OWNER });
            else if (actor.dataScope === 'own' && r.ownerId !== actor.userId) refuse(r.id, { code: CommonError.FORBIDDEN });
            else if (exempt.has(r.id)) refuse(r.id, { code: PoolErrorCode.CUSTOMER_EXECUTING_CONTRACT });
            else {
              const pool = await deps.pools.nearest(r.departmentId, pools);
              if (!pool) {
                refuse(r.id, { code: PoolErrorCode.CUSTOMER_NO_POOL });
                continue;
              }
              const key = `${pool.id}/${r.departmentId}`;
              const g = groups.get(key) ?? { poolId: pool.id, departmentId: r.departmentId, rows: [] };
              g.rows.push(r);
              groups.set(key, g);
            }
          }
          const released: CustomerRow[] = [];
          for (const g of groups.values()) {
            done(
              await moveOwners(
                tx,
                actor,
                g.rows,
                { owner: null, poolId: g.poolId, departmentId: g.departmentId },
                { kind: 'release', audit: 'customer.release', reason: req.reason },
              ),
            );
            released.push(...g.rows);
          }
          for (const [userId, rows] of previousOwners(released, actor)) {
            await deps.notifications.notify(tx, {
              userIds: [userId],
              kind: 'customers.released_by_manager',
              params: { by: actor.displayName, reason: req.reason, count: rows.length },
            });
          }
          break;
        }
        case 'grade': {
          const results = await deps.grading.overrideGrades(
            tx,
            actor,
            locked.map((r) => ({ customerId: r.id, grade: req.grade, reason: req.reason })),
          );
          for (const r of results) {
            if (r.status === 'done') outcomes.set(r.customerId, { done: true });
            else refuse(r.customerId, { code: r.reason === 'STALE_VERSION' ? CommonError.STALE_VERSION : CommonError.NOT_FOUND });
          }
          break;
        }
        case 'addTags':
        case 'removeTags': {
          const now = clock.now();
          const ids = locked.map((r) => r.id);
          const updated =
            req.action === 'addTags'
              ? await repo.addTags(tx, ids, req.tags, now, actor.userId)
              : await repo.removeTags(tx, ids, req.tags, now, actor.userId);
          const after = new Map(updated.map((r) => [r.id, r]));
          await writeAudit(
            tx,
            actor,
            locked.map((r) => ({
              action: 'customer.tags',
              entityType: 'customer',
              entityId: r.id,
              before: { tags: r.tags },
              after: { tags: after.get(r.id)?.tags ?? r.tags },
              meta: { [req.action]: req.tags, ...(locked.length > 1 ? { batchSize: locked.length } : {}) },
            })),
          );
          done(updated);
          break;
        }
      }
    });
    return { outcomes, rows: finalRows };
  }

  function refusalError(outcome: Outcome | undefined): AppError {
    if (!outcome || outcome.done) return new AppError(CommonError.NOT_FOUND);
    return new AppError(outcome.code, { params: outcome.params });
  }

  /** Runs one action on one customer and throws the refusal as an error. */
  async function single(actor: Actor, req: TCustomerBatchRequest): Promise<CustomerRow> {
    const { outcomes, rows } = await run(actor, req);
    const id = req.customerIds[0]!;
    const outcome = outcomes.get(id);
    if (!outcome?.done) throw refusalError(outcome);
    return rows.get(id)!;
  }

  return {
    async batch(actor: Actor, req: TCustomerBatchRequest): Promise<TCustomerBatchResult> {
      const { outcomes } = await run(actor, req);
      const results = [...new Set(req.customerIds)].map((customerId) => {
        const o = outcomes.get(customerId) ?? { done: false, code: CommonError.NOT_FOUND };
        return o.done
          ? { customerId, outcome: 'done' as const, code: null, message: null }
          : { customerId, outcome: 'refused' as const, code: o.code, message: translate(actor.locale, `error.${o.code}`, o.params) };
      });
      const done = results.filter((r) => r.outcome === 'done').length;
      return { done, refused: results.length - done, results };
    },

    assign: (actor: Actor, customerId: string, input: { ownerId: string; reason: string }) =>
      single(actor, { action: 'assign', customerIds: [customerId], ...input }),
    autoAssign: (actor: Actor, customerId: string) => single(actor, { action: 'autoAssign', customerIds: [customerId] }),
    release: (actor: Actor, customerId: string, reason: string) => single(actor, { action: 'release', customerIds: [customerId], reason }),

    /**
     * Claims a pool customer. The row lock makes concurrent claims queue: the first takes the
     * customer, the others find an owner and are told who was faster.
     */
    async claim(actor: Actor, customerId: string): Promise<CustomerRow> {
      const userId = actor.userId;
      if (!userId) throw new AppError(CommonError.FORBIDDEN);
      const pools = await deps.pools.load();
      const serving = new Set((await deps.pools.serving(actor.departmentId, pools)).map((p) => p.id));
      const home = await deps.pools.nearest(actor.departmentId, pools);
      const me = await deps.people.summary(userId);
      if (!me) throw new AppError(CommonError.FORBIDDEN);
      // Claimable when it waits in a pool serving the user, or was just claimed from one (a lost race).
      const [seen] = await repo.lockCustomers(db, [customerId], undefined, false);
      const claimable =
        seen && (seen.ownerId === null ? serving.has(seen.poolId ?? '') : await repo.claimedFromPools(db, customerId, [...serving]));
      if (!claimable) throw new AppError(CommonError.NOT_FOUND);
      const outcome = await withTx(db, async (tx) => {
        // Claims of one user queue too, so that the quota and the cap hold under parallel clicks.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`customer-claim:${userId}`}))`);
        const [row] = await repo.lockCustomers(tx, [customerId], undefined);
        if (!row) throw new AppError(CommonError.NOT_FOUND);
        if (row.ownerId !== null) return { claimedBy: row.ownerId };
        if (!row.poolId || !serving.has(row.poolId)) throw new AppError(CommonError.NOT_FOUND);
        const quota = home?.dailyClaimQuota ?? 10;
        const claimed = await repo.countClaimsSince(tx, userId, startOfBusinessDay(clock.today(), clock.timezone));
        if (claimed >= quota) throw new AppError(PoolErrorCode.CUSTOMER_CLAIM_QUOTA_REACHED, { params: { quota } });
        const cap = home?.ownerCap ?? DEFAULT_OWNER_CAP;
        if (((await repo.countOwned(tx, [userId])).get(userId) ?? 0) >= cap) {
          throw new AppError(PoolErrorCode.CUSTOMER_OWNER_CAP_REACHED, { params: { owner: me.displayName, cap } });
        }
        const cooldown = home?.reclaimCooldownDays ?? 30;
        const left = (await repo.lastLeft(tx, userId, [customerId])).get(customerId);
        if (left && cooldown > 0) {
          const leftDay = businessDate(left, clock.timezone);
          const untilDay = addDays(leftDay, cooldown);
          if (clock.today() < untilDay) throw new AppError(PoolErrorCode.CUSTOMER_CLAIM_COOLDOWN, { params: { until: untilDay } });
        }
        const [updated] = await moveOwners(
          tx,
          actor,
          [row],
          { owner: me, poolId: null },
          { kind: 'claim', audit: 'customer.claim', reason: null },
        );
        return { updated: updated! };
      });
      if (outcome.updated) return outcome.updated;
      const owner = outcome.claimedBy === userId ? me : await deps.people.summary(outcome.claimedBy!);
      throw new AppError(PoolErrorCode.CUSTOMER_ALREADY_CLAIMED, { params: { owner: owner?.displayName ?? '' } });
    },
  };
}

export type OwnershipService = ReturnType<typeof createOwnershipService>;
