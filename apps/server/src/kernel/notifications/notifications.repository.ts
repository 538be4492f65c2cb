import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { notification } from '../kernel.schema.ts';

export type NotificationRow = typeof notification.$inferSelect;
export type NewNotificationRow = typeof notification.$inferInsert;

export async function insertNotifications(db: Db, rows: NewNotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db.insert(notification).values(rows).returning();
}

export async function listNotifications(
  db: Db,
  userId: string,
  opts: { unread?: boolean; limit: number; after?: { createdAt: Date; id: string } },
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notification)
    .where(
      and(
        eq(notification.userId, userId),
        opts.unread ? isNull(notification.readAt) : undefined,
        opts.after ? sql`(${notification.createdAt}, ${notification.id}) < (${opts.after.createdAt}, ${opts.after.id})` : undefined,
      ),
    )
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(opts.limit);
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notification)
    .where(and(eq(notification.userId, userId), isNull(notification.readAt)));
  return Number(row?.n ?? 0);
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all', at: Date): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: at })
    .where(and(eq(notification.userId, userId), isNull(notification.readAt), ids === 'all' ? undefined : inArray(notification.id, ids)))
    .returning({ id: notification.id });
  return rows.length;
}
