import {
  DEFAULT_LEAD_TIME_DAYS,
  DEFAULT_TAX_RATE,
  DEFAULT_WARRANTY_MONTHS,
  PRODUCT_IMPORT_MAX_ROWS,
  type TProductImportReport,
  type TProductImportRowError,
} from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { writeAudit, type AuditInput } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { AppError } from '../../../kernel/errors.ts';
import { translate } from '../../../kernel/i18n.ts';
import { productFieldAccess } from '../product-dto.ts';
import { ProductErrorCode } from '../products.errors.ts';
import * as repo from '../products.repository.ts';
import { cellValue, validateImportRows, type CellValue, type ImportRow } from './product-sheet.ts';

/** The first worksheet of an xlsx file as rows of plain cell values. */
async function readSheet(content: Buffer): Promise<CellValue[][]> {
  // Loaded on first import only: it is large and most processes never import.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError(ProductErrorCode.PRODUCT_IMPORT_FILE_INVALID);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 1) throw new AppError(ProductErrorCode.PRODUCT_IMPORT_FILE_INVALID);
  if (sheet.rowCount - 1 > PRODUCT_IMPORT_MAX_ROWS) {
    throw new AppError(ProductErrorCode.PRODUCT_IMPORT_TOO_MANY_ROWS, { params: { max: PRODUCT_IMPORT_MAX_ROWS } });
  }
  const rows: CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    // exceljs rows are 1-based: index 0 is always empty.
    rows.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellValue(values[i + 1])));
  }
  return rows;
}

type Plan = {
  creates: ImportRow[];
  updates: { row: ImportRow; before: repo.ProductRecord; after: repo.ProductImportUpdate }[];
  unchanged: number;
};

const FIELDS = [
  'name',
  'model',
  'unit',
  'categoryId',
  'listPrice',
  'floorPrice',
  'standardCost',
  'taxRate',
  'warrantyMonths',
  'leadTimeDays',
  'status',
] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'string' && typeof b === 'string' && /^[\d.]+$/.test(a) && /^[\d.]+$/.test(b)) return new Decimal(a).equals(b);
  return a === b;
}

/** Splits valid rows into new products and changes to existing ones; a floor price above the stored list price is an error. */
function plan(
  rows: ImportRow[],
  existing: Map<string, repo.ProductRecord>,
  errorOf: (row: ImportRow) => TProductImportRowError,
): { plan: Plan; errors: TProductImportRowError[] } {
  const result: Plan = { creates: [], updates: [], unchanged: 0 };
  const errors: TProductImportRowError[] = [];
  for (const row of rows) {
    const before = existing.get(row.values.materialCode);
    if (!before) {
      result.creates.push(row);
      continue;
    }
    const after: repo.ProductImportUpdate = {
      id: before.id,
      ...Object.fromEntries(FIELDS.map((f) => [f, before[f]])),
    } as repo.ProductImportUpdate;
    for (const f of FIELDS) {
      const v = row.values[f];
      if (v !== undefined && !sameValue(before[f], v)) (after as Record<string, unknown>)[f] = v;
    }
    if (after.floorPrice !== null && new Decimal(after.floorPrice).greaterThan(after.listPrice)) {
      errors.push(errorOf(row));
      continue;
    }
    if (FIELDS.every((f) => sameValue(before[f], after[f]))) result.unchanged++;
    else result.updates.push({ row, before, after });
  }
  return { plan: result, errors };
}

/**
 * Imports the catalogue from xlsx: every row is checked first; only a sheet without errors is
 * written, in one transaction with its audit entries, creating or updating products by material code.
 */
export function createProductImportService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  return {
    async import(actor: Actor, file: { name: string; content: Buffer }, opts: { dryRun: boolean }): Promise<TProductImportReport> {
      const [header = [], ...body] = await readSheet(file.content);
      const categories = new Map<string, string>();
      for (const c of await repo.listCategories(db)) {
        if (!c.isActive) continue;
        categories.set(c.name.toLowerCase(), c.id);
        if (c.nameEn) categories.set(c.nameEn.toLowerCase(), c.id);
      }
      const access = productFieldAccess(actor);
      const checked = validateImportRows(header, body, {
        locale: actor.locale,
        categories,
        canWriteCost: access.cost,
        canWriteFloorPrice: access.floorPrice,
      });
      const existing = new Map(
        (
          await repo.findProductsByCodes(
            db,
            checked.rows.map((r) => r.values.materialCode),
          )
        ).map((p) => [p.materialCode, p]),
      );
      const floorError = (row: ImportRow): TProductImportRowError => ({
        row: row.row,
        materialCode: row.values.materialCode,
        column: 'floorPrice',
        code: 'floor_above_list',
        message: translate(actor.locale, 'productImport.error.floor_above_list'),
      });
      const planned = plan(checked.rows, existing, floorError);
      const errors = [...checked.errors, ...planned.errors].sort((a, b) => a.row - b.row);
      const total = checked.rows.length + new Set(checked.errors.filter((e) => e.row > 1).map((e) => e.row)).size;
      const report = (applied: boolean, p: Plan): TProductImportReport => ({
        applied,
        dryRun: opts.dryRun,
        total,
        created: p.creates.length,
        updated: p.updates.length,
        unchanged: p.unchanged,
        errors,
      });
      if (errors.length > 0 || opts.dryRun) return report(false, planned.plan);

      const now = clock.now();
      const written = await withTx(db, async (tx) => {
        // Re-read under lock: what was compared before must still hold when it is written.
        const locked = new Map(
          (
            await repo.lockProductsByCodes(
              tx,
              checked.rows.map((r) => r.values.materialCode),
            )
          ).map((p) => [p.materialCode, p]),
        );
        const final = plan(checked.rows, locked, floorError);
        if (final.errors.length > 0) return { plan: final.plan, errors: final.errors };
        const created = await repo.insertProducts(
          tx,
          final.plan.creates.map(({ values: v }) => ({
            materialCode: v.materialCode,
            name: v.name!,
            model: v.model ?? null,
            unit: v.unit!,
            categoryId: v.categoryId!,
            listPrice: v.listPrice!,
            floorPrice: v.floorPrice ?? null,
            standardCost: v.standardCost ?? null,
            taxRate: v.taxRate ?? DEFAULT_TAX_RATE,
            warrantyMonths: v.warrantyMonths ?? DEFAULT_WARRANTY_MONTHS,
            leadTimeDays: v.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS,
            status: v.status ?? 'active',
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })),
        );
        await repo.updateProductsBulk(
          tx,
          final.plan.updates.map((u) => u.after),
          { at: now, userId: actor.userId },
        );
        const summary = {
          file: file.name,
          total,
          created: created.length,
          updated: final.plan.updates.length,
          unchanged: final.plan.unchanged,
        };
        const entries: AuditInput[] = [
          { action: 'product.import', entityType: 'product', meta: summary },
          ...created.map((p) => ({
            action: 'product.create',
            entityType: 'product',
            entityId: p.id,
            after: p,
            meta: { import: file.name },
          })),
          ...final.plan.updates.map((u) => ({
            action: 'product.update',
            entityType: 'product',
            entityId: u.before.id,
            before: u.before,
            after: { ...u.before, ...u.after },
            meta: { import: file.name },
          })),
        ];
        // In slices, so that a large import stays under the statement's parameter limit.
        for (let i = 0; i < entries.length; i += 1000) await writeAudit(tx, actor, entries.slice(i, i + 1000));
        return { plan: final.plan, errors: [] as TProductImportRowError[] };
      });
      if (written.errors.length > 0) {
        errors.push(...written.errors);
        return report(false, written.plan);
      }
      return report(true, written.plan);
    },
  };
}
export type ProductImportService = ReturnType<typeof createProductImportService>;
