import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import { registerMessages } from '../../kernel/i18n.ts';

definePermissions(
  'approvals',
  { 'zh-CN': '审批', 'en-US': 'Approvals' },
  {
    [Permission.approvalDefinitionManage]: { 'zh-CN': '设计审批流程', 'en-US': 'Design approval definitions' },
    [Permission.approvalMonitor]: { 'zh-CN': '查看所有审批', 'en-US': 'See every approval' },
  },
);

/** Default grants of the built-in roles (applied once; see the admin module). */
export const WORKFLOW_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.admin]: [Permission.approvalDefinitionManage, Permission.approvalMonitor],
};

registerMessages({
  'zh-CN': {
    'notification.approval.task.title': '待您审批：{title}',
    'notification.approval.task.body': '{type} · 发起人 {initiator} · 步骤“{step}”',
    'notification.approval.remind.title': '审批催办：{title}',
    'notification.approval.remind.body': '步骤“{step}”将于 {due} 超时',
    'notification.approval.escalated.title': '审批超时升级：{title}',
    'notification.approval.escalated.body': '{assignee} 未在时限内处理步骤“{step}”，已升级给您',
    'notification.approval.approved.title': '审批已通过：{title}',
    'notification.approval.rejected.title': '审批被驳回：{title}',
    'notification.approval.rejected.body': '{actor}：{comment}',
    'notification.approval.returned.title': '审批被退回到“{step}”：{title}',
    'notification.approval.returned.body': '{actor}：{comment}',
    'notification.approval.withdrawn.title': '审批已撤回：{title}',
    'notification.approval.transferred.title': '审批转交给您：{title}',
    'notification.approval.transferred.body': '{actor} 将步骤“{step}”转交给您',
    'notification.approval.cc.title': '审批抄送：{title}',
    'notification.approval.cc.body': '{type} · 发起人 {initiator}',
    'notification.approval.comment.title': '审批有新评论：{title}',
    'notification.approval.comment.body': '{actor}：{comment}',
    'approval.fact.yes': '是',
    'approval.fact.no': '否',
  },
  'en-US': {
    'notification.approval.task.title': 'To approve: {title}',
    'notification.approval.task.body': '{typeEn} · started by {initiator} · step “{step}”',
    'notification.approval.remind.title': 'Approval reminder: {title}',
    'notification.approval.remind.body': 'The step “{step}” is due at {due}',
    'notification.approval.escalated.title': 'Approval escalated to you: {title}',
    'notification.approval.escalated.body': '{assignee} did not deal with the step “{step}” in time',
    'notification.approval.approved.title': 'Approved: {title}',
    'notification.approval.rejected.title': 'Rejected: {title}',
    'notification.approval.rejected.body': '{actor}: {comment}',
    'notification.approval.returned.title': 'Sent back to “{step}”: {title}',
    'notification.approval.returned.body': '{actor}: {comment}',
    'notification.approval.withdrawn.title': 'Approval withdrawn: {title}',
    'notification.approval.transferred.title': 'Approval handed to you: {title}',
    'notification.approval.transferred.body': '{actor} handed the step “{step}” to you',
    'notification.approval.cc.title': 'For your information: {title}',
    'notification.approval.cc.body': '{typeEn} · started by {initiator}',
    'notification.approval.comment.title': 'New comment on an approval: {title}',
    'notification.approval.comment.body': '{actor}: {comment}',
    'approval.fact.yes': 'yes',
    'approval.fact.no': 'no',
  },
});
