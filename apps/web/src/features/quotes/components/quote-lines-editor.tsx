import type { ReactNode } from 'react';
import { Button, Card, Empty, Flex, Input, InputNumber, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TQuoteLine, TQuoteLineInput } from '@crm/contracts';
import { formatTaxRate } from '../../products/components/product-format.ts';
import { formatMoney, formatPercent } from './quote-format.ts';
import './quote-lines-editor.css';

/** A line as the editor holds it: the typed values as text ('' = not given, the server's default applies). */
export type EditorLine = {
  key: string;
  productId: string | null;
  materialCode: string | null;
  name: string;
  spec: string | null;
  unit: string | null;
  qty: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
};

let keySeq = 0;
export const newLineKey = () => `line-${Date.now().toString(36)}-${(keySeq += 1)}`;

export function toLineInput(l: EditorLine): TQuoteLineInput {
  return {
    productId: l.productId,
    ...(l.productId ? {} : { name: l.name.trim() || undefined, unit: l.unit || null }),
    spec: l.spec || null,
    qty: l.qty || '0',
    unitPrice: l.unitPrice === '' ? null : l.unitPrice,
    discountPercent: l.discountPercent === '' ? '0' : l.discountPercent,
    taxRate: l.taxRate === '' ? null : l.taxRate,
  };
}

/** A saved line back into the editor: its price stays as it was typed or taken then. */
export function fromQuoteLine(l: TQuoteLine): EditorLine {
  return {
    key: l.id ?? newLineKey(),
    productId: l.productId,
    materialCode: l.materialCode,
    name: l.name,
    spec: l.spec,
    unit: l.unit,
    qty: l.qty,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent === '0' ? '' : l.discountPercent,
    taxRate: l.taxRate,
  };
}

const TAX_RATES = ['0.13', '0.09', '0.06', '0.03', '0.01', '0'];

interface Props {
  lines: EditorLine[];
  onChange: (lines: EditorLine[]) => void;
  /** The server's pricing of the same lines, in the same order (absent while it is computed). */
  priced: TQuoteLine[] | undefined;
  currency: string;
  isMobile: boolean;
}

function Flags({ line }: { line: TQuoteLine | undefined }) {
  const { t } = useTranslation();
  if (!line || line.flags.length === 0) return null;
  return (
    <Flex gap={4} wrap>
      {line.flags.map((f) => (
        <Tag
          key={f}
          color={f === 'below_floor' ? 'red' : 'orange'}
          style={{ marginInlineEnd: 0 }}
          data-testid="quote-line-flag"
          data-flag={f}
        >
          {t(`quotes.lines.flag.${f}`)}
        </Tag>
      ))}
    </Flex>
  );
}

function PriceSource({ line, currency }: { line: TQuoteLine | undefined; currency: string }) {
  const { t } = useTranslation();
  if (!line) return null;
  const manual = line.resolvedPrice !== null && line.unitPrice !== line.resolvedPrice;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="quote-line-price-source">
      {line.resolvedPrice !== null ? `${formatMoney(line.resolvedPrice, currency)} · ` : ''}
      {line.priceSource.explanation}
      {manual ? ` · ${t('quotes.lines.manualPrice')}` : ''}
      {line.floorPrice !== null ? ` · ${t('quotes.lines.floorPrice')} ${formatMoney(line.floorPrice, currency)}` : ''}
    </Typography.Text>
  );
}

/** The lines of a draft: quantities, prices, discounts and tax per line, with the server's amounts and flags. */
export function QuoteLinesEditor({ lines, onChange, priced, currency, isMobile }: Props) {
  const { t } = useTranslation();
  const update = (key: string, patch: Partial<EditorLine>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const remove = (key: string) => onChange(lines.filter((l) => l.key !== key));
  const pricedAt = (key: string) => priced?.[lines.findIndex((l) => l.key === key)];

  const field = {
    qty: (l: EditorLine) => (
      <InputNumber<string>
        stringMode
        min="0.0001"
        max="999999999999"
        step="1"
        value={l.qty}
        onChange={(v) => update(l.key, { qty: v ?? '' })}
        style={{ width: '100%' }}
        aria-label={t('quotes.lines.qty')}
        data-testid="quote-line-qty"
      />
    ),
    unitPrice: (l: EditorLine) => (
      <InputNumber<string>
        stringMode
        min="0"
        value={l.unitPrice === '' ? null : l.unitPrice}
        placeholder={pricedAt(l.key)?.resolvedPrice ?? ''}
        onChange={(v) => update(l.key, { unitPrice: v ?? '' })}
        style={{ width: '100%' }}
        aria-label={t('quotes.lines.unitPrice')}
        data-testid="quote-line-unit-price"
      />
    ),
    discount: (l: EditorLine) => (
      <InputNumber<string>
        stringMode
        min="0"
        max="100"
        value={l.discountPercent === '' ? null : l.discountPercent}
        placeholder="0"
        onChange={(v) => update(l.key, { discountPercent: v ?? '' })}
        style={{ width: '100%' }}
        aria-label={t('quotes.lines.discount')}
        data-testid="quote-line-discount"
      />
    ),
    taxRate: (l: EditorLine) => (
      <Select
        value={l.taxRate === '' ? (pricedAt(l.key)?.taxRate ?? undefined) : l.taxRate}
        onChange={(v: string) => update(l.key, { taxRate: v })}
        options={TAX_RATES.map((r) => ({ value: r, label: formatTaxRate(r) }))}
        style={{ width: '100%' }}
        aria-label={t('quotes.lines.taxRate')}
      />
    ),
  };

  const title = (l: EditorLine): ReactNode =>
    l.productId ? (
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word' }}>
          {l.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[l.materialCode, l.spec, l.unit].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
    ) : (
      <Flex vertical gap={4}>
        <Input
          value={l.name}
          placeholder={t('quotes.lines.freeTextName')}
          onChange={(e) => update(l.key, { name: e.target.value })}
          status={l.name.trim() === '' ? 'warning' : undefined}
          data-testid="quote-line-name"
        />
        <Flex gap={4}>
          <Input value={l.spec ?? ''} placeholder={t('quotes.lines.spec')} onChange={(e) => update(l.key, { spec: e.target.value })} />
          <Input
            value={l.unit ?? ''}
            placeholder={t('quotes.lines.unit')}
            onChange={(e) => update(l.key, { unit: e.target.value })}
            style={{ width: 72, flex: 'none' }}
          />
        </Flex>
      </Flex>
    );

  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quotes.lines.empty')} />;

  if (isMobile) {
    return (
      <Flex vertical gap={8} data-testid="quote-lines">
        {lines.map((l, i) => {
          const p = pricedAt(l.key);
          return (
            <Card key={l.key} size="small" data-testid="quote-line" styles={{ body: { padding: 12 } }}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                <div style={{ flex: 1, minWidth: 0 }}>{title(l)}</div>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(l.key)} aria-label={t('quotes.lines.remove')} />
              </Flex>
              <PriceSource line={p} currency={currency} />
              <div className="quote-line-grid">
                <label>
                  <span>{t('quotes.lines.qty')}</span>
                  {field.qty(l)}
                </label>
                <label>
                  <span>{t('quotes.lines.unitPrice')}</span>
                  {field.unitPrice(l)}
                </label>
                <label>
                  <span>{t('quotes.lines.discount')}</span>
                  {field.discount(l)}
                </label>
                <label>
                  <span>{t('quotes.lines.taxRate')}</span>
                  {field.taxRate(l)}
                </label>
              </div>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Flags line={p} />
                <Typography.Text
                  strong
                  style={{ marginInlineStart: 'auto', fontVariantNumeric: 'tabular-nums' }}
                  data-testid="quote-line-amount"
                >
                  {p ? formatMoney(p.amountInclTax, currency) : '…'}
                </Typography.Text>
              </Flex>
            </Card>
          );
        })}
      </Flex>
    );
  }

  return (
    <Table<EditorLine>
      rowKey="key"
      dataSource={lines}
      pagination={false}
      size="small"
      scroll={{ x: 1080 }}
      onRow={() => ({ 'data-testid': 'quote-line' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('quotes.lines.position'), width: 44, render: (_v, _l, i) => i + 1 },
        {
          title: t('quotes.lines.product'),
          render: (_v, l) => (
            <>
              {title(l)}
              <PriceSource line={pricedAt(l.key)} currency={currency} />
            </>
          ),
        },
        { title: t('quotes.lines.qty'), width: 110, render: (_v, l) => field.qty(l) },
        {
          title: (
            <Tooltip title={t('quotes.lines.unitPriceHint')}>
              {t('quotes.lines.unitPrice')} <InfoCircleOutlined />
            </Tooltip>
          ),
          width: 130,
          render: (_v, l) => field.unitPrice(l),
        },
        { title: t('quotes.lines.discount'), width: 90, render: (_v, l) => field.discount(l) },
        { title: t('quotes.lines.taxRate'), width: 90, render: (_v, l) => field.taxRate(l) },
        {
          title: t('quotes.lines.amountInclTax'),
          width: 150,
          align: 'right',
          render: (_v, l) => {
            const p = pricedAt(l.key);
            return p ? (
              <Flex vertical align="flex-end" gap={2}>
                <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="quote-line-amount">
                  {formatMoney(p.amountInclTax, currency)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('quotes.lines.effectiveDiscount')} {formatPercent(p.effectiveDiscountPercent)}
                </Typography.Text>
                <Flags line={p} />
              </Flex>
            ) : (
              '…'
            );
          },
        },
        {
          width: 48,
          render: (_v, l) => (
            <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(l.key)} aria-label={t('quotes.lines.remove')} />
          ),
        },
      ]}
    />
  );
}
