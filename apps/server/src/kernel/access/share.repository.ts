import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { recordShare } from '../kernel.schema.ts';

/** Shares a record with a user (for the "own" scope): they see it as if they owned it. */
export async function insertShare(
  db: Db,
  input: { entityType: string; entityId: string; userId: string; grantedBy: string | null },
): Promise<void> {
  await db.insert(recordShare).values(input).onConflictDoNothing();
}

export async function deleteShare(db: Db, input: { entityType: string; entityId: string; userId: string }): Promise<void> {
  await db
    .delete(recordShare)
    .where(
      and(eq(recordShare.entityType, input.entityType), eq(recordShare.entityId, input.entityId), eq(recordShare.userId, input.userId)),
    );
}

export async function listShares(db: Db, entityType: string, entityId: string): Promise<{ userId: string }[]> {
  return db
    .select({ userId: recordShare.userId })
    .from(recordShare)
    .where(and(eq(recordShare.entityType, entityType), eq(recordShare.entityId, entityId)));
}
