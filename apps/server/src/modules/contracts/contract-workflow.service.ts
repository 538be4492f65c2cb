import type { TContract, TContractDiff } from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { requirePermission } from '../../kernel/access/access.ts';
import { writeAudit, writeReadAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { translate, type Locale } from '../../kernel/i18n.ts';
import type { NotificationService } from '../../kernel/notifications/notifications.ts';
import { nextNumber } from '../../kernel/numbering/numbering.ts';
import { diffVersions } from './contract-diff.ts';
import { statusLabel } from './contract-dto.ts';
import type { ContractSettingsService } from './contract-settings.service.ts';
import { ContractErrorCode } from './contracts.errors.ts';
import * as repo from './contracts.repository.ts';
import type { ContractService } from './contracts.service.ts';

/** How a submitted contract version is approved: the approvals engine, registered at wiring time. */
export type ContractApprovalGate = {
  start(
    tx: Db,
    actor: Actor,
    subject: { contractId: string; versionId: string; title: string },
  ): Promise<{ instanceId: string; approvedAtOnce: boolean }>;
  cancel(tx: Db, actor: Actor, contractId: string): Promise<void>;
};

/** Whether the archive holds a signed original (the documents feature answers). */
export type SignedOriginalCheck = { hasSignedOriginal(tx: Db, contractId: string): Promise<boolean> };

const statusConflict = (locale: Locale, status: string) =>
  new AppError(ContractErrorCode.CONTRACT_STATUS_CONFLICT, { params: { status: statusLabel(locale, status) } });

/**
 * The life of a contract: submit to review (number, automatic review, approvals engine), withdraw,
 * the engine's final decision, sign (only with a signed original archived), execute, complete,
 * terminate, and amendments (补充协议) with their readable diff. Every transition is guarded in SQL
 * and audited in its transaction.
 */
export function createContractWorkflow(deps: {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  contracts: ContractService;
  settings: Pick<ContractSettingsService, 'current'>;
  gate: () => ContractApprovalGate;
  documents: SignedOriginalCheck;
}) {
  const { db, clock, contracts } = deps;

  async function workingVersion(tx: Db, c: repo.ContractRow): Promise<repo.ContractVersionRow | undefined> {
    return c.workingVersionId ? repo.findVersion(tx, c.id, c.workingVersionId) : undefined;
  }

  async function simpleTransition(
    actor: Actor,
    id: string,
    expectedVersion: number,
    step: { from: repo.ContractStatus[]; to: repo.ContractStatus; action: string; permission: string; set?: Partial<repo.NewContractRow> },
    check?: (tx: Db, c: repo.ContractRow) => Promise<void>,
  ): Promise<TContract> {
    requirePermission(actor, step.permission);
    await withTx(db, async (tx) => {
      const c = await contracts.lockInScope(tx, actor, id, expectedVersion);
      if (!step.from.includes(c.status)) throw statusConflict(actor.locale, c.status);
      if (check) await check(tx, c);
      const row = await repo.transitionContract(tx, c.id, step.from, {
        status: step.to,
        ...step.set,
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      });
      if (!row) throw new AppError(CommonError.STALE_VERSION);
      await writeAudit(tx, actor, {
        action: step.action,
        entityType: 'contract',
        entityId: c.id,
        before: { status: c.status },
        after: { status: row.status, ...(step.set ?? {}) },
      });
    });
    return contracts.present(actor, await contracts.findInScope(db, actor, id));
  }

  /** The engine's final decision on the submitted version, in the deciding transaction. */
  async function applyDecision(
    tx: Db,
    actor: Actor,
    input: { contractId: string; versionId: string; outcome: 'approved' | 'rejected'; comment: string | null },
  ) {
    const c = await repo.lockContract(tx, input.contractId, undefined);
    if (!c) throw new AppError(CommonError.NOT_FOUND);
    const v = await repo.findVersion(tx, c.id, input.versionId);
    if (!v || v.status !== 'in_review') return;
    const now = clock.now();
    if (input.outcome === 'rejected') {
      await repo.transitionVersion(tx, v.id, 'in_review', { status: 'draft', updatedAt: now });
      await repo.updateContract(tx, c.id, c.version, {
        ...(v.kind === 'original' ? { status: 'draft' as const } : {}),
        approvalInstanceId: null,
        updatedAt: now,
      });
    } else {
      if (c.effectiveVersionId) await repo.updateVersion(tx, c.effectiveVersionId, { status: 'superseded' });
      await repo.transitionVersion(tx, v.id, 'in_review', { status: 'effective', effectiveAt: now, updatedAt: now });
      await repo.updateContract(tx, c.id, c.version, {
        ...(v.kind === 'original' ? { status: 'approved' as const, approvedAt: now } : {}),
        effectiveVersionId: v.id,
        workingVersionId: null,
        amountInclTax: v.amountInclTax,
        reviewLevel: v.review?.level ?? null,
        updatedAt: now,
      });
    }
    await writeAudit(tx, actor, {
      action:
        input.outcome === 'approved' ? (v.kind === 'original' ? 'contract.approve' : 'contract.amendment.effective') : 'contract.reject',
      entityType: 'contract',
      entityId: c.id,
      before: { status: c.status, versionStatus: v.status },
      after: { versionNo: v.versionNo, outcome: input.outcome, comment: input.comment },
    });
    await deps.notifications.notify(tx, {
      userIds: [c.ownerId],
      kind:
        input.outcome === 'approved' ? (v.kind === 'original' ? 'contract.approved' : 'contract.amendmentEffective') : 'contract.rejected',
      params: { number: c.number ?? '', versionNo: v.versionNo, comment: input.comment ?? '' },
      link: `/contracts/${c.id}`,
      entityType: 'contract',
      entityId: c.id,
    });
  }

  return {
    applyDecision,

    /**
     * Submits the working version: the review runs again on the facts of now; a blocking finding
     * needs the special-approval reason; the first submission takes the contract's number.
     */
    async submit(actor: Actor, id: string, input: { version: number; specialApprovalReason?: string }): Promise<TContract> {
      requirePermission(actor, Permission.contractWrite);
      await withTx(db, async (tx) => {
        const c = await contracts.lockInScope(tx, actor, id, input.version);
        const v = await workingVersion(tx, c);
        if (!v || v.status !== 'draft' || c.status === 'terminated' || c.status === 'completed')
          throw statusConflict(actor.locale, c.status);
        const lines = await repo.listLines(tx, v.id);
        const review = await contracts.reviewVersion(tx, c, v, lines);
        const blocking = review.findings.filter((f) => f.level === 'block');
        const special = input.specialApprovalReason?.trim() || null;
        if (blocking.length > 0 && !special) {
          const rules = [...new Set(blocking.map((f) => translate(actor.locale, `contracts.review.${f.key}`, f.params)))].join('; ');
          throw new AppError(ContractErrorCode.CONTRACT_REVIEW_BLOCKED, { params: { rules } });
        }
        const completenessBlock = blocking.find((f) => f.rule === 'completeness');
        if (completenessBlock)
          throw new AppError(ContractErrorCode.CONTRACT_REVIEW_BLOCKED, {
            params: { rules: translate(actor.locale, `contracts.review.${completenessBlock.key}`, completenessBlock.params) },
          });
        const now = clock.now();
        const number =
          c.number ??
          (await nextNumber(tx, {
            key: 'contract',
            pattern: (await deps.settings.current(tx)).numberPattern,
            at: now,
            timezone: clock.timezone,
          }));
        await repo.transitionVersion(tx, v.id, 'draft', { status: 'in_review', review, updatedAt: now });
        const moved = await repo.transitionContract(tx, c.id, [c.status], {
          number,
          ...(v.kind === 'original' ? { status: 'in_review' as const } : {}),
          reviewLevel: review.level,
          specialApprovalReason: blocking.length > 0 ? special : null,
          submittedAt: now,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!moved) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: v.kind === 'original' ? 'contract.submit' : 'contract.amendment.submit',
          entityType: 'contract',
          entityId: c.id,
          before: { status: c.status, number: c.number },
          after: {
            status: moved.status,
            number,
            versionNo: v.versionNo,
            reviewLevel: review.level,
            route: review.route,
            specialApprovalReason: blocking.length > 0 ? special : null,
          },
        });
        const started = await deps
          .gate()
          .start(tx, actor, { contractId: c.id, versionId: v.id, title: `${number} · ${c.customerName ?? c.title}` });
        await repo.updateContract(tx, c.id, moved.version, { approvalInstanceId: started.instanceId });
        if (started.approvedAtOnce)
          await applyDecision(tx, actor, { contractId: c.id, versionId: v.id, outcome: 'approved', comment: null });
      });
      return contracts.present(actor, await contracts.findInScope(db, actor, id));
    },

    /** Takes a version in review back to draft (the owner side), ending its approval. */
    async withdraw(actor: Actor, id: string, input: { version: number }): Promise<TContract> {
      requirePermission(actor, Permission.contractWrite);
      await withTx(db, async (tx) => {
        const c = await contracts.lockInScope(tx, actor, id, input.version);
        const v = await workingVersion(tx, c);
        if (!v || v.status !== 'in_review') throw statusConflict(actor.locale, c.status);
        await deps.gate().cancel(tx, actor, c.id);
        await withdrawn(tx, actor, c, v);
      });
      return contracts.present(actor, await contracts.findInScope(db, actor, id));
    },

    /** The initiator withdrew from the approvals inbox: the version returns to draft. */
    async applyWithdrawal(tx: Db, actor: Actor, input: { contractId: string; versionId: string }): Promise<void> {
      const c = await repo.lockContract(tx, input.contractId, undefined);
      if (!c) throw new AppError(CommonError.NOT_FOUND);
      const v = await repo.findVersion(tx, c.id, input.versionId);
      if (v?.status === 'in_review') await withdrawn(tx, actor, c, v);
    },

    sign(actor: Actor, id: string, input: { version: number; signedDate: string }): Promise<TContract> {
      if (input.signedDate > clock.today())
        throw new AppError(ContractErrorCode.CONTRACT_SIGNED_DATE_IN_FUTURE, {
          params: { today: clock.today() },
          fields: [{ path: 'signedDate', code: 'future' }],
        });
      return simpleTransition(
        actor,
        id,
        input.version,
        {
          from: ['approved'],
          to: 'signed',
          action: 'contract.sign',
          permission: Permission.contractSign,
          set: { signedDate: input.signedDate },
        },
        async (tx, c) => {
          if (!(await deps.documents.hasSignedOriginal(tx, c.id))) throw new AppError(ContractErrorCode.CONTRACT_SIGNED_ORIGINAL_MISSING);
        },
      );
    },

    execute(actor: Actor, id: string, input: { version: number }): Promise<TContract> {
      return simpleTransition(actor, id, input.version, {
        from: ['signed'],
        to: 'executing',
        action: 'contract.execute',
        permission: Permission.contractSign,
        set: { executingAt: clock.now() },
      });
    },

    complete(actor: Actor, id: string, input: { version: number }): Promise<TContract> {
      return simpleTransition(
        actor,
        id,
        input.version,
        {
          from: ['executing'],
          to: 'completed',
          action: 'contract.complete',
          permission: Permission.contractSign,
          set: { completedAt: clock.now() },
        },
        async (_tx, c) => {
          if (c.workingVersionId) throw new AppError(ContractErrorCode.CONTRACT_AMENDMENT_OPEN, { params: { versionNo: '' } });
        },
      );
    },

    terminate(actor: Actor, id: string, input: { version: number; reason: string }): Promise<TContract> {
      return simpleTransition(
        actor,
        id,
        input.version,
        {
          from: ['draft', 'approved', 'signed', 'executing'],
          to: 'terminated',
          action: 'contract.terminate',
          permission: Permission.contractSign,
          set: { terminatedAt: clock.now(), terminationReason: input.reason },
        },
        async (tx, c) => {
          const v = await workingVersion(tx, c);
          if (v?.status === 'in_review') throw statusConflict(actor.locale, 'in_review');
        },
      );
    },

    /** Opens an amendment (补充协议): a new draft version copied from the effective one. */
    async amend(actor: Actor, id: string, input: { version: number; reason: string }): Promise<TContract> {
      requirePermission(actor, Permission.contractWrite);
      await withTx(db, async (tx) => {
        const c = await contracts.lockInScope(tx, actor, id, input.version);
        if (!['approved', 'signed', 'executing'].includes(c.status) || !c.effectiveVersionId) throw statusConflict(actor.locale, c.status);
        if (c.workingVersionId) {
          const open = await repo.findVersion(tx, c.id, c.workingVersionId);
          throw new AppError(ContractErrorCode.CONTRACT_AMENDMENT_OPEN, { params: { versionNo: open?.versionNo ?? '' } });
        }
        const versions = await repo.listVersions(tx, c.id);
        const effective = versions.find((v) => v.id === c.effectiveVersionId)!;
        const now = clock.now();
        const v = await repo.insertVersion(tx, {
          contractId: c.id,
          versionNo: Math.max(...versions.map((x) => x.versionNo)) + 1,
          kind: 'amendment',
          status: 'draft',
          reason: input.reason,
          paymentTerms: effective.paymentTerms,
          deliveryTerms: effective.deliveryTerms,
          warrantyMonths: effective.warrantyMonths,
          latePenalty: effective.latePenalty,
          amountInclTax: effective.amountInclTax,
          amountExclTax: effective.amountExclTax,
          taxAmount: effective.taxAmount,
          costAmount: effective.costAmount,
          review: effective.review,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        const lines = await repo.listLines(tx, effective.id);
        await repo.replaceLines(
          tx,
          v.id,
          lines.map(({ id: _id, versionId: _v, ...l }) => ({ ...l, versionId: v.id })),
        );
        const saved = await repo.updateContract(tx, c.id, c.version, { workingVersionId: v.id, updatedAt: now, updatedBy: actor.userId });
        if (!saved) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'contract.amendment.open',
          entityType: 'contract',
          entityId: c.id,
          after: { versionNo: v.versionNo, reason: input.reason },
        });
      });
      return contracts.present(actor, await contracts.findInScope(db, actor, id));
    },

    /** The open amendment (or a given version) against the version before it, as readable entries. */
    async diff(actor: Actor, id: string, versionId?: string): Promise<TContractDiff> {
      requirePermission(actor, Permission.contractRead);
      const c = await contracts.findInScope(db, actor, id);
      const versions = await repo.listVersions(db, c.id);
      const to = versions.find((v) => v.id === (versionId ?? c.workingVersionId ?? c.effectiveVersionId));
      if (!to) throw new AppError(ContractErrorCode.CONTRACT_NO_AMENDMENT);
      const from =
        to.kind === 'amendment' && to.status !== 'effective' && to.status !== 'superseded'
          ? versions.find((v) => v.id === c.effectiveVersionId)
          : [...versions].reverse().find((v) => v.versionNo < to.versionNo && (v.status === 'effective' || v.status === 'superseded'));
      if (!from) throw new AppError(ContractErrorCode.CONTRACT_NO_AMENDMENT);
      const [fromLines, toLines] = await Promise.all([repo.listLines(db, from.id), repo.listLines(db, to.id)]);
      await writeReadAudit(db, actor, {
        action: 'contract.diff',
        entityType: 'contract',
        entityId: c.id,
        meta: { from: from.versionNo, to: to.versionNo },
      });
      return diffVersions(actor.locale, from, fromLines, to, toLines);
    },
  };

  async function withdrawn(tx: Db, actor: Actor, c: repo.ContractRow, v: repo.ContractVersionRow): Promise<void> {
    const now = clock.now();
    await repo.transitionVersion(tx, v.id, 'in_review', { status: 'draft', updatedAt: now });
    await repo.updateContract(tx, c.id, c.version, {
      ...(v.kind === 'original' ? { status: 'draft' as const } : {}),
      approvalInstanceId: null,
      updatedAt: now,
      updatedBy: actor.userId,
    });
    await writeAudit(tx, actor, {
      action: 'contract.withdraw',
      entityType: 'contract',
      entityId: c.id,
      before: { status: c.status },
      after: { versionNo: v.versionNo },
    });
  }
}
export type ContractWorkflow = ReturnType<typeof createContractWorkflow>;
