import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TQuoteLine } from '@crm/contracts';
import { formatDecimal } from '../../../shared/utils/format.ts';
import { formatTaxRate } from '../../products/components/product-format.ts';
import { formatMoney, formatPercent } from './quote-format.ts';

function Flags({ line }: { line: TQuoteLine }) {
  const { t } = useTranslation();
  return (
    <>
      {line.flags.map((f) => (
        <Tag key={f} color={f === 'below_floor' ? 'red' : 'orange'} data-testid="quote-line-flag" data-flag={f}>
          {t(`quotes.lines.flag.${f}`)}
        </Tag>
      ))}
    </>
  );
}

/** The lines of a quote version, read only: a table on desktops, cards on phones. */
export function QuoteLinesTable({ lines, currency, isMobile }: { lines: TQuoteLine[]; currency: string; isMobile: boolean }) {
  const { t } = useTranslation();
  const money = (v: string) => formatMoney(v, currency);
  if (isMobile) {
    return (
      <Flex vertical gap={8} data-testid="quote-lines">
        {lines.map((l) => (
          <Card key={l.id ?? l.position} size="small" data-testid="quote-line" styles={{ body: { padding: 12 } }}>
            <Flex justify="space-between" gap={8} align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {l.position}. {l.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {[l.materialCode, l.spec].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              <Typography.Text strong style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
                {money(l.amountInclTax)}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDecimal(l.qty)} {l.unit ?? ''} × {money(l.unitPrice)}
              {Number(l.discountPercent) > 0 ? ` · −${l.discountPercent}%` : ''} · {t('quotes.lines.taxRate')} {formatTaxRate(l.taxRate)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {l.priceSource.explanation}
            </Typography.Text>
            {l.flags.length > 0 ? (
              <div style={{ marginTop: 4 }}>
                <Flags line={l} />
              </div>
            ) : null}
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <Table<TQuoteLine>
      rowKey={(l) => l.id ?? String(l.position)}
      dataSource={lines}
      pagination={false}
      size="small"
      scroll={{ x: 1100 }}
      onRow={() => ({ 'data-testid': 'quote-line' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('quotes.lines.position'), dataIndex: 'position', width: 50 },
        {
          title: t('quotes.lines.product'),
          render: (_v, l) => (
            <div>
              <Typography.Text strong>{l.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {[l.materialCode, l.spec].filter(Boolean).join(' · ')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {l.priceSource.explanation}
                {l.floorPrice !== null ? ` · ${t('quotes.lines.floorPrice')} ${money(l.floorPrice)}` : ''}
              </Typography.Text>
              <Flags line={l} />
            </div>
          ),
        },
        { title: t('quotes.lines.qty'), width: 100, align: 'right', render: (_v, l) => `${formatDecimal(l.qty)} ${l.unit ?? ''}` },
        { title: t('quotes.lines.unitPrice'), width: 120, align: 'right', render: (_v, l) => money(l.unitPrice) },
        { title: t('quotes.lines.discount'), width: 80, align: 'right', render: (_v, l) => formatPercent(l.discountPercent) },
        { title: t('quotes.lines.netUnitPrice'), width: 120, align: 'right', render: (_v, l) => money(l.netUnitPrice) },
        { title: t('quotes.lines.taxRate'), width: 70, align: 'right', render: (_v, l) => formatTaxRate(l.taxRate) },
        { title: t('quotes.lines.amountExclTax'), width: 130, align: 'right', render: (_v, l) => money(l.amountExclTax) },
        { title: t('quotes.lines.taxAmount'), width: 110, align: 'right', render: (_v, l) => money(l.taxAmount) },
        {
          title: t('quotes.lines.amountInclTax'),
          width: 140,
          align: 'right',
          render: (_v, l) => <Typography.Text strong>{money(l.amountInclTax)}</Typography.Text>,
        },
      ]}
    />
  );
}
