import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';

definePermissions(
  'customers',
  { 'zh-CN': '客户', 'en-US': 'Customers' },
  { [Permission.activityWrite]: { 'zh-CN': '填写跟进记录', 'en-US': 'Record activities' } },
);

/** Whoever works with customers records what happened; readers of customers only read. */
export const ACTIVITY_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: [Permission.activityWrite],
  [BuiltinRole.salesManager]: [Permission.activityWrite],
  [BuiltinRole.salesDirector]: [Permission.activityWrite],
  [BuiltinRole.techSupport]: [Permission.activityWrite],
  [BuiltinRole.finance]: [Permission.activityWrite],
  [BuiltinRole.admin]: [Permission.activityWrite],
};
