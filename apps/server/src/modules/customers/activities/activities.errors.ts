import { defineErrors } from '../../../kernel/errors.ts';

export const ActivityErrorCode = defineErrors({
  ACTIVITY_NOT_AUTHOR: {
    status: 403,
    'zh-CN': '只能修改或删除自己填写的跟进记录',
    'en-US': 'You can only change or delete activities you recorded',
  },
  ACTIVITY_EDIT_WINDOW_PASSED: {
    status: 409,
    'zh-CN': '跟进记录填写超过 {hours} 小时后不能再修改或删除',
    'en-US': 'An activity can no longer be changed or deleted {hours} hours after it was recorded',
  },
  ACTIVITY_IN_FUTURE: {
    status: 400,
    'zh-CN': '跟进时间不能晚于当前时间',
    'en-US': 'The activity cannot have happened in the future',
  },
  ACTIVITY_FOLLOW_UP_TOO_EARLY: {
    status: 400,
    'zh-CN': '下次跟进时间必须晚于本次跟进时间',
    'en-US': 'The next follow-up must come after the activity',
  },
  ACTIVITY_CONTACT_INVALID: {
    status: 400,
    'zh-CN': '联系人不属于该客户',
    'en-US': 'The contact does not belong to this customer',
  },
  ACTIVITY_ATTACHMENT_INVALID: {
    status: 400,
    'zh-CN': '附件不存在、无权使用或不是图片/文档（{name}）',
    'en-US': 'The attachment does not exist, is not yours to attach, or is not an image or document ({name})',
  },
});
