import type { TApprovalDefinition, TApprovalStep, TApprovalType, TApproverSpec, TPublishApprovalDefinition } from '@crm/contracts';
import { ZPublishApprovalDefinition } from '@crm/contracts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { iso } from '../../kernel/http/pagination.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { fieldsFor, type ApprovalTypeRegistration, type ApprovalTypeRegistry } from './approval-types.ts';
import type { OrgLookup } from './approver-resolution.ts';
import { invalidConditions } from './conditions.ts';
import { WorkflowErrorCode } from './workflow.errors.ts';
import * as repo from './workflow.repository.ts';

type Summaries = (ids: readonly (string | null)[]) => Promise<Map<string, { displayName: string }>>;

/** 审批流程设计: definitions per business type, published as immutable versions. */
export function createApprovalDefinitions(deps: {
  db: Db;
  clock: Clock;
  registry: ApprovalTypeRegistry;
  org: OrgLookup;
  summaries: Summaries;
}) {
  const { db, clock, registry } = deps;

  function typeOf(key: string): ApprovalTypeRegistration {
    const type = registry.get(key);
    if (!type) throw new AppError(WorkflowErrorCode.APPROVAL_TYPE_UNKNOWN, { params: { type: key } });
    return type;
  }

  function invalid(detail: string): AppError {
    return new AppError(WorkflowErrorCode.APPROVAL_DEFINITION_INVALID, { params: { detail } });
  }

  /** Conditions name described fields; field approvers name `user` fields; chosen users exist and are active. */
  async function validate(tx: Db, type: ApprovalTypeRegistration, steps: readonly TApprovalStep[], cc: readonly TApproverSpec[]) {
    for (const step of steps) {
      const bad = invalidConditions(type.fields, [...step.conditions, ...step.autoApprove]);
      if (bad.length > 0) throw invalid(`${step.name}: ${bad.map((c) => `${c.field} ${c.op}`).join(', ')}`);
    }
    const specs = [...steps.flatMap((s) => s.approvers), ...cc];
    for (const spec of specs) {
      if (spec.kind === 'field' && !type.fields.some((f) => f.key === spec.field && f.type === 'user')) throw invalid(spec.field);
    }
    const userIds = specs.flatMap((s) => (s.kind === 'user' ? [s.userId] : []));
    const active = new Set(await deps.org.activeUserIds(tx, userIds));
    const missing = userIds.filter((id) => !active.has(id));
    if (missing.length > 0) throw invalid(missing.join(', '));
  }

  async function publishIn(
    tx: Db,
    actor: Actor,
    type: ApprovalTypeRegistration,
    input: { version: number | null; steps: TApprovalStep[]; cc: TApproverSpec[]; note?: string },
  ) {
    await validate(tx, type, input.steps, input.cc);
    const now = clock.now();
    let definition = await repo.findDefinition(tx, type.key);
    if (!definition) {
      if (input.version !== null) throw new AppError(CommonError.STALE_VERSION);
      definition = await repo.insertDefinition(tx, {
        typeKey: type.key,
        activeVersionNo: 0,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      if (!definition) throw new AppError(CommonError.STALE_VERSION);
    } else if (input.version !== definition.version) {
      throw new AppError(CommonError.STALE_VERSION);
    }
    const versionNo = definition.activeVersionNo + 1;
    const activated = await repo.activateVersion(tx, definition.id, definition.version, {
      activeVersionNo: versionNo,
      updatedAt: now,
      updatedBy: actor.userId,
    });
    if (!activated) throw new AppError(CommonError.STALE_VERSION);
    const version = await repo.insertDefinitionVersion(tx, {
      definitionId: definition.id,
      typeKey: type.key,
      versionNo,
      steps: input.steps,
      cc: input.cc,
      note: input.note ?? null,
      publishedAt: now,
      publishedBy: actor.userId,
    });
    await writeAudit(tx, actor, {
      action: 'approval.definition.publish',
      entityType: 'approval_definition',
      entityId: definition.id,
      after: { typeKey: type.key, versionNo, steps: input.steps, cc: input.cc },
    });
    return version;
  }

  return {
    listTypes: async (locale: Locale): Promise<TApprovalType[]> => {
      const definitions = new Map((await repo.listDefinitions(db)).map((d) => [d.typeKey, d]));
      return registry.list().map((type) => {
        const d = definitions.get(type.key);
        return {
          key: type.key,
          label: type.label[locale],
          fields: fieldsFor(type, locale),
          activeVersionNo: d?.activeVersionNo ?? null,
          definitionVersion: d?.version ?? null,
          updatedAt: d ? iso(d.updatedAt) : null,
        };
      });
    },

    async get(actor: Actor, key: string, locale: Locale): Promise<TApprovalDefinition> {
      const type = typeOf(key);
      const d = await repo.findDefinition(db, key);
      const versions = d ? await repo.listDefinitionVersions(db, d.id) : [];
      const names = await deps.summaries(versions.map((v) => v.publishedBy));
      await writeAudit(db, actor, {
        action: 'approval.definition.read',
        entityType: 'approval_definition',
        entityId: d?.id ?? null,
        meta: { key },
      });
      return {
        type: {
          key,
          label: type.label[locale],
          fields: fieldsFor(type, locale),
          activeVersionNo: d?.activeVersionNo ?? null,
          definitionVersion: d?.version ?? null,
          updatedAt: d ? iso(d.updatedAt) : null,
        },
        versions: versions.map((v) => ({
          id: v.id,
          typeKey: v.typeKey,
          versionNo: v.versionNo,
          steps: v.steps,
          cc: v.cc,
          note: v.note,
          publishedAt: iso(v.publishedAt),
          publishedByName: v.publishedBy ? (names.get(v.publishedBy)?.displayName ?? null) : null,
          isActive: v.versionNo === d?.activeVersionNo,
          instanceCount: v.instanceCount,
        })),
      };
    },

    /** Publishes an edited definition as a new version; instances already running keep theirs. */
    async publish(actor: Actor, key: string, input: TPublishApprovalDefinition, locale: Locale): Promise<TApprovalDefinition> {
      const type = typeOf(key);
      const parsed = ZPublishApprovalDefinition.parse(input);
      await withTx(db, (tx) =>
        publishIn(tx, actor, type, { version: parsed.version, steps: parsed.steps, cc: parsed.cc, note: parsed.note }),
      );
      return this.get(actor, key, locale);
    },

    /** At start: each registered type without a definition gets its default as version 1. */
    async prepare(): Promise<void> {
      const actor = asSystem('approvals.default-definitions');
      for (const type of registry.list()) {
        await withTx(db, async (tx) => {
          if (await repo.findDefinition(tx, type.key)) return;
          await publishIn(tx, actor, type, {
            version: null,
            steps: type.defaultDefinition.steps,
            cc: type.defaultDefinition.cc ?? [],
            note: 'default',
          });
        });
      }
    },
  };
}
export type ApprovalDefinitions = ReturnType<typeof createApprovalDefinitions>;
