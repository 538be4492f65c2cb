import type { TContract } from '@crm/contracts';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { buildDefaultTemplateDocx } from '../default-template.ts';
import { docxText, inspectTemplate, renderTemplate, TemplateProblem } from '../docx-template.ts';
import { contractTemplateData, formatTaxRate, formatUnitPrice, trimDecimal } from '../template-data.ts';

const ID = '00000000-0000-4000-8000-000000000001';

function contract(): TContract {
  const line = (position: number, materialCode: string, qty: string, unitPrice: string, amount: string) => ({
    id: ID,
    position,
    productId: ID,
    materialCode,
    name: '三相智能电能表',
    spec: 'DTZY-2026 0.5S',
    unit: '台',
    category: '三相智能电表',
    qty,
    unitPrice,
    taxRate: '0.13',
    amountInclTax: amount,
    amountExclTax: '0',
    taxAmount: '0',
    wantedDeliveryDate: null,
    isNonStandard: false,
    isTechnicallyReviewed: false,
    requirementLineId: null,
    leadTimeDays: 30,
    standardWarrantyMonths: 24,
    floorPrice: null,
    standardCost: null,
    marginAmount: null,
    marginPercent: null,
    notes: null,
  });
  return {
    id: ID,
    number: 'HT202611-00007',
    title: '2027 年度智能电表采购',
    type: 'standard',
    status: 'draft',
    customerId: ID,
    customerName: '江苏省电力有限公司',
    customerGrade: 'A',
    opportunityId: null,
    opportunityName: null,
    quoteId: null,
    requirementIds: [],
    ownerId: ID,
    ownerName: '王销售',
    departmentId: null,
    departmentName: null,
    currency: 'CNY',
    signedDate: '2026-11-05',
    versionId: ID,
    versionNo: 1,
    versionStatus: 'draft',
    versionKind: 'original',
    amendmentReason: null,
    effectiveVersionId: null,
    paymentTerms: [
      { trigger: 'signing', percent: '30', days: 10 },
      { trigger: 'shipment', percent: '60', days: 30 },
      { trigger: 'warranty_end', percent: '10', days: 0 },
    ],
    deliveryTerms: { place: '南京市江宁区仓库', deliveryDate: '2027-01-15' },
    warrantyMonths: 24,
    latePenalty: { ratePercentPerDay: '0.1', capPercent: '5' },
    lines: [line(1, 'DTZY-3P-001', '100.0000', '1200.000000', '120000.00'), line(2, 'JZQ-01', '2.0000', '3456.780000', '6913.56')],
    totals: {
      amountInclTax: '126913.56',
      amountExclTax: '112313.77',
      taxAmount: '14599.79',
      costAmount: null,
      marginAmount: null,
      marginPercent: null,
    },
    review: null,
    specialApprovalReason: null,
    approvalInstanceId: null,
    terminationReason: null,
    versions: [],
    actions: { edit: true, submit: true, withdraw: false, sign: false, execute: false, complete: false, terminate: false, amend: false },
    version: 1,
    createdAt: '2026-11-02T02:00:00.000Z',
    updatedAt: '2026-11-02T02:00:00.000Z',
  };
}

function docxWith(bodyXml: string): Buffer {
  const zip = new PizZip(buildDefaultTemplateDocx());
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`,
  );
  return zip.generate({ type: 'nodebuffer' });
}
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

describe('value formats', () => {
  it('writes quantities, unit prices and tax rates as a contract shows them', () => {
    expect(trimDecimal('100.0000')).toBe('100');
    expect(trimDecimal('2.5000')).toBe('2.5');
    expect(formatUnitPrice('1200.000000')).toBe('1,200.00');
    expect(formatUnitPrice('0.123400')).toBe('0.1234');
    expect(formatTaxRate('0.13')).toBe('13%');
    expect(formatTaxRate('0.0600')).toBe('6%');
    expect(formatTaxRate('0.035')).toBe('3.5%');
    expect(formatTaxRate('1.0000')).toBe('100%');
  });
});

describe('the built-in template', () => {
  it('uses only known placeholders', () => {
    const inspection = inspectTemplate(buildDefaultTemplateDocx());
    expect(inspection.unknownPlaceholders).toEqual([]);
    expect(inspection.placeholders).toEqual(
      expect.arrayContaining(['number', 'lines', 'lines.materialCode', 'paymentTermsText', 'paymentTerms.sentence']),
    );
  });

  it('renders a readable contract: number, lines, totals in words, payment terms, penalty', () => {
    const out = renderTemplate(buildDefaultTemplateDocx(), contractTemplateData(contract(), { today: '2026-11-02' }));
    const text = docxText(out);
    expect(text).toContain('合同编号：HT202611-00007');
    expect(text).toContain('买方（甲方）：江苏省电力有限公司');
    expect(text).toContain('DTZY-3P-001');
    expect(text).toContain('JZQ-01');
    expect(text).toContain('3,456.78');
    expect(text).toContain('CNY 126,913.56（大写：人民币壹拾贰万陆仟玖佰壹拾叁元伍角陆分）');
    expect(text).toContain('预付款：合同签订后 10 日内，买方支付合同总额的 30%，计人民币 38,074.07 元。');
    expect(text).toContain('质保期为 24 个月');
    expect(text).toContain('每逾期一日按合同总额的 0.1% 向甲方支付违约金，违约金总额不超过合同总额的 5%');
    expect(text).not.toContain('{');
    expect(text).not.toContain('undefined');
  });

  it('leaves the daily penalty sentence out when the contract has no daily rate', () => {
    const c = contract();
    c.latePenalty = { ratePercentPerDay: null, capPercent: '10' };
    const text = docxText(renderTemplate(buildDefaultTemplateDocx(), contractTemplateData(c, { today: '2026-11-02' })));
    expect(text).toContain('乙方逾期交货的，违约金总额不超过合同总额的 10%');
    expect(text).not.toContain('每逾期一日');
  });
});

describe('template check', () => {
  it('reports placeholders that no contract field fills', () => {
    const inspection = inspectTemplate(docxWith(p('{number} {customerNmae}') + p('{#lines}{materialCode} {colour}{/lines}')));
    expect(inspection.unknownPlaceholders).toEqual(['customerNmae', 'lines.colour']);
  });

  it('refuses a file that is not a docx, and a template with broken tags', () => {
    expect(() => inspectTemplate(Buffer.from('plain text'))).toThrow(TemplateProblem);
    expect(() => inspectTemplate(docxWith(p('{#lines}{qty}')))).toThrow(TemplateProblem);
    try {
      inspectTemplate(docxWith(p('{number')));
    } catch (err) {
      expect((err as TemplateProblem).problems.length).toBeGreaterThan(0);
    }
  });
});
