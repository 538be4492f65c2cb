import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';

definePermissions(
  'customers',
  { 'zh-CN': '客户', 'en-US': 'Customers' },
  {
    [Permission.customerMerge]: { 'zh-CN': '合并客户（及撤销自己的合并）', 'en-US': 'Merge customers (and undo own merges)' },
    [Permission.customerMergeUndoAny]: { 'zh-CN': '撤销任何人的客户合并', 'en-US': 'Undo anyone’s customer merge' },
  },
);

export const MERGE_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesManager]: [Permission.customerMerge],
  [BuiltinRole.salesDirector]: [Permission.customerMerge],
  [BuiltinRole.admin]: [Permission.customerMerge, Permission.customerMergeUndoAny],
};
