import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { insertAuditEntries, type NewAuditRow } from './audit.repository.ts';
import { readLogOf } from './read-audit.ts';

export type AuditInput = {
  action: string;
  entityType?: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  meta?: Record<string, unknown>;
};

export type AuditChanges = Record<string, { from?: unknown; to?: unknown }>;

/** Keys whose values never enter the log; a change to them is recorded as a change, without values. */
const SECRET_KEY = /pass(word)?|secret|token|hash|credential|cookie|authorization/i;
/** Keys whose values are kept only as their last four characters. */
const MASKED_KEY = /bankAccount|accountNumber|idCard/i;
/** Bookkeeping that changes on every write and says nothing. */
const IGNORED_KEYS = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy']);

function normalise(key: string, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (SECRET_KEY.test(key)) return '***';
  if (MASKED_KEY.test(key) && typeof value === 'string') {
    return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
  }
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return sanitize(value as Record<string, unknown>);
  return value;
}

function sanitize(value: Record<string, unknown> | unknown[]): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise('', v));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(k, v)]));
}

/** The changed fields between two versions of a record, secrets redacted. */
export function diffChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): AuditChanges | null {
  // An update compares the fields the new version has; a create or delete lists every field.
  const keys = new Set(before && after ? Object.keys(after) : [...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChanges = {};
  for (const key of keys) {
    if (IGNORED_KEYS.has(key)) continue;
    const from = before ? normalise(key, before[key]) : undefined;
    const to = after ? normalise(key, after[key]) : undefined;
    const changed = SECRET_KEY.test(key)
      ? before?.[key] !== after?.[key] && !(before && after && JSON.stringify(before[key]) === JSON.stringify(after[key]))
      : JSON.stringify(from) !== JSON.stringify(to);
    if (!changed) continue;
    const entry: { from?: unknown; to?: unknown } = {};
    if (before) entry.from = from ?? null;
    if (after) entry.to = to ?? null;
    changes[key] = entry;
  }
  return Object.keys(changes).length > 0 ? changes : null;
}

/** The audit rows of the inputs, as the actor wrote them (secrets redacted, changes computed). */
export function auditRows(actor: Actor, inputs: AuditInput[], at?: Date): NewAuditRow[] {
  return inputs.map((i) => ({
    ...(at ? { at } : {}),
    actorId: actor.userId,
    actorName: actor.kind === 'system' ? actor.username : actor.displayName,
    ip: actor.ip,
    userAgent: actor.userAgent,
    requestId: actor.requestId,
    action: i.action,
    entityType: i.entityType ?? null,
    entityId: i.entityId ?? null,
    changes: i.before !== undefined || i.after !== undefined ? diffChanges(i.before, i.after) : null,
    meta: i.meta ? (sanitize(i.meta) as Record<string, unknown>) : null,
  }));
}

/**
 * Writes audit entries in the caller's transaction, so the entry commits or rolls back with the
 * change it describes. Several entries go in one multi-row insert.
 */
export async function writeAudit(db: Db, actor: Actor, input: AuditInput | AuditInput[]): Promise<void> {
  const inputs = Array.isArray(input) ? input : [input];
  if (inputs.length === 0) return;
  await insertAuditEntries(db, auditRows(actor, inputs));
}

/**
 * Records that someone read a record or a list (no change). Given the application's database, the
 * entry joins the batch of the read log (see read-audit.ts) and is written at most a moment later;
 * inside a transaction, or where no read log runs, it is written at once like any entry.
 */
export async function writeReadAudit(db: Db, actor: Actor, input: AuditInput | AuditInput[]): Promise<void> {
  const inputs = Array.isArray(input) ? input : [input];
  if (inputs.length === 0) return;
  const log = readLogOf(db);
  if (log) log.record(auditRows(actor, inputs, new Date()));
  else await insertAuditEntries(db, auditRows(actor, inputs));
}

/** A list read: who listed which records with which filter (the paging parameters left out). */
export function writeListAudit(
  db: Db,
  actor: Actor,
  what: { action: string; entityType: string },
  query: { limit?: unknown; cursor?: unknown } & Record<string, unknown>,
): Promise<void> {
  const { limit: _limit, cursor: _cursor, ...filter } = query;
  return writeReadAudit(db, actor, { ...what, meta: { filter } });
}
