import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedCjkFont, type CjkFont } from './cjk-font.ts';

export type ArchivePdfEntry = {
  kindLabel: string;
  title: string;
  fileName: string;
  versionNo: number;
  /** The file when it is a PDF; null for other types (listed on the cover, not merged). */
  pdf: Buffer | null;
};

export type ArchivePdfLabels = {
  heading: string;
  number: string;
  title: string;
  customer: string;
  type: string;
  signedDate: string;
  generatedAt: string;
  colNo: string;
  colKind: string;
  colTitle: string;
  colFile: string;
  colVersion: string;
  colIncluded: string;
  /** "pages {from}–{to}" */
  includedPages: string;
  notPdf: string;
  unreadable: string;
  none: string;
  footer: string;
};

export type ArchivePdfInput = {
  labels: ArchivePdfLabels;
  contract: { number: string; title: string; customerName: string; typeLabel: string; signedDate: string };
  generatedAt: string;
  entries: ArchivePdfEntry[];
  /** A font with Chinese glyphs; without one the cover is written in the standard font, non-Latin text as "?". */
  font: CjkFont | null;
};

export type ArchivePdfResult = { bytes: Uint8Array; pageCount: number; coverPages: number; included: number };

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const ROW = 20;
const COLUMNS = [
  { key: 'no', width: 26 },
  { key: 'kind', width: 84 },
  { key: 'title', width: 130 },
  { key: 'file', width: 130 },
  { key: 'version', width: 34 },
  { key: 'included', width: 95 },
] as const;

const FIRST_TABLE_Y = A4[1] - MARGIN - 200;
const NEXT_TABLE_Y = A4[1] - MARGIN - ROW;
const LAST_ROW_Y = MARGIN + ROW;

/** How many cover pages a table of `rows` rows takes (a header row on each page); the drawing below breaks the same way. */
function coverPageCount(rows: number): number {
  let pages = 1;
  let y = FIRST_TABLE_Y - ROW;
  for (let i = 0; i < rows; i++) {
    if (y < LAST_ROW_Y) {
      pages += 1;
      y = NEXT_TABLE_Y - ROW;
    }
    y -= ROW;
  }
  return pages;
}

/** Text the standard (WinAnsi) font can write: anything else becomes "?". */
const winAnsi = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let out = text;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}…`, size) > width) out = out.slice(0, -1);
  return `${out}…`;
}

/**
 * The merged archive PDF: a cover page listing the contract and every archived document (with
 * where it is in this file, or why it is not), then the pages of each PDF document in order.
 */
export async function buildArchivePdf(input: ArchivePdfInput): Promise<ArchivePdfResult> {
  const out = await PDFDocument.create();
  out.setTitle(`${input.labels.heading} ${input.contract.number}`);
  out.setCreator('C2C CRM');
  const font: PDFFont = input.font ? await embedCjkFont(out, input.font) : await out.embedFont(StandardFonts.Helvetica);
  const text = input.font ? (s: string) => s : winAnsi;

  // Open every PDF first: a file that does not open (damaged, encrypted) is listed, not merged.
  const sources = await Promise.all(
    input.entries.map(async (e) => {
      if (!e.pdf) return { entry: e, doc: null, problem: input.labels.notPdf };
      try {
        const doc = await PDFDocument.load(e.pdf, { updateMetadata: false });
        // A damaged file may parse without a page tree: count the pages now so that it is caught here.
        if (doc.getPageCount() === 0) throw new Error('no pages');
        return { entry: e, doc, problem: null };
      } catch {
        return { entry: e, doc: null, problem: input.labels.unreadable };
      }
    }),
  );

  const coverPages = coverPageCount(Math.max(sources.length, 1));

  // Where each document's pages will be, after the cover.
  let next = coverPages + 1;
  const included = sources.map((s) => {
    if (!s.doc) return s.problem!;
    const count = s.doc.getPageCount();
    const from = next;
    next += count;
    return input.labels.includedPages.replace('{from}', String(from)).replace('{to}', String(from + count - 1));
  });

  let page: PDFPage = out.addPage(A4);
  let y = A4[1] - MARGIN;
  const draw = (p: PDFPage, s: string, x: number, at: number, size = 10, color = rgb(0.1, 0.1, 0.1)) =>
    p.drawText(text(s), { x, y: at, size, font, color });

  draw(page, input.labels.heading, MARGIN, y - 18, 20);
  y -= 52;
  const facts: [string, string][] = [
    [input.labels.number, input.contract.number],
    [input.labels.title, input.contract.title],
    [input.labels.customer, input.contract.customerName],
    [input.labels.type, input.contract.typeLabel],
    [input.labels.signedDate, input.contract.signedDate],
    [input.labels.generatedAt, input.generatedAt],
  ];
  for (const [label, value] of facts) {
    draw(page, label, MARGIN, y, 11, rgb(0.4, 0.4, 0.4));
    draw(page, fit(text(value), font, 11, A4[0] - MARGIN * 2 - 90), MARGIN + 90, y, 11);
    y -= 20;
  }
  y = FIRST_TABLE_Y;

  const header = [
    input.labels.colNo,
    input.labels.colKind,
    input.labels.colTitle,
    input.labels.colFile,
    input.labels.colVersion,
    input.labels.colIncluded,
  ];
  const drawRow = (cells: string[], bold: boolean) => {
    let x = MARGIN;
    if (bold) page.drawRectangle({ x: MARGIN - 4, y: y - 6, width: A4[0] - MARGIN * 2 + 8, height: ROW, color: rgb(0.92, 0.92, 0.92) });
    cells.forEach((c, i) => {
      const width = COLUMNS[i]!.width;
      draw(page, fit(text(c), font, 9, width - 6), x, y, 9);
      x += width;
    });
    page.drawLine({
      start: { x: MARGIN - 4, y: y - 6 },
      end: { x: A4[0] - MARGIN + 4, y: y - 6 },
      thickness: 0.5,
      color: rgb(0.75, 0.75, 0.75),
    });
    y -= ROW;
  };
  drawRow(header, true);
  if (sources.length === 0) drawRow(['', input.labels.none, '', '', '', ''], false);
  sources.forEach((s, i) => {
    if (y < LAST_ROW_Y) {
      page = out.addPage(A4);
      y = NEXT_TABLE_Y;
      drawRow(header, true);
    }
    drawRow([String(i + 1), s.entry.kindLabel, s.entry.title, s.entry.fileName, `V${s.entry.versionNo}`, included[i]!], false);
  });
  out
    .getPages()
    .forEach((p, i) => draw(p, input.labels.footer.replace('{page}', String(i + 1)), MARGIN, MARGIN / 2, 8, rgb(0.5, 0.5, 0.5)));

  if (out.getPageCount() !== coverPages) throw new Error(`Cover took ${out.getPageCount()} pages, ${coverPages} planned`);
  let merged = 0;
  for (const s of sources) {
    if (!s.doc) continue;
    const pages = await out.copyPages(s.doc, s.doc.getPageIndices());
    for (const p of pages) out.addPage(p);
    merged += 1;
  }
  const bytes = await out.save();
  return { bytes, pageCount: out.getPageCount(), coverPages, included: merged };
}
