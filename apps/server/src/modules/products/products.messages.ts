import { BuiltinRole, Permission } from '@crm/contracts';
import { definePermissions } from '../../kernel/access/permissions.ts';
import { defineProtectedFields } from '../../kernel/access/access.ts';
import { defineUniqueFields } from '../../kernel/http/problem.ts';

definePermissions(
  'products',
  { 'zh-CN': '产品与价目表', 'en-US': 'Products and price lists' },
  {
    [Permission.productRead]: { 'zh-CN': '查看产品目录', 'en-US': 'View the product catalogue' },
    [Permission.productWrite]: { 'zh-CN': '维护产品目录、分类与导入', 'en-US': 'Maintain products, categories and imports' },
    [Permission.productExport]: { 'zh-CN': '导出产品目录', 'en-US': 'Export the product catalogue' },
    [Permission.priceListRead]: { 'zh-CN': '查看价目表', 'en-US': 'View price lists' },
    [Permission.priceListWrite]: { 'zh-CN': '维护价目表', 'en-US': 'Maintain price lists' },
  },
);
definePermissions(
  'fields',
  { 'zh-CN': '字段权限', 'en-US': 'Field access' },
  { [Permission.fieldFloorPrice]: { 'zh-CN': '查看产品底价', 'en-US': 'See product floor prices' } },
);

/** Standard cost (and the margin derived from it) and floor price are field-level protected. */
defineProtectedFields('product', {
  standardCost: Permission.fieldCost,
  floorPrice: Permission.fieldFloorPrice,
  listMarginPercent: Permission.fieldMargin,
});

defineUniqueFields({ product_material_code_key: 'materialCode', product_category_name_key: 'name' });

const readers = [Permission.productRead, Permission.productExport, Permission.priceListRead];
const maintainers = [...readers, Permission.productWrite, Permission.priceListWrite];

/** Default grants of the built-in roles (applied once; an administrator's later change is kept). */
export const PRODUCT_GRANTS: Record<string, readonly string[]> = {
  [BuiltinRole.salesRep]: readers,
  [BuiltinRole.salesManager]: [...readers, Permission.fieldFloorPrice],
  [BuiltinRole.salesDirector]: [...readers, Permission.priceListWrite, Permission.fieldFloorPrice],
  [BuiltinRole.productManager]: [...maintainers, Permission.fieldFloorPrice],
  [BuiltinRole.contractReviewer]: readers,
  [BuiltinRole.finance]: [...readers, Permission.fieldFloorPrice],
  [BuiltinRole.planner]: [Permission.productRead],
  [BuiltinRole.techSupport]: [Permission.productRead],
  [BuiltinRole.admin]: [...maintainers, Permission.fieldFloorPrice],
};
