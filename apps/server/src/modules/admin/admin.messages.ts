import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import { registerMessages } from '../../kernel/i18n.ts';
import { defineUniqueFields } from '../../kernel/http/problem.ts';

definePermissions(
  'admin',
  { 'zh-CN': '系统管理', 'en-US': 'Administration' },
  {
    [Permission.departmentRead]: { 'zh-CN': '查看部门', 'en-US': 'View departments' },
    [Permission.departmentManage]: { 'zh-CN': '管理部门', 'en-US': 'Manage departments' },
    [Permission.userRead]: { 'zh-CN': '查看用户', 'en-US': 'View users' },
    [Permission.userManage]: { 'zh-CN': '管理用户', 'en-US': 'Manage users' },
    [Permission.roleRead]: { 'zh-CN': '查看角色', 'en-US': 'View roles' },
    [Permission.roleManage]: { 'zh-CN': '管理角色与权限', 'en-US': 'Manage roles and permissions' },
    [Permission.auditRead]: { 'zh-CN': '查看审计日志', 'en-US': 'View the audit log' },
    [Permission.auditExport]: { 'zh-CN': '导出审计日志', 'en-US': 'Export the audit log' },
    [Permission.metricsRead]: { 'zh-CN': '读取运行指标（/api/metrics）', 'en-US': 'Read service metrics (/api/metrics)' },
  },
);
definePermissions(
  'fields',
  { 'zh-CN': '字段权限', 'en-US': 'Field access' },
  {
    [Permission.fieldCost]: { 'zh-CN': '查看标准成本', 'en-US': 'See standard cost' },
    [Permission.fieldMargin]: { 'zh-CN': '查看毛利', 'en-US': 'See gross margin' },
    [Permission.fieldBankAccount]: { 'zh-CN': '查看完整银行账号', 'en-US': 'See full bank account numbers' },
  },
);

defineUniqueFields({
  app_user_username_key: 'username',
  department_code_key: 'code',
  role_code_key: 'code',
});

registerMessages({
  'zh-CN': {
    'password.too_short': '密码至少 8 个字符',
    'password.too_common': '该密码过于常见，请换一个',
    'password.same_as_username': '密码不能包含用户名',
    'notification.admin.password_reset.title': '您的密码已被 {by} 重置',
    'notification.admin.password_reset.body': '请使用新密码登录，并尽快修改为只有您知道的密码。',
    'audit.column.id': '编号',
    'audit.column.at': '时间 (UTC)',
    'audit.column.actor': '操作人',
    'audit.column.ip': 'IP 地址',
    'audit.column.action': '操作',
    'audit.column.entityType': '对象类型',
    'audit.column.entityId': '对象编号',
    'audit.column.changes': '变更内容',
    'audit.column.meta': '附加信息',
  },
  'en-US': {
    'password.too_short': 'At least 8 characters',
    'password.too_common': 'This password is too common; choose another',
    'password.same_as_username': 'The password must not contain the username',
    'notification.admin.password_reset.title': 'Your password was reset by {by}',
    'notification.admin.password_reset.body': 'Sign in with the new password and change it to one only you know.',
    'audit.column.id': 'ID',
    'audit.column.at': 'Time (UTC)',
    'audit.column.actor': 'User',
    'audit.column.ip': 'IP address',
    'audit.column.action': 'Action',
    'audit.column.entityType': 'Record type',
    'audit.column.entityId': 'Record ID',
    'audit.column.changes': 'Changes',
    'audit.column.meta': 'Details',
  },
});

type RoleSpec = { code: string; nameZh: string; nameEn: string; dataScope: 'own' | 'department' | 'all'; description: string };

/** The built-in roles of the domain (DOMAIN.md); more can be configured by administrators. */
export const BUILTIN_ROLES: readonly RoleSpec[] = [
  {
    code: BuiltinRole.salesRep,
    nameZh: '销售',
    nameEn: 'Sales rep',
    dataScope: 'own',
    description: 'Own customers, opportunities, contracts',
  },
  {
    code: BuiltinRole.salesManager,
    nameZh: '销售经理',
    nameEn: 'Sales manager',
    dataScope: 'department',
    description: 'The team: records, approvals, targets',
  },
  {
    code: BuiltinRole.salesDirector,
    nameZh: '销售总监',
    nameEn: 'Sales director',
    dataScope: 'all',
    description: 'Approvals above thresholds, targets, all reports',
  },
  {
    code: BuiltinRole.productManager,
    nameZh: '产品经理',
    nameEn: 'Product manager',
    dataScope: 'own',
    description: 'Product-manager review, product catalogue',
  },
  {
    code: BuiltinRole.contractReviewer,
    nameZh: '商务/法务',
    nameEn: 'Contract reviewer / legal',
    dataScope: 'all',
    description: 'Contract review, templates, archive',
  },
  {
    code: BuiltinRole.finance,
    nameZh: '财务',
    nameEn: 'Finance',
    dataScope: 'all',
    description: 'Invoices, receipts, credit limits, write-offs, costs',
  },
  { code: BuiltinRole.planner, nameZh: '计划', nameEn: 'Planner', dataScope: 'all', description: 'Production orders, shipments' },
  {
    code: BuiltinRole.techSupport,
    nameZh: '技术支持/售后',
    nameEn: 'Technical support / after-sales',
    dataScope: 'own',
    description: 'Activities, technical attachments on shared records',
  },
  {
    code: BuiltinRole.admin,
    nameZh: '系统管理员',
    nameEn: 'Administrator',
    dataScope: 'all',
    description: 'Users, roles, rules, integrations, backups',
  },
];

// Carrying a sales target marks a salesperson, it is not a right: the administrator does not get it.
const ALL_ADMIN = Object.values(Permission).filter((p) => p !== Permission.targetHold);

/**
 * Default grants per built-in role. Modules add theirs with `addDefaultGrants`; each grant is
 * applied once (see role_default_grant), so an administrator's later change is kept.
 */
export const DEFAULT_GRANTS: Record<string, Set<string>> = {
  [BuiltinRole.salesRep]: new Set([Permission.userRead, Permission.departmentRead]),
  [BuiltinRole.salesManager]: new Set([
    Permission.userRead,
    Permission.departmentRead,
    Permission.fieldCost,
    Permission.fieldMargin,
    Permission.auditRead,
  ]),
  [BuiltinRole.salesDirector]: new Set([
    Permission.userRead,
    Permission.departmentRead,
    Permission.fieldCost,
    Permission.fieldMargin,
    Permission.auditRead,
  ]),
  [BuiltinRole.productManager]: new Set([Permission.userRead, Permission.departmentRead, Permission.fieldCost, Permission.fieldMargin]),
  [BuiltinRole.contractReviewer]: new Set([Permission.userRead, Permission.departmentRead]),
  [BuiltinRole.finance]: new Set([
    Permission.userRead,
    Permission.departmentRead,
    Permission.fieldCost,
    Permission.fieldMargin,
    Permission.fieldBankAccount,
  ]),
  [BuiltinRole.planner]: new Set([Permission.userRead, Permission.departmentRead]),
  [BuiltinRole.techSupport]: new Set([Permission.userRead, Permission.departmentRead]),
  [BuiltinRole.admin]: new Set(ALL_ADMIN),
};

export function addDefaultGrants(grants: Record<string, readonly string[]>): void {
  for (const [roleCode, permissions] of Object.entries(grants)) {
    const set = (DEFAULT_GRANTS[roleCode] ??= new Set());
    for (const p of permissions) set.add(p);
  }
}
