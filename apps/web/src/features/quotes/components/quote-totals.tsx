import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TQuoteTotals } from '@crm/contracts';
import { amountInCapitals, formatMoney } from './quote-format.ts';

interface Props {
  totals: TQuoteTotals | undefined;
  currency: string;
  loading?: boolean;
}

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Flex justify="space-between" gap={12} style={{ padding: '3px 0' }}>
      <Typography.Text type={strong ? undefined : 'secondary'} strong={strong}>
        {label}
      </Typography.Text>
      <Typography.Text
        strong={strong}
        style={{ fontVariantNumeric: 'tabular-nums', fontSize: strong ? 18 : undefined }}
        data-testid={testId}
      >
        {value}
      </Typography.Text>
    </Flex>
  );
}

/** Subtotal, overall discount, tax and the total in figures and in Chinese capitals. */
export function QuoteTotals({ totals, currency, loading }: Props) {
  const { t } = useTranslation();
  if (!totals) return <Typography.Text type="secondary">{t('quotes.totals.calculating')}</Typography.Text>;
  const hasOverall = Number(totals.overallDiscountPercent) > 0;
  return (
    <div style={{ opacity: loading ? 0.6 : 1, transition: 'opacity 0.2s' }} data-testid="quote-totals">
      <Row label={t('quotes.totals.subtotal')} value={formatMoney(totals.subtotal, currency)} />
      {hasOverall ? (
        <Row
          label={`${t('quotes.totals.overallDiscountAmount')} (${totals.overallDiscountPercent}%)`}
          value={`-${formatMoney(totals.overallDiscountAmount, currency)}`}
        />
      ) : null}
      <Row label={t('quotes.totals.totalExclTax')} value={formatMoney(totals.totalExclTax, currency)} />
      <Row label={t('quotes.totals.totalTax')} value={formatMoney(totals.totalTax, currency)} />
      <Row label={t('quotes.totals.totalInclTax')} value={formatMoney(totals.totalInclTax, currency)} strong testId="quote-total" />
      <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'right', fontSize: 12 }} data-testid="quote-total-words">
        {t('quotes.totals.inWords')}：{amountInCapitals(totals.totalInclTax, currency)}
      </Typography.Text>
    </div>
  );
}
