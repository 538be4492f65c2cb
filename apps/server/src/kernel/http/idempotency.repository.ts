import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { idempotencyKey } from '../kernel.schema.ts';

export type IdempotencyRow = typeof idempotencyKey.$inferSelect;

/** Claims the key; returns the existing row when another request holds it already. */
export async function claimIdempotencyKey(
  db: Db,
  row: { principal: string; key: string; method: string; path: string; requestHash: string },
): Promise<IdempotencyRow | null> {
  const inserted = await db
    .insert(idempotencyKey)
    .values({ ...row, state: 'pending' })
    .onConflictDoNothing()
    .returning({ key: idempotencyKey.key });
  if (inserted.length > 0) return null;
  const [existing] = await db
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.principal, row.principal), eq(idempotencyKey.key, row.key)));
  return existing ?? null;
}

export async function completeIdempotencyKey(
  db: Db,
  id: { principal: string; key: string },
  response: { statusCode: number; body: string; type: string | null },
): Promise<void> {
  await db
    .update(idempotencyKey)
    .set({ state: 'completed', statusCode: response.statusCode, responseBody: response.body, responseType: response.type })
    .where(and(eq(idempotencyKey.principal, id.principal), eq(idempotencyKey.key, id.key)));
}

export async function releaseIdempotencyKey(db: Db, id: { principal: string; key: string }): Promise<void> {
  await db.delete(idempotencyKey).where(and(eq(idempotencyKey.principal, id.principal), eq(idempotencyKey.key, id.key)));
}

export async function deleteIdempotencyKeysBefore(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(idempotencyKey).where(lt(idempotencyKey.createdAt, before)).returning({ key: idempotencyKey.key });
  return rows.length;
}
