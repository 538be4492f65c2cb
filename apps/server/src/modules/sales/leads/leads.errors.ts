import { LeadErrorCode as Shared } from '@crm/contracts';
import { defineErrors } from '../../../kernel/errors.ts';

export const LeadErrorCode = defineErrors({
  [Shared.LEAD_STATUS_INVALID]: {
    status: 409,
    'zh-CN': '线索当前状态（{status}）不允许此操作',
    'en-US': 'This cannot be done while the lead is {status}',
  },
  LEAD_CLOSED: {
    status: 409,
    'zh-CN': '线索已转化，不能再修改或分配',
    'en-US': 'The lead has been converted and can no longer be changed or assigned',
  },
  LEAD_OWNER_INVALID: {
    status: 400,
    'zh-CN': '负责人不存在、已停用或不在您的管理范围内',
    'en-US': 'The owner does not exist, is disabled, or is not someone you manage',
  },
  LEAD_SAME_OWNER: { status: 409, 'zh-CN': '该线索已由{owner}负责', 'en-US': '{owner} already owns this lead' },
  LEAD_SOURCE_UNKNOWN: {
    status: 400,
    'zh-CN': '线索来源“{source}”不在来源列表中',
    'en-US': 'The lead source “{source}” is not in the list of sources',
  },
  [Shared.LEAD_CONVERT_DUPLICATE]: {
    status: 409,
    'zh-CN': '客户“{name}”已存在，请关联该客户而不是新建',
    'en-US': 'The customer “{name}” already exists: link it instead of creating a new one',
  },
  [Shared.LEAD_CONVERT_POSSIBLE_DUPLICATE]: {
    status: 409,
    'zh-CN': '发现疑似重复的客户，请关联其中之一或确认新建',
    'en-US': 'Possible duplicate customers found: link one of them or confirm creating a new one',
  },
  [Shared.LEAD_CONVERT_CUSTOMER_OUT_OF_SCOPE]: {
    status: 409,
    'zh-CN': '客户“{name}”已存在，由{owner}负责，您无权关联，不能转化；请联系负责人或上级',
    'en-US':
      'The customer “{name}” already exists and is owned by {owner}, outside what you may see: the lead cannot be converted; ask the owner or a manager',
  },
  LEAD_CONVERT_NO_CONTACT: {
    status: 400,
    'zh-CN': '线索没有联系人姓名，不能生成联系人',
    'en-US': 'The lead names no contact person, so no contact can be created',
  },
});
