import { defineErrors } from '../../../kernel/errors.ts';

export const TargetErrorCode = defineErrors({
  TARGET_METRIC_UNKNOWN: { status: 400, 'zh-CN': '未知的业绩指标：{metric}', 'en-US': 'Unknown performance metric: {metric}' },
  TARGET_SUBJECT_OUTSIDE_SPLIT: {
    status: 400,
    'zh-CN': '只能给本部门、直属下级部门和本部门的人员设定目标',
    'en-US': 'A split sets targets only for the department, its direct sub-departments and its own people',
  },
  TARGET_SUBJECT_REPEATED: {
    status: 400,
    'zh-CN': '同一对象在一次保存中出现了多次',
    'en-US': 'The same subject appears more than once in one save',
  },
  TARGET_VALUE_INVALID: {
    status: 400,
    'zh-CN': '目标值无效：数量类指标须为整数，金额最多两位小数，且不能为负数',
    'en-US': 'Invalid target: counts are whole numbers, amounts have at most two decimals, and neither is negative',
  },
  TARGET_OWN_LOCKED: {
    status: 403,
    'zh-CN': '部门的总目标由上级在分解时设定，您只能分解给下级部门和人员',
    'en-US': "The department's own target is set one level up; you can only split it over its teams and people",
  },
});
