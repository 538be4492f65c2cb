import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';
import { registerMessages, type Messages } from '../../../kernel/i18n.ts';
import { defineUniqueFields } from '../../../kernel/http/problem.ts';

definePermissions(
  'contracts',
  { 'zh-CN': '合同', 'en-US': 'Contracts' },
  {
    [Permission.contractDocumentWrite]: {
      'zh-CN': '上传合同档案、按模板生成合同文本',
      'en-US': 'Upload archive documents and generate the contract text from templates',
    },
    [Permission.contractTemplateManage]: {
      'zh-CN': '管理合同模板和归档要求',
      'en-US': 'Manage contract templates and the archive requirements',
    },
  },
);

defineUniqueFields({ contract_template_name_key: 'name' });

/** Default grants of the built-in roles for contract documents (applied once; see the admin module). */
export const CONTRACT_DOCUMENT_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: [Permission.contractDocumentWrite],
  [BuiltinRole.salesManager]: [Permission.contractDocumentWrite],
  [BuiltinRole.salesDirector]: [Permission.contractDocumentWrite],
  [BuiltinRole.contractReviewer]: [Permission.contractDocumentWrite, Permission.contractTemplateManage],
  [BuiltinRole.admin]: [Permission.contractDocumentWrite, Permission.contractTemplateManage],
};

const texts: Record<string, [zh: string, en: string]> = {
  'kind.bid_award_notice': ['中标通知书', 'Bid-award notice'],
  'kind.signed_original': ['已签合同原件', 'Signed original'],
  'kind.technical_agreement': ['技术协议', 'Technical agreement'],
  'kind.commercial_attachment': ['商务附件', 'Commercial attachment'],
  'kind.acceptance_note': ['验收单', 'Acceptance note'],
  'kind.contract_text': ['合同文本', 'Contract text'],
  'kind.other': ['其他', 'Other'],
  generatedTitle: ['合同文本（模板生成）', 'Contract text (generated)'],
  generatedFileName: ['{number}-合同文本.docx', '{number}-contract-text.docx'],
  archiveFileName: ['{number}-归档.pdf', '{number}-archive.pdf'],
  unnumbered: ['未编号', 'unnumbered'],
  'cover.heading': ['合同归档', 'Contract archive'],
  'cover.number': ['合同编号', 'Number'],
  'cover.title': ['合同名称', 'Title'],
  'cover.customer': ['客户', 'Customer'],
  'cover.type': ['合同类型', 'Type'],
  'cover.signedDate': ['签订日期', 'Signed on'],
  'cover.generatedAt': ['生成时间', 'Generated'],
  'cover.colNo': ['序号', 'No.'],
  'cover.colKind': ['类别', 'Kind'],
  'cover.colTitle': ['标题', 'Title'],
  'cover.colFile': ['文件名', 'File'],
  'cover.colVersion': ['版本', 'Ver.'],
  'cover.colIncluded': ['是否并入', 'Included'],
  'cover.includedPages': ['第 {from}–{to} 页', 'pages {from}-{to}'],
  'cover.notPdf': ['未并入（非 PDF）', 'no (not a PDF)'],
  'cover.unreadable': ['未并入（无法读取）', 'no (unreadable)'],
  'cover.none': ['（尚无归档文档）', '(no archived documents yet)'],
  'cover.footer': ['合同归档封面 · 第 {page} 页', 'Contract archive cover · page {page}'],
  'cover.notSigned': ['未签订', 'not signed'],
};

const zh: Messages = {};
const en: Messages = {};
for (const [key, [z, e]] of Object.entries(texts)) {
  zh[`contractDocuments.${key}`] = z;
  en[`contractDocuments.${key}`] = e;
}
registerMessages({ 'zh-CN': zh, 'en-US': en });

registerMessages({
  'zh-CN': {
    'notification.contracts.archive_warning.title': '合同 {number} 签订已 {days} 天，归档尚未完成',
    'notification.contracts.archive_warning.body': '“{title}”（{customer}）缺少：{missing}。请尽快上传归档文档。',
  },
  'en-US': {
    'notification.contracts.archive_warning.title': 'Contract {number} was signed {days} days ago and its archive is incomplete',
    'notification.contracts.archive_warning.body': '“{title}” ({customer}) is missing: {missing}. Please upload the documents.',
  },
});
