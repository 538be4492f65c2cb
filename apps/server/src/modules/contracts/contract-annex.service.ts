import type { TAnnexImportResult, TContractLineInput } from '@crm/contracts';
import { Permission } from '@crm/contracts';
import { Decimal } from 'decimal.js';
import { requirePermission } from '../../kernel/access/access.ts';
import { writeAudit } from '../../kernel/audit/audit.ts';
import type { Actor } from '../../kernel/auth/actor.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db/database.ts';
import { withTx } from '../../kernel/db/tx.ts';
import { AppError, CommonError } from '../../kernel/errors.ts';
import { translate, type Locale } from '../../kernel/i18n.ts';
import { cellValue, type CellValue, type ProductSummary } from '../products/index.ts';
import { linesAsInputs } from './contract-lines.ts';
import { ContractErrorCode } from './contracts.errors.ts';
import * as repo from './contracts.repository.ts';
import type { ContractService } from './contracts.service.ts';

export const ANNEX_MAX_ROWS = 1000;

const COLUMNS = ['materialCode', 'model', 'name', 'qty', 'unitPrice', 'wantedDeliveryDate', 'notes'] as const;
type AnnexColumn = (typeof COLUMNS)[number];

/** Header words of each column (zh-CN, en-US and the usual variants of customers' own annexes). */
const HEADER_WORDS: Record<AnnexColumn, string[]> = {
  materialCode: ['物料编码', '物料号', '物料代码', 'materialcode', 'material code', 'code'],
  model: ['规格型号', '型号', '规格', 'model', 'spec', 'model/spec'],
  name: ['产品名称', '名称', '品名', 'product', 'name'],
  qty: ['数量', 'qty', 'quantity'],
  unitPrice: ['含税单价', '单价', 'unit price incl. tax', 'unit price', 'price'],
  wantedDeliveryDate: ['交货日期', '交货期', '交期', 'delivery date', 'delivery'],
  notes: ['备注', 'notes', 'remark', 'remarks'],
};

const normalise = (h: string) => h.replace(/[\s（）()：:]/g, '').toLowerCase();
const headerIndex = new Map<string, AnnexColumn>();
for (const col of COLUMNS) for (const w of HEADER_WORDS[col]) headerIndex.set(normalise(w), col);

export type AnnexRow = { row: number } & Partial<Record<AnnexColumn, CellValue>>;

/**
 * The rows of the product-list annex: the first row (of the first 20) that names a quantity and a
 * material code or model is the header; every non-empty row below it is a product row.
 */
export function parseAnnexRows(sheet: readonly CellValue[][]): AnnexRow[] {
  for (let h = 0; h < Math.min(sheet.length, 20); h++) {
    const columns = (sheet[h] ?? []).map((c) => (typeof c === 'string' ? (headerIndex.get(normalise(c)) ?? null) : null));
    if (!columns.includes('qty') || !(columns.includes('materialCode') || columns.includes('model'))) continue;
    const rows: AnnexRow[] = [];
    for (let r = h + 1; r < sheet.length; r++) {
      const cells = sheet[r] ?? [];
      if (cells.every((c) => c === null)) continue;
      const row: AnnexRow = { row: r + 1 };
      columns.forEach((col, i) => {
        if (col && row[col] === undefined) row[col] = cells[i] ?? null;
      });
      rows.push(row);
    }
    return rows;
  }
  throw new AppError(ContractErrorCode.CONTRACT_ANNEX_INVALID, { params: { problem: 'header' } });
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? null : String(v).trim() || null);

function decimalOf(v: CellValue | undefined, places: number): string | null {
  const t = text(v)?.replace(/[,，\s¥￥]/g, '');
  if (!t || !/^\d+(\.\d+)?$/.test(t)) return null;
  const d = new Decimal(t);
  return d.decimalPlaces() > places ? null : d.toFixed();
}

function dateOf(v: CellValue | undefined): string | null | 'invalid' {
  const t = text(v);
  if (!t) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) return 'invalid';
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Matches annex rows to catalogue products by material code, else by model (when it names exactly one product). */
export function matchAnnexRows(
  rows: readonly AnnexRow[],
  products: readonly ProductSummary[],
  locale: Locale,
): { lines: TContractLineInput[]; unmatched: TAnnexImportResult['unmatched'] } {
  const byCode = new Map(products.map((p) => [p.materialCode.toUpperCase(), p]));
  const byModel = new Map<string, ProductSummary[]>();
  for (const p of products) if (p.model) byModel.set(p.model.toUpperCase(), [...(byModel.get(p.model.toUpperCase()) ?? []), p]);
  const lines: TContractLineInput[] = [];
  const unmatched: TAnnexImportResult['unmatched'] = [];
  const reason = (key: string) => translate(locale, `contracts.annex.${key}`);
  for (const r of rows) {
    const code = text(r.materialCode);
    const model = text(r.model);
    const miss = (key: string) => unmatched.push({ row: r.row, materialCode: code, model, reason: reason(key) });
    if (!code && !model) {
      miss('noCode');
      continue;
    }
    let product = code ? byCode.get(code.toUpperCase()) : undefined;
    if (!product && model) {
      const candidates = byModel.get(model.toUpperCase()) ?? [];
      if (candidates.length > 1) {
        miss('ambiguous');
        continue;
      }
      product = candidates[0];
    }
    if (!product) {
      miss('unknown');
      continue;
    }
    if (product.status !== 'active') {
      miss('discontinued');
      continue;
    }
    const qty = decimalOf(r.qty, 4);
    if (!qty || new Decimal(qty).lessThanOrEqualTo(0)) {
      miss('badQty');
      continue;
    }
    const price = r.unitPrice === undefined || r.unitPrice === null ? null : decimalOf(r.unitPrice, 6);
    if (r.unitPrice !== undefined && r.unitPrice !== null && price === null) {
      miss('badPrice');
      continue;
    }
    const date = dateOf(r.wantedDeliveryDate);
    if (date === 'invalid') {
      miss('badDate');
      continue;
    }
    lines.push({ productId: product.id, qty, unitPrice: price, wantedDeliveryDate: date, notes: text(r.notes) });
  }
  return { lines, unmatched };
}

async function readFirstSheet(content: Buffer): Promise<CellValue[][]> {
  // Loaded on first use only: exceljs is large and most processes never import.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new AppError(ContractErrorCode.CONTRACT_ANNEX_INVALID, { params: { problem: 'xlsx' } });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(ContractErrorCode.CONTRACT_ANNEX_INVALID, { params: { problem: 'sheet' } });
  if (sheet.rowCount > ANNEX_MAX_ROWS + 20)
    throw new AppError(ContractErrorCode.CONTRACT_ANNEX_INVALID, { params: { problem: `> ${ANNEX_MAX_ROWS} rows` } });
  const rows: CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    rows.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellValue(values[i + 1])));
  }
  return rows;
}

/**
 * 商务附件: the customer's product-list annex (xlsx) fills the working version's lines: each row
 * is matched to a catalogue product by material code or model; rows that match nothing are
 * reported, not guessed. `replace` replaces the lines, `append` adds to them.
 */
export function createContractAnnexService(deps: {
  db: Db;
  clock: Clock;
  contracts: ContractService;
  catalog: { findByCodesOrModels(db: Db, codes: readonly string[], models: readonly string[]): Promise<ProductSummary[]> };
}) {
  return {
    async importAnnex(
      actor: Actor,
      id: string,
      file: { name: string; content: Buffer },
      mode: 'replace' | 'append',
    ): Promise<TAnnexImportResult> {
      requirePermission(actor, Permission.contractWrite);
      const rows = parseAnnexRows(await readFirstSheet(file.content));
      const result = await withTx(deps.db, async (tx) => {
        const c = await deps.contracts.lockInScope(tx, actor, id);
        const working = c.workingVersionId ? await repo.findVersion(tx, c.id, c.workingVersionId) : undefined;
        if (!working || working.status !== 'draft') throw new AppError(ContractErrorCode.CONTRACT_NOT_EDITABLE);
        const codes = rows.map((r) => text(r.materialCode)).filter((v): v is string => !!v);
        const models = rows.map((r) => text(r.model)).filter((v): v is string => !!v);
        const products = await deps.catalog.findByCodesOrModels(
          tx,
          [...codes, ...codes.map((c) => c.toUpperCase())],
          [...models, ...models.map((m) => m.toUpperCase())],
        );
        const { lines, unmatched } = matchAnnexRows(rows, products, actor.locale);
        const existing = mode === 'append' ? linesAsInputs(await repo.listLines(tx, working.id)) : [];
        const v = await deps.contracts.writeVersionContent(tx, c, working, [...existing, ...lines], { updatedBy: actor.userId });
        const saved = await repo.updateContract(tx, c.id, c.version, {
          ...(working.kind === 'original' ? { amountInclTax: v.version.amountInclTax } : {}),
          reviewLevel: v.version.review?.level ?? null,
          updatedAt: deps.clock.now(),
          updatedBy: actor.userId,
        });
        if (!saved) throw new AppError(CommonError.STALE_VERSION);
        await writeAudit(tx, actor, {
          action: 'contract.annex.import',
          entityType: 'contract',
          entityId: c.id,
          after: {
            file: file.name,
            mode,
            matchedRows: lines.length,
            unmatchedRows: unmatched.length,
            amountInclTax: v.version.amountInclTax,
          },
        });
        return { matchedRows: lines.length, unmatched };
      });
      return { ...result, contract: await deps.contracts.get(actor, id) };
    },

    /** An empty annex with the columns the import understands (zh-CN or en-US headers). */
    async template(locale: Locale): Promise<Buffer> {
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(translate(locale, 'contracts.annex.sheet'));
      sheet.addRow(COLUMNS.map((c) => translate(locale, `contracts.annex.col.${c}`)));
      sheet.getRow(1).font = { bold: true };
      sheet.columns.forEach((col) => (col.width = 18));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    },
  };
}
export type ContractAnnexService = ReturnType<typeof createContractAnnexService>;
