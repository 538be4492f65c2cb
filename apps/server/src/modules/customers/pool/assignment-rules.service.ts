import type { TAssignmentRule, TAssignmentRuleInput, TUpdateAssignmentRule } from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { requirePermission } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import type { People, UserSummary } from '../../admin/index.ts';
import { PoolErrorCode } from './pool.messages.ts';
import * as repo from './pool.repository.ts';

export type RuleTarget = Pick<repo.CustomerRow, 'province' | 'industry' | 'type'>;

/** Whether a rule's conditions (each empty list meaning "any") hold for the customer. */
export function ruleMatches(rule: Pick<repo.AssignmentRuleRow, 'provinces' | 'industries' | 'types'>, c: RuleTarget): boolean {
  const holds = (values: readonly string[], value: string | null) => values.length === 0 || (value !== null && values.includes(value));
  return holds(rule.provinces, c.province) && holds(rule.industries, c.industry) && holds(rule.types, c.type);
}

/**
 * The next owner among the candidates: round robin continues after the previous one; least loaded
 * takes the one with the fewest customers (ties by id, so the choice is repeatable).
 */
export function chooseOwner(
  strategy: repo.AssignmentRuleRow['strategy'],
  candidates: readonly { id: string; load: number }[],
  lastAssignedUserId: string | null,
): string | undefined {
  if (candidates.length === 0) return undefined;
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (strategy === 'round_robin') {
    const next = lastAssignedUserId ? sorted.find((c) => c.id > lastAssignedUserId) : undefined;
    return (next ?? sorted[0])!.id;
  }
  return sorted.reduce((best, c) => (c.load < best.load ? c : best)).id;
}

export type AutoAssignPick =
  { ok: true; owner: UserSummary; rule: repo.AssignmentRuleRow } | { ok: false; code: string; params?: Record<string, unknown> };

export function createAssignmentRuleService(deps: {
  db: Db;
  clock: Clock;
  people: Pick<People, 'membersWithPermission' | 'departmentNames'>;
  /** The owner cap per department, from one read of the pools. */
  capsOf: () => Promise<(departmentId: string) => number>;
}) {
  async function toDtos(rows: repo.AssignmentRuleRow[]): Promise<TAssignmentRule[]> {
    const names = await deps.people.departmentNames(rows.map((r) => r.departmentId));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      priority: r.priority,
      provinces: r.provinces,
      industries: r.industries,
      types: r.types as TAssignmentRule['types'],
      departmentId: r.departmentId,
      departmentName: names.get(r.departmentId) ?? null,
      strategy: r.strategy,
      enabled: r.enabled,
      version: r.version,
    }));
  }

  return {
    async list(actor: Actor): Promise<TAssignmentRule[]> {
      requirePermission(actor, Permission.customerPoolManage);
      return toDtos(await repo.listAssignmentRules(deps.db));
    },

    async create(actor: Actor, input: TAssignmentRuleInput): Promise<TAssignmentRule> {
      const now = deps.clock.now();
      const row = await withTx(deps.db, async (tx) => {
        const created = await repo.insertAssignmentRule(tx, {
          ...input,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await writeAudit(tx, actor, {
          action: 'assignment_rule.create',
          entityType: 'assignment_rule',
          entityId: created.id,
          after: created,
        });
        return created;
      });
      return (await toDtos([row]))[0]!;
    },

    async update(actor: Actor, id: string, input: TUpdateAssignmentRule): Promise<TAssignmentRule> {
      const { version, ...set } = input;
      const row = await withTx(deps.db, async (tx) => {
        const before = await repo.findAssignmentRule(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        const updated = await repo.updateAssignmentRule(tx, id, version, { ...set, updatedAt: deps.clock.now(), updatedBy: actor.userId });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'assignment_rule.update',
          entityType: 'assignment_rule',
          entityId: id,
          before,
          after: updated,
        });
        return updated;
      });
      return (await toDtos([row]))[0]!;
    },

    async remove(actor: Actor, id: string, version: number): Promise<void> {
      await withTx(deps.db, async (tx) => {
        const before = await repo.findAssignmentRule(tx, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        if (!(await repo.deleteAssignmentRule(tx, id, version))) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, { action: 'assignment_rule.delete', entityType: 'assignment_rule', entityId: id, before });
      });
    },

    /**
     * A picker for one batch. `prepare` reads the rules and their candidates before the transaction;
     * `open` works inside it: the rules are locked so that concurrent batches continue each other's
     * round robin, and loads count what the batch already assigned.
     */
    async prepare() {
      const rules = await repo.listAssignmentRules(deps.db, true);
      const candidates = new Map<string, UserSummary[]>();
      const caps = new Map<string, number>();
      const capOf = await deps.capsOf();
      for (const rule of rules) {
        const members = await deps.people.membersWithPermission(rule.departmentId, Permission.customerClaim);
        candidates.set(rule.id, members);
        for (const m of members) if (!caps.has(m.id)) caps.set(m.id, capOf(m.departmentId));
      }
      return {
        open: (tx: Db) => {
          const locked = new Map<string, repo.AssignmentRuleRow>();
          const loads = new Map<string, number>();
          return {
            async pick(c: RuleTarget): Promise<AutoAssignPick> {
              const matched = rules.find((r) => ruleMatches(r, c));
              if (!matched) return { ok: false, code: PoolErrorCode.ASSIGNMENT_NO_RULE };
              let rule = locked.get(matched.id);
              if (!rule) {
                rule = (await repo.lockAssignmentRule(tx, matched.id)) ?? matched;
                locked.set(rule.id, rule);
              }
              const members = candidates.get(matched.id) ?? [];
              const unknown = members.filter((m) => !loads.has(m.id)).map((m) => m.id);
              const counted = await repo.countOwned(tx, unknown);
              for (const id of unknown) loads.set(id, counted.get(id) ?? 0);
              const open = members.filter((m) => loads.get(m.id)! < caps.get(m.id)!).map((m) => ({ id: m.id, load: loads.get(m.id)! }));
              const ownerId = chooseOwner(rule.strategy, open, rule.lastAssignedUserId);
              if (!ownerId) return { ok: false, code: PoolErrorCode.ASSIGNMENT_NO_CANDIDATE, params: { rule: rule.name } };
              loads.set(ownerId, loads.get(ownerId)! + 1);
              rule.lastAssignedUserId = ownerId;
              return { ok: true, owner: members.find((m) => m.id === ownerId)!, rule };
            },
            /** Saves where each round robin stopped. */
            async finish(): Promise<void> {
              for (const rule of locked.values()) {
                if (rule.strategy === 'round_robin' && rule.lastAssignedUserId) {
                  await repo.setRoundRobinCursor(tx, rule.id, rule.lastAssignedUserId);
                }
              }
            },
          };
        },
      };
    },
  };
}

export type AssignmentRuleService = ReturnType<typeof createAssignmentRuleService>;
