import { Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TQuote } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { formatMoney } from './quote-format.ts';
import { QuoteStatusTag } from './quote-status-tag.tsx';

/** Every version of the quote, newest first; the one shown is marked, the others link to their read-only view. */
export function QuoteVersionHistory({ quote }: { quote: TQuote }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={quote.versions}
      data-testid="quote-versions"
      renderItem={(v) => {
        const shown = v.versionNo === quote.versionNo;
        const label = (
          <Typography.Text strong={shown}>
            {t('quotes.versionNo', { no: v.versionNo })}
            {v.isCurrent ? ` · ${t('quotes.versions.current')}` : ''}
          </Typography.Text>
        );
        return (
          <List.Item style={{ paddingInline: 0, background: shown ? 'rgba(22,119,255,0.04)' : undefined }} data-testid="quote-version">
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex justify="space-between" align="center" gap={8}>
                {shown ? (
                  label
                ) : (
                  <Link
                    to={
                      v.isCurrent
                        ? `/quotes/${encodeURIComponent(quote.id)}`
                        : `/quotes/${encodeURIComponent(quote.id)}?version=${v.versionNo}`
                    }
                  >
                    {label}
                  </Link>
                )}
                <QuoteStatusTag status={v.status} />
              </Flex>
              <Flex justify="space-between" gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(v.createdAt)}
                  {v.createdByName ? ` · ${t('quotes.versions.by', { name: v.createdByName })}` : ''}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(v.totalInclTax, quote.currency)}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}
