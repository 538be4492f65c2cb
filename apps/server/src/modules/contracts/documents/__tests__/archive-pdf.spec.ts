import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildArchivePdf, type ArchivePdfInput } from '../archive-pdf.ts';
import { findCjkFont } from '../cjk-font.ts';

async function pdfOf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([300, 400]).drawText(`page ${i + 1}`, { x: 20, y: 200 });
  return Buffer.from(await doc.save());
}

const labels: ArchivePdfInput['labels'] = {
  heading: '合同归档封面',
  number: '合同编号',
  title: '合同名称',
  customer: '客户',
  type: '合同类型',
  signedDate: '签订日期',
  generatedAt: '生成时间',
  colNo: '序号',
  colKind: '类别',
  colTitle: '标题',
  colFile: '文件名',
  colVersion: '版本',
  colIncluded: '是否并入',
  includedPages: '第 {from}–{to} 页',
  notPdf: '非 PDF，未并入',
  unreadable: '无法读取，未并入',
  none: '（无归档文档）',
  footer: '归档封面 · 第 {page} 页',
};
const contract = {
  number: 'HT202611-00001',
  title: '智能电表采购',
  customerName: '江苏省电力有限公司',
  typeLabel: '标准合同',
  signedDate: '2026-11-05',
};

describe('merged archive PDF', () => {
  it('puts a cover first, then every PDF in the given order; other files are listed only', async () => {
    const font = await findCjkFont();
    const result = await buildArchivePdf({
      labels,
      contract,
      generatedAt: '2026-11-20 10:00',
      font,
      entries: [
        { kindLabel: '已签合同原件', title: '合同扫描件', fileName: '合同.pdf', versionNo: 2, pdf: await pdfOf(2) },
        { kindLabel: '商务附件', title: '产品清单', fileName: '清单.xlsx', versionNo: 1, pdf: null },
        { kindLabel: '技术协议', title: '技术协议', fileName: '技术.pdf', versionNo: 1, pdf: await pdfOf(3) },
        { kindLabel: '其他', title: '损坏的文件', fileName: 'broken.pdf', versionNo: 1, pdf: Buffer.from('%PDF-1.4 broken') },
      ],
    });
    expect(result).toMatchObject({ pageCount: 6, coverPages: 1, included: 2 });
    const reopened = await PDFDocument.load(result.bytes);
    expect(reopened.getPageCount()).toBe(6);
    expect(reopened.getPage(1).getSize()).toEqual({ width: 300, height: 400 });
  });

  it('continues the document list on more cover pages and still places the documents after them', async () => {
    const entries = await Promise.all(
      Array.from({ length: 70 }, async (_, i) => ({
        kindLabel: '其他',
        title: `附件 ${i + 1}`,
        fileName: `a${i + 1}.pdf`,
        versionNo: 1,
        pdf: i < 2 ? await pdfOf(1) : null,
      })),
    );
    const result = await buildArchivePdf({ labels, contract, generatedAt: '2026-11-20 10:00', font: null, entries });
    expect(result.coverPages).toBe(3);
    expect(result.pageCount).toBe(5);
    expect(result.included).toBe(2);
  });

  it('writes the cover without a CJK font (non-Latin text as "?") when none is installed', async () => {
    const missing = await findCjkFont([{ path: '/nonexistent/font.ttc', face: 'X' }]);
    expect(missing).toBeNull();
    const result = await buildArchivePdf({
      labels: { ...labels, heading: 'Contract archive' },
      contract,
      generatedAt: '2026-11-20 10:00',
      font: missing,
      entries: [{ kindLabel: 'Signed original', title: '合同', fileName: 'a.pdf', versionNo: 1, pdf: await pdfOf(1) }],
    });
    expect(result.pageCount).toBe(2);
  });
});
