import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TLead, TLeadStatus } from '@crm/contracts';

export const leadStatusColor: Record<TLeadStatus, string> = {
  new: 'blue',
  following: 'cyan',
  qualified: 'green',
  disqualified: 'default',
  converted: 'purple',
};

export function LeadStatusTag({ status }: { status: TLeadStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={leadStatusColor[status]} style={{ marginInlineEnd: 0 }} data-testid="lead-status" data-status={status}>
      {t(`leads.status.${status}`)}
    </Tag>
  );
}

export function leadRegion(lead: Pick<TLead, 'province' | 'city'>): string | null {
  if (!lead.province && !lead.city) return null;
  if (lead.province && lead.city && lead.province !== lead.city) return `${lead.province} · ${lead.city}`;
  return lead.city ?? lead.province;
}
