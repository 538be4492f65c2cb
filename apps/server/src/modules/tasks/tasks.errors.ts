import { defineErrors } from '../../kernel/errors.ts';

export const TaskErrorCode = defineErrors({
  TASK_NOT_OPEN: {
    status: 409,
    'zh-CN': '该待办已完成或已取消，请先重新打开',
    'en-US': 'This task is done or cancelled; reopen it first',
  },
});
