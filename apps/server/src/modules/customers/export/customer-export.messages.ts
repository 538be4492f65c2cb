import type { TCustomerColumn } from '@crm/contracts';
import { registerMessages, type Messages } from '../../../kernel/i18n.ts';

const columns: Record<TCustomerColumn, [zh: string, en: string]> = {
  name: ['客户名称', 'Name'],
  shortName: ['简称', 'Short name'],
  creditCode: ['统一社会信用代码', 'Credit code'],
  type: ['类型', 'Type'],
  grade: ['等级', 'Grade'],
  status: ['状态', 'Status'],
  industry: ['行业', 'Industry'],
  region: ['地区', 'Region'],
  address: ['地址', 'Address'],
  owner: ['负责人', 'Owner'],
  department: ['部门', 'Department'],
  tags: ['标签', 'Tags'],
  source: ['来源', 'Source'],
  lastActivityAt: ['最近跟进', 'Last activity'],
  lastDealAt: ['最近成交', 'Last deal'],
  creditLimit: ['信用额度（元）', 'Credit limit (CNY)'],
  creditDays: ['账期（天）', 'Payment terms (days)'],
  taxId: ['纳税人识别号', 'Taxpayer ID'],
  billingAddress: ['开票地址', 'Billing address'],
  billingPhone: ['开票电话', 'Billing phone'],
  bankName: ['开户银行', 'Bank'],
  bankAccount: ['银行账号', 'Bank account'],
  createdAt: ['创建时间', 'Created'],
  updatedAt: ['更新时间', 'Updated'],
};

const labels: Record<string, [zh: string, en: string]> = {
  'type.grid': ['电网公司', 'Grid company'],
  'type.industrial': ['工业客户', 'Industrial'],
  'type.distributor': ['经销商', 'Distributor'],
  'type.overseas': ['海外客户', 'Overseas'],
  'type.other': ['其他', 'Other'],
  'status.prospect': ['潜在', 'Prospect'],
  'status.active': ['合作中', 'Active'],
  'status.dormant': ['休眠', 'Dormant'],
  'status.lost': ['流失', 'Lost'],
  pool: ['公海', 'Public pool'],
  sheet: ['客户', 'Customers'],
  tagSeparator: ['、', ', '],
};

const zh: Messages = {};
const en: Messages = {};
for (const [key, [z, e]] of Object.entries(columns)) {
  zh[`customerExport.column.${key}`] = z;
  en[`customerExport.column.${key}`] = e;
}
for (const [key, [z, e]] of Object.entries(labels)) {
  zh[`customerExport.${key}`] = z;
  en[`customerExport.${key}`] = e;
}
registerMessages({ 'zh-CN': zh, 'en-US': en });
