import { defineErrors } from '../../kernel/errors.ts';

export const ProductErrorCode = defineErrors({
  PRODUCT_CATEGORY_INVALID: {
    status: 400,
    'zh-CN': '产品分类不存在或已停用',
    'en-US': 'The product category does not exist or is disabled',
  },
  PRODUCT_FLOOR_ABOVE_LIST: {
    status: 400,
    'zh-CN': '底价不能高于目录价',
    'en-US': 'The floor price cannot be above the list price',
  },
  PRODUCT_IMPORT_FILE_INVALID: {
    status: 400,
    'zh-CN': '无法读取导入文件：请上传 .xlsx 格式、第一行为表头的工作表',
    'en-US': 'The import file cannot be read: upload an .xlsx sheet whose first row holds the headers',
  },
  PRODUCT_IMPORT_TOO_MANY_ROWS: {
    status: 400,
    'zh-CN': '一次最多导入 {max} 行',
    'en-US': 'At most {max} rows can be imported at once',
  },
});
