import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';
import { registerMessages } from '../../../kernel/i18n.ts';

definePermissions(
  'leads',
  { 'zh-CN': '线索', 'en-US': 'Leads' },
  {
    [Permission.leadRead]: { 'zh-CN': '查看线索', 'en-US': 'View leads' },
    [Permission.leadCreate]: { 'zh-CN': '新建线索', 'en-US': 'Create leads' },
    [Permission.leadUpdate]: { 'zh-CN': '编辑、跟进、确认或作废线索', 'en-US': 'Edit, follow up, qualify and disqualify leads' },
    [Permission.leadAssign]: { 'zh-CN': '分配/转移线索', 'en-US': 'Assign and transfer leads' },
    [Permission.leadConvert]: { 'zh-CN': '线索转化为客户与商机', 'en-US': 'Convert leads into customers and opportunities' },
    [Permission.leadSettings]: { 'zh-CN': '维护线索来源', 'en-US': 'Maintain the lead sources' },
  },
);

const rep = [Permission.leadRead, Permission.leadCreate, Permission.leadUpdate, Permission.leadConvert];
const manager = [...rep, Permission.leadAssign];

/** Default grants of the built-in roles for leads. */
export const LEAD_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: rep,
  [BuiltinRole.salesManager]: manager,
  [BuiltinRole.salesDirector]: [...manager, Permission.leadSettings],
  [BuiltinRole.admin]: [...manager, Permission.leadSettings],
};

registerMessages({
  'zh-CN': {
    'notification.leads.assigned.title': '{by}将线索“{name}”分配给了您',
    'notification.leads.assigned.body': '原因：{reason}',
    'notification.leads.assigned_many.title': '{by}将 {count} 条线索分配给了您',
    'notification.leads.assigned_many.body': '原因：{reason}',
    'notification.leads.taken_away.title': '{by}将 {count} 条线索从您名下转出',
    'notification.leads.taken_away.body': '原因：{reason}',
  },
  'en-US': {
    'notification.leads.assigned.title': '{by} assigned the lead “{name}” to you',
    'notification.leads.assigned.body': 'Reason: {reason}',
    'notification.leads.assigned_many.title': '{by} assigned {count} leads to you',
    'notification.leads.assigned_many.body': 'Reason: {reason}',
    'notification.leads.taken_away.title': '{by} transferred {count} of your leads to someone else',
    'notification.leads.taken_away.body': 'Reason: {reason}',
  },
});
