import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';
import { registerMessages, type Messages } from '../../../kernel/i18n.ts';
import { defineUniqueFields } from '../../../kernel/http/problem.ts';

definePermissions(
  'quotes',
  { 'zh-CN': '报价单', 'en-US': 'Quotes' },
  {
    [Permission.quoteRead]: { 'zh-CN': '查看报价单', 'en-US': 'View quotes' },
    [Permission.quoteWrite]: { 'zh-CN': '编辑、提交、发送报价单', 'en-US': 'Edit, submit and send quotes' },
    [Permission.quoteApprove]: { 'zh-CN': '审批报价单', 'en-US': 'Approve quotes' },
    [Permission.quoteExport]: { 'zh-CN': '导出报价单', 'en-US': 'Export quotes' },
    [Permission.quoteSettings]: {
      'zh-CN': '报价设置（编号、抬头、折扣权限）',
      'en-US': 'Quote settings (numbering, header, discount limits)',
    },
  },
);

defineUniqueFields({ quote_number_key: 'number', quote_discount_limit_key: 'discountLimits' });

const rep = [Permission.quoteRead, Permission.quoteWrite, Permission.quoteExport];
const lead = [...rep, Permission.quoteApprove];

/** Default grants of the built-in roles for quotes (applied once; see the admin module). */
export const QUOTE_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: rep,
  [BuiltinRole.salesManager]: lead,
  [BuiltinRole.salesDirector]: [...lead, Permission.quoteSettings],
  [BuiltinRole.contractReviewer]: [Permission.quoteRead, Permission.quoteExport],
  [BuiltinRole.finance]: [Permission.quoteRead],
  [BuiltinRole.admin]: [...lead, Permission.quoteSettings],
};

const texts: Record<string, [zh: string, en: string]> = {
  'reason.below_floor': ['第 {position} 行（{product}）低于允许的最低价', 'Line {position} ({product}) is below the allowed price'],
  'reason.below_floor_figures': [
    '第 {position} 行（{product}）净单价 {net} 低于底价 {floor}',
    'Line {position} ({product}): net unit price {net} is below the floor price {floor}',
  ],
  'reason.line_discount_beyond_limit': [
    '第 {position} 行（{product}）折扣 {discount}% 超出权限 {limit}%',
    'Line {position} ({product}): discount {discount}% is beyond the limit of {limit}%',
  ],
  'reason.overall_discount_beyond_limit': [
    '整单折扣 {discount}% 超出权限 {limit}%',
    'Overall discount {discount}% is beyond the limit of {limit}%',
  ],
  'price.manual': ['手工报价', 'Entered by hand'],
  'price.freeText': ['非目录产品，手工报价', 'Not in the catalogue; priced by hand'],
  'status.draft': ['草稿', 'Draft'],
  'status.needs_approval': ['待审批', 'Needs approval'],
  'status.approved': ['已审批', 'Approved'],
  'status.sent': ['已发送', 'Sent'],
  'status.accepted': ['客户已接受', 'Accepted'],
  'status.rejected': ['客户已拒绝', 'Rejected'],
  'status.expired': ['已过期', 'Expired'],
  'status.superseded': ['已被新版本取代', 'Superseded'],
  'export.sheet': ['报价单', 'Quote'],
  'export.title': ['报价单', 'QUOTATION'],
  'export.number': ['报价单号', 'Quote no.'],
  'export.version': ['版本', 'Version'],
  'export.date': ['报价日期', 'Date'],
  'export.validUntil': ['有效期至', 'Valid until'],
  'export.customer': ['客户', 'Customer'],
  'export.opportunity': ['商机', 'Opportunity'],
  'export.owner': ['报价人', 'Prepared by'],
  'export.currency': ['币种', 'Currency'],
  'export.status': ['状态', 'Status'],
  'export.col.position': ['序号', 'No.'],
  'export.col.materialCode': ['物料编码', 'Material code'],
  'export.col.name': ['产品名称', 'Product'],
  'export.col.spec': ['规格型号', 'Model / spec'],
  'export.col.unit': ['单位', 'Unit'],
  'export.col.qty': ['数量', 'Qty'],
  'export.col.unitPrice': ['含税单价', 'Unit price incl. tax'],
  'export.col.discount': ['折扣%', 'Discount %'],
  'export.col.netUnitPrice': ['折后单价', 'Net unit price'],
  'export.col.taxRate': ['税率', 'Tax rate'],
  'export.col.amountExclTax': ['不含税金额', 'Amount excl. tax'],
  'export.col.taxAmount': ['税额', 'Tax'],
  'export.col.amountInclTax': ['价税合计', 'Amount incl. tax'],
  'export.subtotal': ['折前合计', 'Subtotal'],
  'export.overallDiscount': ['整单折扣（{percent}%）', 'Overall discount ({percent}%)'],
  'export.totalExclTax': ['不含税合计', 'Total excl. tax'],
  'export.totalTax': ['税额合计', 'Total tax'],
  'export.totalInclTax': ['价税合计', 'Total incl. tax'],
  'export.inWords': ['大写金额', 'In words (Chinese)'],
  'export.paymentTerms': ['付款条件', 'Payment terms'],
  'export.deliveryTerms': ['交货条件', 'Delivery terms'],
  'export.notes': ['备注', 'Notes'],
};

const zh: Messages = {};
const en: Messages = {};
for (const [key, [z, e]] of Object.entries(texts)) {
  zh[`quotes.${key}`] = z;
  en[`quotes.${key}`] = e;
}
registerMessages({ 'zh-CN': zh, 'en-US': en });

registerMessages({
  'zh-CN': {
    'notification.quote.approvalNeeded.title': '报价单待审批：{number}',
    'notification.quote.approvalNeeded.body': '{owner} 的报价单 {number}（{customer}，{amount} {currency}）有 {count} 项超出权限，需要审批',
    'notification.quote.approved.title': '报价单 {number} 已审批通过',
    'notification.quote.refused.title': '报价单 {number} 审批未通过',
    'notification.quote.refused.body': '{comment}',
  },
  'en-US': {
    'notification.quote.approvalNeeded.title': 'Quote to approve: {number}',
    'notification.quote.approvalNeeded.body':
      'Quote {number} by {owner} ({customer}, {amount} {currency}) has {count} item(s) beyond the limits and needs approval',
    'notification.quote.approved.title': 'Quote {number} was approved',
    'notification.quote.refused.title': 'Quote {number} was not approved',
    'notification.quote.refused.body': '{comment}',
  },
});
