/** Readable names of the audit actions and record types the platform writes; unknown codes show as they are. */
type Label = { 'zh-CN': string; 'en-US': string };

const ACTIONS: Record<string, Label> = {
  'auth.login': { 'zh-CN': '登录', 'en-US': 'Signed in' },
  'auth.login_failed': { 'zh-CN': '登录失败', 'en-US': 'Sign-in failed' },
  'auth.login_throttled': { 'zh-CN': '登录被限流', 'en-US': 'Sign-in throttled' },
  'auth.logout': { 'zh-CN': '退出登录', 'en-US': 'Signed out' },
  'access.denied': { 'zh-CN': '越权访问被拒绝', 'en-US': 'Access denied' },
  'user.create': { 'zh-CN': '创建用户', 'en-US': 'User created' },
  'user.update': { 'zh-CN': '修改用户', 'en-US': 'User changed' },
  'user.enable': { 'zh-CN': '启用用户', 'en-US': 'User enabled' },
  'user.disable': { 'zh-CN': '停用用户', 'en-US': 'User disabled' },
  'user.password_reset': { 'zh-CN': '重置密码', 'en-US': 'Password reset' },
  'user.password_changed': { 'zh-CN': '修改密码', 'en-US': 'Password changed' },
  'user.profile_update': { 'zh-CN': '修改个人资料', 'en-US': 'Profile changed' },
  'user.list': { 'zh-CN': '查询用户列表', 'en-US': 'Listed users' },
  'user.read': { 'zh-CN': '查看用户', 'en-US': 'Viewed a user' },
  'department.create': { 'zh-CN': '创建部门', 'en-US': 'Department created' },
  'department.update': { 'zh-CN': '修改部门', 'en-US': 'Department changed' },
  'department.delete': { 'zh-CN': '删除部门', 'en-US': 'Department deleted' },
  'department.list': { 'zh-CN': '查询部门', 'en-US': 'Listed departments' },
  'department.read': { 'zh-CN': '查看部门', 'en-US': 'Viewed a department' },
  'role.create': { 'zh-CN': '创建角色', 'en-US': 'Role created' },
  'role.update': { 'zh-CN': '修改角色', 'en-US': 'Role changed' },
  'role.delete': { 'zh-CN': '删除角色', 'en-US': 'Role deleted' },
  'role.list': { 'zh-CN': '查询角色', 'en-US': 'Listed roles' },
  'role.read': { 'zh-CN': '查看角色', 'en-US': 'Viewed a role' },
  'role.default_grants': { 'zh-CN': '内置角色默认授权', 'en-US': 'Default grants applied' },
  'audit.list': { 'zh-CN': '查询审计日志', 'en-US': 'Read the audit log' },
  'audit.export': { 'zh-CN': '导出审计日志', 'en-US': 'Exported the audit log' },
  'api_token.create': { 'zh-CN': '创建 API 令牌', 'en-US': 'API token created' },
  'api_token.revoke': { 'zh-CN': '吊销 API 令牌', 'en-US': 'API token revoked' },
  'file.upload': { 'zh-CN': '上传文件', 'en-US': 'File uploaded' },
  'file.download': { 'zh-CN': '下载文件', 'en-US': 'File downloaded' },
  'seed.demo_organisation': { 'zh-CN': '创建演示组织', 'en-US': 'Demo organisation created' },
};

const ENTITY_TYPES: Record<string, Label> = {
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  role: { 'zh-CN': '角色', 'en-US': 'Role' },
  api_token: { 'zh-CN': 'API 令牌', 'en-US': 'API token' },
  file: { 'zh-CN': '文件', 'en-US': 'File' },
  audit_entry: { 'zh-CN': '审计日志', 'en-US': 'Audit log' },
};

const pick = (labels: Record<string, Label>, code: string, language: string) =>
  labels[code]?.[language.startsWith('en') ? 'en-US' : 'zh-CN'] ?? code;

export const auditActionLabel = (action: string, language: string) => pick(ACTIONS, action, language);
export const auditEntityTypeLabel = (entityType: string, language: string) => pick(ENTITY_TYPES, entityType, language);
