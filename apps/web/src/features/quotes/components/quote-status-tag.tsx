import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TQuoteStatus } from '@crm/contracts';

const COLORS: Record<TQuoteStatus, string> = {
  draft: 'default',
  needs_approval: 'orange',
  approved: 'blue',
  sent: 'cyan',
  accepted: 'green',
  rejected: 'red',
  expired: 'default',
  superseded: 'default',
};

export function QuoteStatusTag({ status }: { status: TQuoteStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="quote-status" data-status={status}>
      {t(`quotes.statusLabel.${status}`)}
    </Tag>
  );
}
