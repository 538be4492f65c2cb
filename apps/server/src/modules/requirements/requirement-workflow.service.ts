import type { TRequirement, TRequirementCancelRequest } from '@crm/contracts';
import type { SQL } from 'drizzle-orm';
import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import { nextNumber } from '../../kernel/numbering/numbering.ts';
import { CANCELLABLE, EDITABLE, plainQty } from './requirement-dto.ts';
import { RequirementErrorCode } from './requirements.errors.ts';
import { statusConflict, statusText } from './requirements.messages.ts';
import * as repo from './requirements.repository.ts';
import type { RequirementService } from './requirements.service.ts';

/** Requirement numbers: 需求 XQ + year + month + a five-digit sequence per month. */
export const REQUIREMENT_NUMBER_PATTERN = 'XQ{yyyy}{mm}-{seq:5}';

/** What the workflow needs of the approvals engine: start an instance, end one it took back. */
export type RequirementApprovalStarter = {
  start(
    tx: Db,
    actor: Actor,
    input: { recordId: string; title: string; context: Record<string, string> },
  ): Promise<{ instanceId: string; status: 'running' | 'approved' }>;
  cancel(tx: Db, actor: Actor, recordId: string): Promise<void>;
};

type Change = { set: Partial<repo.NewRequirementRow> & { status: repo.RequirementStatus }; meta?: Record<string, unknown> };

/** A requirement as the contracts module takes it over (lines the product manager settled). */
export type RequirementForContract = {
  id: string;
  number: string;
  title: string;
  customerId: string;
  opportunityId: string | null;
  opportunityName: string | null;
  lines: {
    requirementLineId: string;
    productId: string | null;
    name: string;
    spec: string | null;
    unit: string | null;
    qty: string;
    wantedDate: string | null;
    /** Still without a catalogue product (marked non-standard, no new code yet). */
    isNonStandard: boolean;
    /** Every line of an approved requirement went through product-manager review. */
    isTechnicallyReviewed: true;
  }[];
};

/** Statuses whose requirement a contract may take over (a second contract may use a contracted one). */
const FOR_CONTRACT: readonly repo.RequirementStatus[] = ['approved', 'contracted'];

/**
 * The life of a requirement: submit to product-manager review (the approvals engine), withdraw,
 * cancel, the engine's final decision, and the hand-over to contracts. Every step locks the
 * requirement, checks the version read, guards the transition in SQL and writes its audit entry
 * in the same transaction.
 */
export function createRequirementWorkflow(deps: {
  db: Db;
  clock: Clock;
  notifications: Pick<NotificationService, 'notify'>;
  requirements: Pick<RequirementService, 'present'>;
  approvals: () => RequirementApprovalStarter;
}) {
  const { db, clock } = deps;

  async function step(
    tx: Db,
    actor: Actor,
    input: { id: string; version: number; action: string; from: readonly repo.RequirementStatus[]; scope: SQL | undefined },
    apply: (r: repo.RequirementRow, lines: repo.RequirementLineRow[]) => Promise<Change> | Change,
  ): Promise<repo.RequirementRow> {
    const r = await repo.lockRequirement(tx, input.id, input.scope);
    if (!r) throw new AppError(CommonError.NOT_FOUND);
    if (r.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
    if (!input.from.includes(r.status)) throw statusConflict(actor, r.status);
    const lines = await repo.listLines(tx, r.id);
    const change = await apply(r, lines);
    const updated = await repo.transition(tx, r.id, input.version, input.from, {
      ...change.set,
      updatedAt: clock.now(),
      updatedBy: actor.userId,
    });
    if (!updated) throw new AppError(CommonError.STALE_VERSION);
    await writeAudit(tx, actor, {
      action: input.action,
      entityType: 'requirement',
      entityId: r.id,
      before: { status: r.status, number: r.number },
      after: { status: updated.status, number: updated.number },
      ...(change.meta ? { meta: change.meta } : {}),
    });
    return updated;
  }

  function assertAllReviewed(lines: readonly repo.RequirementLineRow[]): void {
    const pending = lines.filter((l) => l.decision === 'pending').map((l) => l.position);
    if (pending.length > 0)
      throw new AppError(RequirementErrorCode.REQUIREMENT_LINES_PENDING, { params: { positions: pending.join(', ') } });
  }

  /** For the approvals engine: its final decision, in the deciding transaction (the decider holds the task). */
  async function applyApprovalDecision(
    tx: Db,
    actor: Actor,
    input: { requirementId: string; outcome: 'approved' | 'returned'; comment: string | null; channel: string },
  ): Promise<void> {
    const current = await repo.findRequirement(tx, input.requirementId, repo.readScope(actor));
    if (!current) throw new AppError(CommonError.NOT_FOUND);
    const updated = await step(
      tx,
      actor,
      {
        id: input.requirementId,
        version: current.version,
        action: `requirement.review.${input.outcome}`,
        from: ['in_review'],
        scope: repo.readScope(actor),
      },
      (_r, lines) => {
        if (input.outcome === 'approved') assertAllReviewed(lines);
        return {
          set: { status: input.outcome, decidedAt: clock.now(), decisionComment: input.comment },
          meta: { channel: input.channel, comment: input.comment },
        };
      },
    );
    await deps.notifications.notify(tx, {
      userIds: [updated.ownerId].filter((id) => id !== actor.userId),
      kind: `requirement.${input.outcome}`,
      params: { number: updated.number ?? '', comment: input.comment ?? '' },
      link: `/requirements/${updated.id}`,
      entityType: 'requirement',
      entityId: updated.id,
    });
  }

  return {
    applyApprovalDecision,

    /**
     * Draft or returned → in review by the product managers: numbered at the first submit, an
     * approval instance started in the same transaction. An instance that needs nobody approves
     * at once, which needs every line reviewed already.
     */
    async submit(actor: Actor, id: string, version: number): Promise<TRequirement> {
      const updated = await withTx(db, (tx) =>
        step(tx, actor, { id, version, action: 'requirement.submit', from: EDITABLE, scope: repo.writeScope(actor) }, async (r, lines) => {
          if (lines.length === 0) throw new AppError(RequirementErrorCode.REQUIREMENT_NO_LINES);
          const now = clock.now();
          const number =
            r.number ??
            (await nextNumber(tx, { key: 'requirement', pattern: REQUIREMENT_NUMBER_PATTERN, at: now, timezone: clock.timezone }));
          const started = await deps.approvals().start(tx, actor, {
            recordId: r.id,
            title: `${number} · ${r.customerName ?? r.title}`,
            context: { number },
          });
          const base = { number, submittedAt: now, approvalInstanceId: started.instanceId, decisionComment: null };
          if (started.status === 'approved') {
            assertAllReviewed(lines);
            return { set: { ...base, status: 'approved', decidedAt: now }, meta: { instanceId: started.instanceId, approvedAtOnce: true } };
          }
          return { set: { ...base, status: 'in_review', decidedAt: null }, meta: { instanceId: started.instanceId, lines: lines.length } };
        }),
      );
      return deps.requirements.present(actor, updated);
    },

    /** In review → draft, by the owner, before the product manager decided; the approval ends. */
    async withdraw(actor: Actor, id: string, version: number): Promise<TRequirement> {
      const updated = await withTx(db, (tx) =>
        step(tx, actor, { id, version, action: 'requirement.withdraw', from: ['in_review'], scope: repo.writeScope(actor) }, async (r) => {
          if (r.ownerId !== actor.userId) throw new AppError(RequirementErrorCode.REQUIREMENT_ONLY_OWNER);
          await deps.approvals().cancel(tx, actor, r.id);
          return { set: { status: 'draft' } };
        }),
      );
      return deps.requirements.present(actor, updated);
    },

    /** Any open state → cancelled, with a reason; a running review ends. */
    async cancel(actor: Actor, id: string, input: TRequirementCancelRequest): Promise<TRequirement> {
      const updated = await withTx(db, (tx) =>
        step(
          tx,
          actor,
          { id, version: input.version, action: 'requirement.cancel', from: CANCELLABLE, scope: repo.writeScope(actor) },
          async (r) => {
            if (r.status === 'in_review') await deps.approvals().cancel(tx, actor, r.id);
            return { set: { status: 'cancelled', cancelReason: input.reason }, meta: { reason: input.reason } };
          },
        ),
      );
      return deps.requirements.present(actor, updated);
    },

    /** For the approvals engine: the initiator withdrew from the approvals inbox, in the engine's transaction. */
    async applyApprovalWithdrawal(tx: Db, actor: Actor, requirementId: string): Promise<void> {
      const current = await repo.findRequirement(tx, requirementId, repo.readScope(actor));
      if (!current) throw new AppError(CommonError.NOT_FOUND);
      await step(
        tx,
        actor,
        { id: requirementId, version: current.version, action: 'requirement.withdraw', from: ['in_review'], scope: repo.readScope(actor) },
        () => ({ set: { status: 'draft' }, meta: { channel: 'approvals' } }),
      );
    },

    /**
     * An approved (or already contracted) requirement with its reviewed lines, in the caller's
     * transaction, for a contract made from it. 404 outside the actor's scope; 409 unless approved.
     */
    async forContract(tx: Db, actor: Actor, requirementId: string): Promise<RequirementForContract> {
      const r = await repo.findRequirement(tx, requirementId, repo.readScope(actor));
      if (!r) throw new AppError(CommonError.NOT_FOUND);
      if (!FOR_CONTRACT.includes(r.status) || !r.number) {
        throw new AppError(RequirementErrorCode.REQUIREMENT_NOT_APPROVED, {
          params: { number: r.number ?? r.title, status: statusText(actor, r.status) },
        });
      }
      const lines = await repo.listLines(tx, r.id);
      return {
        id: r.id,
        number: r.number,
        title: r.title,
        customerId: r.customerId,
        opportunityId: r.opportunityId,
        opportunityName: r.opportunityName,
        lines: lines.map((l) => ({
          requirementLineId: l.id,
          productId: l.productId,
          name: l.name,
          spec: l.spec,
          unit: l.unit,
          qty: plainQty(l.qty),
          wantedDate: l.wantedDate ?? r.wantedDate,
          isNonStandard: l.productId === null,
          isTechnicallyReviewed: true as const,
        })),
      };
    },

    /** Approved → contracted (a contracted one records the further contract), in the contract's transaction. */
    async markContracted(tx: Db, actor: Actor, requirementIds: readonly string[], contractId: string): Promise<void> {
      for (const id of [...new Set(requirementIds)].sort()) {
        const r = await repo.lockRequirement(tx, id, repo.readScope(actor));
        if (!r) throw new AppError(CommonError.NOT_FOUND);
        if (!FOR_CONTRACT.includes(r.status)) {
          throw new AppError(RequirementErrorCode.REQUIREMENT_NOT_APPROVED, {
            params: { number: r.number ?? r.title, status: statusText(actor, r.status) },
          });
        }
        if (r.contractIds.includes(contractId)) continue;
        await step(
          tx,
          actor,
          { id, version: r.version, action: 'requirement.contracted', from: FOR_CONTRACT, scope: repo.readScope(actor) },
          () => ({
            set: { status: 'contracted', contractIds: [...r.contractIds, contractId] },
            meta: { contractId },
          }),
        );
      }
    },

    /**
     * Undoes `markContracted` for a contract that was withdrawn or cancelled: the contract is taken
     * off, and a requirement no other contract uses is approved again.
     */
    async releaseContracted(tx: Db, actor: Actor, requirementIds: readonly string[], contractId: string): Promise<void> {
      for (const id of [...new Set(requirementIds)].sort()) {
        const r = await repo.lockRequirement(tx, id, repo.readScope(actor));
        if (!r) throw new AppError(CommonError.NOT_FOUND);
        if (r.status !== 'contracted' || !r.contractIds.includes(contractId)) continue;
        const rest = r.contractIds.filter((c) => c !== contractId);
        await step(
          tx,
          actor,
          { id, version: r.version, action: 'requirement.contract_released', from: ['contracted'], scope: repo.readScope(actor) },
          () => ({
            set: { status: rest.length > 0 ? 'contracted' : 'approved', contractIds: rest },
            meta: { contractId },
          }),
        );
      }
    },
  };
}
export type RequirementWorkflow = ReturnType<typeof createRequirementWorkflow>;
