import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../../kernel/access/permissions.ts';

definePermissions(
  'targets',
  { 'zh-CN': '业绩目标', 'en-US': 'Sales targets' },
  {
    [Permission.targetRead]: {
      'zh-CN': '查看业绩目标与完成情况（本人/团队/全部，按数据权限）',
      'en-US': 'View targets and performance (own, team or all, by data scope)',
    },
    [Permission.targetManage]: {
      'zh-CN': '制定与分解业绩目标',
      'en-US': 'Set and split sales targets',
    },
    [Permission.targetHold]: {
      'zh-CN': '承担个人业绩目标（出现在目标分解、排名与业绩汇总中）',
      'en-US': 'Carries a personal target (listed in splits, rankings and the summary)',
    },
  },
);

const carrier = [Permission.targetRead, Permission.targetHold];
const lead = [...carrier, Permission.targetManage];

/** Default grants of the built-in roles for targets and performance (applied once; see the admin module). */
export const TARGET_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: carrier,
  [BuiltinRole.salesManager]: lead,
  [BuiltinRole.salesDirector]: lead,
  [BuiltinRole.finance]: [Permission.targetRead],
  [BuiltinRole.admin]: [Permission.targetRead, Permission.targetManage],
};

/** The metrics this feature knows of; the modules that measure them register the measure. */
export const BUILTIN_METRICS = {
  signed_amount: {
    unit: 'amount',
    order: 10,
    label: { 'zh-CN': '签约额', 'en-US': 'Signed amount' },
    pendingNote: { 'zh-CN': '合同模块上线后可用', 'en-US': 'Available when contracts exist' },
  },
  collected_amount: {
    unit: 'amount',
    order: 20,
    label: { 'zh-CN': '回款额', 'en-US': 'Collected amount' },
    pendingNote: { 'zh-CN': '回款模块上线后可用', 'en-US': 'Available when receipts exist' },
  },
  won_amount: {
    unit: 'amount',
    order: 30,
    label: { 'zh-CN': '赢单金额', 'en-US': 'Won amount' },
    pendingNote: { 'zh-CN': '商机模块上线后可用', 'en-US': 'Available when opportunities exist' },
  },
  won_opportunities: {
    unit: 'count',
    order: 40,
    label: { 'zh-CN': '赢单数', 'en-US': 'Won opportunities' },
    pendingNote: { 'zh-CN': '商机模块上线后可用', 'en-US': 'Available when opportunities exist' },
  },
  new_customers: {
    unit: 'count',
    order: 50,
    label: { 'zh-CN': '新增客户数', 'en-US': 'New customers' },
    pendingNote: null,
  },
} as const;
