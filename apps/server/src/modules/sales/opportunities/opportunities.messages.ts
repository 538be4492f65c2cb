import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';

definePermissions(
  'opportunities',
  { 'zh-CN': '商机', 'en-US': 'Opportunities' },
  {
    [Permission.opportunityRead]: { 'zh-CN': '查看商机', 'en-US': 'View opportunities' },
    [Permission.opportunityCreate]: { 'zh-CN': '新建商机', 'en-US': 'Create opportunities' },
    [Permission.opportunityUpdate]: { 'zh-CN': '编辑商机与推进阶段', 'en-US': 'Edit opportunities and move their stage' },
    [Permission.opportunityAssign]: { 'zh-CN': '转移商机', 'en-US': 'Transfer opportunities' },
    [Permission.opportunityReopen]: { 'zh-CN': '重新打开已赢单/输单的商机', 'en-US': 'Reopen won or lost opportunities' },
    [Permission.opportunityPipelineManage]: { 'zh-CN': '设置销售流程（阶段与规则）', 'en-US': 'Set up the pipeline (stages and rules)' },
  },
);

const rep = [Permission.opportunityRead, Permission.opportunityCreate, Permission.opportunityUpdate];
const lead = [...rep, Permission.opportunityAssign, Permission.opportunityReopen];

/** Default grants of the built-in roles for opportunities (applied once; see the admin module). */
export const OPPORTUNITY_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: rep,
  [BuiltinRole.salesManager]: lead,
  [BuiltinRole.salesDirector]: lead,
  [BuiltinRole.contractReviewer]: [Permission.opportunityRead],
  [BuiltinRole.finance]: [Permission.opportunityRead],
  [BuiltinRole.productManager]: [Permission.opportunityRead],
  [BuiltinRole.techSupport]: [Permission.opportunityRead],
  [BuiltinRole.admin]: [...lead, Permission.opportunityPipelineManage],
};
