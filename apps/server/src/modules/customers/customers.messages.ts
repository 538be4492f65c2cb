import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import { defineUniqueFields } from '../../kernel/http/problem.ts';

definePermissions(
  'customers',
  { 'zh-CN': '客户', 'en-US': 'Customers' },
  {
    [Permission.customerRead]: { 'zh-CN': '查看客户', 'en-US': 'View customers' },
    [Permission.customerCreate]: { 'zh-CN': '新建客户', 'en-US': 'Create customers' },
    [Permission.customerUpdate]: { 'zh-CN': '编辑客户与联系人', 'en-US': 'Edit customers and contacts' },
    [Permission.customerAssign]: { 'zh-CN': '分配/转移客户', 'en-US': 'Assign and transfer customers' },
    [Permission.customerExport]: { 'zh-CN': '导出客户', 'en-US': 'Export customers' },
  },
);

defineUniqueFields({ customer_credit_code_key: 'creditCode' });

const rep = [Permission.customerRead, Permission.customerCreate, Permission.customerUpdate];
const lead = [...rep, Permission.customerAssign, Permission.customerExport];

/** Default grants of the built-in roles for this module (applied once; see the admin module). */
export const CUSTOMER_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: rep,
  [BuiltinRole.salesManager]: lead,
  [BuiltinRole.salesDirector]: lead,
  [BuiltinRole.contractReviewer]: [Permission.customerRead],
  [BuiltinRole.finance]: [Permission.customerRead, Permission.customerUpdate, Permission.customerExport],
  [BuiltinRole.planner]: [Permission.customerRead],
  [BuiltinRole.techSupport]: [Permission.customerRead],
  [BuiltinRole.productManager]: [Permission.customerRead],
  [BuiltinRole.admin]: lead,
};
