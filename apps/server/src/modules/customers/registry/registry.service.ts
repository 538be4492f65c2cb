import {
  Permission,
  ZRegistryChangeFieldValues,
  ZRegistryMatch,
  type TRegistryChange,
  type TRegistryCompany,
  type TRegistryMatch,
  type TRegistryRefreshResult,
  type TRegistrySnapshot,
} from '@crm/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import type { NotificationRow } from '../../../kernel/notifications/notifications.repository.ts';
import type { NotificationService } from '../../../kernel/notifications/notifications.ts';
import {
  isQccError,
  stopsBatch,
  toRegistryCompany,
  toRegistryMatch,
  toRegistrySnapshot,
  type QccCallContext,
  type QccClient,
  type QccDetails,
  type QccError,
  type TQccBasicDetails,
} from '../../../integrations/qcc/index.ts';
import * as customers from '../customers.repository.ts';
import { diffRegistrySnapshots, type RegistryFieldChange } from './registry-diff.ts';
import { RegistryErrorCode } from './registry.errors.ts';
import { RegistryNotice } from './registry.messages.ts';
import * as repo from './registry.repository.ts';

const NOTICE_BY_FIELD: Partial<Record<RegistryFieldChange['field'], string>> = {
  name: RegistryNotice.renamed,
  businessStatus: RegistryNotice.statusChanged,
  registeredAddress: RegistryNotice.addressChanged,
};

/** The outcome of a refresh run over many customers. */
export type RegistryRefreshRun = {
  checked: number;
  changed: number;
  alerts: number;
  notFound: number;
  failed: number;
  /** Set when an error that every further call would meet (keys, quota, API not enabled) ended the run early. */
  stoppedBy: QccError['kind'] | null;
};

const FIELD_ORDER: readonly RegistryFieldChange['field'][] = ZRegistryChangeFieldValues;

/** After this many transport failures in a row the service is taken to be down for this run. */
const MAX_FAILURES_IN_A_ROW = 5;
/** The weekly refresh paces itself under the outbound rate limit: it may wait this long for a slot. */
const BATCH_MAX_WAIT_MS = 60_000;

/** Who a registry call is made for, as the integration call log names them. */
const callerOf = (actor: Actor): QccCallContext['caller'] => ({ id: actor.userId, name: actor.username });

const ZCachedMatches = z.array(ZRegistryMatch);
const ZCachedDetails = z.object({ details: z.record(z.string(), z.unknown()), orderNumber: z.string().nullable() });

const cacheKey = (kind: 'search' | 'details', value: string) => `${kind}:${value.normalize('NFKC').replace(/\s+/g, '').toUpperCase()}`;

function toChangeDto(row: repo.RegistryChangeRow): TRegistryChange {
  return {
    id: row.id,
    customerId: row.customerId,
    field: row.field,
    before: row.before,
    after: row.after,
    isAlert: row.isAlert,
    detectedAt: iso(row.detectedAt),
  };
}

/**
 * The business registry (企查查) in the customer database: look companies up while creating a
 * customer, refresh a customer's registry snapshot now or weekly, keep the history of changes and
 * tell the owner of those that matter. Registry calls never run inside a transaction.
 */
export function createRegistryService(deps: {
  db: Db;
  clock: Clock;
  qcc: QccClient;
  notifications: Pick<NotificationService, 'notify' | 'dispatch'>;
  logger: FastifyBaseLogger;
  /** How long a registry answer is reused (0: never). */
  cacheTtlSeconds: number;
  batchSize: number;
}) {
  const { db, clock, qcc, logger } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, customers.customerScopeColumns);
  const freshAfter = () => new Date(clock.now().getTime() - deps.cacheTtlSeconds * 1000);

  function requireLookupPermission(actor: Actor): void {
    if (!hasPermission(actor, Permission.customerRead) && !hasPermission(actor, Permission.customerCreate)) {
      throw new AppError(CommonError.FORBIDDEN);
    }
  }

  /** A connector failure as the API answers it; the cause goes to the log, never to the client. */
  function toAppError(err: unknown): AppError {
    if (!isQccError(err)) throw err;
    logger.warn({ err, kind: err.kind, status: err.details.status }, 'registry call failed');
    if (err.kind === 'no_result' || err.kind === 'invalid_request') return new AppError(RegistryErrorCode.REGISTRY_COMPANY_NOT_FOUND);
    if (err.kind === 'rate_limited') {
      const seconds = Math.max(1, Math.ceil((err.details.retryAfterMs ?? 1000) / 1000));
      return new AppError(RegistryErrorCode.REGISTRY_BUSY, { params: { seconds }, headers: { 'retry-after': String(seconds) } });
    }
    if (err.kind === 'auth' || err.kind === 'quota' || err.kind === 'disabled') {
      return new AppError(RegistryErrorCode.REGISTRY_REFUSED, { params: { status: err.details.status ?? err.kind } });
    }
    return new AppError(RegistryErrorCode.REGISTRY_UNAVAILABLE);
  }

  async function remember(key: string, payload: unknown, orderNumber: string | null, fetchedAt: Date): Promise<void> {
    if (deps.cacheTtlSeconds <= 0) return;
    await repo.storeCachedLookup(db, { key, payload, fetchedAt, orderNumber });
  }

  /** The registry record of one company, from the cache unless `fresh`; null when the registry has none. */
  async function lookUp(
    keyword: string,
    opts: { fresh: boolean } & QccCallContext,
  ): Promise<{ found: QccDetails; fetchedAt: Date } | null> {
    const key = cacheKey('details', keyword);
    if (!opts.fresh && deps.cacheTtlSeconds > 0) {
      const cached = await repo.findCachedLookup(db, key, freshAfter());
      const parsed = cached ? ZCachedDetails.safeParse(cached.payload) : undefined;
      if (cached && parsed?.success) {
        return {
          found: { details: parsed.data.details as TQccBasicDetails, orderNumber: parsed.data.orderNumber },
          fetchedAt: cached.fetchedAt,
        };
      }
    }
    const found = await qcc.basicDetails(keyword, { caller: opts.caller, maxWaitMs: opts.maxWaitMs });
    if (!found) return null;
    const fetchedAt = clock.now();
    await remember(key, found, found.orderNumber, fetchedAt);
    return { found, fetchedAt };
  }

  /**
   * Applies a fresh registry record to one customer in one transaction: snapshot, history rows,
   * audit entry and inbox notifications of the changes that matter. Returns null when the customer
   * is gone or out of the actor's scope.
   */
  async function apply(
    actor: Actor,
    customerId: string,
    details: TQccBasicDetails,
    meta: { orderNumber: string | null; fetchedAt: Date },
  ): Promise<{ registry: TRegistrySnapshot; changes: TRegistryChange[] } | null> {
    const now = clock.now();
    const next = toRegistrySnapshot(details, meta.fetchedAt);
    let notices: NotificationRow[] = [];
    const result = await withTx(db, async (tx) => {
      const row = await customers.lockCustomer(tx, customerId, scopeOf(actor));
      if (!row) return null;
      const previous = (row.registry as TRegistrySnapshot | null) ?? null;
      const found = diffRegistrySnapshots(previous, next);
      await repo.updateRegistrySnapshot(tx, customerId, next);
      const inserted = await repo.insertRegistryChanges(
        tx,
        found.map((c) => ({ customerId, ...c, detectedAt: now, orderNumber: meta.orderNumber })),
      );
      await writeAudit(tx, actor, {
        action: 'customer.registry_refresh',
        entityType: 'customer',
        entityId: customerId,
        before: { registry: previous },
        after: { registry: next },
        meta: { orderNumber: meta.orderNumber, changes: found.map((c) => c.field) },
      });
      if (row.ownerId) {
        for (const change of found.filter((c) => c.isAlert)) {
          const kind = NOTICE_BY_FIELD[change.field];
          if (!kind) continue;
          const rows = await deps.notifications.notify(tx, {
            userIds: [row.ownerId],
            kind,
            params: { customerName: row.name, before: change.before ?? '—', after: change.after ?? '—' },
            link: `/customers/${customerId}`,
            entityType: 'customer',
            entityId: customerId,
          });
          notices = [...notices, ...rows];
        }
      }
      return { registry: next, changes: inserted.map(toChangeDto) };
    });
    // Channels beyond the inbox deliver after the commit.
    await deps.notifications.dispatch(notices);
    return result;
  }

  return {
    /** Fuzzy search by part of a name (at least two characters), credit code or registration number. */
    async search(actor: Actor, q: string): Promise<TRegistryMatch[]> {
      requireLookupPermission(actor);
      const key = cacheKey('search', q);
      if (deps.cacheTtlSeconds > 0) {
        const cached = await repo.findCachedLookup(db, key, freshAfter());
        const parsed = cached ? ZCachedMatches.safeParse(cached.payload) : undefined;
        if (parsed?.success) return parsed.data;
      }
      let items: TRegistryMatch[];
      let orderNumber: string | null;
      try {
        const page = await qcc.fuzzySearch(q, {}, { caller: callerOf(actor) });
        items = page.items.map(toRegistryMatch);
        orderNumber = page.orderNumber;
      } catch (err) {
        // A query the registry does not take (e.g. too short) finds nothing.
        if (isQccError(err) && err.kind === 'invalid_request') return [];
        throw toAppError(err);
      }
      await remember(key, items, orderNumber, clock.now());
      return items;
    },

    /** One company by full name, credit code or registration number, mapped to the fields of a new customer. */
    async details(actor: Actor, keyword: string): Promise<TRegistryCompany> {
      requireLookupPermission(actor);
      let looked: Awaited<ReturnType<typeof lookUp>>;
      try {
        looked = await lookUp(keyword, { fresh: false, caller: callerOf(actor) });
      } catch (err) {
        throw toAppError(err);
      }
      if (!looked) throw new AppError(RegistryErrorCode.REGISTRY_COMPANY_NOT_FOUND);
      await writeAudit(db, actor, {
        action: 'registry.lookup',
        entityType: 'registry_company',
        meta: { keyword, orderNumber: looked.found.orderNumber },
      });
      return toRegistryCompany(looked.found.details, looked.fetchedAt);
    },

    /** Refreshes one customer's snapshot from the registry now (by its credit code). */
    async refresh(actor: Actor, customerId: string): Promise<TRegistryRefreshResult> {
      const row = await customers.findCustomer(db, customerId, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      if (!row.creditCode) throw new AppError(RegistryErrorCode.REGISTRY_NO_CREDIT_CODE);
      let looked: Awaited<ReturnType<typeof lookUp>>;
      try {
        looked = await lookUp(row.creditCode, { fresh: true, caller: callerOf(actor) });
      } catch (err) {
        throw toAppError(err);
      }
      if (!looked) throw new AppError(RegistryErrorCode.REGISTRY_COMPANY_NOT_FOUND);
      const applied = await apply(actor, customerId, looked.found.details, {
        orderNumber: looked.found.orderNumber,
        fetchedAt: looked.fetchedAt,
      });
      if (!applied) throw new AppError(CommonError.NOT_FOUND);
      return applied;
    },

    /** The registry changes found for a customer, newest first. */
    async listChanges(actor: Actor, customerId: string, limit = 100): Promise<{ items: TRegistryChange[] }> {
      const row = await customers.findCustomer(db, customerId, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      const rows = await repo.listRegistryChanges(db, customerId, limit);
      await writeListAudit(db, actor, { action: 'customer.registry_changes.list', entityType: 'customer' }, { customerId });
      // Newest first; within one refresh, the changes that matter most first.
      const sorted = [...rows].sort(
        (a, b) => b.detectedAt.getTime() - a.detectedAt.getTime() || FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field),
      );
      return { items: sorted.map(toChangeDto) };
    },

    /**
     * Refreshes every customer with a credit code whose snapshot is older than `syncedBefore`, in
     * batches, one registry call and then one short transaction per customer. Connector errors are
     * counted and logged, never thrown: a later run (from the same `syncedBefore`) picks up exactly
     * the customers this one could not refresh.
     */
    async refreshAll(opts: { syncedBefore: Date }): Promise<RegistryRefreshRun> {
      const system = asSystem('registry-refresh');
      const run: RegistryRefreshRun = { checked: 0, changed: 0, alerts: 0, notFound: 0, failed: 0, stoppedBy: null };
      let afterId: string | undefined;
      let failuresInARow = 0;
      for (;;) {
        const batch = await repo.listCustomersWithCreditCode(db, {
          scope: scopeOf(system),
          afterId,
          limit: deps.batchSize,
          syncedBefore: opts.syncedBefore,
        });
        if (batch.length === 0) break;
        for (const c of batch) {
          run.checked++;
          try {
            const looked = await lookUp(c.creditCode, { fresh: true, caller: callerOf(system), maxWaitMs: BATCH_MAX_WAIT_MS });
            failuresInARow = 0;
            if (!looked) {
              run.notFound++;
              logger.warn({ customerId: c.id, creditCode: c.creditCode }, 'registry has no company with this credit code');
              continue;
            }
            const applied = await apply(system, c.id, looked.found.details, {
              orderNumber: looked.found.orderNumber,
              fetchedAt: looked.fetchedAt,
            });
            if (applied && applied.changes.length > 0) {
              run.changed++;
              run.alerts += applied.changes.filter((x) => x.isAlert).length;
            }
          } catch (err) {
            run.failed++;
            logger.warn({ err, customerId: c.id }, 'registry refresh of a customer failed');
            if (isQccError(err) && stopsBatch(err.kind)) {
              run.stoppedBy = err.kind;
              logger.error(
                { kind: err.kind, status: err.details.status },
                'registry refresh stopped: the registry account needs attention',
              );
              return run;
            }
            if (isQccError(err) && ++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
              run.stoppedBy = err.kind;
              logger.error({ kind: err.kind }, 'registry refresh stopped: the registry does not answer');
              return run;
            }
          }
        }
        afterId = batch[batch.length - 1]!.id;
      }
      if (deps.cacheTtlSeconds > 0) await repo.purgeCachedLookups(db, freshAfter());
      return run;
    },
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
