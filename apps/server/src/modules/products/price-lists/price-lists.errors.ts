import { defineErrors } from '../../../kernel/errors.ts';

export const PriceListErrorCode = defineErrors({
  PRICE_LIST_PRODUCT_UNKNOWN: {
    status: 400,
    'zh-CN': '价目表中的产品不存在',
    'en-US': 'A product on the price list does not exist',
  },
  PRICE_LIST_ENTRY_OVERLAP: {
    status: 400,
    'zh-CN': '同一产品在本价目表中的有效期重叠',
    'en-US': 'The same product has overlapping validity periods on this price list',
  },
  PRICE_LIST_PROVINCE_UNKNOWN: {
    status: 400,
    'zh-CN': '未知的省份：{province}',
    'en-US': 'Unknown province: {province}',
  },
});
