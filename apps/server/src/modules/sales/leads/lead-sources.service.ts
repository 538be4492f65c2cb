import { DEFAULT_LEAD_SOURCES, type TLeadSource, type TLeadSourcesUpdate } from '@crm/contracts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { asSystem, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { LeadErrorCode } from './leads.errors.ts';
import * as repo from './leads.repository.ts';

const toDto = (r: repo.LeadSourceRow): TLeadSource => ({ id: r.id, name: r.name, isActive: r.isActive, sortOrder: r.sortOrder });

/** 线索来源: the configurable list of sources; a lead's source is one of the active ones. */
export function createLeadSourceService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const list = async (): Promise<TLeadSource[]> => (await repo.listSources(db)).map(toDto);
  return {
    /** Puts the default sources in place on an installation that has none (runs at every start). */
    async ensureDefaults(): Promise<void> {
      if ((await repo.countSources(db)) > 0) return;
      await withTx(db, async (tx) => {
        const now = clock.now();
        const inserted = await repo.insertSources(
          tx,
          DEFAULT_LEAD_SOURCES.map((name, i) => ({ name, sortOrder: i + 1, createdAt: now, updatedAt: now })),
        );
        if (inserted.length > 0) {
          await writeAudit(tx, asSystem('lead-sources'), { action: 'lead_source.defaults', meta: { names: inserted.map((s) => s.name) } });
        }
      });
    },

    list,

    /** Refuses a source that is not an active one (a lead may keep the inactive source it already has). */
    async assertUsable(source: string | null | undefined, current?: string | null): Promise<void> {
      if (!source || source === current) return;
      const active = (await repo.listSources(db)).filter((s) => s.isActive).map((s) => s.name);
      if (!active.includes(source)) {
        throw new AppError(LeadErrorCode.LEAD_SOURCE_UNKNOWN, {
          params: { source },
          fields: [{ path: 'source', code: 'unknown', messageKey: 'error.LEAD_SOURCE_UNKNOWN' }],
        });
      }
    },

    /** Replaces the list: entries keep their id, new ones are added, the ones left out are deactivated (leads keep their text). */
    async update(actor: Actor, input: TLeadSourcesUpdate): Promise<TLeadSource[]> {
      const names = input.sources.map((s) => s.name);
      if (new Set(names).size !== names.length) {
        throw new AppError(CommonError.CONFLICT, { fields: [{ path: 'sources', code: 'duplicate', messageKey: 'error.CONFLICT' }] });
      }
      await withTx(db, async (tx) => {
        const before = await repo.lockSources(tx);
        const byId = new Map(before.map((s) => [s.id, s]));
        const now = clock.now();
        const keep = new Set(input.sources.flatMap((s) => (s.id ? [s.id] : [])));
        for (const id of keep) if (!byId.has(id)) throw new AppError(CommonError.NOT_FOUND);
        // Names of rows that go away or get renamed are freed first, so that names can move between rows.
        for (const s of before) {
          const next = input.sources.find((i) => i.id === s.id);
          if (!next && s.isActive)
            await repo.updateSource(tx, s.id, { isActive: false, sortOrder: 1000, updatedAt: now, updatedBy: actor.userId });
          if (next && next.name !== s.name) await repo.updateSource(tx, s.id, { name: `~${s.id}`, updatedAt: now });
        }
        for (const [i, s] of input.sources.entries()) {
          const sortOrder = i + 1;
          if (s.id) {
            await repo.updateSource(tx, s.id, { name: s.name, isActive: s.isActive, sortOrder, updatedAt: now, updatedBy: actor.userId });
          } else {
            const taken = before.find((b) => b.name === s.name && !keep.has(b.id));
            if (taken) {
              await repo.updateSource(tx, taken.id, { isActive: s.isActive, sortOrder, updatedAt: now, updatedBy: actor.userId });
            } else {
              await repo.insertSources(tx, [
                {
                  name: s.name,
                  isActive: s.isActive,
                  sortOrder,
                  createdAt: now,
                  updatedAt: now,
                  createdBy: actor.userId,
                  updatedBy: actor.userId,
                },
              ]);
            }
          }
        }
        const after = await repo.listSources(tx);
        await writeAudit(tx, actor, {
          action: 'lead_source.update',
          entityType: 'lead_source',
          before: { sources: before.map(toDto) },
          after: { sources: after.map(toDto) },
        });
      });
      return list();
    },
  };
}
export type LeadSourceService = ReturnType<typeof createLeadSourceService>;
