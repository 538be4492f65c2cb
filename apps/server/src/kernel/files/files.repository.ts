import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { storedFile } from '../kernel.schema.ts';

export type StoredFileRow = typeof storedFile.$inferSelect;

export async function insertStoredFile(db: Db, row: typeof storedFile.$inferInsert): Promise<StoredFileRow> {
  const [inserted] = await db.insert(storedFile).values(row).returning();
  return inserted!;
}

export async function findStoredFile(db: Db, id: string, scope: SQL | undefined): Promise<StoredFileRow | undefined> {
  const [row] = await db
    .select()
    .from(storedFile)
    .where(and(eq(storedFile.id, id), scope));
  return row;
}

export const storedFileScope = { owner: storedFile.ownerId, department: storedFile.departmentId };
