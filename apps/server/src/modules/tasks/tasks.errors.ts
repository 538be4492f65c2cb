import { defineErrors } from '../../kernel/errors.ts';

export const TaskErrorCode = defineErrors({
  TASK_NOT_OPEN: {
    status: 409,
    'zh-CN': '该待办已完成或已取消，请先重新打开',
    'en-US': 'This task is done or cancelled; reopen it first',
  },
  TASK_ASSIGNEE_NOT_ALLOWED: {
    status: 403,
    'zh-CN': '只能给自己或数据范围内的同事分配待办',
    'en-US': 'Tasks can be given only to yourself or to colleagues within your data scope',
  },
  TASK_ASSIGNEE_INACTIVE: {
    status: 422,
    'zh-CN': '该用户已停用，不能接收待办',
    'en-US': 'This user is deactivated and cannot receive tasks',
  },
  TASK_REMINDER_AFTER_DUE: {
    status: 422,
    'zh-CN': '提醒时间不能晚于到期时间',
    'en-US': 'The reminder cannot come after the due time',
  },
  TASK_RELATED_NOT_FOUND: {
    status: 422,
    'zh-CN': '关联的记录不存在或您无权查看',
    'en-US': 'The linked record does not exist or you cannot see it',
  },
  TASK_USER_REQUIRED: {
    status: 422,
    'zh-CN': '请指定待办的负责人',
    'en-US': 'Name the person the task is for',
  },
});
