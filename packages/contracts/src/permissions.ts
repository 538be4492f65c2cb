/**
 * Permission keys known to both the server and the web app. Each module adds its own keys here
 * (the server registers labels and groups for the role editor; the web app hides menus with them).
 */
export const Permission = {
  departmentRead: 'department:read',
  departmentManage: 'department:manage',
  userRead: 'user:read',
  userManage: 'user:manage',
  roleRead: 'role:read',
  roleManage: 'role:manage',
  auditRead: 'audit:read',
  auditExport: 'audit:export',
  metricsRead: 'system:metrics',
  customerRead: 'customer:read',
  customerCreate: 'customer:create',
  customerUpdate: 'customer:update',
  customerAssign: 'customer:assign',
  customerExport: 'customer:export',
  customerMerge: 'customer:merge',
  /** Undo any customer merge within the undo window, not only one's own. */
  customerMergeUndoAny: 'customer:merge_undo_any',
  activityWrite: 'activity:write',
  taskRead: 'task:read',
  taskUpdate: 'task:update',
  /** Override a customer's grade and set the strategic flag (with a reason). */
  customerGrade: 'customer:grade',
  /** Change the grading rule's thresholds. */
  customerGradingSettings: 'customer:grading-settings',
  customerClaim: 'customer:claim',
  customerRelease: 'customer:release',
  customerPoolManage: 'customer:pool-manage',
  /** Field-level grants: see standard cost, gross margin, full bank account numbers. */
  fieldCost: 'field:cost',
  fieldMargin: 'field:margin',
  fieldBankAccount: 'field:bank_account',
} as const;
export type TPermission = (typeof Permission)[keyof typeof Permission];

export const DataScope = { own: 'own', department: 'department', all: 'all' } as const;
export const ZDataScopeValues = ['own', 'department', 'all'] as const;
export type TDataScope = (typeof ZDataScopeValues)[number];

/** Built-in role codes of the domain (DOMAIN.md, Organisation and roles). */
export const BuiltinRole = {
  salesRep: 'sales_rep',
  salesManager: 'sales_manager',
  salesDirector: 'sales_director',
  productManager: 'product_manager',
  contractReviewer: 'contract_reviewer',
  finance: 'finance',
  planner: 'planner',
  techSupport: 'tech_support',
  admin: 'admin',
} as const;
export type TBuiltinRole = (typeof BuiltinRole)[keyof typeof BuiltinRole];
