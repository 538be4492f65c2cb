import type {
  TCustomer,
  TCustomerPool,
  TOwnerChange,
  TPage,
  TPoolCustomerQuery,
  TPoolSettings,
  TPoolStatus,
  TReclaimOutcome,
  TUpdatePool,
} from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { and, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit, type AuditInput } from '../../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import { startOfBusinessDay, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../../kernel/http/pagination.ts';
import type { NotificationService } from '../../../kernel/notifications/notifications.ts';
import type { People } from '../../admin/index.ts';
import type { CustomerExtensions } from '../customer-extensions.ts';
import type { TaskService } from '../../tasks/index.ts';
import { customer } from '../customers.schema.ts';
import * as customersRepo from '../customers.repository.ts';
import type { PoolDirectory, PoolWithSubtree } from './pool-directory.ts';
import { PoolErrorCode } from './pool.messages.ts';
import * as repo from './pool.repository.ts';
import { DEFAULT_OWNER_CAP, nearestPool, reclaimDecision, type ReclaimDue } from './pool.rules.ts';

const ZCursor = z.tuple([z.string().nullable(), z.uuid()]);
const PAGE = 500;

/** Public pools: their settings, what a user may still claim, the pool lists, owner history and the nightly reclaim. */
export function createPoolService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'summaries' | 'departmentNames'>;
  notifications: Pick<NotificationService, 'notify'>;
  extensions: CustomerExtensions;
  pools: PoolDirectory;
  present: (actor: Actor, rows: customersRepo.CustomerRow[]) => Promise<TCustomer[]>;
  tasks: Pick<TaskService, 'handOverFollowUps'>;
}) {
  const { db, clock } = deps;

  async function toPoolDtos(rows: repo.PoolRow[]): Promise<TCustomerPool[]> {
    const [names, sizes] = await Promise.all([deps.people.departmentNames(rows.map((r) => r.departmentId)), repo.poolSizes(db)]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      departmentId: r.departmentId,
      departmentName: names.get(r.departmentId) ?? null,
      rules: r.rules,
      warnDays: r.warnDays,
      ownerCap: r.ownerCap,
      dailyClaimQuota: r.dailyClaimQuota,
      reclaimCooldownDays: r.reclaimCooldownDays,
      reclaimEnabled: r.reclaimEnabled,
      size: sizes.get(r.id) ?? 0,
      version: r.version,
    }));
  }

  async function notifyOwners(tx: Db, rows: { ownerId: string | null; name: string }[], kind: string, params: Record<string, unknown>) {
    const byOwner = new Map<string, string[]>();
    for (const r of rows) if (r.ownerId) byOwner.set(r.ownerId, [...(byOwner.get(r.ownerId) ?? []), r.name]);
    for (const [userId, names] of byOwner) {
      await deps.notifications.notify(tx, {
        userIds: [userId],
        kind,
        params: { ...params, count: names.length, name: names[0] },
        link: '/customers?mine=1',
      });
    }
  }

  /** Reclaims and warns for the owned customers of one pool's own departments, a page at a time. */
  async function reclaimPool(pool: PoolWithSubtree, all: PoolWithSubtree[], today: string, outcome: { warned: number; reclaimed: number }) {
    const system = asSystem('customer-pool-reclaim');
    const departments = pool.subtree.filter((d) => nearestPool(d, all)?.id === pool.id);
    let after: string | undefined;
    for (;;) {
      const page = await repo.listOwnedCustomers(db, departments, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const decided = page.map((c) => ({ c, d: reclaimDecision(c, pool, today, clock.timezone) })).filter((x) => x.d.action !== 'none');
      if (decided.length === 0) continue;
      const exempt = await deps.extensions.withExecutingContracts(
        db,
        decided.map((x) => x.c.id),
      );
      const toReclaim = decided.filter((x) => x.d.action === 'reclaim' && !exempt.has(x.c.id));
      const toWarn = decided.filter((x) => x.d.action === 'warn' && !exempt.has(x.c.id));
      if (toReclaim.length > 0) {
        await withTx(db, async (tx) => {
          // Decide again on the locked rows: an activity or a claim may have come in meanwhile.
          const locked = await repo.lockCustomers(
            tx,
            toReclaim.map((x) => x.c.id),
            undefined,
          );
          const due = new Map<string, ReclaimDue>();
          const still = locked.filter((r) => {
            if (r.ownerId === null || r.departmentId === null) return false;
            const d = reclaimDecision(r, pool, today, clock.timezone);
            if (d.action === 'reclaim') due.set(r.id, d.due);
            return d.action === 'reclaim';
          });
          const now = clock.now();
          const byDepartment = new Map<string, repo.CustomerRow[]>();
          for (const r of still) byDepartment.set(r.departmentId!, [...(byDepartment.get(r.departmentId!) ?? []), r]);
          for (const [departmentId, rows] of byDepartment) {
            await repo.setOwner(
              tx,
              rows.map((r) => r.id),
              { ownerId: null, departmentId, poolId: pool.id, ownerSince: null, at: now, by: null },
            );
          }
          await deps.tasks.handOverFollowUps(tx, system, { type: 'customer', ids: still.map((r) => r.id), to: null });
          await repo.insertOwnerChanges(
            tx,
            still.map((r) => ({
              customerId: r.id,
              kind: 'reclaim' as const,
              fromOwnerId: r.ownerId,
              toOwnerId: null,
              fromDepartmentId: r.departmentId,
              toDepartmentId: r.departmentId,
              poolId: pool.id,
              reason: due.get(r.id)!.reason,
              at: now,
              byId: null,
            })),
          );
          await writeAudit(
            tx,
            system,
            still.map((r): AuditInput => ({
              action: 'customer.reclaim',
              entityType: 'customer',
              entityId: r.id,
              before: { ownerId: r.ownerId, poolId: r.poolId },
              after: { ownerId: null, poolId: pool.id },
              meta: { reason: due.get(r.id)!.reason, dueDate: due.get(r.id)!.date },
            })),
          );
          await notifyOwners(tx, still, 'customers.reclaimed', {});
          outcome.reclaimed += still.length;
        });
      }
      if (toWarn.length > 0) {
        await withTx(db, async (tx) => {
          const marked = new Set(
            await repo.markReclaimWarned(
              tx,
              toWarn.map((x) => ({ id: x.c.id, ownerId: x.c.ownerId!, date: x.d.action === 'warn' ? x.d.due.date : today })),
            ),
          );
          const warned = toWarn.filter((x) => marked.has(x.c.id));
          const byOwner = new Map<string, typeof warned>();
          for (const w of warned) byOwner.set(w.c.ownerId!, [...(byOwner.get(w.c.ownerId!) ?? []), w]);
          for (const [userId, items] of byOwner) {
            const first = items.map((i) => (i.d.action === 'warn' ? i.d.due.date : today)).sort()[0];
            await deps.notifications.notify(tx, {
              userIds: [userId],
              kind: 'customers.reclaim_warning',
              params: { count: items.length, date: first, name: items[0]!.c.name },
              link: '/customers?mine=1',
            });
          }
          outcome.warned += warned.length;
        });
      }
    }
  }

  return {
    async list(actor: Actor): Promise<TCustomerPool[]> {
      const pools = await deps.pools.load();
      const visible = hasPermission(actor, Permission.customerPoolManage) ? pools : await deps.pools.serving(actor.departmentId, pools);
      return toPoolDtos(visible);
    },

    async create(actor: Actor, input: TPoolSettings): Promise<TCustomerPool> {
      const now = clock.now();
      const row = await withTx(db, async (tx) => {
        if (await repo.poolDepartmentTaken(tx, input.departmentId)) throw new AppError(PoolErrorCode.POOL_DEPARTMENT_TAKEN);
        const created = await repo.insertPool(tx, {
          ...input,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, { action: 'customer_pool.create', entityType: 'customer_pool', entityId: created.id, after: created });
        return created;
      });
      return (await toPoolDtos([row]))[0]!;
    },

    async update(actor: Actor, id: string, input: TUpdatePool): Promise<TCustomerPool> {
      const { version, ...set } = input;
      const row = await withTx(db, async (tx) => {
        const before = await repo.findPool(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        if (set.departmentId && (await repo.poolDepartmentTaken(tx, set.departmentId, id)))
          throw new AppError(PoolErrorCode.POOL_DEPARTMENT_TAKEN);
        const updated = await repo.updatePool(tx, id, version, { ...set, updatedAt: clock.now(), updatedBy: actor.userId });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, { action: 'customer_pool.update', entityType: 'customer_pool', entityId: id, before, after: updated });
        return updated;
      });
      return (await toPoolDtos([row]))[0]!;
    },

    async status(actor: Actor): Promise<TPoolStatus> {
      const pools = await deps.pools.load();
      const serving = await deps.pools.serving(actor.departmentId, pools);
      const home = await deps.pools.nearest(actor.departmentId, pools);
      const sizes = await repo.poolSizes(db);
      const userId = actor.userId;
      const owned = userId ? ((await repo.countOwned(db, [userId])).get(userId) ?? 0) : 0;
      const claimedToday = userId ? await repo.countClaimsSince(db, userId, startOfBusinessDay(clock.today(), clock.timezone)) : 0;
      return {
        pools: serving.map((p) => ({ id: p.id, name: p.name, size: sizes.get(p.id) ?? 0 })),
        owned,
        ownerCap: home?.ownerCap ?? (serving.length > 0 ? DEFAULT_OWNER_CAP : null),
        claimedToday,
        dailyClaimQuota: home?.dailyClaimQuota ?? null,
      };
    },

    /** Pool customers the actor may claim (contacts stay masked on the detail page until claimed). */
    async customers(actor: Actor, query: TPoolCustomerQuery): Promise<TPage<TCustomer>> {
      const serving = (await deps.pools.serving(actor.departmentId)).map((p) => p.id);
      const poolIds = query.poolId ? serving.filter((id) => id === query.poolId) : serving;
      if (query.poolId && poolIds.length === 0 && !hasPermission(actor, Permission.customerPoolManage))
        throw new AppError(CommonError.NOT_FOUND);
      const ids = query.poolId && hasPermission(actor, Permission.customerPoolManage) ? [query.poolId] : poolIds;
      const after = decodeCursor(query.cursor, ZCursor);
      const rows =
        ids.length === 0
          ? []
          : await customersRepo.listCustomers(
              db,
              { scope: and(isNull(customer.ownerId), inArray(customer.poolId, ids)), q: query.q, grades: query.grade },
              { sort: 'createdAt', desc: true, limit: query.limit + 1, after: after ?? undefined },
            );
      await writeListAudit(db, actor, { action: 'customer.pool.list', entityType: 'customer' }, query);
      const page = toPage(
        rows,
        query.limit,
        (r) => [customersRepo.customerSortValue(r, 'createdAt'), r.id],
        (r) => r,
      );
      return { items: await deps.present(actor, page.items), nextCursor: page.nextCursor };
    },

    async ownerHistory(actor: Actor, customerId: string): Promise<TOwnerChange[]> {
      const scope = scopeFilter(actor, customersRepo.customerScopeColumns);
      const visible = scope === undefined ? undefined : or(scope, await deps.pools.visibleTo(actor));
      if (!(await customersRepo.findCustomer(db, customerId, visible))) throw new AppError(CommonError.NOT_FOUND);
      const rows = await repo.listOwnerChanges(db, customerId);
      const users = await deps.people.summaries(rows.flatMap((r) => [r.fromOwnerId, r.toOwnerId, r.byId]));
      const pools = new Map((await repo.listPools(db)).map((p) => [p.id, p.name]));
      const name = (id: string | null) => (id ? (users.get(id)?.displayName ?? null) : null);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        fromOwnerName: name(r.fromOwnerId),
        toOwnerName: name(r.toOwnerId),
        poolName: r.poolId ? (pools.get(r.poolId) ?? null) : null,
        reason: r.reason,
        at: iso(r.at)!,
        byName: name(r.byId),
      }));
    },

    /** The nightly job: warns owners before the reclaim date, then puts due customers back into their pool. */
    async reclaim(): Promise<TReclaimOutcome> {
      const today = clock.today();
      const pools = await deps.pools.load();
      const outcome = { warned: 0, reclaimed: 0 };
      for (const pool of pools) if (pool.reclaimEnabled) await reclaimPool(pool, pools, today, outcome);
      return { ...outcome, asOf: today };
    },
  };
}

export type PoolService = ReturnType<typeof createPoolService>;
