import { SAVED_VIEW_MAX_PER_LIST } from '@crm/contracts';
import { defineErrors } from '../../kernel/errors.ts';
import { defineUniqueFields } from '../../kernel/http/problem.ts';

export const SavedViewErrorCode = defineErrors({
  SAVED_VIEW_LIMIT_REACHED: {
    status: 409,
    'zh-CN': `每个列表最多保存 ${SAVED_VIEW_MAX_PER_LIST} 个视图，请先删除不用的视图`,
    'en-US': `You can keep at most ${SAVED_VIEW_MAX_PER_LIST} views per list; delete one you no longer use`,
  },
});

defineUniqueFields({ saved_view_name_key: 'name' });
