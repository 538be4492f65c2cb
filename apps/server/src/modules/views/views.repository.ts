import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Db } from '../../kernel/db/database.ts';
import { updateVersioned } from '../../kernel/db/versioned.ts';
import { savedView } from './views.schema.ts';

export type SavedViewRow = typeof savedView.$inferSelect;
export type NewSavedViewRow = typeof savedView.$inferInsert;

/** Every query names the user: views are private to the user who saved them. */
const own = (userId: string, entityType: string) => and(eq(savedView.userId, userId), eq(savedView.entityType, entityType));

export async function listSavedViews(db: Db, userId: string, entityType: string): Promise<SavedViewRow[]> {
  return db.select().from(savedView).where(own(userId, entityType)).orderBy(asc(savedView.createdAt), asc(savedView.id));
}

export async function countSavedViews(db: Db, userId: string, entityType: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(savedView).where(own(userId, entityType));
  return row?.n ?? 0;
}

export async function findSavedView(db: Db, userId: string, entityType: string, id: string): Promise<SavedViewRow | undefined> {
  const [row] = await db
    .select()
    .from(savedView)
    .where(and(own(userId, entityType), eq(savedView.id, id)));
  return row;
}

export async function insertSavedView(db: Db, row: NewSavedViewRow): Promise<SavedViewRow> {
  const [inserted] = await db.insert(savedView).values(row).returning();
  return inserted!;
}

export async function updateSavedView(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewSavedViewRow>,
): Promise<SavedViewRow | undefined> {
  return updateVersioned(db, savedView, id, version, set);
}

export async function deleteSavedView(db: Db, id: string): Promise<void> {
  await db.delete(savedView).where(eq(savedView.id, id));
}

/** The user's current default view of the list stops being the default; returns it (for the audit). */
export async function clearDefaultView(db: Db, userId: string, entityType: string, exceptId?: string): Promise<SavedViewRow[]> {
  const rows = await db
    .update(savedView)
    .set({ isDefault: false })
    .where(and(own(userId, entityType), eq(savedView.isDefault, true), exceptId ? ne(savedView.id, exceptId) : undefined))
    .returning();
  return rows;
}
