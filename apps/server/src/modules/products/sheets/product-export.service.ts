import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import {
  PRODUCT_EXPORT_MAX_ROWS,
  ZProductSheetColumnValues,
  type TProduct,
  type TProductExportQuery,
  type TProductSheetColumn,
} from '@crm/contracts';
import type { Worksheet } from 'exceljs';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { translate, type Locale } from '../../../kernel/i18n.ts';
import { SHEET_HEADERS } from './product-sheet.ts';
import { productFieldAccess, toProductDto } from '../product-dto.ts';
import * as repo from '../products.repository.ts';
import { parseProductSort, toProductFilter } from '../products.service.ts';

const PAGE_ROWS = 1000;

export type ProductExportFile = { stream: Readable; fileName: string; contentType: string; truncated: boolean };

/** Exact decimal strings go into the sheet as numbers (so that they sum) when a double says exactly the same. */
function numberCell(value: string | null | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  return /^-?\d{1,13}(\.\d{1,4})?$/.test(value) ? Number(value) : value;
}

const widths: Partial<Record<TProductSheetColumn, number>> = { materialCode: 16, name: 28, model: 26, category: 16 };
const moneyColumns = new Set<TProductSheetColumn>(['listPrice', 'floorPrice', 'standardCost']);

/**
 * Streams the filtered catalogue as xlsx in the import's layout (so that an export can be edited
 * and imported again). Columns the reader may not see (floor price, standard cost) are left out.
 */
export function createProductExportService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  function cellsOf(p: TProduct, columns: readonly TProductSheetColumn[], locale: Locale): unknown[] {
    const value: Record<TProductSheetColumn, () => unknown> = {
      materialCode: () => p.materialCode,
      name: () => p.name,
      model: () => p.model,
      unit: () => p.unit,
      category: () => p.categoryName,
      listPrice: () => numberCell(p.listPrice),
      floorPrice: () => numberCell(p.floorPrice),
      standardCost: () => numberCell(p.standardCost),
      taxRate: () => numberCell(p.taxRate),
      warrantyMonths: () => p.warrantyMonths,
      leadTimeDays: () => p.leadTimeDays,
      status: () => translate(locale, `productImport.status.${p.status}`),
    };
    return columns.map((c) => value[c]() ?? null);
  }

  return {
    async export(actor: Actor, query: TProductExportQuery, requestLocale: Locale): Promise<ProductExportFile> {
      const { lang, sort: sortParam, ...filters } = query;
      const locale = lang ?? requestLocale;
      // The sheet speaks the export's language, the category names included.
      const reader: Actor = { ...actor, locale };
      const access = productFieldAccess(actor);
      const columns = ZProductSheetColumnValues.filter(
        (c) => (c !== 'floorPrice' || access.floorPrice) && (c !== 'standardCost' || access.cost),
      );
      const { sort, desc } = parseProductSort(sortParam);
      const filter = toProductFilter(filters);
      const probe = await repo.listProducts(db, filter, { sort, desc, limit: PRODUCT_EXPORT_MAX_ROWS + 1 });
      const truncated = probe.length > PRODUCT_EXPORT_MAX_ROWS;
      await writeAudit(db, actor, {
        action: 'product.export',
        entityType: 'product',
        meta: {
          filter: filters,
          sort: sortParam,
          columns,
          format: 'xlsx',
          rows: Math.min(probe.length, PRODUCT_EXPORT_MAX_ROWS),
          truncated,
        },
      });

      const out = new PassThrough();
      // Loaded on first export only: it is large and most processes never export.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      const sheet: Worksheet = workbook.addWorksheet(translate(locale, 'productImport.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map((col) => ({
        header: SHEET_HEADERS[col][locale === 'en-US' ? 1 : 0],
        key: col,
        width: widths[col] ?? 14,
        ...(moneyColumns.has(col) ? { style: { numFmt: '#,##0.00' } } : col === 'taxRate' ? { style: { numFmt: '0%' } } : {}),
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();

      // The sheet has no who-changed columns: no user names are needed.
      const names = new Map<string, never>();
      void (async () => {
        try {
          const rows = probe.slice(0, PRODUCT_EXPORT_MAX_ROWS);
          for (let i = 0; i < rows.length; i += PAGE_ROWS) {
            const slice = rows.slice(i, i + PAGE_ROWS);
            for (const row of slice) sheet.addRow(cellsOf(toProductDto(reader, row, names, access), columns, locale)).commit();
            // A slow download holds the next rows back instead of buffering the whole sheet.
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
        fileName: `products-${clock.today().replace(/-/g, '')}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        truncated,
      };
    },
  };
}
export type ProductExportService = ReturnType<typeof createProductExportService>;
