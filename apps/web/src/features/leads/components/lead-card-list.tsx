import { Card, Checkbox, Empty, Flex, Spin, Typography } from 'antd';
import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TLead } from '@crm/contracts';
import { formatDate } from '../../../shared/utils/format.ts';
import { LeadStatusTag, leadRegion } from './lead-status-tag.tsx';

interface Props {
  leads: TLead[];
  loading: boolean;
  /** In select mode a tap selects the card instead of opening the lead. */
  selecting?: boolean;
  selectedIds?: readonly string[];
  onToggle?: (id: string) => void;
}

function CardBody({ lead, selected }: { lead: TLead; selected: boolean | undefined }) {
  const { t } = useTranslation();
  return (
    <Card size="small" hoverable style={selected ? { borderColor: '#1677ff', background: 'rgba(22, 119, 255, 0.04)' } : undefined}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        {selected !== undefined ? (
          <Checkbox checked={selected} style={{ marginTop: 2 }} aria-label={lead.companyName} tabIndex={-1} />
        ) : null}
        <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word', minWidth: 0, flex: 1 }}>
          {lead.companyName}
        </Typography.Text>
        <LeadStatusTag status={lead.status} />
      </Flex>
      <Flex gap={12} wrap style={{ margin: '6px 0' }}>
        {lead.contactName ? (
          <Typography.Text type="secondary">
            <UserOutlined /> {lead.contactName}
            {lead.title ? ` · ${lead.title}` : ''}
          </Typography.Text>
        ) : null}
        {lead.mobile ? (
          <Typography.Text type="secondary">
            <PhoneOutlined /> {lead.mobile}
          </Typography.Text>
        ) : null}
      </Flex>
      <div className="kv-list">
        <span>{t('leads.fields.source')}</span>
        <span>{lead.source ?? '—'}</span>
        <span>{t('leads.fields.owner')}</span>
        <span>{lead.ownerName ?? t('leads.list.noOwner')}</span>
        <span>{t('leads.fields.region')}</span>
        <span>{leadRegion(lead) ?? '—'}</span>
        <span>{t('leads.fields.lastActivityAt')}</span>
        <span>{formatDate(lead.lastActivityAt, t('leads.list.neverFollowed'))}</span>
      </div>
    </Card>
  );
}

/** Phones: one tappable card per lead instead of a wide table. */
export function LeadCardList({ leads, loading, selecting, selectedIds, onToggle }: Props) {
  if (loading && leads.length === 0) return <Spin style={{ display: 'block', padding: 32 }} />;
  if (leads.length === 0) return <Empty />;
  return (
    <Flex vertical gap={8} data-testid="leads-list">
      {leads.map((lead) =>
        selecting ? (
          <div
            key={lead.id}
            role="checkbox"
            aria-checked={selectedIds?.includes(lead.id) ?? false}
            tabIndex={0}
            onClick={() => onToggle?.(lead.id)}
            onKeyDown={(e) => {
              if (e.key === ' ' || e.key === 'Enter') {
                e.preventDefault();
                onToggle?.(lead.id);
              }
            }}
            data-testid="lead-card"
          >
            <CardBody lead={lead} selected={selectedIds?.includes(lead.id) ?? false} />
          </div>
        ) : (
          <Link key={lead.id} to={`/leads/${encodeURIComponent(lead.id)}`} className="card-link" data-testid="lead-card">
            <CardBody lead={lead} selected={undefined} />
          </Link>
        ),
      )}
    </Flex>
  );
}
