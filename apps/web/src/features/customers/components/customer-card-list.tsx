import { Card, Empty, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCustomer } from '@crm/contracts';
import { formatDate } from '../../../shared/utils/format.ts';
import { customerRegion } from './customers-table.tsx';
import { CustomerGradeTag, CustomerStatusTag, CustomerTypeTag } from './customer-tags.tsx';

interface Props {
  customers: TCustomer[];
  loading: boolean;
}

/** Phones: one tappable card per customer instead of a wide table. */
export function CustomerCardList({ customers, loading }: Props) {
  const { t } = useTranslation();
  if (loading && customers.length === 0) return <Spin style={{ display: 'block', padding: 32 }} />;
  if (customers.length === 0) return <Empty />;
  return (
    <Flex vertical gap={8} data-testid="customers-list">
      {customers.map((c) => (
        <Link key={c.id} to={`/customers/${encodeURIComponent(c.id)}`} className="card-link" data-testid="customer-card">
          <Card size="small" hoverable>
            <Flex justify="space-between" align="flex-start" gap={8}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word' }}>
                  {c.name}
                </Typography.Text>
                {c.shortName ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.shortName}
                  </Typography.Text>
                ) : null}
              </div>
              <CustomerGradeTag grade={c.grade} />
            </Flex>
            <Flex gap={6} wrap style={{ margin: '8px 0' }}>
              <CustomerTypeTag type={c.type} />
              <CustomerStatusTag status={c.status} />
            </Flex>
            <div className="kv-list">
              <span>{t('customers.owner')}</span>
              <span>{c.ownerName ?? t('duplicates.noOwner')}</span>
              <span>{t('customers.region')}</span>
              <span>{customerRegion(c) ?? '—'}</span>
              <span>{t('customers.lastActivity')}</span>
              <span>{formatDate(c.lastActivityAt, t('customers.noActivity'))}</span>
            </div>
          </Card>
        </Link>
      ))}
    </Flex>
  );
}
