import { defineErrors } from '../../kernel/errors.ts';

export const WorkflowErrorCode = defineErrors({
  APPROVAL_TASK_ALREADY_DECIDED: {
    status: 409,
    'zh-CN': '该审批任务已被处理（可能他人刚刚处理），请刷新后查看',
    'en-US': 'This approval task was already dealt with (perhaps just now by someone else); reload to see it',
  },
  APPROVAL_INSTANCE_FINISHED: {
    status: 409,
    'zh-CN': '该审批已结束，不能再操作',
    'en-US': 'This approval has ended; nothing more can be done on it',
  },
  APPROVAL_TYPE_UNKNOWN: { status: 404, 'zh-CN': '未知的审批类型：{type}', 'en-US': 'Unknown approval type: {type}' },
  APPROVAL_NO_DEFINITION: {
    status: 409,
    'zh-CN': '审批类型“{type}”还没有发布的审批流程',
    'en-US': 'The approval type “{type}” has no published definition',
  },
  APPROVAL_ALREADY_RUNNING: {
    status: 409,
    'zh-CN': '该单据已有进行中的审批',
    'en-US': 'This record already has an approval in progress',
  },
  APPROVAL_NO_APPROVER: {
    status: 409,
    'zh-CN': '审批步骤“{step}”找不到审批人，请联系管理员调整审批流程或组织架构',
    'en-US': 'No approver could be found for the step “{step}”; ask an administrator to fix the definition or the organisation',
  },
  APPROVAL_REJECT_TARGET_INVALID: {
    status: 400,
    'zh-CN': '只能退回到已经经过的步骤',
    'en-US': 'A rejection can only go back to a step that was already passed',
  },
  APPROVAL_TARGET_USER_INVALID: {
    status: 400,
    'zh-CN': '所选人员不可用（已停用、是自己或已在此步骤中）',
    'en-US': 'The chosen person cannot be used (inactive, yourself, or already in this step)',
  },
  APPROVAL_ONLY_INITIATOR: {
    status: 403,
    'zh-CN': '只有发起人可以撤回审批',
    'en-US': 'Only the initiator can withdraw the approval',
  },
  APPROVAL_DEFINITION_INVALID: {
    status: 400,
    'zh-CN': '审批流程有误：{detail}',
    'en-US': 'The definition is not valid: {detail}',
  },
  APPROVAL_ATTACHMENT_INVALID: {
    status: 400,
    'zh-CN': '附件不存在或不是您上传的文件（{name}）',
    'en-US': 'The attachment does not exist or is not one of your uploads ({name})',
  },
});
