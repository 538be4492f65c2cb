import { Permission, ZMergeableFieldValues, type TCustomerMerge, type TMergeableField, type TMergeCustomers } from '@crm/contracts';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import { hasPermission, type Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../../kernel/errors.ts';
import { iso } from '../../../kernel/http/pagination.ts';
import type { TaskService } from '../../tasks/index.ts';
import type { CustomerExtensions } from '../customer-extensions.ts';
import { CustomerErrorCode } from '../customers.errors.ts';
import * as customers from '../customers.repository.ts';
import { searchKeys } from '../customers.service.ts';
import type { MergeMoved } from '../merge.schema.ts';
import { MergeErrorCode } from './merge.errors.ts';
import * as repo from './merge.repository.ts';

type FieldValues = Partial<Record<TMergeableField, unknown>>;

/** Values as JSON keeps them, so that "changed since the merge" compares like with like. */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const pick = (row: customers.CustomerRow, fields: readonly TMergeableField[]): FieldValues =>
  Object.fromEntries(fields.map((f) => [f, row[f]]));
const laterOf = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * 客户合并: the survivor takes the chosen field values and every record of the merged customer
 * (contacts, activities, tasks, each registered module's records); the merged customer stays as a
 * hidden row pointing to the survivor. Undo within the window moves exactly those rows back.
 */
export function createMergeService(deps: {
  db: Db;
  clock: Clock;
  tasks: Pick<TaskService, 'moveRelated' | 'moveRelatedBack'>;
  extensions: Pick<CustomerExtensions, 'list'>;
  undoWindowHours: number;
}) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => scopeFilter(actor, customers.customerScopeColumns);
  const undoUntil = (m: repo.MergeRow) => new Date(m.createdAt.getTime() + deps.undoWindowHours * 3_600_000);
  const mayUndo = (actor: Actor, m: repo.MergeRow) =>
    hasPermission(actor, Permission.customerMerge) &&
    ((m.actorId !== null && m.actorId === actor.userId) || hasPermission(actor, Permission.customerMergeUndoAny));

  function toDto(actor: Actor, m: repo.MergeRow): TCustomerMerge {
    const movedCounts: Record<string, number> = {
      contacts: m.moved.contacts.length,
      activities: m.moved.activities.length,
      tasks: m.moved.tasks.length,
    };
    for (const [key, moved] of Object.entries(m.moved.extensions)) movedCounts[key] = moved.reduce((n, r) => n + r.ids.length, 0);
    const until = undoUntil(m);
    return {
      id: m.id,
      survivorId: m.survivorId,
      mergedId: m.mergedId,
      mergedName: m.mergedName,
      reason: m.reason,
      actorId: m.actorId,
      actorName: m.actorName,
      takenFields: Object.keys(m.survivorAfter) as TMergeableField[],
      movedCounts,
      createdAt: iso(m.createdAt),
      undoneAt: iso(m.undoneAt),
      undoUntil: until.toISOString(),
      canUndo: m.undoneAt === null && clock.now() <= until && mayUndo(actor, m),
    };
  }

  /** Locks both customers (in id order) within the actor's scope; either outside it answers 404. */
  async function lockPair(tx: Db, actor: Actor, survivorId: string, mergedId: string) {
    const locked = new Map<string, customers.CustomerRow>();
    for (const id of repo.lockOrder(survivorId, mergedId)) {
      const row = await customers.lockCustomer(tx, id, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      locked.set(id, row);
    }
    return { survivor: locked.get(survivorId)!, merged: locked.get(mergedId)! };
  }

  return {
    /** How long a merge can be undone (configuration: CRM_MERGE_UNDO_HOURS). */
    undoWindowHours: deps.undoWindowHours,

    async merge(actor: Actor, survivorId: string, input: TMergeCustomers): Promise<TCustomerMerge> {
      if (survivorId === input.mergedId) throw new AppError(MergeErrorCode.MERGE_SAME_CUSTOMER);
      const row = await withTx(db, async (tx) => {
        const { survivor, merged } = await lockPair(tx, actor, survivorId, input.mergedId);
        if (survivor.mergedIntoId || merged.mergedIntoId) throw new AppError(CustomerErrorCode.CUSTOMER_MERGED);
        const now = clock.now();
        const taken = ZMergeableFieldValues.filter((f) => input.fields[f] === 'merged' && !same(survivor[f], merged[f]));
        const takenValues = pick(merged, taken) as Partial<customers.NewCustomerRow>;
        const renamed = taken.includes('name') || taken.includes('shortName');

        // The merged customer lets go of its credit code first: the survivor may take it (unique index).
        const mergedAfter = await customers.updateCustomer(tx, merged.id, merged.version, {
          mergedIntoId: survivor.id,
          mergedAt: now,
          creditCode: null,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        const survivorAfter = await customers.updateCustomer(tx, survivor.id, survivor.version, {
          ...takenValues,
          ...(renamed ? searchKeys(takenValues.name ?? survivor.name, takenValues.shortName ?? survivor.shortName) : {}),
          lastActivityAt: laterOf(survivor.lastActivityAt, merged.lastActivityAt),
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!mergedAfter || !survivorAfter) throw new AppError(CommonError.STALE_VERSION);

        const survivorHasPrimary = await repo.hasPrimaryContact(tx, survivor.id);
        const contacts = await repo.moveContacts(tx, merged.id, survivor.id);
        const demoted = survivorHasPrimary ? contacts.filter((c) => c.isPrimary).map((c) => c.id) : [];
        await repo.setContactsPrimary(tx, demoted, false);
        const activities = await repo.moveActivities(tx, merged.id, survivor.id);
        const tasks = await deps.tasks.moveRelated(tx, actor, {
          type: 'customer',
          fromId: merged.id,
          toId: survivor.id,
          toLabel: survivorAfter.name,
        });
        const extensions: MergeMoved['extensions'] = {};
        for (const ext of deps.extensions.list()) {
          if (ext.moveOnMerge) extensions[ext.key] = await ext.moveOnMerge(tx, { customerId: merged.id }, { customerId: survivor.id });
        }
        const moved: MergeMoved = { contacts: contacts.map((c) => c.id), demotedPrimaryContacts: demoted, activities, tasks, extensions };

        const record = await repo.insertMerge(tx, {
          survivorId: survivor.id,
          mergedId: merged.id,
          mergedName: merged.name,
          reason: input.reason,
          choices: input.fields,
          survivorBefore: pick(survivor, taken),
          survivorAfter: pick(survivorAfter, taken),
          mergedCreditCode: merged.creditCode,
          survivorLastActivityAt: survivor.lastActivityAt,
          moved,
          actorId: actor.userId,
          actorName: actor.displayName,
          createdAt: now,
        });
        await writeAudit(tx, actor, [
          {
            action: 'customer.merge',
            entityType: 'customer',
            entityId: survivor.id,
            before: pick(survivor, taken),
            after: pick(survivorAfter, taken),
            meta: { mergeId: record.id, mergedId: merged.id, mergedName: merged.name, reason: input.reason, moved },
          },
          {
            action: 'customer.merged_into',
            entityType: 'customer',
            entityId: merged.id,
            before: { mergedIntoId: null, creditCode: merged.creditCode },
            after: { mergedIntoId: survivor.id, creditCode: null },
            meta: { mergeId: record.id, survivorId: survivor.id, survivorName: survivorAfter.name, reason: input.reason },
          },
        ]);
        return record;
      });
      return toDto(actor, row);
    },

    async undo(actor: Actor, mergeId: string): Promise<TCustomerMerge> {
      const row = await withTx(db, async (tx) => {
        const m = await repo.lockMerge(tx, mergeId);
        if (!m) throw new AppError(CommonError.NOT_FOUND);
        const { survivor, merged } = await lockPair(tx, actor, m.survivorId, m.mergedId);
        if (m.undoneAt || merged.mergedIntoId !== survivor.id) throw new AppError(MergeErrorCode.MERGE_ALREADY_UNDONE);
        // The survivor was itself merged away since: its records have moved on, undo that merge first.
        if (survivor.mergedIntoId) throw new AppError(CustomerErrorCode.CUSTOMER_MERGED);
        if (!mayUndo(actor, m)) throw new AppError(MergeErrorCode.MERGE_UNDO_NOT_ALLOWED);
        const now = clock.now();
        if (now > undoUntil(m)) throw new AppError(MergeErrorCode.MERGE_UNDO_EXPIRED, { params: { hours: deps.undoWindowHours } });
        const fields = Object.keys(m.survivorAfter) as TMergeableField[];
        const changed = fields.filter((f) => !same(survivor[f], m.survivorAfter[f]));
        if (changed.length > 0) {
          throw new AppError(MergeErrorCode.MERGE_UNDO_FIELDS_CHANGED, {
            params: { fields: changed.join(', ') },
            extensions: { fields: changed },
          });
        }

        // The survivor gives back what it took (perhaps the credit code) before the merged customer gets its own back.
        const restored = m.survivorBefore as Partial<customers.NewCustomerRow>;
        const renamed = fields.includes('name') || fields.includes('shortName');
        const survivorAfter = await customers.updateCustomer(tx, survivor.id, survivor.version, {
          ...restored,
          ...(renamed
            ? searchKeys(restored.name ?? survivor.name, restored.shortName === undefined ? survivor.shortName : restored.shortName)
            : {}),
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (m.mergedCreditCode && (await repo.creditCodeHolder(tx, m.mergedCreditCode, merged.id))) {
          throw new AppError(MergeErrorCode.MERGE_UNDO_CREDIT_CODE_TAKEN);
        }
        const mergedAfter = await customers.updateCustomer(tx, merged.id, merged.version, {
          mergedIntoId: null,
          mergedAt: null,
          creditCode: m.mergedCreditCode,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!survivorAfter || !mergedAfter) throw new AppError(CommonError.STALE_VERSION);

        const contacts = await repo.moveContactsBack(tx, m.moved.contacts, survivor.id, merged.id);
        await repo.setContactsPrimary(
          tx,
          m.moved.demotedPrimaryContacts.filter((id) => contacts.includes(id)),
          true,
        );
        const activities = await repo.moveActivitiesBack(tx, m.moved.activities, survivor.id, merged.id);
        const tasks = await deps.tasks.moveRelatedBack(tx, actor, {
          type: 'customer',
          ids: m.moved.tasks,
          fromId: survivor.id,
          toId: merged.id,
          toLabel: merged.name,
        });
        const registered = new Map(deps.extensions.list().map((e) => [e.key, e]));
        for (const [key, moved] of Object.entries(m.moved.extensions)) {
          const ext = registered.get(key);
          if (!ext?.undoMove) throw new Error(`Customer extension "${key}" moved records on merge but cannot move them back`);
          await ext.undoMove(tx, moved, { customerId: merged.id });
        }
        // The survivor's last activity is again its own (activities recorded since the merge count).
        await repo.setLastActivityAt(tx, survivor.id, laterOf(m.survivorLastActivityAt, await repo.latestActivityAt(tx, survivor.id)));

        const undone = await repo.markMergeUndone(tx, m.id, now, actor.userId);
        const back = { contacts, activities, tasks, extensions: Object.keys(m.moved.extensions) };
        await writeAudit(tx, actor, [
          {
            action: 'customer.merge_undo',
            entityType: 'customer',
            entityId: survivor.id,
            before: pick(survivor, fields),
            after: pick(survivorAfter, fields),
            meta: { mergeId: m.id, mergedId: merged.id, movedBack: back },
          },
          {
            action: 'customer.merge_undo',
            entityType: 'customer',
            entityId: merged.id,
            before: { mergedIntoId: survivor.id, creditCode: null },
            after: { mergedIntoId: null, creditCode: m.mergedCreditCode },
            meta: { mergeId: m.id, survivorId: survivor.id },
          },
        ]);
        return undone;
      });
      return toDto(actor, row);
    },

    /** Merges into this customer that can still be undone (for the banner on its page). */
    async listUndoable(actor: Actor, customerId: string): Promise<TCustomerMerge[]> {
      const row = await customers.findCustomer(db, customerId, scopeOf(actor));
      if (!row) throw new AppError(CommonError.NOT_FOUND);
      const since = new Date(clock.now().getTime() - deps.undoWindowHours * 3_600_000);
      return (await repo.listRecentMerges(db, customerId, since)).map((m) => toDto(actor, m));
    },
  };
}
export type MergeService = ReturnType<typeof createMergeService>;
