import { chineseCapitalAmount, type TQuote, type TQuoteCompany, type TQuoteExportQuery } from '@crm/contracts';
import { writeAudit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/auth/actor.ts';
import { businessDate, type Clock } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { translate, type Locale } from '../../../kernel/i18n.ts';
import type { QuoteSettingsService } from './quote-settings.service.ts';
import type { QuoteService } from './quotes.service.ts';

export type QuoteExportFile = { body: Buffer; fileName: string; contentType: string };

/** A number cell when the decimal string is exactly what a double prints back; the text otherwise. */
function numberCell(value: string): number | string {
  return /^-?\d{1,13}(\.\d{1,4})?$/.test(value) ? Number(value) : value;
}

const COLUMNS = [
  ['position', 6],
  ['materialCode', 16],
  ['name', 28],
  ['spec', 20],
  ['unit', 7],
  ['qty', 9],
  ['unitPrice', 14],
  ['discount', 9],
  ['netUnitPrice', 14],
  ['taxRate', 8],
  ['amountExclTax', 15],
  ['taxAmount', 13],
  ['amountInclTax', 16],
] as const;

/** One quote (any version) as an xlsx document: company header, quote data, lines, totals in figures and in words. */
export function createQuoteExportService(deps: {
  db: Db;
  clock: Clock;
  quotes: Pick<QuoteService, 'get'>;
  settings: Pick<QuoteSettingsService, 'company'>;
}) {
  async function build(quote: TQuote, company: TQuoteCompany, locale: Locale, timezone: string): Promise<Buffer> {
    // Loaded on first export only: it is large and most processes never export.
    const { default: ExcelJS } = await import('exceljs');
    const label = (key: string, params?: Record<string, unknown>) => translate(locale, `quotes.export.${key}`, params);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = company.companyName;
    const sheet = workbook.addWorksheet(label('sheet'), {
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = COLUMNS.map(([key, width]) => ({ key, width }));
    const last = COLUMNS.length;
    const merged = (text: string, opts: { bold?: boolean; size?: number; align?: 'left' | 'center' | 'right' } = {}) => {
      const row = sheet.addRow([text]);
      sheet.mergeCells(row.number, 1, row.number, last);
      row.getCell(1).font = { bold: opts.bold ?? false, size: opts.size ?? 11 };
      row.getCell(1).alignment = { horizontal: opts.align ?? 'left', vertical: 'middle', wrapText: true };
      return row;
    };
    merged(company.companyName, { bold: true, size: 16, align: 'center' });
    merged([company.companyAddress, company.companyPhone, company.companyTaxId].filter(Boolean).join('  ·  '), { align: 'center' });
    merged(label('title'), { bold: true, size: 14, align: 'center' });
    const info: [string, string][] = [
      [label('number'), `${quote.number}  ${label('version')} ${quote.versionNo}`],
      [label('date'), businessDate(new Date(quote.submittedAt ?? quote.createdAt), timezone)],
      [label('validUntil'), quote.validUntil],
      [label('customer'), quote.customerName ?? ''],
      [label('opportunity'), quote.opportunityName ?? ''],
      [label('owner'), [quote.ownerName, quote.departmentName].filter(Boolean).join(' / ')],
      [label('currency'), quote.currency],
      [label('status'), translate(locale, `quotes.status.${quote.status}`)],
    ];
    for (const [k, v] of info) {
      const row = sheet.addRow([k, '', v]);
      sheet.mergeCells(row.number, 1, row.number, 2);
      sheet.mergeCells(row.number, 3, row.number, last);
      row.getCell(1).font = { bold: true };
    }
    sheet.addRow([]);
    const header = sheet.addRow(COLUMNS.map(([key]) => label(`col.${key}`)));
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
      c.border = { bottom: { style: 'thin' } };
      c.alignment = { wrapText: true, vertical: 'middle' };
    });
    const money = '#,##0.00';
    for (const l of quote.lines) {
      const row = sheet.addRow([
        l.position,
        l.materialCode ?? '',
        l.name,
        l.spec ?? '',
        l.unit ?? '',
        numberCell(l.qty),
        numberCell(l.unitPrice),
        Number(l.discountPercent) === 0 ? '' : numberCell(l.discountPercent),
        numberCell(l.netUnitPrice),
        `${Number(l.taxRate) * 100}%`,
        numberCell(l.amountExclTax),
        numberCell(l.taxAmount),
        numberCell(l.amountInclTax),
      ]);
      for (const col of [7, 9, 11, 12, 13]) row.getCell(col).numFmt = money;
      row.getCell(3).alignment = { wrapText: true };
    }
    sheet.addRow([]);
    const t = quote.totals;
    const totalRow = (text: string, value: string, bold = false) => {
      const row = sheet.addRow([]);
      sheet.mergeCells(row.number, 1, row.number, last - 1);
      row.getCell(1).value = text;
      row.getCell(1).alignment = { horizontal: 'right' };
      row.getCell(last).value = numberCell(value);
      row.getCell(last).numFmt = money;
      row.font = { bold };
    };
    totalRow(label('subtotal'), t.subtotal);
    if (Number(t.overallDiscountPercent) > 0)
      totalRow(label('overallDiscount', { percent: t.overallDiscountPercent }), `-${t.overallDiscountAmount}`);
    totalRow(label('totalExclTax'), t.totalExclTax);
    totalRow(label('totalTax'), t.totalTax);
    totalRow(label('totalInclTax'), t.totalInclTax, true);
    const words = sheet.addRow([
      label('inWords'),
      '',
      `${quote.currency === 'CNY' ? '人民币' : `${quote.currency} `}${chineseCapitalAmount(t.totalInclTax)}`,
    ]);
    sheet.mergeCells(words.number, 1, words.number, 2);
    sheet.mergeCells(words.number, 3, words.number, last);
    words.font = { bold: true };
    for (const [key, text] of [
      ['paymentTerms', quote.paymentTerms],
      ['deliveryTerms', quote.deliveryTerms],
      ['notes', quote.notes],
    ] as const) {
      if (!text) continue;
      const row = sheet.addRow([label(key), '', text]);
      sheet.mergeCells(row.number, 1, row.number, 2);
      sheet.mergeCells(row.number, 3, row.number, last);
      row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(1).font = { bold: true };
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  return {
    async export(actor: Actor, id: string, query: TQuoteExportQuery, requestLocale: Locale): Promise<QuoteExportFile> {
      const locale = query.lang ?? requestLocale;
      const [quote, company] = await Promise.all([deps.quotes.get(actor, id, query.versionNo), deps.settings.company()]);
      await writeAudit(deps.db, actor, {
        action: 'quote.export',
        entityType: 'quote',
        entityId: id,
        meta: { versionNo: quote.versionNo, format: 'xlsx', locale },
      });
      const body = await build(quote, company, locale, deps.clock.timezone);
      return {
        body,
        fileName: `${quote.number}-v${quote.versionNo}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    },
  };
}
export type QuoteExportService = ReturnType<typeof createQuoteExportService>;
