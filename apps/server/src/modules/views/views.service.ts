import { SAVED_VIEW_MAX_PER_LIST, type TSavedView, type TSavedViewEntity } from '@crm/contracts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { iso } from '../../kernel/http/pagination.ts';
import * as repo from './views.repository.ts';
import { SavedViewErrorCode } from './views.errors.ts';

/** A view's content, already checked against its list's contract by the route. */
export type SavedViewInput = {
  name: string;
  filters: Record<string, unknown>;
  sort?: string | null;
  columns?: readonly string[];
  isDefault?: boolean;
};
export type SavedViewUpdate = Partial<SavedViewInput> & { version: number };

function toDto(row: repo.SavedViewRow): TSavedView {
  return {
    id: row.id,
    entityType: row.entityType as TSavedViewEntity,
    name: row.name,
    filters: row.filters,
    sort: row.sort,
    columns: row.columns,
    isDefault: row.isDefault,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** Only signed-in users keep views; a system actor has none. */
function userOf(actor: Actor): string {
  if (!actor.userId) throw new AppError(CommonError.FORBIDDEN);
  return actor.userId;
}

/**
 * Saved views are private to their user: every read and write names the user, so another user's
 * view answers 404 whatever the caller's data scope. Views hold no business data, so the data-scope
 * helper does not apply; the list a view opens is scoped when it is queried.
 */
export function createSavedViewService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const audit = (tx: Db, actor: Actor, action: string, id: string, before?: repo.SavedViewRow, after?: repo.SavedViewRow) =>
    writeAudit(tx, actor, {
      action: `saved_view.${action}`,
      entityType: 'saved_view',
      entityId: id,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
    });

  /** Clears the user's other default view (audited as an update of that view). */
  async function takeDefault(tx: Db, actor: Actor, userId: string, entityType: TSavedViewEntity, exceptId?: string) {
    const cleared = await repo.clearDefaultView(tx, userId, entityType, exceptId);
    for (const row of cleared) await audit(tx, actor, 'update', row.id, { ...row, isDefault: true }, row);
  }

  return {
    async list(actor: Actor, entityType: TSavedViewEntity): Promise<TSavedView[]> {
      return (await repo.listSavedViews(db, userOf(actor), entityType)).map(toDto);
    },

    async create(actor: Actor, entityType: TSavedViewEntity, input: SavedViewInput): Promise<TSavedView> {
      const userId = userOf(actor);
      const row = await withTx(db, async (tx) => {
        if ((await repo.countSavedViews(tx, userId, entityType)) >= SAVED_VIEW_MAX_PER_LIST) {
          throw new AppError(SavedViewErrorCode.SAVED_VIEW_LIMIT_REACHED);
        }
        if (input.isDefault) await takeDefault(tx, actor, userId, entityType);
        const now = clock.now();
        const created = await repo.insertSavedView(tx, {
          userId,
          entityType,
          name: input.name,
          filters: input.filters,
          sort: input.sort ?? null,
          columns: [...(input.columns ?? [])],
          isDefault: input.isDefault ?? false,
          createdAt: now,
          updatedAt: now,
          createdBy: userId,
          updatedBy: userId,
        });
        await audit(tx, actor, 'create', created.id, undefined, created);
        return created;
      });
      return toDto(row);
    },

    async update(actor: Actor, entityType: TSavedViewEntity, id: string, input: SavedViewUpdate): Promise<TSavedView> {
      const userId = userOf(actor);
      const row = await withTx(db, async (tx) => {
        const before = await repo.findSavedView(tx, userId, entityType, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        if (before.version !== input.version) throw new AppError(CommonError.STALE_VERSION);
        if (input.isDefault) await takeDefault(tx, actor, userId, entityType, id);
        const updated = await repo.updateSavedView(tx, id, input.version, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.filters !== undefined ? { filters: input.filters } : {}),
          ...(input.sort !== undefined ? { sort: input.sort } : {}),
          ...(input.columns !== undefined ? { columns: [...input.columns] } : {}),
          ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
          updatedAt: clock.now(),
          updatedBy: userId,
        });
        if (!updated) throw new AppError(CommonError.STALE_VERSION);
        await audit(tx, actor, 'update', id, before, updated);
        return updated;
      });
      return toDto(row);
    },

    async remove(actor: Actor, entityType: TSavedViewEntity, id: string): Promise<void> {
      const userId = userOf(actor);
      await withTx(db, async (tx) => {
        const before = await repo.findSavedView(tx, userId, entityType, id);
        if (!before) throw new AppError(CommonError.NOT_FOUND);
        await repo.deleteSavedView(tx, id);
        await audit(tx, actor, 'delete', id, before);
      });
    },
  };
}
export type SavedViewService = ReturnType<typeof createSavedViewService>;
