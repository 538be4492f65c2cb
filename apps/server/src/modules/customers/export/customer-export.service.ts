import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import {
  CUSTOMER_EXPORT_MAX_ROWS,
  DEFAULT_CUSTOMER_COLUMNS,
  type TCustomer,
  type TCustomerColumn,
  type TCustomerExportQuery,
} from '@crm/contracts';
import type { Worksheet } from 'exceljs';
import { scopeFilter } from '../../../kernel/access/access.ts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import { businessDateTime, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { translate, type Locale } from '../../../kernel/i18n.ts';
import type { People } from '../../admin/index.ts';
import { parseSort, toCustomerFilter } from '../customer-list-query.ts';
import * as repo from '../customers.repository.ts';
import { toCustomerDto } from '../customers.service.ts';
import './customer-export.messages.ts';

const PAGE_ROWS = 1000;

export type CustomerExportFile = { stream: Readable; fileName: string; contentType: string; truncated: boolean };

/** "2026-11-02 10:00" in the business time zone. */
const localDateTime = (value: string | null, timezone: string): string | null =>
  value ? businessDateTime(new Date(value), timezone) : null;

/**
 * Money goes into the sheet as a number (so that it sums in Excel) only when the number says
 * exactly what the decimal string says; otherwise the text is kept.
 */
function moneyCell(value: string | null): number | string | null {
  if (value === null) return null;
  // Up to 15 significant digits a double prints back exactly as the decimal it came from.
  return /^-?\d{1,13}(\.\d{1,2})?$/.test(value) ? Number(value) : value;
}

function region(c: TCustomer): string | null {
  const parts = [c.province, c.city].filter((p): p is string => !!p);
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  if (unique.length > 0) return unique.join(' ');
  return c.country && c.country !== '中国' ? c.country : null;
}

const widths: Partial<Record<TCustomerColumn, number>> = {
  name: 36,
  creditCode: 22,
  address: 36,
  billingAddress: 36,
  bankAccount: 24,
  bankName: 24,
  tags: 20,
  lastActivityAt: 18,
  lastDealAt: 18,
  createdAt: 18,
  updatedAt: 18,
  creditLimit: 16,
};

/**
 * Streams the filtered, scoped customer list as xlsx: the chosen columns in their order, headers
 * and labels in the caller's language, the same redaction as the API (masked bank accounts,
 * protected fields left empty), at most CUSTOMER_EXPORT_MAX_ROWS rows in the list's sort order.
 */
export function createCustomerExportService(deps: { db: Db; clock: Clock; people: Pick<People, 'summaries' | 'subtree'> }) {
  const { db, clock } = deps;
  const tz = clock.timezone;

  function cellsOf(c: TCustomer, columns: readonly TCustomerColumn[], locale: Locale): unknown[] {
    const label = (key: string) => translate(locale, `customerExport.${key}`);
    const value: Record<TCustomerColumn, () => unknown> = {
      name: () => c.name,
      shortName: () => c.shortName,
      creditCode: () => c.creditCode,
      type: () => label(`type.${c.type}`),
      grade: () => c.grade,
      status: () => label(`status.${c.status}`),
      industry: () => c.industry,
      region: () => region(c),
      address: () => c.address,
      owner: () => c.ownerName ?? (c.ownerId === null ? label('pool') : null),
      department: () => c.departmentName,
      tags: () => (c.tags.length > 0 ? c.tags.join(label('tagSeparator')) : null),
      source: () => c.source,
      lastActivityAt: () => localDateTime(c.lastActivityAt, tz),
      lastDealAt: () => localDateTime(c.lastDealAt, tz),
      creditLimit: () => moneyCell(c.creditLimit),
      creditDays: () => c.creditDays,
      taxId: () => c.taxId,
      billingAddress: () => c.billingAddress,
      billingPhone: () => c.billingPhone,
      bankName: () => c.bankName,
      bankAccount: () => c.bankAccount,
      createdAt: () => localDateTime(c.createdAt, tz),
      updatedAt: () => localDateTime(c.updatedAt, tz),
    };
    return columns.map((col) => value[col]() ?? null);
  }

  return {
    async export(actor: Actor, query: TCustomerExportQuery, requestLocale: Locale): Promise<CustomerExportFile> {
      const { columns: chosen, lang, sort: sortParam, ...filters } = query;
      const columns = chosen ?? [...DEFAULT_CUSTOMER_COLUMNS];
      const locale = lang ?? requestLocale;
      const { sort, desc } = parseSort(sortParam);
      const filter = await toCustomerFilter(
        { people: deps.people, timezone: tz },
        actor,
        scopeFilter(actor, repo.customerScopeColumns),
        filters,
      );
      const truncated = (await repo.countCustomers(db, filter, CUSTOMER_EXPORT_MAX_ROWS)) > CUSTOMER_EXPORT_MAX_ROWS;
      await writeAudit(db, actor, {
        action: 'customer.export',
        entityType: 'customer',
        meta: { filter: filters, sort: sortParam, columns, format: 'xlsx', maxRows: CUSTOMER_EXPORT_MAX_ROWS, truncated },
      });

      const out = new PassThrough();
      // Loaded on first export only: it is large and most processes never export.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      const sheet: Worksheet = workbook.addWorksheet(translate(locale, 'customerExport.sheet'), {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      sheet.columns = columns.map((col) => ({
        header: translate(locale, `customerExport.column.${col}`),
        key: col,
        width: widths[col] ?? 14,
        ...(col === 'creditLimit' ? { style: { numFmt: '#,##0.00' } } : {}),
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();

      void (async () => {
        try {
          let after: [string | null, string] | undefined;
          let written = 0;
          while (written < CUSTOMER_EXPORT_MAX_ROWS) {
            const rows = await repo.listCustomers(db, filter, {
              sort,
              desc,
              limit: Math.min(PAGE_ROWS, CUSTOMER_EXPORT_MAX_ROWS - written),
              after,
            });
            if (rows.length === 0) break;
            const owners = await deps.people.summaries(rows.map((r) => r.ownerId));
            for (const row of rows) sheet.addRow(cellsOf(toCustomerDto(actor, row, owners), columns, locale)).commit();
            written += rows.length;
            const last = rows.at(-1)!;
            after = [repo.customerSortValue(last, sort), last.id];
            // A slow download holds the next page back instead of buffering the whole list.
            if (out.writableNeedDrain) await once(out, 'drain');
          }
          sheet.commit();
          await workbook.commit();
        } catch (err) {
          out.destroy(err as Error);
        }
      })();
      return {
        stream: out,
        fileName: `customers-${clock.today().replace(/-/g, '')}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        truncated,
      };
    },
  };
}
export type CustomerExportService = ReturnType<typeof createCustomerExportService>;
