import {
  ZMaterialCode,
  ZProductSheetColumnValues,
  type TProductImportRowError,
  type TProductSheetColumn,
  type TProductStatus,
} from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { translate, type Locale } from '../../../kernel/i18n.ts';
import './product-sheet.messages.ts';

/** Sheet headers of each column (export writes the caller's language; import knows both). */
export const SHEET_HEADERS: Record<TProductSheetColumn, [zh: string, en: string]> = {
  materialCode: ['物料编码', 'Material code'],
  name: ['产品名称', 'Name'],
  model: ['规格型号', 'Model / spec'],
  unit: ['单位', 'Unit'],
  category: ['产品分类', 'Category'],
  listPrice: ['目录价（含税）', 'List price (incl. tax)'],
  floorPrice: ['底价（含税）', 'Floor price (incl. tax)'],
  standardCost: ['标准成本（不含税）', 'Standard cost (excl. tax)'],
  taxRate: ['税率', 'Tax rate'],
  warrantyMonths: ['质保期（月）', 'Warranty (months)'],
  leadTimeDays: ['交货周期（天）', 'Lead time (days)'],
  status: ['状态', 'Status'],
};

const REQUIRED: readonly TProductSheetColumn[] = ['materialCode', 'name', 'unit', 'category', 'listPrice'];

const STATUS_WORDS: Record<string, TProductStatus> = {
  active: 'active',
  在售: 'active',
  正常: 'active',
  discontinued: 'discontinued',
  停产: 'discontinued',
  停售: 'discontinued',
};

/** A cell as exceljs gives it (text, number, date, rich text, formula, hyperlink), as plain text or number. */
export type CellValue = string | number | null;

export function cellValue(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') return raw.trim() === '' ? null : raw.trim();
  if (typeof raw === 'boolean') return String(raw);
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'object') {
    const o = raw as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return cellValue(o.richText.map((r) => r.text).join(''));
    if ('result' in o) return cellValue(o.result);
    if (o.text !== undefined) return cellValue(o.text);
  }
  return null;
}

const normaliseHeader = (h: string) => h.replace(/[\s（）()]/g, '').toLowerCase();
const headerIndex = new Map<string, TProductSheetColumn>();
for (const [col, [zh, en]] of Object.entries(SHEET_HEADERS) as [TProductSheetColumn, [string, string]][]) {
  headerIndex.set(normaliseHeader(zh), col);
  headerIndex.set(normaliseHeader(en), col);
  headerIndex.set(normaliseHeader(col), col);
}

/** Which sheet column each header cell is, and the required columns the header lacks. */
export function mapHeaders(header: readonly CellValue[]): { columns: (TProductSheetColumn | null)[]; missing: TProductSheetColumn[] } {
  const columns = header.map((h) => (h === null ? null : (headerIndex.get(normaliseHeader(String(h))) ?? null)));
  return { columns, missing: REQUIRED.filter((c) => !columns.includes(c)) };
}

/** What one row sets. A key is present only when its column is in the sheet (an empty optional cell clears the value). */
export type ImportValues = {
  materialCode: string;
  name?: string;
  model?: string | null;
  unit?: string;
  categoryId?: string;
  listPrice?: string;
  floorPrice?: string | null;
  standardCost?: string | null;
  taxRate?: string;
  warrantyMonths?: number;
  leadTimeDays?: number;
  status?: TProductStatus;
};
export type ImportRow = { row: number; values: ImportValues };

export type ImportContext = {
  locale: Locale;
  /** Active categories by their Chinese or English name (lower case). */
  categories: Map<string, string>;
  canWriteCost: boolean;
  canWriteFloorPrice: boolean;
};

type Issue = { column: TProductSheetColumn | null; code: string; params?: Record<string, unknown> };

function moneyOf(v: CellValue): string | undefined {
  if (v === null) return undefined;
  const text = typeof v === 'number' ? new Decimal(v).toString() : v.replace(/[,，¥￥\s]/g, '');
  if (!/^\d{1,16}(\.\d{1,2})?$/.test(text)) return undefined;
  return new Decimal(text).toFixed(2);
}

function intOf(v: CellValue, max: number): number | undefined {
  const n = typeof v === 'number' ? v : /^\d+$/.test(v ?? '') ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
}

/** "13%", "13", 0.13 and "0.13" all mean 13 %. */
export function taxRateOf(v: CellValue): string | undefined {
  if (v === null) return undefined;
  const text = String(v).trim();
  const m = /^(\d{1,3}(?:\.\d{1,4})?)\s*(%?)$/.exec(text);
  if (!m) return undefined;
  let rate = new Decimal(m[1]!);
  if (m[2] === '%' || rate.greaterThan(1)) rate = rate.dividedBy(100);
  if (rate.greaterThan(1) || rate.decimalPlaces() > 4) return undefined;
  return rate.toString();
}

function parseRow(cells: Partial<Record<TProductSheetColumn, CellValue>>, present: ReadonlySet<TProductSheetColumn>, ctx: ImportContext) {
  const issues: Issue[] = [];
  const values: Partial<ImportValues> = {};
  const text = (col: TProductSheetColumn, max: number, required: boolean): string | null | undefined => {
    const s = String(cells[col] ?? '').trim();
    if (s === '') {
      if (required) issues.push({ column: col, code: 'required' });
      return null;
    }
    if (s.length > max) {
      issues.push({ column: col, code: 'too_long', params: { max } });
      return undefined;
    }
    return s;
  };

  const code = ZMaterialCode.safeParse(cells.materialCode === null || cells.materialCode === undefined ? '' : String(cells.materialCode));
  if (cells.materialCode === null || cells.materialCode === undefined) issues.push({ column: 'materialCode', code: 'required' });
  else if (!code.success) issues.push({ column: 'materialCode', code: 'material_code' });
  else values.materialCode = code.data;

  if (present.has('name')) values.name = text('name', 120, true) ?? undefined;
  if (present.has('model')) {
    const model = text('model', 120, false);
    if (model !== undefined) values.model = model;
  }
  if (present.has('unit')) values.unit = text('unit', 10, true) ?? undefined;
  if (present.has('category')) {
    const name = cells.category === null || cells.category === undefined ? null : String(cells.category).trim();
    if (name === null) issues.push({ column: 'category', code: 'required' });
    else {
      const id = ctx.categories.get(name.toLowerCase());
      if (id) values.categoryId = id;
      else issues.push({ column: 'category', code: 'unknown_category', params: { name } });
    }
  }
  if (present.has('listPrice')) {
    const v = cells.listPrice ?? null;
    if (v === null) issues.push({ column: 'listPrice', code: 'required' });
    else {
      const m = moneyOf(v);
      if (m === undefined) issues.push({ column: 'listPrice', code: 'money' });
      else values.listPrice = m;
    }
  }
  const protectedMoney = (col: 'floorPrice' | 'standardCost', allowed: boolean) => {
    if (!present.has(col)) return;
    const v = cells[col] ?? null;
    if (!allowed) {
      // A reader who cannot see the field cannot set it either; an empty column is harmless.
      if (v !== null) issues.push({ column: col, code: 'forbidden' });
      return;
    }
    if (v === null) {
      values[col] = null;
      return;
    }
    const m = moneyOf(v);
    if (m === undefined) issues.push({ column: col, code: 'money' });
    else values[col] = m;
  };
  protectedMoney('floorPrice', ctx.canWriteFloorPrice);
  protectedMoney('standardCost', ctx.canWriteCost);
  if (present.has('taxRate') && cells.taxRate != null) {
    const rate = taxRateOf(cells.taxRate);
    if (rate === undefined) issues.push({ column: 'taxRate', code: 'tax_rate' });
    else values.taxRate = rate;
  }
  for (const [col, max] of [
    ['warrantyMonths', 240],
    ['leadTimeDays', 730],
  ] as const) {
    if (!present.has(col) || cells[col] == null) continue;
    const n = intOf(cells[col] ?? null, max);
    if (n === undefined) issues.push({ column: col, code: 'integer', params: { max } });
    else values[col] = n;
  }
  if (present.has('status') && cells.status != null) {
    const status = STATUS_WORDS[String(cells.status).trim().toLowerCase()];
    if (status) values.status = status;
    else issues.push({ column: 'status', code: 'status' });
  }
  return { values, issues };
}

/**
 * Checks every row of a sheet (the header is row 1) and reports each problem with its row and
 * column. Floor prices above the list price are checked here when both are in the row; against
 * the stored list price by the import service.
 */
export function validateImportRows(
  header: readonly CellValue[],
  rows: readonly (readonly CellValue[])[],
  ctx: ImportContext,
): { rows: ImportRow[]; errors: TProductImportRowError[] } {
  const { columns, missing } = mapHeaders(header);
  const message = (code: string, params?: Record<string, unknown>) => translate(ctx.locale, `productImport.error.${code}`, params);
  const errors: TProductImportRowError[] = [];
  if (missing.length > 0) {
    for (const col of missing) {
      const label = SHEET_HEADERS[col][ctx.locale === 'en-US' ? 1 : 0];
      errors.push({
        row: 1,
        materialCode: null,
        column: col,
        code: 'missing_column',
        message: message('missing_column', { column: label }),
      });
    }
    return { rows: [], errors };
  }
  const present = new Set(columns.filter((c): c is TProductSheetColumn => c !== null));
  const seen = new Map<string, number>();
  const parsed: ImportRow[] = [];
  rows.forEach((cellsArray, i) => {
    const rowNumber = i + 2;
    if (cellsArray.every((c) => c === null)) return;
    const cells: Partial<Record<TProductSheetColumn, CellValue>> = {};
    columns.forEach((col, j) => {
      if (col) cells[col] = cellsArray[j] ?? null;
    });
    const { values, issues } = parseRow(cells, present, ctx);
    if (values.materialCode) {
      const first = seen.get(values.materialCode);
      if (first !== undefined) issues.push({ column: 'materialCode', code: 'duplicate_in_file', params: { row: first } });
      else seen.set(values.materialCode, rowNumber);
    }
    if (values.listPrice && values.floorPrice && new Decimal(values.floorPrice).greaterThan(values.listPrice)) {
      issues.push({ column: 'floorPrice', code: 'floor_above_list' });
    }
    for (const issue of issues) {
      errors.push({
        row: rowNumber,
        materialCode: values.materialCode ?? (cells.materialCode == null ? null : String(cells.materialCode)),
        column: issue.column,
        code: issue.code,
        message: message(issue.code, issue.params),
      });
    }
    if (issues.length === 0) parsed.push({ row: rowNumber, values: values as ImportValues });
  });
  return { rows: parsed, errors };
}

export const SHEET_COLUMNS = ZProductSheetColumnValues;
