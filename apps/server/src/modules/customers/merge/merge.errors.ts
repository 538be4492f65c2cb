import { defineErrors } from '../../../kernel/errors.ts';

export const MergeErrorCode = defineErrors({
  MERGE_SAME_CUSTOMER: { status: 400, 'zh-CN': '不能把客户与自己合并', 'en-US': 'A customer cannot be merged with itself' },
  MERGE_UNDO_EXPIRED: {
    status: 409,
    'zh-CN': '合并已超过 {hours} 小时，不能再撤销',
    'en-US': 'The merge is more than {hours} hours old and can no longer be undone',
  },
  MERGE_UNDO_FIELDS_CHANGED: {
    status: 409,
    'zh-CN': '合并后保留客户的以下字段已被修改，不能撤销：{fields}',
    'en-US': 'These fields of the surviving customer changed after the merge, so it cannot be undone: {fields}',
  },
  MERGE_UNDO_CREDIT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '被合并客户的统一社会信用代码已被其他客户使用，不能撤销',
    'en-US': 'Another customer now has the merged customer’s credit code, so the merge cannot be undone',
  },
  MERGE_ALREADY_UNDONE: { status: 409, 'zh-CN': '该合并已撤销', 'en-US': 'This merge has already been undone' },
  MERGE_UNDO_NOT_ALLOWED: {
    status: 403,
    'zh-CN': '只有执行合并的人或管理员可以撤销',
    'en-US': 'Only the person who merged or an administrator can undo a merge',
  },
});
