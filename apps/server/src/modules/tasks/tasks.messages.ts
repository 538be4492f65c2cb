import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import { registerMessages } from '../../kernel/i18n.ts';

definePermissions(
  'tasks',
  { 'zh-CN': '待办与日程', 'en-US': 'Tasks and calendar' },
  {
    [Permission.taskRead]: { 'zh-CN': '查看待办与日程', 'en-US': 'View tasks and the calendar' },
    [Permission.taskUpdate]: {
      'zh-CN': '新建、完成、重开待办与调整时间',
      'en-US': 'Create, complete, reopen and reschedule tasks',
    },
    [Permission.taskAssign]: {
      'zh-CN': '给数据范围内的其他人分配待办',
      'en-US': 'Assign tasks to others within the data scope',
    },
  },
);

registerMessages({
  'zh-CN': {
    'notification.tasks.due.title': '待办到期：{title}',
    'notification.tasks.due.body': '到期时间 {due}（{relatedLabel}）',
    'notification.tasks.reminder.title': '待办提醒：{title}',
    'notification.tasks.reminder.body': '到期时间 {due}（{relatedLabel}）',
    'notification.tasks.assigned.title': '{by} 给您分配了待办：{title}',
    'notification.tasks.assigned.body': '到期时间 {due}（{relatedLabel}）',
  },
  'en-US': {
    'notification.tasks.due.title': 'Task due: {title}',
    'notification.tasks.due.body': 'Due {due} ({relatedLabel})',
    'notification.tasks.reminder.title': 'Reminder: {title}',
    'notification.tasks.reminder.body': 'Due {due} ({relatedLabel})',
    'notification.tasks.assigned.title': '{by} assigned you a task: {title}',
    'notification.tasks.assigned.body': 'Due {due} ({relatedLabel})',
  },
});

const everyone = [Permission.taskRead, Permission.taskUpdate];
/** Roles whose data scope reaches beyond their own records give tasks to the people it covers. */
const assigners: readonly string[] = [
  BuiltinRole.salesManager,
  BuiltinRole.salesDirector,
  BuiltinRole.contractReviewer,
  BuiltinRole.finance,
  BuiltinRole.planner,
  BuiltinRole.admin,
];

/** Everyone has their own tasks; the data scope decides whose else they see and whom they may assign to. */
export const TASK_GRANTS: Record<string, readonly string[]> = Object.fromEntries(
  Object.values(BuiltinRole).map((role) => [role, assigners.includes(role) ? [...everyone, Permission.taskAssign] : everyone]),
);
