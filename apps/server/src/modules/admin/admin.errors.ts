import { defineErrors } from '../../kernel/errors.ts';

export const AdminErrorCode = defineErrors({
  INVALID_CREDENTIALS: { status: 401, 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  WRONG_CURRENT_PASSWORD: { status: 400, 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  WEAK_PASSWORD: { status: 400, 'zh-CN': '密码不符合安全要求', 'en-US': 'The password does not meet the policy' },
  USERNAME_TAKEN: { status: 409, 'zh-CN': '用户名已被使用', 'en-US': 'The username is already taken' },
  DEPARTMENT_CODE_TAKEN: { status: 409, 'zh-CN': '部门编码已被使用', 'en-US': 'The department code is already taken' },
  DEPARTMENT_NOT_EMPTY: {
    status: 409,
    'zh-CN': '部门下还有子部门或用户，不能删除',
    'en-US': 'The department still has sub-departments or users; it cannot be deleted',
  },
  DEPARTMENT_CYCLE: {
    status: 400,
    'zh-CN': '不能把部门移到它自己或它的下级部门之下',
    'en-US': 'A department cannot be moved under itself or one of its sub-departments',
  },
  ROOT_DEPARTMENT_FIXED: { status: 400, 'zh-CN': '集团根部门不能移动或删除', 'en-US': 'The root department cannot be moved or deleted' },
  ROLE_CODE_TAKEN: { status: 409, 'zh-CN': '角色编码已被使用', 'en-US': 'The role code is already taken' },
  ROLE_BUILTIN: { status: 409, 'zh-CN': '内置角色不能删除', 'en-US': 'Built-in roles cannot be deleted' },
  ROLE_IN_USE: { status: 409, 'zh-CN': '仍有 {count} 个用户使用该角色', 'en-US': '{count} users still hold this role' },
  UNKNOWN_PERMISSION: { status: 400, 'zh-CN': '未知权限：{key}', 'en-US': 'Unknown permission: {key}' },
  CANNOT_DISABLE_SELF: { status: 409, 'zh-CN': '不能停用自己的账号', 'en-US': 'You cannot disable your own account' },
  LAST_ADMIN: {
    status: 409,
    'zh-CN': '系统至少需要一个启用的管理员',
    'en-US': 'At least one active administrator must remain',
  },
  MANAGER_CYCLE: { status: 400, 'zh-CN': '上级设置形成了循环', 'en-US': 'The manager chain would form a loop' },
});
