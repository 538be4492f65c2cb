import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import { registerMessages } from '../../kernel/i18n.ts';

definePermissions(
  'tasks',
  { 'zh-CN': '待办', 'en-US': 'Tasks' },
  {
    [Permission.taskRead]: { 'zh-CN': '查看待办', 'en-US': 'View tasks' },
    [Permission.taskUpdate]: { 'zh-CN': '完成、重开待办与调整到期时间', 'en-US': 'Complete, reopen and reschedule tasks' },
  },
);

registerMessages({
  'zh-CN': {
    'notification.tasks.due.title': '待办到期：{title}',
    'notification.tasks.due.body': '到期时间 {due}（{relatedLabel}）',
  },
  'en-US': {
    'notification.tasks.due.title': 'Task due: {title}',
    'notification.tasks.due.body': 'Due {due} ({relatedLabel})',
  },
});

const everyone = [Permission.taskRead, Permission.taskUpdate];

/** Everyone has their own tasks; the data scope decides whose else they see. */
export const TASK_GRANTS: Record<string, readonly string[]> = Object.fromEntries(
  Object.values(BuiltinRole).map((role) => [role, everyone]),
);
