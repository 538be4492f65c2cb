import type { TCustomerGrade, TGradeHistoryEntry, TGradingRunResult, TOverrideGrade, TPage, TSetStrategic } from '@crm/contracts';
import { Permission, type ZGradeHistoryQuery } from '@crm/contracts';
import { z } from 'zod';
import { requirePermission, scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit, writeListAudit, type AuditInput } from '../../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { decodeCursor, iso, toPage } from '../../../kernel/http/pagination.ts';
import type { CustomerExtensions } from '../customer-extensions.ts';
import { customerScopeColumns, findCustomer } from '../customers.repository.ts';
import type { GradeFacts } from '../grading.schema.ts';
import { collectGradeFacts } from './grading-facts.ts';
import { effectiveGrade, gradeByRule, lookbackStart, type GradingRuleSettings } from './grading-rule.ts';
import { loadGradingSettings } from './grading-settings.service.ts';
import * as repo from './grading.repository.ts';

/** Customers per transaction of the nightly recompute. */
const RECOMPUTE_BATCH = 1000;
/** The most customers one call of `overrideGrades` takes (the batch rule of the architecture). */
export const MAX_GRADE_ITEMS = 500;

export type GradeOverrideItem = { customerId: string; grade: TCustomerGrade; reason: string; version?: number };
export type GradeItemRefusal = 'NOT_FOUND' | 'STALE_VERSION' | 'DUPLICATE_ITEM';
export type GradeItemResult =
  | { customerId: string; status: 'done'; grade: TCustomerGrade; ruleGrade: TCustomerGrade; strategic: boolean; version: number }
  | { customerId: string; status: 'refused'; reason: GradeItemRefusal };

/** A customer's grading state after a change. */
export type CustomerGradeState = {
  customerId: string;
  grade: TCustomerGrade;
  ruleGrade: TCustomerGrade;
  gradeOverridden: boolean;
  gradeOverrideReason: string | null;
  strategic: boolean;
  version: number;
};

const ZHistoryCursor = z.tuple([z.iso.datetime(), z.uuid()]);

function toHistoryDto(row: repo.GradeHistoryRow): TGradeHistoryEntry {
  return {
    id: row.id,
    customerId: row.customerId,
    fromGrade: row.fromGrade,
    toGrade: row.toGrade,
    ruleGrade: row.ruleGrade,
    overridden: row.overridden,
    source: row.source,
    reason: row.reason,
    facts: row.facts,
    at: iso(row.at),
    byName: row.byName,
  };
}

const gradeFields = (r: { grade: string; ruleGrade: string; gradeOverride: string | null; strategic: boolean }) => ({
  grade: r.grade,
  ruleGrade: r.ruleGrade,
  gradeOverride: r.gradeOverride,
  strategic: r.strategic,
});

/**
 * 客户分级: the rule grade from what the contract and receivable modules report (through the
 * customer extensions' `facts`), a manual override that wins until it is cleared, the strategic
 * flag, and the grade history. Every change writes its history rows and audit entries in the
 * transaction that makes it.
 */
export function createGradingService(deps: { db: Db; clock: Clock; extensions: Pick<CustomerExtensions, 'list'> }) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, customerScopeColumns);
  const byName = (actor: Actor) => (actor.kind === 'system' ? null : actor.displayName);

  /** Facts and rule grades of these customers, read in the caller's transaction. */
  async function ruleGrades(
    tx: Db,
    rows: readonly { id: string; strategic: boolean }[],
    settings: GradingRuleSettings,
  ): Promise<Map<string, { ruleGrade: TCustomerGrade; facts: GradeFacts }>> {
    const today = clock.today();
    const since = lookbackStart(today, settings.lookbackMonths, clock.timezone);
    const collected = await collectGradeFacts(
      tx,
      deps.extensions.list(),
      rows.map((r) => r.id),
      { since, today },
    );
    return new Map(
      rows.map((r) => {
        const f = collected.get(r.id)!;
        const facts: GradeFacts = { signedAmount: f.signedAmount, overdueDays: f.overdueDays, strategic: r.strategic };
        return [r.id, { ruleGrade: gradeByRule(facts, settings), facts }];
      }),
    );
  }

  const stateOf = (row: repo.GradeWrite, version: number): CustomerGradeState => ({
    customerId: row.id,
    grade: row.grade,
    ruleGrade: row.ruleGrade,
    gradeOverridden: row.gradeOverride !== null,
    gradeOverrideReason: row.gradeOverrideReason,
    strategic: row.strategic,
    version,
  });

  /** Locks one customer of the actor's scope for a change, or answers 404 / 409. */
  async function lockOne(tx: Db, actor: Actor, id: string, version: number | undefined): Promise<repo.GradingRow> {
    const [row] = await repo.lockForGrading(tx, [id], scopeOf(actor));
    if (!row) throw new AppError(CommonError.NOT_FOUND);
    if (version !== undefined && row.version !== version) throw new AppError(CommonError.STALE_VERSION);
    return row;
  }

  /**
   * Manual grades for many customers in the caller's transaction, set-based: one locking read,
   * one fact query per reporting module, one update, one history insert, one audit insert.
   * Customers outside the actor's scope are refused as NOT_FOUND, a stale `version` as
   * STALE_VERSION, a customer named twice as DUPLICATE_ITEM (its first item counts).
   */
  async function overrideGrades(tx: Db, actor: Actor, items: readonly GradeOverrideItem[]): Promise<GradeItemResult[]> {
    requirePermission(actor, Permission.customerGrade);
    if (items.length > MAX_GRADE_ITEMS) throw new AppError(CommonError.BAD_REQUEST);
    const seen = new Set<string>();
    const unique = items.filter((item) => !seen.has(item.customerId) && seen.add(item.customerId));
    const locked = new Map((await repo.lockForGrading(tx, [...seen], scopeOf(actor))).map((r) => [r.id, r]));
    const accepted = unique.filter((item) => {
      const row = locked.get(item.customerId);
      return row && (item.version === undefined || item.version === row.version);
    });
    const settings = await loadGradingSettings(tx);
    const rules = await ruleGrades(
      tx,
      accepted.map((item) => locked.get(item.customerId)!),
      settings,
    );
    const writes: repo.GradeWrite[] = accepted.map((item) => {
      const row = locked.get(item.customerId)!;
      return {
        id: row.id,
        grade: item.grade,
        ruleGrade: rules.get(row.id)!.ruleGrade,
        gradeOverride: item.grade,
        gradeOverrideReason: item.reason,
        strategic: row.strategic,
      };
    });
    const at = clock.now();
    const versions = new Map(
      (await repo.writeGrades(tx, writes, { at, byUserId: actor.userId, isManual: true })).map((r) => [r.id, r.version]),
    );
    const reasons = new Map(accepted.map((item) => [item.customerId, item.reason]));
    await repo.insertGradeHistory(
      tx,
      writes.map((w) => ({
        customerId: w.id,
        fromGrade: locked.get(w.id)!.grade,
        toGrade: w.grade,
        ruleGrade: w.ruleGrade,
        overridden: true,
        source: 'manual' as const,
        reason: reasons.get(w.id)!,
        facts: rules.get(w.id)!.facts,
        at,
        byId: actor.userId,
        byName: byName(actor),
      })),
    );
    await writeAudit(
      tx,
      actor,
      writes.map((w): AuditInput => ({
        action: 'customer.grade_override',
        entityType: 'customer',
        entityId: w.id,
        before: gradeFields(locked.get(w.id)!),
        after: gradeFields(w),
        meta: { reason: reasons.get(w.id), facts: rules.get(w.id)!.facts },
      })),
    );
    const written = new Map(writes.map((w) => [w.id, w]));
    const first = new Set<GradeOverrideItem>(unique);
    return items.map((item): GradeItemResult => {
      const w = written.get(item.customerId);
      if (!first.has(item)) return { customerId: item.customerId, status: 'refused', reason: 'DUPLICATE_ITEM' };
      if (w) {
        return {
          customerId: w.id,
          status: 'done',
          grade: w.grade,
          ruleGrade: w.ruleGrade,
          strategic: w.strategic,
          version: versions.get(w.id)!,
        };
      }
      return { customerId: item.customerId, status: 'refused', reason: locked.has(item.customerId) ? 'STALE_VERSION' : 'NOT_FOUND' };
    });
  }

  /**
   * One batch of the nightly recompute: the next customers by id, locked; their rule grades; and for
   * those whose grades change one multi-row update, one history insert and one audit insert. An
   * override keeps the grade; the rule grade under it is still refreshed.
   */
  async function recomputeBatch(
    tx: Db,
    actor: Actor,
    settings: GradingRuleSettings,
    afterId: string | undefined,
  ): Promise<{ lastId: string; size: number; changed: number } | null> {
    const rows = await repo.lockGradingBatch(tx, afterId, RECOMPUTE_BATCH);
    if (rows.length === 0) return null;
    const rules = await ruleGrades(tx, rows, settings);
    const writes: repo.GradeWrite[] = [];
    for (const row of rows) {
      const { ruleGrade } = rules.get(row.id)!;
      const grade = effectiveGrade(ruleGrade, row.gradeOverride);
      if (grade !== row.grade || ruleGrade !== row.ruleGrade) writes.push({ ...row, grade, ruleGrade });
    }
    const at = clock.now();
    await repo.writeGrades(tx, writes, { at, byUserId: null, isManual: false });
    const before = new Map(rows.map((r) => [r.id, r]));
    await repo.insertGradeHistory(
      tx,
      writes
        .filter((w) => w.grade !== before.get(w.id)!.grade)
        .map((w) => ({
          customerId: w.id,
          fromGrade: before.get(w.id)!.grade,
          toGrade: w.grade,
          ruleGrade: w.ruleGrade,
          overridden: w.gradeOverride !== null,
          source: 'rule' as const,
          reason: null,
          facts: rules.get(w.id)!.facts,
          at,
          byId: null,
          byName: null,
        })),
    );
    await writeAudit(
      tx,
      actor,
      writes.map((w): AuditInput => ({
        action: 'customer.grade_recompute',
        entityType: 'customer',
        entityId: w.id,
        before: gradeFields(before.get(w.id)!),
        after: gradeFields(w),
        meta: { facts: rules.get(w.id)!.facts },
      })),
    );
    return { lastId: rows.at(-1)!.id, size: rows.length, changed: writes.length };
  }

  async function recomputeAll(): Promise<TGradingRunResult> {
    const actor = asSystem('customer-grading');
    const settings = await loadGradingSettings(db);
    let afterId: string | undefined;
    let customers = 0;
    let changed = 0;
    for (;;) {
      const batch = await withTx(db, (tx) => recomputeBatch(tx, actor, settings, afterId));
      if (!batch) break;
      afterId = batch.lastId;
      customers += batch.size;
      changed += batch.changed;
      if (batch.size < RECOMPUTE_BATCH) break;
    }
    return { customers, changed };
  }

  return {
    overrideGrades,

    async override(actor: Actor, customerId: string, input: TOverrideGrade): Promise<CustomerGradeState> {
      requirePermission(actor, Permission.customerGrade);
      return withTx(db, async (tx) => {
        const [result] = await overrideGrades(tx, actor, [
          { customerId, grade: input.grade, reason: input.reason, version: input.version },
        ]);
        if (result?.status !== 'done') {
          throw new AppError(result?.reason === 'STALE_VERSION' ? CommonError.STALE_VERSION : CommonError.NOT_FOUND);
        }
        return {
          customerId,
          grade: result.grade,
          ruleGrade: result.ruleGrade,
          gradeOverridden: true,
          gradeOverrideReason: input.reason,
          strategic: result.strategic,
          version: result.version,
        };
      });
    },

    /** Back to the rule's grade (recomputed now); nothing happens when there is no override. */
    async clearOverride(actor: Actor, customerId: string, version: number | undefined): Promise<CustomerGradeState> {
      requirePermission(actor, Permission.customerGrade);
      return withTx(db, async (tx) => {
        const row = await lockOne(tx, actor, customerId, version);
        if (row.gradeOverride === null) return stateOf(row, row.version);
        const { ruleGrade, facts } = (await ruleGrades(tx, [row], await loadGradingSettings(tx))).get(row.id)!;
        const write: repo.GradeWrite = { ...row, ruleGrade, grade: ruleGrade, gradeOverride: null, gradeOverrideReason: null };
        const at = clock.now();
        const [saved] = await repo.writeGrades(tx, [write], { at, byUserId: actor.userId, isManual: true });
        await repo.insertGradeHistory(tx, [
          {
            customerId,
            fromGrade: row.grade,
            toGrade: ruleGrade,
            ruleGrade,
            overridden: false,
            source: 'manual',
            reason: null,
            facts,
            at,
            byId: actor.userId,
            byName: byName(actor),
          },
        ]);
        await writeAudit(tx, actor, {
          action: 'customer.grade_override_clear',
          entityType: 'customer',
          entityId: customerId,
          before: gradeFields(row),
          after: gradeFields(write),
          meta: { facts },
        });
        return stateOf(write, saved!.version);
      });
    },

    /** The strategic flag, with its reason; the rule grade follows at once. */
    async setStrategic(actor: Actor, customerId: string, input: TSetStrategic): Promise<CustomerGradeState> {
      requirePermission(actor, Permission.customerGrade);
      return withTx(db, async (tx) => {
        const row = await lockOne(tx, actor, customerId, input.version);
        if (row.strategic === input.strategic) return stateOf(row, row.version);
        const { ruleGrade, facts } = (
          await ruleGrades(tx, [{ id: row.id, strategic: input.strategic }], await loadGradingSettings(tx))
        ).get(row.id)!;
        const write: repo.GradeWrite = {
          ...row,
          strategic: input.strategic,
          ruleGrade,
          grade: effectiveGrade(ruleGrade, row.gradeOverride),
        };
        const at = clock.now();
        const [saved] = await repo.writeGrades(tx, [write], { at, byUserId: actor.userId, isManual: true });
        if (write.grade !== row.grade || write.ruleGrade !== row.ruleGrade) {
          await repo.insertGradeHistory(tx, [
            {
              customerId,
              fromGrade: row.grade,
              toGrade: write.grade,
              ruleGrade,
              overridden: row.gradeOverride !== null,
              source: 'rule',
              reason: input.reason,
              facts,
              at,
              byId: actor.userId,
              byName: byName(actor),
            },
          ]);
        }
        await writeAudit(tx, actor, {
          action: 'customer.strategic_set',
          entityType: 'customer',
          entityId: customerId,
          before: gradeFields(row),
          after: gradeFields(write),
          meta: { reason: input.reason, facts },
        });
        return stateOf(write, saved!.version);
      });
    },

    async history(actor: Actor, customerId: string, query: z.infer<typeof ZGradeHistoryQuery>): Promise<TPage<TGradeHistoryEntry>> {
      if (!(await findCustomer(db, customerId, scopeOf(actor)))) throw new AppError(CommonError.NOT_FOUND);
      const after = decodeCursor(query.cursor, ZHistoryCursor);
      const rows = await repo.listGradeHistory(db, customerId, { limit: query.limit + 1, after });
      await writeListAudit(db, actor, { action: 'customer.grade_history.list', entityType: 'customer' }, { ...query, customerId });
      return toPage(rows, query.limit, (r) => [r.at.toISOString(), r.id], toHistoryDto);
    },

    /** The nightly recompute over every customer (a system job); running it twice changes nothing the second time. */
    recomputeAll,

    /** An administrator's "recompute now" (e.g. after changing the thresholds). */
    async recomputeNow(actor: Actor): Promise<TGradingRunResult> {
      requirePermission(actor, Permission.customerGradingSettings);
      const result = await recomputeAll();
      await writeAudit(db, actor, {
        action: 'customer_grading.recompute',
        entityType: 'customer_grading_settings',
        entityId: '1',
        meta: result,
      });
      return result;
    },
  };
}
export type GradingService = ReturnType<typeof createGradingService>;
