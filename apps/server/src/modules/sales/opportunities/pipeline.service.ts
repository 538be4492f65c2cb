import { Permission, type TOpportunityStage, type TPipeline, type TUpdatePipeline } from '@crm/contracts';
import { requirePermission } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import type { People } from '../../admin/index.ts';
import { OpportunityErrorCode } from './opportunities.errors.ts';
import * as repo from './opportunities.repository.ts';
import { DEFAULT_STAGES, pipelineIssues, type StageDef } from './stage-rules.ts';

export function toStageDto(row: repo.StageRow): TOpportunityStage {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    position: row.position,
    probability: row.probability,
    kind: row.kind,
    isRequired: row.isRequired,
    isRequiredForTender: row.isRequiredForTender,
    requiresTenderInfo: row.requiresTenderInfo,
  };
}

export const toStageDef = (row: repo.StageRow): StageDef => toStageDto(row);

/** The stages in pipeline order; takes the db or the caller's transaction. */
export async function loadStages(db: Db): Promise<StageDef[]> {
  return (await repo.listStages(db)).map(toStageDef);
}

/** The pipeline (销售流程): its stages, probabilities and rules, edited by administrators as a whole. */
export function createPipelineService(deps: { db: Db; clock: Clock; people: Pick<People, 'summaries'> }) {
  const { db, clock } = deps;

  async function toDto(tx: Db): Promise<TPipeline> {
    const [stages, pipeline] = await Promise.all([repo.listStages(tx), repo.findPipeline(tx)]);
    const by = pipeline?.updatedBy ? (await deps.people.summaries([pipeline.updatedBy])).get(pipeline.updatedBy) : undefined;
    return {
      stages: stages.map(toStageDto),
      version: pipeline?.version ?? 1,
      updatedAt: pipeline ? iso(pipeline.updatedAt) : null,
      updatedByName: by?.displayName ?? null,
    };
  }

  return {
    /** The default pipeline on first start. */
    async prepare(): Promise<void> {
      await withTx(db, async (tx) => {
        if (!(await repo.insertPipelineIfMissing(tx, clock.now()))) return;
        if ((await repo.listStages(tx)).length > 0) return;
        const now = clock.now();
        await repo.insertStages(
          tx,
          DEFAULT_STAGES.map((s) => ({ ...s, createdAt: now, updatedAt: now })),
        );
      });
    },

    /** Everyone who works with opportunities reads the pipeline (board columns, stage pickers). */
    get(): Promise<TPipeline> {
      return toDto(db);
    },

    async update(actor: Actor, input: TUpdatePipeline): Promise<TPipeline> {
      requirePermission(actor, Permission.opportunityPipelineManage);
      const issues = pipelineIssues(input.stages);
      if (issues.length > 0) {
        throw new AppError(OpportunityErrorCode.PIPELINE_INVALID, {
          fields: issues.map((path) => ({ path, code: 'invalid', messageKey: 'error.PIPELINE_INVALID' })),
        });
      }
      await withTx(db, async (tx) => {
        const now = clock.now();
        if (!(await repo.bumpPipeline(tx, input.version, now, actor.userId))) throw new AppError(CommonError.STALE_VERSION);
        const before = await repo.listStages(tx);
        const byId = new Map(before.map((s) => [s.id, s]));
        const unknown = input.stages.find((s) => s.id !== undefined && !byId.has(s.id));
        if (unknown) throw new AppError(OpportunityErrorCode.OPPORTUNITY_STAGE_UNKNOWN);
        const kept = new Set(input.stages.map((s) => s.id).filter((id): id is string => id !== undefined));
        const removed = before.filter((s) => !kept.has(s.id));
        const kindChanged = input.stages.filter((s) => s.id && byId.get(s.id)!.kind !== s.kind).map((s) => s.id!);
        const inUse = await repo.stagesInUse(tx, [...removed.map((s) => s.id), ...kindChanged]);
        const blocked = before.find((s) => inUse.has(s.id));
        if (blocked) throw new AppError(OpportunityErrorCode.PIPELINE_STAGE_IN_USE, { params: { stage: blocked.nameZh } });
        await repo.deleteStages(
          tx,
          removed.map((s) => s.id),
        );
        // Positions and codes are unique only at the end: move the kept stages out of the way first.
        for (const s of before.filter((b) => kept.has(b.id)))
          await repo.updateStage(tx, s.id, { code: `~${s.id}`, position: s.position + 1000 });
        const followed: Record<string, number> = {};
        for (const [i, s] of input.stages.entries()) {
          const values = {
            code: s.code,
            nameZh: s.nameZh,
            nameEn: s.nameEn,
            position: i + 1,
            probability: s.probability,
            kind: s.kind,
            isRequired: s.isRequired,
            isRequiredForTender: s.isRequiredForTender,
            requiresTenderInfo: s.requiresTenderInfo,
            updatedAt: now,
            updatedBy: actor.userId,
          };
          if (s.id) {
            await repo.updateStage(tx, s.id, values);
            if (byId.get(s.id)!.probability !== s.probability)
              followed[s.code] = await repo.followStageProbability(tx, s.id, s.probability);
          } else {
            await repo.insertStages(tx, [{ ...values, createdAt: now, createdBy: actor.userId }]);
          }
        }
        const after = await repo.listStages(tx);
        await writeAudit(tx, actor, {
          action: 'opportunity_pipeline.update',
          entityType: 'opportunity_pipeline',
          entityId: '1',
          before: { stages: before.map(toStageDto) },
          after: { stages: after.map(toStageDto) },
          meta: { removed: removed.map((s) => s.code), probabilityFollowed: followed },
        });
      });
      return toDto(db);
    },
  };
}
export type PipelineService = ReturnType<typeof createPipelineService>;
