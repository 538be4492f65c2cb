import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/actor.ts';
import { hasPermission } from '../auth/actor.ts';
import { AppError, CommonError } from '../errors.ts';
import { recordShare } from '../kernel.schema.ts';

/** How a table tells who owns a record and which department it belongs to. */
export type ScopedColumns = {
  /** The owner (a user id). */
  owner: AnyPgColumn;
  /** The owning department; without it, department scope falls back to owners in the subtree. */
  department?: AnyPgColumn;
  /** With `entityType`, records explicitly shared with the actor (record_share) are visible too. */
  id?: AnyPgColumn;
  entityType?: string;
};

/**
 * The data-scope helper: the condition that limits a query of business records to what the actor
 * may see (own / department subtree / all, plus explicit shares). Every business query puts it in
 * its WHERE clause; `undefined` means no limit (scope "all"). A system actor (`asSystem`) sees all.
 */
export function scopeFilter(actor: Actor, cols: ScopedColumns): SQL | undefined {
  if (actor.dataScope === 'all') return undefined;
  const ownerId = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  const conditions: SQL[] = [eq(cols.owner, ownerId)];
  if (actor.dataScope === 'department' && actor.departmentIds.length > 0 && cols.department) {
    conditions.push(inArray(cols.department, [...actor.departmentIds]));
  }
  if (cols.id && cols.entityType) {
    // An array of the shared ids rather than a correlated EXISTS: the planner can then use the
    // owner index and an id lookup instead of walking the whole table for a user who owns little.
    conditions.push(
      sql`${cols.id} = any(array(select ${recordShare.entityId} from ${recordShare} where ${recordShare.entityType} = ${cols.entityType} and ${recordShare.userId} = ${ownerId}))`,
    );
  }
  return conditions.length === 1 ? conditions[0] : or(...conditions);
}

/**
 * The data scope split into disjoint parts, for queries that read each part through its own index
 * and add the parts up: the records of each department of the subtree (an index probe per
 * department keeps the index order, where one OR over owner, departments and shares does not), then
 * the actor's own records outside those departments, then records shared with the actor outside both.
 * Together the parts are exactly what `scopeFilter` lets through. `null` means no limit (scope "all").
 */
export type ScopeParts = { departmentIds: readonly string[]; others: SQL[] };

export function scopeParts(actor: Actor, cols: ScopedColumns): ScopeParts | null {
  if (actor.dataScope === 'all') return null;
  const ownerId = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  const departmentIds = actor.dataScope === 'department' && cols.department ? [...actor.departmentIds] : [];
  const outsideDepartments =
    departmentIds.length > 0 && cols.department
      ? sql`(${cols.department} is null or not (${inArray(cols.department, departmentIds)}))`
      : undefined;
  const others: SQL[] = [and(eq(cols.owner, ownerId), outsideDepartments)!];
  if (cols.id && cols.entityType) {
    others.push(
      and(
        sql`${cols.id} = any(array(select ${recordShare.entityId} from ${recordShare} where ${recordShare.entityType} = ${cols.entityType} and ${recordShare.userId} = ${ownerId}))`,
        sql`${cols.owner} is distinct from ${ownerId}`,
        outsideDepartments,
      )!,
    );
  }
  return { departmentIds, others };
}

/** Combines the scope with the query's own conditions. */
export function scoped(actor: Actor, cols: ScopedColumns, ...where: (SQL | undefined)[]): SQL | undefined {
  return and(scopeFilter(actor, cols), ...where);
}

export function requirePermission(actor: Actor, permission: string): void {
  if (!hasPermission(actor, permission)) throw new AppError(CommonError.FORBIDDEN);
}

/* ---------------------------------------------------------------- field-level rules */

const protectedFields = new Map<string, Map<string, string>>();

/**
 * Declares fields of an entity that only holders of a permission may see (e.g. standard cost needs
 * `field:cost`). Modules call this once at load time for each of their protected fields.
 */
export function defineProtectedFields(entityType: string, fields: Record<string, string>): void {
  const map = protectedFields.get(entityType) ?? new Map<string, string>();
  for (const [field, permission] of Object.entries(fields)) map.set(field, permission);
  protectedFields.set(entityType, map);
}

export function canSeeField(actor: Actor, entityType: string, field: string): boolean {
  const permission = protectedFields.get(entityType)?.get(field);
  return permission === undefined || hasPermission(actor, permission);
}

/** Returns the record with the fields the actor may not see set to null. */
export function redactFields<T extends Record<string, unknown>>(actor: Actor, entityType: string, record: T): T {
  const fields = protectedFields.get(entityType);
  if (!fields) return record;
  let copy: Record<string, unknown> | undefined;
  for (const [field, permission] of fields) {
    if (field in record && !hasPermission(actor, permission)) {
      copy ??= { ...record };
      copy[field] = null;
    }
  }
  return (copy ?? record) as T;
}

/** Refuses input that sets a field the actor may not see (they cannot change what they cannot read). */
export function assertWritableFields(actor: Actor, entityType: string, input: Record<string, unknown>): void {
  const fields = protectedFields.get(entityType);
  if (!fields) return;
  const refused = [...fields].filter(([field, permission]) => input[field] !== undefined && !hasPermission(actor, permission));
  if (refused.length > 0) {
    throw new AppError(CommonError.FORBIDDEN, {
      fields: refused.map(([field]) => ({ path: field, code: 'forbidden', messageKey: 'error.FORBIDDEN' })),
    });
  }
}

/** Masks all but the last four characters, e.g. bank account numbers for users without the grant. */
export function maskTail(value: string | null | undefined, visible = 4): string | null {
  if (value === null || value === undefined) return null;
  if (value.length <= visible) return '*'.repeat(value.length);
  return `${'*'.repeat(value.length - visible)}${value.slice(-visible)}`;
}
