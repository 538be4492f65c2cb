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
  /** The integration health view: calls to external systems, error rates, latency. */
  integrationRead: 'integration:read',
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
  /** Give tasks to other people within one's data scope (a manager to the team). */
  taskAssign: 'task:assign',
  /** Override a customer's grade and set the strategic flag (with a reason). */
  customerGrade: 'customer:grade',
  /** Change the grading rule's thresholds. */
  customerGradingSettings: 'customer:grading-settings',
  customerClaim: 'customer:claim',
  customerRelease: 'customer:release',
  customerPoolManage: 'customer:pool-manage',
  /** See targets and live performance (own, team or all, by data scope). */
  targetRead: 'target:read',
  /** Set and split targets of the departments and people in one's data scope. */
  targetManage: 'target:manage',
  /** Carries a personal sales target: listed in splits, rankings and the performance summary. */
  targetHold: 'target:hold',
  leadRead: 'lead:read',
  leadCreate: 'lead:create',
  /** Edit, follow up, qualify and disqualify leads. */
  leadUpdate: 'lead:update',
  /** Give leads to another owner (single and batch). */
  leadAssign: 'lead:assign',
  /** Convert a lead into customer + contact + opportunity. */
  leadConvert: 'lead:convert',
  /** Change the list of lead sources. */
  leadSettings: 'lead:settings',
  opportunityRead: 'opportunity:read',
  opportunityCreate: 'opportunity:create',
  opportunityUpdate: 'opportunity:update',
  /** Give an opportunity to another owner. */
  opportunityAssign: 'opportunity:assign',
  /** Move a won or lost opportunity back to an open stage. */
  opportunityReopen: 'opportunity:reopen',
  /** Edit the pipeline's stages, probabilities and rules. */
  opportunityPipelineManage: 'opportunity:pipeline-manage',
  quoteRead: 'quote:read',
  /** Create and edit quotes, new versions, submit, send, record the customer's answer. */
  quoteWrite: 'quote:write',
  /** Approve or refuse quotes that need approval (until the approval engine takes over). */
  quoteApprove: 'quote:approve',
  quoteExport: 'quote:export',
  /** Quote numbering, company header and discount limits per role. */
  quoteSettings: 'quote:settings',
  /** Design the approval definitions (审批流程) of every business type. */
  approvalDefinitionManage: 'approval:definition-manage',
  /** Read every approval instance, not only those one takes part in. */
  approvalMonitor: 'approval:monitor',
  /** Field-level grants: see standard cost, gross margin, full bank account numbers. */
  fieldCost: 'field:cost',
  fieldMargin: 'field:margin',
  fieldBankAccount: 'field:bank_account',
  /** See product floor prices (底价). */
  fieldFloorPrice: 'field:floor_price',
  /** The product catalogue: read it, change it (and its categories and import), export it. */
  productRead: 'product:read',
  productWrite: 'product:write',
  productExport: 'product:export',
  /** Price lists by customer grade and region: read them, change them. */
  priceListRead: 'price-list:read',
  priceListWrite: 'price-list:write',
  /** Requirements (需求): read them, enter and submit them, review them as a product manager (and enter new material codes). */
  requirementRead: 'requirement:read',
  requirementWrite: 'requirement:write',
  requirementReview: 'requirement:review',
  contractRead: 'contract:read',
  /** Create and edit contracts and amendments, upload the annex, run the review, submit and withdraw. */
  contractWrite: 'contract:write',
  /** Record the signature, start and complete execution, terminate. */
  contractSign: 'contract:sign',
  /** Numbering and the review rules' thresholds. */
  contractSettings: 'contract:settings',
  /** Upload documents to a contract's archive and generate documents from templates. */
  contractDocumentWrite: 'contract:document-write',
  /** Manage contract templates and the archive's required documents. */
  contractTemplateManage: 'contract:template-manage',
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
