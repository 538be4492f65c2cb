import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import { registerMessages, type Messages } from '../../kernel/i18n.ts';
import { defineUniqueFields } from '../../kernel/http/problem.ts';

definePermissions(
  'contracts',
  { 'zh-CN': '合同', 'en-US': 'Contracts' },
  {
    [Permission.contractRead]: { 'zh-CN': '查看合同', 'en-US': 'View contracts' },
    [Permission.contractWrite]: { 'zh-CN': '起草、修改、提交合同及补充协议', 'en-US': 'Draft, change and submit contracts and amendments' },
    [Permission.contractSign]: {
      'zh-CN': '登记签署、执行、完成、终止合同',
      'en-US': 'Record signature, execution, completion and termination',
    },
    [Permission.contractSettings]: { 'zh-CN': '合同设置（编号、评审规则）', 'en-US': 'Contract settings (numbering, review rules)' },
  },
);

defineUniqueFields({ contract_number_key: 'number' });

const rep = [Permission.contractRead, Permission.contractWrite, Permission.contractSign];

/** Default grants of the built-in roles for contracts (applied once; see the admin module). */
export const CONTRACT_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: rep,
  [BuiltinRole.salesManager]: rep,
  [BuiltinRole.salesDirector]: [...rep, Permission.contractSettings],
  [BuiltinRole.contractReviewer]: [...rep, Permission.contractSettings],
  [BuiltinRole.finance]: [Permission.contractRead],
  [BuiltinRole.planner]: [Permission.contractRead],
  [BuiltinRole.productManager]: [Permission.contractRead],
  [BuiltinRole.admin]: [...rep, Permission.contractSettings],
};

const texts: Record<string, [zh: string, en: string]> = {
  'status.draft': ['草稿', 'Draft'],
  'status.in_review': ['评审中', 'In review'],
  'status.approved': ['已审批', 'Approved'],
  'status.signed': ['已签署', 'Signed'],
  'status.executing': ['执行中', 'Executing'],
  'status.completed': ['已完成', 'Completed'],
  'status.terminated': ['已终止', 'Terminated'],
  'type.standard': ['标准合同', 'Standard'],
  'type.framework': ['框架合同', 'Framework'],
  'type.non_standard': ['非标合同', 'Non-standard'],
  'type.overseas': ['海外合同', 'Overseas'],
  'review.complete': ['合同要素齐全', 'The contract is complete'],
  'review.noLines': ['合同没有合同行', 'The contract has no lines'],
  'review.noTerms': ['未填写付款条款', 'No payment terms'],
  'review.termsSum': ['付款条款比例合计 {sum}%，应为 100%', 'Payment terms add up to {sum}%, not 100%'],
  'review.zeroAmount': ['合同金额为零', 'The contract amount is zero'],
  'review.floorOk': ['所有行单价不低于底价', 'No line is below its floor price'],
  'review.belowFloor': [
    '第 {position} 行（{code}）单价 {price} 低于底价 {floor}',
    'Line {position} ({code}): unit price {price} is below the floor price {floor}',
  ],
  'review.lineMarginBlock': [
    '第 {position} 行（{code}）毛利率 {margin}% 低于 {threshold}%（需特批）',
    'Line {position} ({code}): gross margin {margin}% is below {threshold}% (special approval)',
  ],
  'review.lineMarginWarn': [
    '第 {position} 行（{code}）毛利率 {margin}% 低于 {threshold}%（需总监审批）',
    'Line {position} ({code}): gross margin {margin}% is below {threshold}% (director approval)',
  ],
  'review.marginBlock': [
    '合同毛利率 {margin}% 低于 {threshold}%（需特批）',
    'Gross margin {margin}% is below {threshold}% (special approval)',
  ],
  'review.marginWarn': [
    '合同毛利率 {margin}% 低于 {threshold}%（需总监审批）',
    'Gross margin {margin}% is below {threshold}% (director approval)',
  ],
  'review.marginOk': ['合同毛利率 {margin}%，不低于 {threshold}%', 'Gross margin {margin}% is at least {threshold}%'],
  'review.marginUnknown': ['有合同行没有标准成本，无法核算毛利', 'A line has no standard cost: the margin cannot be checked'],
  'review.marginNoLines': ['没有可核算毛利的合同行', 'No line to check the margin of'],
  'review.noCreditLimit': ['客户未设置信用额度（需财务审批）', 'The customer has no credit limit (finance approval)'],
  'review.overCreditLimit': [
    '未回款 {exposure} + 本合同 {amount} = {total}，超出信用额度 {limit}（需财务审批）',
    'Open {exposure} + this contract {amount} = {total} exceeds the credit limit {limit} (finance approval)',
  ],
  'review.creditOk': [
    '未回款 {exposure} + 本合同 {amount} = {total}，在信用额度 {limit} 内',
    'Open {exposure} + this contract {amount} = {total} is within the credit limit {limit}',
  ],
  'review.creditDaysOver': [
    '账期 {days} 天超出 {grade} 级客户允许的 {allowed} 天（需财务审批）',
    'Credit of {days} days exceeds the {allowed} days allowed for grade {grade} (finance approval)',
  ],
  'review.creditDaysOk': ['账期 {days} 天，不超过允许的 {allowed} 天', 'Credit of {days} days is within the {allowed} days allowed'],
  'review.prepaymentLow': [
    '预付款 {given}% 低于 {grade} 级客户要求的 {required}%（需财务审批）',
    'Prepayment {given}% is below the {required}% required for grade {grade} (finance approval)',
  ],
  'review.prepaymentOk': ['预付款 {given}%，不低于要求的 {required}%', 'Prepayment {given}% meets the {required}% required'],
  'review.deliveryTooEarly': [
    '第 {position} 行（{code}）交期 {wanted} 早于最早可交货日 {earliest}（生产周期 {days} 天）',
    'Line {position} ({code}): delivery {wanted} is before the earliest possible {earliest} (lead time {days} days)',
  ],
  'review.deliveryOk': ['交货期满足生产周期', 'Delivery dates allow for the lead times'],
  'review.warrantyLong': [
    '质保期 {months} 个月超出标准 {standard} 个月 + 允许延长，最多 {allowed} 个月（需总监审批）',
    'Warranty of {months} months exceeds the standard {standard} months plus the allowed extension ({allowed} months; director approval)',
  ],
  'review.warrantyOk': ['质保期 {months} 个月，不超过 {allowed} 个月', 'Warranty of {months} months is within {allowed} months'],
  'review.nonStandardUnreviewed': [
    '第 {position} 行（{code}）为非标产品，需产品经理技术评审',
    'Line {position} ({code}) is non-standard and needs a product manager’s technical review',
  ],
  'review.nonStandardOk': ['没有待技术评审的非标行', 'No non-standard line awaits technical review'],
  'review.penaltyHigh': [
    '延期交货违约金上限 {cap}% 超过 {allowed}%（需总监审批）',
    'Late-delivery penalty cap {cap}% exceeds {allowed}% (director approval)',
  ],
  'review.penaltyOk': ['延期交货违约金上限 {cap}%，不超过 {allowed}%', 'Late-delivery penalty cap {cap}% is within {allowed}%'],
  'diff.lineAdded': ['新增行 {subject}：数量 {qty}，单价 {price}', 'Line added {subject}: qty {qty}, unit price {price}'],
  'diff.lineRemoved': ['删除行 {subject}', 'Line removed {subject}'],
  'diff.lineChanged': ['{subject} {field}：{before} → {after}', '{subject} {field}: {before} → {after}'],
  'diff.termsChanged': ['付款条款：{before} → {after}', 'Payment terms: {before} → {after}'],
  'diff.fieldChanged': ['{field}：{before} → {after}', '{field}: {before} → {after}'],
  'field.qty': ['数量', 'qty'],
  'field.unitPrice': ['含税单价', 'unit price'],
  'field.taxRate': ['税率', 'tax rate'],
  'field.wantedDeliveryDate': ['交货日期', 'delivery date'],
  'field.warrantyMonths': ['质保期（月）', 'warranty months'],
  'field.latePenalty': ['违约金上限 %', 'penalty cap %'],
  'field.deliveryTerms': ['交货条款', 'delivery terms'],
  'field.title': ['合同名称', 'title'],
  'field.type': ['合同类型', 'type'],
  'field.currency': ['币种', 'currency'],
  'trigger.signing': ['签约', 'signing'],
  'trigger.shipment': ['发货', 'shipment'],
  'trigger.acceptance': ['验收', 'acceptance'],
  'trigger.invoice': ['开票', 'invoice'],
  'trigger.warranty_end': ['质保期满', 'warranty end'],
  'trigger.fixed_date': ['固定日期', 'fixed date'],
  'annex.noCode': ['没有物料编码或规格型号', 'No material code or model'],
  'annex.unknown': ['目录中找不到该物料编码或型号', 'No catalogue product with this material code or model'],
  'annex.ambiguous': ['该型号对应多个产品，请填写物料编码', 'Several products have this model; give the material code'],
  'annex.discontinued': ['产品已停产', 'The product is discontinued'],
  'annex.badQty': ['数量无效', 'The quantity is not valid'],
  'annex.badPrice': ['单价无效', 'The unit price is not valid'],
  'annex.badDate': ['交货日期无效', 'The delivery date is not valid'],
  'annex.sheet': ['产品清单', 'Product list'],
  'annex.col.materialCode': ['物料编码', 'Material code'],
  'annex.col.model': ['规格型号', 'Model'],
  'annex.col.name': ['产品名称', 'Product'],
  'annex.col.qty': ['数量', 'Qty'],
  'annex.col.unitPrice': ['含税单价', 'Unit price incl. tax'],
  'annex.col.wantedDeliveryDate': ['交货日期', 'Delivery date'],
  'annex.col.notes': ['备注', 'Notes'],
  'approval.title': ['合同评审', 'Contract review'],
  'source.quote': ['报价单', 'quote'],
  'source.quoteNotAccepted': ['报价单尚未被客户接受', 'the customer has not accepted it'],
};

const zh: Messages = {};
const en: Messages = {};
for (const [key, [z, e]] of Object.entries(texts)) {
  zh[`contracts.${key}`] = z;
  en[`contracts.${key}`] = e;
}
registerMessages({ 'zh-CN': zh, 'en-US': en });

registerMessages({
  'zh-CN': {
    'notification.contract.approved.title': '合同 {number} 评审通过',
    'notification.contract.rejected.title': '合同 {number} 评审未通过',
    'notification.contract.rejected.body': '{comment}',
    'notification.contract.amendmentEffective.title': '合同 {number} 的补充协议（版本 {versionNo}）已生效',
  },
  'en-US': {
    'notification.contract.approved.title': 'Contract {number} was approved',
    'notification.contract.rejected.title': 'Contract {number} was not approved',
    'notification.contract.rejected.body': '{comment}',
    'notification.contract.amendmentEffective.title': 'The amendment (version {versionNo}) of contract {number} is in effect',
  },
});
