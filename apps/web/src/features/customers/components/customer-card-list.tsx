import { Card, Checkbox, Empty, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCustomer } from '@crm/contracts';
import { formatDate } from '../../../shared/utils/format.ts';
import { customerRegion } from './customer-columns.tsx';
import { CustomerGradeTag, CustomerStatusTag, CustomerTypeTag } from './customer-tags.tsx';

interface Props {
  customers: TCustomer[];
  loading: boolean;
  /** In select mode a tap selects the card instead of opening the customer. */
  selecting?: boolean;
  selectedIds?: readonly string[];
  onToggle?: (id: string) => void;
}

function CardBody({ c, selected }: { c: TCustomer; selected: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <Card size="small" hoverable style={selected ? { borderColor: '#1677ff', background: 'rgba(22, 119, 255, 0.04)' } : undefined}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        {selected !== undefined ? <Checkbox checked={selected} style={{ marginTop: 2 }} aria-label={c.name} tabIndex={-1} /> : null}
        <div style={{ minWidth: 0, flex: 1 }}>
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
  );
}

/** Phones: one tappable card per customer instead of a wide table. */
export function CustomerCardList({ customers, loading, selecting, selectedIds, onToggle }: Props) {
  if (loading && customers.length === 0) return <Spin style={{ display: 'block', padding: 32 }} />;
  if (customers.length === 0) return <Empty />;
  return (
    <Flex vertical gap={8} data-testid="customers-list">
      {customers.map((c) =>
        selecting ? (
          <div
            key={c.id}
            role="checkbox"
            aria-checked={selectedIds?.includes(c.id) ?? false}
            tabIndex={0}
            onClick={() => onToggle?.(c.id)}
            onKeyDown={(e) => {
              if (e.key === ' ' || e.key === 'Enter') {
                e.preventDefault();
                onToggle?.(c.id);
              }
            }}
            data-testid="customer-card"
          >
            <CardBody c={c} selected={selectedIds?.includes(c.id) ?? false} />
          </div>
        ) : (
          <Link key={c.id} to={`/customers/${encodeURIComponent(c.id)}`} className="card-link" data-testid="customer-card">
            <CardBody c={c} selected={undefined} />
          </Link>
        ),
      )}
    </Flex>
  );
}
