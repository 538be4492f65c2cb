import { registerMessages } from '../../../kernel/i18n.ts';

registerMessages({
  'zh-CN': {
    'priceList.rule.grade': '客户等级 {grade}',
    'priceList.rule.everyone': '全部客户',
    'priceList.rule.discount': '目录价下浮 {percent}%',
    'priceList.rule.listPrice': '目录价',
    'priceList.region.east': '华东',
    'priceList.region.north': '华北',
    'priceList.region.northeast': '东北',
    'priceList.region.central': '华中',
    'priceList.region.south': '华南',
    'priceList.region.southwest': '西南',
    'priceList.region.northwest': '西北',
  },
  'en-US': {
    'priceList.rule.grade': 'Grade {grade}',
    'priceList.rule.everyone': 'All customers',
    'priceList.rule.discount': '{percent}% off list price',
    'priceList.rule.listPrice': 'List price',
    'priceList.region.east': 'East China',
    'priceList.region.north': 'North China',
    'priceList.region.northeast': 'Northeast China',
    'priceList.region.central': 'Central China',
    'priceList.region.south': 'South China',
    'priceList.region.southwest': 'Southwest China',
    'priceList.region.northwest': 'Northwest China',
  },
});
