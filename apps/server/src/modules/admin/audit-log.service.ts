import { PassThrough, type Readable } from 'node:stream';
import type { TAuditEntry, TAuditExportQuery, TAuditQuery, TPage } from '@crm/contracts';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit, writeListAudit } from '../../kernel/audit/audit.ts';
import { listAuditEntries, listAuditEntriesOfActors, type AuditFilter, type AuditRow } from '../../kernel/audit/audit.repository.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { auditEntry } from '../../kernel/kernel.schema.ts';
import { decodeCursor, iso, toPage } from '../../kernel/http/pagination.ts';
import { translate, type Locale } from '../../kernel/i18n.ts';
import { appUser } from './admin.schema.ts';
import { listUserIdsInDepartments } from './org.repository.ts';

const ZCursor = z.tuple([z.iso.datetime(), z.number().int()]);
export const EXPORT_MAX_ROWS = 200_000;
/** Up to this many users in a reader's scope, their entries are merged per user (see listAuditEntriesOfActors). */
const PER_ACTOR_MERGE_MAX = 200;

function toDto(r: AuditRow): TAuditEntry {
  return {
    id: String(r.id),
    at: iso(r.at),
    actorId: r.actorId,
    actorName: r.actorName,
    ip: r.ip,
    requestId: r.requestId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: r.changes ?? null,
    meta: r.meta ?? null,
  };
}

/** Readers with a narrower scope than "all" see what the users of their department subtree did. */
function readerScope(actor: Actor): SQL | undefined {
  if (actor.dataScope === 'all') return undefined;
  if (actor.dataScope === 'own' || actor.departmentIds.length === 0) return sql`${auditEntry.actorId} = ${actor.userId}`;
  return sql`${auditEntry.actorId} in (select ${appUser.id} from ${appUser} where ${inArray(appUser.departmentId, [...actor.departmentIds])})`;
}

function toFilter(actor: Actor, q: Omit<TAuditQuery, 'limit' | 'cursor'>): AuditFilter {
  return {
    actorId: q.userId,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    scope: readerScope(actor),
  };
}

export function createAuditLogService(deps: { db: Db; clock: Clock }) {
  const { db } = deps;
  return {
    async list(actor: Actor, query: TAuditQuery): Promise<TPage<TAuditEntry>> {
      const after = decodeCursor(query.cursor, ZCursor);
      const { limit, cursor: _c, ...filter } = query;
      const auditFilter = toFilter(actor, filter);
      const pageSpec = { limit: limit + 1, after: after ? { at: new Date(after[0]), id: after[1] } : undefined };
      let rows: AuditRow[] | undefined;
      if (actor.dataScope === 'department' && !filter.userId) {
        const actorIds = await listUserIdsInDepartments(db, actor.departmentIds);
        if (actorIds.length <= PER_ACTOR_MERGE_MAX) rows = await listAuditEntriesOfActors(db, actorIds, auditFilter, pageSpec);
      }
      rows ??= await listAuditEntries(db, auditFilter, pageSpec);
      await writeListAudit(db, actor, { action: 'audit.list', entityType: 'audit_entry' }, filter);
      return toPage(rows, limit, (r) => [r.at.toISOString(), r.id], toDto);
    },

    /** Streams the filtered log as xlsx or csv, newest first, in pages; the export itself is audited. */
    async export(
      actor: Actor,
      query: TAuditExportQuery,
      locale: Locale,
    ): Promise<{ stream: Readable; fileName: string; contentType: string }> {
      const { format, ...filter } = query;
      await writeAudit(db, actor, { action: 'audit.export', entityType: 'audit_entry', meta: { filter, format } });
      const auditFilter = toFilter(actor, filter);
      const headers = ['id', 'at', 'actor', 'ip', 'action', 'entityType', 'entityId', 'changes', 'meta'].map((h) =>
        translate(locale, `audit.column.${h}`),
      );
      const toCells = (r: AuditRow) => [
        String(r.id),
        r.at.toISOString(),
        r.actorName ?? '',
        r.ip ?? '',
        r.action,
        r.entityType ?? '',
        r.entityId ?? '',
        r.changes ? JSON.stringify(r.changes) : '',
        r.meta ? JSON.stringify(r.meta) : '',
      ];
      async function* pages(): AsyncGenerator<AuditRow[]> {
        let after: { at: Date; id: number } | undefined;
        let total = 0;
        while (total < EXPORT_MAX_ROWS) {
          const rows = await listAuditEntries(db, auditFilter, { limit: Math.min(2000, EXPORT_MAX_ROWS - total), after });
          if (rows.length === 0) return;
          yield rows;
          total += rows.length;
          const last = rows.at(-1)!;
          after = { at: last.at, id: last.id };
        }
      }
      const stamp = deps.clock.today().replace(/-/g, '');
      const out = new PassThrough();
      if (format === 'csv') {
        const esc = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        // A byte-order mark so that Excel opens the UTF-8 Chinese text correctly.
        out.write('\ufeff' + headers.map(esc).join(',') + '\r\n');
        void (async () => {
          try {
            for await (const rows of pages()) for (const r of rows) out.write(toCells(r).map(esc).join(',') + '\r\n');
            out.end();
          } catch (err) {
            out.destroy(err as Error);
          }
        })();
        return { stream: out, fileName: `audit-log-${stamp}.csv`, contentType: 'text/csv; charset=utf-8' };
      }
      // Loaded on first export only: it is large and most processes never export.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      const sheet = workbook.addWorksheet('audit');
      sheet.columns = headers.map((header, i) => ({ header, width: [10, 26, 16, 16, 24, 16, 38, 60, 40][i] }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      void (async () => {
        try {
          for await (const rows of pages()) for (const r of rows) sheet.addRow(toCells(r)).commit();
          sheet.commit();
          await workbook.commit();
        } catch (err) {
          out.destroy(err as Error);
        }
      })();
      return {
        stream: out,
        fileName: `audit-log-${stamp}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    },
  };
}
export type AuditLogService = ReturnType<typeof createAuditLogService>;
