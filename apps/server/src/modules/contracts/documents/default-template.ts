import PizZip from 'pizzip';

/**
 * The built-in contract template (产品购销合同), written as WordprocessingML at start-up so that
 * generation works out of the box. Administrators upload their own templates beside it.
 */
export const DEFAULT_TEMPLATE_NAME = '标准产品购销合同（内置）';
export const DEFAULT_TEMPLATE_FILE_NAME = 'standard-contract-template.docx';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type RunStyle = { bold?: boolean; size?: number };
type ParaStyle = RunStyle & { align?: 'left' | 'center' | 'right' | 'both'; spacingAfter?: number; indent?: boolean };

function run(text: string, style: RunStyle = {}): string {
  const props = [style.bold ? '<w:b/><w:bCs/>' : '', style.size ? `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>` : '']
    .filter(Boolean)
    .join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function para(text: string, style: ParaStyle = {}): string {
  const props = [
    style.align ? `<w:jc w:val="${style.align}"/>` : '',
    `<w:spacing w:after="${style.spacingAfter ?? 80}" w:line="300" w:lineRule="auto"/>`,
    style.indent ? '<w:ind w:firstLineChars="200" w:firstLine="420"/>' : '',
  ].join('');
  return `<w:p><w:pPr>${props}</w:pPr>${run(text, style)}</w:p>`;
}

const heading = (text: string) => para(text, { bold: true, size: 24, spacingAfter: 60 });

function cell(text: string, width: number, opts: { bold?: boolean; align?: 'left' | 'center' | 'right'; shade?: boolean } = {}): string {
  const shade = opts.shade ? '<w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/>' : '';
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shade}<w:vAlign w:val="center"/></w:tcPr>` +
    `<w:p><w:pPr><w:jc w:val="${opts.align ?? 'left'}"/><w:spacing w:after="0"/></w:pPr>${run(text, { bold: opts.bold, size: 18 })}</w:p></w:tc>`
  );
}

function table(
  widths: number[],
  rows: string[][],
  opts: { header?: boolean; borders?: boolean; align?: ('left' | 'center' | 'right')[] } = {},
) {
  const border = opts.borders === false ? 'nil' : 'single';
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((b) => `<w:${b} w:val="${border}" w:sz="4" w:space="0" w:color="808080"/>`)
    .join('');
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  const body = rows
    .map((cells, r) => {
      const isHeader = opts.header === true && r === 0;
      const header = isHeader ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
      return `<w:tr>${header}${cells
        .map((text, c) =>
          cell(text, widths[c]!, { bold: isHeader, shade: isHeader, align: isHeader ? 'center' : (opts.align?.[c] ?? 'left') }),
        )
        .join('')}</w:tr>`;
    })
    .join('');
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>${para('', { spacingAfter: 60 })}`
  );
}

function body(): string {
  const lineWidths = [520, 1250, 1700, 1350, 560, 800, 1080, 640, 1200, 1100];
  const paymentWidths = [600, 1700, 900, 900, 1500, 4600];
  return [
    para('产品购销合同', { bold: true, size: 36, align: 'center', spacingAfter: 200 }),
    para('合同编号：{number}', { align: 'right', spacingAfter: 0 }),
    para('签订日期：{signedDate}', { align: 'right', spacingAfter: 200 }),
    para('合同名称：{title}'),
    para('买方（甲方）：{customerName}'),
    para('卖方（乙方）：________________________'),
    para(
      '甲乙双方根据《中华人民共和国民法典》及有关法律法规的规定，经友好协商，就甲方向乙方采购下列产品事宜达成一致，订立本合同，共同遵守。',
      { indent: true, spacingAfter: 160 },
    ),
    heading('一、产品名称、规格、数量及价款'),
    table(
      lineWidths,
      [
        ['序号', '物料编码', '产品名称', '规格型号', '单位', '数量', '含税单价', '税率', '含税金额', '交货日期'],
        [
          '{#lines}{position}',
          '{materialCode}',
          '{name}',
          '{spec}',
          '{unit}',
          '{qty}',
          '{unitPrice}',
          '{taxRate}',
          '{amountInclTax}',
          '{wantedDeliveryDate}{/lines}',
        ],
      ],
      { header: true, align: ['center', 'left', 'left', 'left', 'center', 'right', 'right', 'center', 'right', 'center'] },
    ),
    para('合同总价（含税）：{currency} {amountInclTax}（大写：{amountInclTaxWords}）；其中不含税金额 {amountExclTax}，税额 {taxAmount}。', {
      indent: true,
    }),
    heading('二、付款方式'),
    para('{paymentTermsText}', { indent: true }),
    table(
      paymentWidths,
      [
        ['期次', '款项', '比例', '天数', '金额', '约定'],
        ['{#paymentTerms}{no}', '{label}', '{percent}', '{days}', '{amount}', '{sentence}{/paymentTerms}'],
      ],
      { header: true, align: ['center', 'left', 'right', 'right', 'right', 'left'] },
    ),
    heading('三、交货'),
    para('交货地点：{deliveryPlace}；交货日期：{deliveryDate}。运输及保险由乙方负责，费用已包含在合同价款中。', { indent: true }),
    heading('四、质量保证'),
    para(
      '乙方保证所供产品符合国家标准及双方确认的技术要求。质保期为 {warrantyMonths} 个月，自货物验收合格之日起计算；质保期内因产品质量问题造成的损坏，乙方负责免费维修或更换。',
      {
        indent: true,
      },
    ),
    heading('五、违约责任'),
    para(
      '乙方逾期交货的，{#penaltyRatePerDay}每逾期一日按合同总额的 {penaltyRatePerDay} 向甲方支付违约金，{/penaltyRatePerDay}违约金总额不超过合同总额的 {penaltyCap}。甲方逾期付款的，按同等标准承担违约责任。',
      { indent: true },
    ),
    heading('六、争议解决'),
    para('因本合同引起的或与本合同有关的争议，双方应友好协商解决；协商不成的，任何一方均可向乙方所在地有管辖权的人民法院提起诉讼。', {
      indent: true,
    }),
    heading('七、其他'),
    para(
      '本合同附件（商务附件、技术协议）为本合同不可分割的组成部分，与本合同具有同等法律效力。本合同一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。',
      {
        indent: true,
        spacingAfter: 300,
      },
    ),
    table(
      [4800, 4800],
      [
        ['买方（甲方）：{customerName}', '卖方（乙方）：'],
        ['（盖章）', '（盖章）'],
        ['授权代表（签字）：', '授权代表（签字）：{ownerName}'],
        ['日期：', '日期：'],
      ],
      { borders: false },
    ),
  ].join('');
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:docDefaults><w:rPrDefault><w:rPr>' +
  '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>' +
  '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>' +
  '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '</w:styles>';

/** The built-in template as a .docx file. */
export function buildDefaultTemplateDocx(): Buffer {
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:body>${body()}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
    '<w:pgMar w:top="1247" w:right="1134" w:bottom="1247" w:left="1134" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>' +
    '</w:body></w:document>';
  const zip = new PizZip();
  // A fixed date keeps the file's bytes (and so its content hash) the same on every start.
  const date = new Date('2026-01-01T00:00:00Z');
  zip.file('[Content_Types].xml', CONTENT_TYPES, { date });
  zip.file('_rels/.rels', ROOT_RELS, { date });
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS, { date });
  zip.file('word/document.xml', document, { date });
  zip.file('word/styles.xml', STYLES, { date });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
