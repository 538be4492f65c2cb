import type { ReactNode } from 'react';
import { Card, Empty, Flex, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TContractLine, TContractReview } from '@crm/contracts';
import { formatDate, formatDecimal } from '../../../shared/utils/format.ts';
import {
  CatalogueLineTitle,
  EditableLineTitle,
  LineCardHeader,
  LineDateInput,
  LineDecimalInput,
  LineFieldGrid,
  LineQtyInput,
  RemoveLineButton,
  TaxRateSelect,
  UnitPriceHeader,
  lineEdits,
  positionColumn,
} from '../../catalogue-lines/line-cells.tsx';
import { formatTaxRate } from '../../products/components/product-format.ts';
import { fieldStatus, findingsForLine, formatMoney, formatPercentValue, formatUnitPrice, worstLevel } from './contract-format.ts';
import { effectivePrice, type EditorLine } from './contract-draft.ts';
import { lineAmount } from './decimal-text.ts';
import { InlineFindings } from './review-findings.tsx';

function LineTags({ isNonStandard, isTechnicallyReviewed }: { isNonStandard: boolean; isTechnicallyReviewed?: boolean }) {
  const { t } = useTranslation();
  if (!isNonStandard) return null;
  return (
    <Flex gap={4} wrap>
      <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="contract-line-nonstandard">
        {t('contracts.lines.nonStandard')}
      </Tag>
      {isTechnicallyReviewed ? (
        <Tag color="green" style={{ marginInlineEnd: 0 }}>
          {t('contracts.lines.technicallyReviewed')}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** Whether the margin columns are shown: only when the server sent margins (field rules). */
const hasMargins = (lines: readonly TContractLine[]) => lines.some((l) => l.marginPercent !== null || l.marginAmount !== null);

/** 合同行 read only: a table on desktops, cards on phones; each line's review findings under it. */
export function ContractLinesTable({
  lines,
  currency,
  review,
  isMobile,
}: {
  lines: TContractLine[];
  currency: string;
  review: TContractReview | null;
  isMobile: boolean;
}) {
  const { t } = useTranslation();
  const margins = hasMargins(lines);
  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.lines.empty')} />;

  if (isMobile) {
    return (
      <Flex vertical gap={8} data-testid="contract-lines">
        {lines.map((l) => {
          const findings = findingsForLine(review, l.id);
          return (
            <Card
              key={l.id}
              size="small"
              styles={{ body: { padding: 12 } }}
              className={`contract-line-card contract-line-${worstLevel(findings) ?? 'ok'}`}
              data-testid="contract-line"
            >
              <LineCardHeader
                position={l.position}
                title={<CatalogueLineTitle line={l} />}
                extra={<LineTags isNonStandard={l.isNonStandard} isTechnicallyReviewed={l.isTechnicallyReviewed} />}
              />
              <div className="kv-list" style={{ marginTop: 8 }}>
                <span>{t('contracts.lines.qty')}</span>
                <span className="tabular">
                  {formatDecimal(l.qty)} {l.unit ?? ''}
                </span>
                <span>{t('contracts.lines.unitPrice')}</span>
                <span className="tabular">{formatUnitPrice(l.unitPrice, currency)}</span>
                <span>{t('contracts.lines.taxRate')}</span>
                <span>{formatTaxRate(l.taxRate)}</span>
                <span>{t('contracts.lines.wantedDeliveryDate')}</span>
                <span>{formatDate(l.wantedDeliveryDate)}</span>
                {margins ? (
                  <>
                    <span>{t('contracts.lines.marginPercent')}</span>
                    <span className="tabular">{formatPercentValue(l.marginPercent)}</span>
                  </>
                ) : null}
                <span>{t('contracts.lines.amountInclTax')}</span>
                <Typography.Text strong className="tabular" data-testid="contract-line-amount">
                  {formatMoney(l.amountInclTax, currency)}
                </Typography.Text>
              </div>
              <div style={{ marginTop: 6 }}>
                <InlineFindings findings={findings} testId="contract-line-finding" />
              </div>
            </Card>
          );
        })}
      </Flex>
    );
  }

  const columns: TableColumnsType<TContractLine> = [
    { key: 'pos', title: t('contracts.lines.position'), width: 52, render: (_v, l) => l.position },
    {
      key: 'product',
      title: t('contracts.lines.product'),
      render: (_v, l) => (
        <Flex vertical gap={4}>
          <CatalogueLineTitle line={l} />
          <LineTags isNonStandard={l.isNonStandard} isTechnicallyReviewed={l.isTechnicallyReviewed} />
          <InlineFindings findings={findingsForLine(review, l.id)} testId="contract-line-finding" />
        </Flex>
      ),
    },
    {
      key: 'qty',
      title: t('contracts.lines.qty'),
      width: 110,
      align: 'right',
      render: (_v, l) => <span className="tabular">{formatDecimal(l.qty)}</span>,
    },
    {
      key: 'price',
      title: t('contracts.lines.unitPrice'),
      width: 140,
      align: 'right',
      render: (_v, l) => (
        <Flex vertical align="flex-end">
          <span className="tabular">{formatUnitPrice(l.unitPrice, currency)}</span>
          {l.floorPrice !== null ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contracts.lines.floorPrice')} {formatUnitPrice(l.floorPrice, currency)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'tax', title: t('contracts.lines.taxRate'), width: 80, align: 'right', render: (_v, l) => formatTaxRate(l.taxRate) },
    {
      key: 'amount',
      title: t('contracts.lines.amountInclTax'),
      width: 150,
      align: 'right',
      render: (_v, l) => (
        <Typography.Text strong className="tabular" data-testid="contract-line-amount">
          {formatMoney(l.amountInclTax, currency)}
        </Typography.Text>
      ),
    },
    ...(margins
      ? ([
          {
            key: 'margin',
            title: t('contracts.lines.margin'),
            width: 140,
            align: 'right',
            render: (_v, l) => (
              <Flex vertical align="flex-end" data-testid="contract-line-margin">
                <span className="tabular">{formatPercentValue(l.marginPercent)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} className="tabular">
                  {formatMoney(l.marginAmount, currency)}
                </Typography.Text>
              </Flex>
            ),
          },
        ] satisfies TableColumnsType<TContractLine>)
      : []),
    { key: 'date', title: t('contracts.lines.wantedDeliveryDate'), width: 120, render: (_v, l) => formatDate(l.wantedDeliveryDate) },
  ];

  return (
    <Table<TContractLine>
      rowKey="id"
      dataSource={lines}
      pagination={false}
      size="small"
      scroll={{ x: margins ? 1040 : 900 }}
      rowClassName={(l) => `contract-line-${worstLevel(findingsForLine(review, l.id)) ?? 'ok'}`}
      onRow={() => ({ 'data-testid': 'contract-line' }) as React.HTMLAttributes<HTMLElement>}
      columns={columns}
      data-testid="contract-lines"
    />
  );
}

interface EditorProps {
  lines: EditorLine[];
  onChange: (lines: EditorLine[]) => void;
  /** The saved lines, for their amounts and margins while a row is unchanged. */
  saved: TContractLine[];
  review: TContractReview | null;
  currency: string;
  isMobile: boolean;
}

/** 合同行 in edit mode: quantity, price incl. tax, tax rate, wanted date and the non-standard flag of each line. */
export function ContractLinesEditor({ lines, onChange, saved, review, currency, isMobile }: EditorProps) {
  const { t } = useTranslation();
  const savedById = new Map(saved.map((l) => [l.id, l]));
  const { update, remove } = lineEdits(lines, onChange);
  const findingsOf = (l: EditorLine) => (l.savedId ? findingsForLine(review, l.savedId) : []);
  const amountOf = (l: EditorLine) => {
    const price = effectivePrice(l);
    return price === null ? null : lineAmount(l.qty, price);
  };

  const field = {
    qty: (l: EditorLine) => (
      <LineQtyInput
        value={l.qty}
        onChange={(qty) => update(l.key, { qty })}
        status={l.qty === '' ? 'error' : undefined}
        label={t('contracts.lines.qty')}
        testId="contract-line-qty"
      />
    ),
    unitPrice: (l: EditorLine) => {
      const findings = findingsOf(l).filter((f) => f.rule === 'price_floor' || f.rule === 'margin');
      return (
        <LineDecimalInput
          value={l.unitPrice}
          placeholder={l.listPrice ?? ''}
          onChange={(unitPrice) => update(l.key, { unitPrice })}
          status={fieldStatus(worstLevel(findings))}
          label={t('contracts.lines.unitPrice')}
          testId="contract-line-unit-price"
        />
      );
    },
    taxRate: (l: EditorLine) => (
      <TaxRateSelect
        value={l.taxRate}
        fallback={l.defaultTaxRate}
        onChange={(taxRate) => update(l.key, { taxRate })}
        label={t('contracts.lines.taxRate')}
      />
    ),
    date: (l: EditorLine) => {
      const findings = findingsOf(l).filter((f) => f.rule === 'delivery_date');
      return (
        <LineDateInput
          value={l.wantedDeliveryDate}
          onChange={(wantedDeliveryDate) => update(l.key, { wantedDeliveryDate })}
          status={fieldStatus(worstLevel(findings))}
          label={t('contracts.lines.wantedDeliveryDate')}
          testId="contract-line-date"
        />
      );
    },
    nonStandard: (l: EditorLine) => (
      <Switch
        size="small"
        checked={l.isNonStandard}
        onChange={(v) => update(l.key, { isNonStandard: v })}
        aria-label={t('contracts.lines.nonStandard')}
        data-testid="contract-line-nonstandard-switch"
      />
    ),
    remove: (l: EditorLine) => <RemoveLineButton onClick={() => remove(l.key)} label={t('contracts.lines.remove')} />,
  };

  const title = (l: EditorLine): ReactNode => (
    <EditableLineTitle
      line={l}
      onChange={(patch) => update(l.key, patch)}
      placeholders={{ name: t('contracts.lines.freeTextName'), spec: t('contracts.lines.spec'), unit: t('contracts.lines.unit') }}
      nameStatus="error"
      maxLengths={{ name: 200, spec: 300, unit: 20 }}
      nameTestId="contract-line-name"
    />
  );

  const amount = (l: EditorLine) => {
    const value = amountOf(l);
    const savedLine = l.savedId ? savedById.get(l.savedId) : undefined;
    const margin = savedLine && savedLine.marginPercent !== null && value === savedLine.amountInclTax ? savedLine.marginPercent : null;
    return (
      <Flex vertical align="flex-end" gap={2}>
        <Typography.Text strong className="tabular" data-testid="contract-line-amount">
          {value === null ? '—' : formatMoney(value, currency)}
        </Typography.Text>
        {margin !== null ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('contracts.lines.marginPercent')} {formatPercentValue(margin)}
          </Typography.Text>
        ) : null}
      </Flex>
    );
  };

  if (lines.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.lines.emptyEdit')} />;

  if (isMobile) {
    return (
      <Flex vertical gap={8} data-testid="contract-lines">
        {lines.map((l, i) => {
          const findings = findingsOf(l);
          return (
            <Card
              key={l.key}
              size="small"
              styles={{ body: { padding: 12 } }}
              className={`contract-line-card contract-line-${worstLevel(findings) ?? 'ok'}`}
              data-testid="contract-line"
            >
              <LineCardHeader position={i + 1} title={title(l)} extra={field.remove(l)} />
              <InlineFindings findings={findings} testId="contract-line-finding" />
              <LineFieldGrid
                className="contract-field-grid"
                fields={[
                  { label: t('contracts.lines.qty'), input: field.qty(l) },
                  { label: t('contracts.lines.unitPrice'), input: field.unitPrice(l) },
                  { label: t('contracts.lines.taxRate'), input: field.taxRate(l) },
                  { label: t('contracts.lines.wantedDeliveryDate'), input: field.date(l) },
                ]}
              />
              <Flex justify="space-between" align="center" gap={8}>
                <Flex gap={6} align="center">
                  {field.nonStandard(l)}
                  <Typography.Text style={{ fontSize: 12 }}>{t('contracts.lines.nonStandard')}</Typography.Text>
                </Flex>
                {amount(l)}
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
      scroll={{ x: 1180 }}
      rowClassName={(l) => `contract-line-${worstLevel(findingsOf(l)) ?? 'ok'}`}
      onRow={() => ({ 'data-testid': 'contract-line' }) as React.HTMLAttributes<HTMLElement>}
      data-testid="contract-lines"
      columns={[
        positionColumn(t('contracts.lines.position')),
        {
          title: t('contracts.lines.product'),
          render: (_v, l) => (
            <Flex vertical gap={4}>
              {title(l)}
              <InlineFindings findings={findingsOf(l)} testId="contract-line-finding" />
            </Flex>
          ),
        },
        { title: t('contracts.lines.qty'), width: 110, render: (_v, l) => field.qty(l) },
        {
          title: <UnitPriceHeader label={t('contracts.lines.unitPrice')} hint={t('contracts.lines.unitPriceHint')} />,
          width: 140,
          render: (_v, l) => field.unitPrice(l),
        },
        { title: t('contracts.lines.taxRate'), width: 90, render: (_v, l) => field.taxRate(l) },
        { title: t('contracts.lines.wantedDeliveryDate'), width: 150, render: (_v, l) => field.date(l) },
        { title: t('contracts.lines.nonStandardShort'), width: 80, align: 'center', render: (_v, l) => field.nonStandard(l) },
        { title: t('contracts.lines.amountInclTax'), width: 150, align: 'right', render: (_v, l) => amount(l) },
        { width: 48, render: (_v, l) => field.remove(l) },
      ]}
    />
  );
}
