import type { ReactNode } from 'react';
import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TQuoteLine, TQuoteLineInput } from '@crm/contracts';
import {
  EditableLineTitle,
  LineCardHeader,
  LineDecimalInput,
  LineFieldGrid,
  LineQtyInput,
  RemoveLineButton,
  TaxRateSelect,
  UnitPriceHeader,
  lineEdits,
  positionColumn,
} from '../../catalogue-lines/line-cells.tsx';
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
  const { update, remove } = lineEdits(lines, onChange);
  const pricedAt = (key: string) => priced?.[lines.findIndex((l) => l.key === key)];

  const field = {
    qty: (l: EditorLine) => (
      <LineQtyInput
        step="1"
        value={l.qty}
        onChange={(qty) => update(l.key, { qty })}
        label={t('quotes.lines.qty')}
        testId="quote-line-qty"
      />
    ),
    unitPrice: (l: EditorLine) => (
      <LineDecimalInput
        value={l.unitPrice}
        placeholder={pricedAt(l.key)?.resolvedPrice ?? ''}
        onChange={(unitPrice) => update(l.key, { unitPrice })}
        label={t('quotes.lines.unitPrice')}
        testId="quote-line-unit-price"
      />
    ),
    discount: (l: EditorLine) => (
      <LineDecimalInput
        max="100"
        value={l.discountPercent}
        placeholder="0"
        onChange={(discountPercent) => update(l.key, { discountPercent })}
        label={t('quotes.lines.discount')}
        testId="quote-line-discount"
      />
    ),
    taxRate: (l: EditorLine) => (
      <TaxRateSelect
        value={l.taxRate}
        fallback={pricedAt(l.key)?.taxRate}
        onChange={(taxRate) => update(l.key, { taxRate })}
        label={t('quotes.lines.taxRate')}
      />
    ),
    remove: (l: EditorLine) => <RemoveLineButton onClick={() => remove(l.key)} label={t('quotes.lines.remove')} />,
  };

  const title = (l: EditorLine): ReactNode => (
    <EditableLineTitle
      line={l}
      onChange={(patch) => update(l.key, patch)}
      placeholders={{ name: t('quotes.lines.freeTextName'), spec: t('quotes.lines.spec'), unit: t('quotes.lines.unit') }}
      nameStatus="warning"
      nameTestId="quote-line-name"
    />
  );

  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quotes.lines.empty')} />;

  if (isMobile) {
    return (
      <Flex vertical gap={8} data-testid="quote-lines">
        {lines.map((l, i) => {
          const p = pricedAt(l.key);
          return (
            <Card key={l.key} size="small" data-testid="quote-line" styles={{ body: { padding: 12 } }}>
              <LineCardHeader position={i + 1} title={title(l)} extra={field.remove(l)} />
              <PriceSource line={p} currency={currency} />
              <LineFieldGrid
                className="quote-line-grid"
                fields={[
                  { label: t('quotes.lines.qty'), input: field.qty(l) },
                  { label: t('quotes.lines.unitPrice'), input: field.unitPrice(l) },
                  { label: t('quotes.lines.discount'), input: field.discount(l) },
                  { label: t('quotes.lines.taxRate'), input: field.taxRate(l) },
                ]}
              />
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
        positionColumn(t('quotes.lines.position')),
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
          title: <UnitPriceHeader label={t('quotes.lines.unitPrice')} hint={t('quotes.lines.unitPriceHint')} />,
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
        { width: 48, render: (_v, l) => field.remove(l) },
      ]}
    />
  );
}
