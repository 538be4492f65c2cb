import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TContractTotals } from '@crm/contracts';
import { amountInCapitals } from '../../quotes/components/quote-format.ts';
import { formatMoney, formatPercentValue } from './contract-format.ts';

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Flex justify="space-between" gap={12} style={{ padding: '3px 0' }}>
      <Typography.Text type={strong ? undefined : 'secondary'} strong={strong}>
        {label}
      </Typography.Text>
      <Typography.Text strong={strong} className="tabular" style={{ fontSize: strong ? 18 : undefined }} data-testid={testId}>
        {value}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The server's totals (excl. tax, tax, incl. tax; cost and margin when the reader may see them).
 * While lines are being edited, `pendingTotal` is the sum of the edited lines and the rest waits for the save.
 */
export function ContractTotals({
  totals,
  currency,
  pendingTotal,
}: {
  totals: TContractTotals;
  currency: string;
  pendingTotal?: string | null;
}) {
  const { t } = useTranslation();
  if (pendingTotal !== undefined) {
    return (
      <div data-testid="contract-totals" data-pending="true">
        <Row
          label={t('contracts.totals.amountInclTax')}
          value={pendingTotal === null ? '—' : formatMoney(pendingTotal, currency)}
          strong
          testId="contract-total"
        />
        <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'right', fontSize: 12 }}>
          {t('contracts.totals.pending')}
        </Typography.Text>
      </div>
    );
  }
  return (
    <div data-testid="contract-totals">
      <Row label={t('contracts.totals.amountExclTax')} value={formatMoney(totals.amountExclTax, currency)} />
      <Row label={t('contracts.totals.taxAmount')} value={formatMoney(totals.taxAmount, currency)} />
      {totals.costAmount !== null ? (
        <Row label={t('contracts.totals.costAmount')} value={formatMoney(totals.costAmount, currency)} />
      ) : null}
      {totals.marginAmount !== null ? (
        <Row
          label={t('contracts.totals.margin')}
          value={`${formatMoney(totals.marginAmount, currency)}${totals.marginPercent !== null ? ` · ${formatPercentValue(totals.marginPercent)}` : ''}`}
          testId="contract-total-margin"
        />
      ) : null}
      <Row label={t('contracts.totals.amountInclTax')} value={formatMoney(totals.amountInclTax, currency)} strong testId="contract-total" />
      <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'right', fontSize: 12 }} data-testid="contract-total-words">
        {t('contracts.labelled', { label: t('contracts.totals.inWords'), value: amountInCapitals(totals.amountInclTax, currency) })}
      </Typography.Text>
    </div>
  );
}
