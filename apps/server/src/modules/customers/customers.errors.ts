import { defineErrors } from '../../kernel/errors.ts';

export const CustomerErrorCode = defineErrors({
  CUSTOMER_DUPLICATE: {
    status: 409,
    'zh-CN': '该客户已存在（统一社会信用代码或名称相同），不能重复创建',
    'en-US': 'This customer already exists (same credit code or name)',
  },
  CUSTOMER_POSSIBLE_DUPLICATE: {
    status: 409,
    'zh-CN': '发现疑似重复的客户，请确认后再保存',
    'en-US': 'Possible duplicates found; confirm to save anyway',
  },
  CUSTOMER_OWNER_INVALID: { status: 400, 'zh-CN': '负责人不存在或已停用', 'en-US': 'The owner does not exist or is disabled' },
  CUSTOMER_MERGED: {
    status: 409,
    'zh-CN': '该客户已合并到其他客户，不能再修改',
    'en-US': 'This customer was merged into another one and can no longer be changed',
  },
});
