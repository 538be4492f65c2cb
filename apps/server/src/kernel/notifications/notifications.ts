import type { TNotification, TPage } from '@crm/contracts';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { hasMessage, translate, type Locale } from '../i18n.ts';
import { decodeCursor, iso, toPage } from '../http/pagination.ts';
import { countUnread, insertNotifications, listNotifications, markRead, type NotificationRow } from './notifications.repository.ts';

/**
 * Notifications are stored as a kind plus parameters and rendered in the reader's language:
 * a module registers `notification.<kind>.title` (and optionally `.body`) messages for its kinds.
 */
export type NotificationInput = {
  userIds: readonly string[];
  kind: string;
  params?: Record<string, unknown>;
  link?: string;
  entityType?: string;
  entityId?: string;
};

/** A channel beyond the in-app inbox (WeCom, e-mail) delivers after the transaction commits. */
export interface NotificationChannel {
  readonly name: string;
  deliver(notifications: readonly NotificationRow[]): Promise<void>;
}

/**
 * A parameter rendered in the reader's language: the message keys are translated and joined the
 * way the language lists things ("签订原件、技术协议" / "signed original, technical agreement").
 */
export type LocalizedList = { readonly messageKeys: readonly string[] };
export const localizedList = (messageKeys: readonly string[]): LocalizedList => ({ messageKeys });

const isLocalizedList = (v: unknown): v is LocalizedList =>
  typeof v === 'object' && v !== null && Array.isArray((v as LocalizedList).messageKeys);

function localizeParams(params: Record<string, unknown> | null | undefined, locale: Locale) {
  if (!params) return params ?? undefined;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params))
    out[name] = isLocalizedList(value)
      ? value.messageKeys.map((key) => translate(locale, key)).join(locale === 'zh-CN' ? '、' : ', ')
      : value;
  return out;
}

export function renderNotification(row: NotificationRow, locale: Locale): TNotification {
  const bodyKey = `notification.${row.kind}.body`;
  const params = localizeParams(row.params, locale);
  return {
    id: row.id,
    kind: row.kind,
    title: translate(locale, `notification.${row.kind}.title`, params),
    body: hasMessage(bodyKey) ? translate(locale, bodyKey, params) : null,
    link: row.link,
    entityType: row.entityType,
    entityId: row.entityId,
    readAt: iso(row.readAt),
    createdAt: iso(row.createdAt),
  };
}

const ZCursor = z.tuple([z.iso.datetime(), z.uuid()]);

export function createNotificationService(deps: { db: Db; clock: Clock; channels?: NotificationChannel[] }) {
  const channels = deps.channels ?? [];
  return {
    /**
     * Writes the inbox entries in the caller's transaction. External channels are handed the rows
     * through `dispatch`, which the caller runs after commit (never inside a transaction).
     */
    async notify(tx: Db, input: NotificationInput): Promise<NotificationRow[]> {
      const userIds = [...new Set(input.userIds)];
      return insertNotifications(
        tx,
        userIds.map((userId) => ({
          userId,
          kind: input.kind,
          params: input.params ?? {},
          link: input.link ?? null,
          entityType: input.entityType ?? null,
          entityId: input.entityId ?? null,
          createdAt: deps.clock.now(),
        })),
      );
    },

    async dispatch(rows: readonly NotificationRow[]): Promise<void> {
      if (rows.length === 0) return;
      await Promise.allSettled(channels.map((c) => c.deliver(rows)));
    },

    async list(actor: Actor, query: { unread?: boolean; limit: number; cursor?: string }, locale: Locale): Promise<TPage<TNotification>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const rows = await listNotifications(deps.db, actor.userId!, {
        unread: query.unread,
        limit: query.limit + 1,
        after: after ? { createdAt: new Date(after[0]), id: after[1] } : undefined,
      });
      return toPage(
        rows,
        query.limit,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => renderNotification(r, locale),
      );
    },

    async unreadCount(actor: Actor): Promise<number> {
      return countUnread(deps.db, actor.userId!);
    },

    async markRead(actor: Actor, input: { ids?: string[]; all?: boolean }): Promise<number> {
      return markRead(deps.db, actor.userId!, input.all ? 'all' : (input.ids ?? []), deps.clock.now());
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
