import type { TPage } from '@crm/contracts';
import { z } from 'zod';
import { AppError, CommonError } from '../errors.ts';

/** Opaque keyset cursors: the sort values of the last row of a page, as base64url JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, schema: T): z.infer<T> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the coded error
  }
  throw new AppError(CommonError.VALIDATION_FAILED, {
    fields: [{ path: 'cursor', code: 'invalid_cursor', messageKey: 'validation.invalidCursor' }],
  });
}

/**
 * Turns `limit + 1` fetched rows into a page: when the extra row exists there is a next page,
 * whose cursor is the sort key of the last row shown.
 */
export function toPage<R, T>(rows: R[], limit: number, cursorOf: (row: R) => readonly unknown[], map: (row: R) => T): TPage<T> {
  const hasMore = rows.length > limit;
  const shown = hasMore ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(map), nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

export const ZTimeIdCursor = z.tuple([z.iso.datetime(), z.union([z.number().int(), z.string()])]);
export const ZTextIdCursor = z.tuple([z.string(), z.string()]);

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
