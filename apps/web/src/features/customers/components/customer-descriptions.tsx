import { Descriptions, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCustomer } from '@crm/contracts';
import { formatDate, formatDateTime, formatDecimal } from '../../../shared/utils/format.ts';
import { CustomerGradeTag, CustomerStatusTag, CustomerTypeTag } from './customer-tags.tsx';

const columns = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 } as const;

function text(value: string | null | undefined) {
  return value ? value : <Typography.Text type="secondary">—</Typography.Text>;
}

/** Every field of the record, in three groups. The bank account shows as the server sent it (masked without the grant). */
export function CustomerDescriptions({ customer: c }: { customer: TCustomer }) {
  const { t } = useTranslation();

  const basic: DescriptionsProps['items'] = [
    { key: 'name', label: t('customers.name'), children: c.name, span: 'filled' },
    { key: 'shortName', label: t('customers.shortName'), children: text(c.shortName) },
    {
      key: 'creditCode',
      label: t('customers.creditCode'),
      children: c.creditCode ? <Typography.Text copyable>{c.creditCode}</Typography.Text> : text(null),
    },
    { key: 'type', label: t('customers.type'), children: <CustomerTypeTag type={c.type} /> },
    { key: 'grade', label: t('customers.grade'), children: <CustomerGradeTag grade={c.grade} /> },
    { key: 'status', label: t('customers.status'), children: <CustomerStatusTag status={c.status} /> },
    { key: 'industry', label: t('customers.industry'), children: text(c.industry) },
    { key: 'country', label: t('customers.country'), children: text(c.country) },
    { key: 'province', label: t('customers.province'), children: text(c.province) },
    { key: 'city', label: t('customers.city'), children: text(c.city) },
    { key: 'source', label: t('customers.source'), children: text(c.source) },
    { key: 'address', label: t('customers.address'), children: text(c.address), span: 'filled' },
    { key: 'owner', label: t('customers.owner'), children: c.ownerName ?? t('customers.noOwner') },
    { key: 'department', label: t('customers.department'), children: text(c.departmentName) },
    {
      key: 'lastActivity',
      label: t('customers.lastActivity'),
      children: c.lastActivityAt ? (
        formatDateTime(c.lastActivityAt)
      ) : (
        <Typography.Text type="secondary">{t('customers.noActivity')}</Typography.Text>
      ),
    },
    { key: 'lastDeal', label: t('customers.lastDeal'), children: c.lastDealAt ? formatDateTime(c.lastDealAt) : text(null) },
    {
      key: 'creditLimit',
      label: t('customers.creditLimit'),
      children: c.creditLimit ? <span className="tabular">{formatDecimal(c.creditLimit)}</span> : text(null),
    },
    {
      key: 'creditDays',
      label: t('customers.creditDays'),
      children: c.creditDays === null ? text(null) : t('customers.creditDaysValue', { days: c.creditDays }),
    },
    {
      key: 'tags',
      label: t('customers.tags'),
      span: 'filled',
      children:
        c.tags.length === 0 ? (
          text(null)
        ) : (
          <Space size={[4, 4]} wrap>
            {c.tags.map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Space>
        ),
    },
    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(c.createdAt) },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(c.updatedAt) },
  ];

  const billing: DescriptionsProps['items'] = [
    { key: 'taxId', label: t('customers.taxId'), children: text(c.taxId) },
    { key: 'billingPhone', label: t('customers.billingPhone'), children: text(c.billingPhone) },
    { key: 'billingAddress', label: t('customers.billingAddress'), children: text(c.billingAddress), span: 'filled' },
    { key: 'bankName', label: t('customers.bankName'), children: text(c.bankName) },
    {
      key: 'bankAccount',
      label: t('customers.bankAccount'),
      children: c.bankAccount ? (
        <span className="tabular" data-testid="customer-bank-account">
          {c.bankAccount}
        </span>
      ) : (
        text(null)
      ),
    },
  ];

  const registry: DescriptionsProps['items'] = c.registry
    ? [
        { key: 'legal', label: t('customers.legalRepresentative'), children: text(c.registry.legalRepresentative) },
        { key: 'capital', label: t('customers.registeredCapital'), children: text(c.registry.registeredCapital) },
        { key: 'established', label: t('customers.establishedDate'), children: formatDate(c.registry.establishedDate) },
        { key: 'businessStatus', label: t('customers.businessStatus'), children: text(c.registry.businessStatus) },
        { key: 'registeredAddress', label: t('customers.registeredAddress'), children: text(c.registry.registeredAddress), span: 'filled' },
        { key: 'synced', label: t('customers.registrySyncedAt'), children: formatDateTime(c.registry.syncedAt) },
      ]
    : [];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="customer-descriptions">
      <Descriptions bordered size="small" column={columns} title={t('customers.basicInfo')} items={basic} />
      <Descriptions bordered size="small" column={columns} title={t('customers.billing')} items={billing} />
      {registry.length > 0 ? (
        <Descriptions bordered size="small" column={columns} title={t('customers.registry')} items={registry} />
      ) : null}
    </Space>
  );
}
