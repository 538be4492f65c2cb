import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { insertAuditEntries, type NewAuditRow } from './audit.repository.ts';

/** Entries waiting beyond this are dropped (with an error in the log) rather than held without end. */
const MAX_PENDING = 50_000;
/** Rows per insert statement. */
const BATCH_ROWS = 1_000;

/**
 * The read log: entries of reads (a record opened, a list filtered) gathered for up to `flushMs`
 * and written in one multi-row insert, instead of one insert and one commit per request. Changes
 * never go through it: they are written in their own transaction. The time of each entry is the
 * time of the read. On shutdown the last batch is written before the database closes.
 */
export function createReadAuditLog(deps: { db: Db; flushMs: number; logger: FastifyBaseLogger }) {
  let pending: NewAuditRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function write(rows: NewAuditRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const batch = rows.slice(i, i + BATCH_ROWS);
      try {
        await insertAuditEntries(deps.db, batch);
      } catch (err) {
        // Written again with the next batch; dropped only when far too many wait.
        deps.logger.error({ err, rows: batch.length }, 'read audit entries not written yet');
        pending = [...batch, ...rows.slice(i + BATCH_ROWS), ...pending];
        if (pending.length > MAX_PENDING) {
          deps.logger.error({ dropped: pending.length - MAX_PENDING }, 'read audit entries dropped');
          pending = pending.slice(pending.length - MAX_PENDING);
        }
        schedule();
        return;
      }
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const rows = pending;
    pending = [];
    writing = writing.then(() => (rows.length > 0 ? write(rows) : undefined));
    return writing;
  }

  function schedule(): void {
    timer ??= setTimeout(() => void flush(), deps.flushMs);
    timer.unref();
  }

  return {
    record(rows: NewAuditRow[]): void {
      pending.push(...rows);
      if (pending.length >= BATCH_ROWS) void flush();
      else schedule();
    },
    /** Writes what waits now (and waits for the batches under way). */
    flush,
  };
}
export type ReadAuditLog = ReturnType<typeof createReadAuditLog>;

const logs = new WeakMap<Db, ReadAuditLog>();

/** Read entries given this database handle (not a transaction of it) go to the log from now on. */
export function attachReadAuditLog(db: Db, log: ReadAuditLog): void {
  logs.set(db, log);
}

export function readLogOf(db: Db): ReadAuditLog | undefined {
  return logs.get(db);
}
