import { BuiltinRole, CustomerErrorCode as SharedCodes, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';
import { defineErrors } from '../../../kernel/errors.ts';
import { registerMessages } from '../../../kernel/i18n.ts';

definePermissions(
  'customers',
  { 'zh-CN': '客户', 'en-US': 'Customers' },
  {
    [Permission.customerClaim]: { 'zh-CN': '从公海领取客户', 'en-US': 'Claim customers from the public pool' },
    [Permission.customerRelease]: { 'zh-CN': '释放客户到公海', 'en-US': 'Release customers to the public pool' },
    [Permission.customerPoolManage]: { 'zh-CN': '管理公海与自动分配规则', 'en-US': 'Manage public pools and assignment rules' },
  },
);

const sales = [Permission.customerClaim, Permission.customerRelease];

/** Default grants of the built-in roles for pools and assignment. */
export const POOL_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: sales,
  [BuiltinRole.salesManager]: sales,
  [BuiltinRole.salesDirector]: [...sales, Permission.customerPoolManage],
  [BuiltinRole.admin]: [...sales, Permission.customerPoolManage],
};

export const PoolErrorCode = defineErrors({
  [SharedCodes.CUSTOMER_ALREADY_CLAIMED]: {
    status: 409,
    'zh-CN': '该客户刚刚已被{owner}领取',
    'en-US': 'This customer has just been claimed by {owner}',
  },
  CUSTOMER_NOT_IN_POOL: { status: 409, 'zh-CN': '该客户不在公海中', 'en-US': 'This customer is not in the public pool' },
  CUSTOMER_HAS_NO_OWNER: { status: 409, 'zh-CN': '该客户已在公海中', 'en-US': 'This customer is already in the public pool' },
  CUSTOMER_OWNER_CAP_REACHED: {
    status: 409,
    'zh-CN': '{owner}的私有客户已达上限（{cap} 个）',
    'en-US': '{owner} already owns the maximum of {cap} customers',
  },
  CUSTOMER_CLAIM_QUOTA_REACHED: {
    status: 409,
    'zh-CN': '今日领取已达上限（{quota} 个），请明天再来',
    'en-US': 'You have claimed the daily maximum of {quota} customers; try again tomorrow',
  },
  CUSTOMER_CLAIM_COOLDOWN: {
    status: 409,
    'zh-CN': '您在 {until} 前不能重新领取自己释放或被收回的客户',
    'en-US': 'You cannot re-claim a customer that left you until {until}',
  },
  CUSTOMER_NO_POOL: {
    status: 409,
    'zh-CN': '没有服务该部门的公海，请联系管理员配置',
    'en-US': 'No public pool serves this department; ask an administrator to set one up',
  },
  CUSTOMER_EXECUTING_CONTRACT: {
    status: 409,
    'zh-CN': '该客户有执行中的合同，不能释放到公海',
    'en-US': 'This customer has a contract in execution and cannot be released',
  },
  CUSTOMER_SAME_OWNER: { status: 409, 'zh-CN': '该客户已由{owner}负责', 'en-US': '{owner} already owns this customer' },
  CUSTOMER_ASSIGNEE_OUT_OF_SCOPE: {
    status: 400,
    'zh-CN': '只能分配给您管理范围内的在职人员',
    'en-US': 'Customers can be assigned only to active users you manage',
  },
  ASSIGNMENT_NO_RULE: {
    status: 409,
    'zh-CN': '没有匹配该客户的自动分配规则',
    'en-US': 'No assignment rule matches this customer',
  },
  ASSIGNMENT_NO_CANDIDATE: {
    status: 409,
    'zh-CN': '规则“{rule}”的部门中没有可接收客户的销售',
    'en-US': 'The department of rule “{rule}” has no sales user who can take customers',
  },
  POOL_DEPARTMENT_TAKEN: {
    status: 409,
    'zh-CN': '该部门已有公海',
    'en-US': 'This department already has a public pool',
  },
  CUSTOMER_BATCH_PERMISSION: {
    status: 403,
    'zh-CN': '您没有执行该批量操作的权限',
    'en-US': 'You are not allowed to run this batch action',
  },
});

registerMessages({
  'zh-CN': {
    'notification.customers.assigned.title': '{by}将客户“{name}”转给了您',
    'notification.customers.assigned.body': '原因：{reason}',
    'notification.customers.assigned_many.title': '{by}将 {count} 个客户转给了您',
    'notification.customers.assigned_many.body': '原因：{reason}',
    'notification.customers.auto_assigned.title': '按分配规则，{count} 个客户已分配给您',
    'notification.customers.taken_away.title': '{by}将 {count} 个客户从您名下转出',
    'notification.customers.taken_away.body': '原因：{reason}',
    'notification.customers.released_by_manager.title': '{by}将 {count} 个客户释放到了公海',
    'notification.customers.released_by_manager.body': '原因：{reason}',
    'notification.customers.reclaim_warning.title': '{count} 个客户将于 {date} 起陆续回收到公海',
    'notification.customers.reclaim_warning.body': '其中包括“{name}”。添加跟进记录或赢单可以保留客户。',
    'notification.customers.reclaimed.title': '{count} 个客户因长期未跟进/未成交已回收到公海',
    'notification.customers.reclaimed.body': '其中包括“{name}”。',
  },
  'en-US': {
    'notification.customers.assigned.title': '{by} transferred the customer “{name}” to you',
    'notification.customers.assigned.body': 'Reason: {reason}',
    'notification.customers.assigned_many.title': '{by} transferred {count} customers to you',
    'notification.customers.assigned_many.body': 'Reason: {reason}',
    'notification.customers.auto_assigned.title': '{count} customers were assigned to you by the assignment rules',
    'notification.customers.taken_away.title': '{by} transferred {count} of your customers to someone else',
    'notification.customers.taken_away.body': 'Reason: {reason}',
    'notification.customers.released_by_manager.title': '{by} released {count} of your customers to the public pool',
    'notification.customers.released_by_manager.body': 'Reason: {reason}',
    'notification.customers.reclaim_warning.title': '{count} customers return to the public pool from {date}',
    'notification.customers.reclaim_warning.body': 'Among them “{name}”. An activity or a won deal keeps a customer.',
    'notification.customers.reclaimed.title': '{count} customers went back to the public pool (no follow-up or no deal)',
    'notification.customers.reclaimed.body': 'Among them “{name}”.',
  },
});
