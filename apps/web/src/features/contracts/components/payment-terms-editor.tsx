import { Alert, Button, Card, DatePicker, Empty, Flex, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ZPaymentTriggerValues, type TContractReviewFinding, type TPaymentTerm, type TPaymentTrigger } from '@crm/contracts';
import { formatDate } from '../../../shared/utils/format.ts';
import { hundredthsToPercent } from './contract-format.ts';
import { newKey, termsSum, type EditorTerm } from './contract-draft.ts';
import { FindingsAlert } from './review-findings.tsx';

type Preset = { key: '30-60-10' | '30-60-10-acceptance' | '50-50' | '100'; terms: Omit<EditorTerm, 'key' | 'label' | 'date'>[] };

const PRESETS: Preset[] = [
  {
    key: '30-60-10',
    terms: [
      { trigger: 'signing', percent: '30', days: 10 },
      { trigger: 'shipment', percent: '60', days: 30 },
      { trigger: 'warranty_end', percent: '10', days: 0 },
    ],
  },
  {
    key: '30-60-10-acceptance',
    terms: [
      { trigger: 'signing', percent: '30', days: 10 },
      { trigger: 'acceptance', percent: '60', days: 30 },
      { trigger: 'warranty_end', percent: '10', days: 0 },
    ],
  },
  {
    key: '50-50',
    terms: [
      { trigger: 'signing', percent: '50', days: 10 },
      { trigger: 'shipment', percent: '50', days: 30 },
    ],
  },
  { key: '100', terms: [{ trigger: 'signing', percent: '100', days: 0 }] },
];

/** "签订后 10 天" / "10 days after signing"; a fixed date as the date. */
export function useTermDue() {
  const { t } = useTranslation();
  return (term: Pick<TPaymentTerm, 'trigger' | 'days' | 'date'>) =>
    term.trigger === 'fixed_date'
      ? t('contracts.terms.dueOn', { date: formatDate(term.date ?? null) })
      : term.days
        ? t(`contracts.terms.due.${term.trigger}`, { days: term.days })
        : t(`contracts.terms.dueAt.${term.trigger}`);
}

/** The live sum of the percentages (exact, in hundredths): fine at 100, otherwise how far off. */
export function TermsSum({ terms }: { terms: readonly EditorTerm[] }) {
  const { t } = useTranslation();
  if (terms.length === 0) return null;
  const sum = termsSum(terms);
  if (sum === null) {
    return <Alert type="error" showIcon title={t('contracts.terms.sumInvalid')} data-testid="contract-terms-sum" data-ok="false" />;
  }
  const ok = sum === 10000;
  const text = ok
    ? t('contracts.terms.sumOk')
    : sum < 10000
      ? t('contracts.terms.sumShort', { sum: hundredthsToPercent(sum), missing: hundredthsToPercent(10000 - sum) })
      : t('contracts.terms.sumOver', { sum: hundredthsToPercent(sum), over: hundredthsToPercent(sum - 10000) });
  return <Alert type={ok ? 'success' : 'error'} showIcon title={text} data-testid="contract-terms-sum" data-ok={ok ? 'true' : 'false'} />;
}

interface EditorProps {
  terms: EditorTerm[];
  onChange: (terms: EditorTerm[]) => void;
  findings: readonly TContractReviewFinding[];
  /** The terms were changed since the review that made the findings. */
  stale: boolean;
  isMobile: boolean;
}

/** 付款条款 in edit mode: milestones (trigger, percent, days or date, label), presets, and the live sum. */
export function PaymentTermsEditor({ terms, onChange, findings, stale, isMobile }: EditorProps) {
  const { t } = useTranslation();
  const update = (key: string, patch: Partial<EditorTerm>) => onChange(terms.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const remove = (key: string) => onChange(terms.filter((x) => x.key !== key));
  const add = () => onChange([...terms, { key: newKey('term'), trigger: 'shipment', percent: '', days: 30, date: null, label: '' }]);
  const applyPreset = (p: Preset) => onChange(p.terms.map((x) => ({ ...x, key: newKey('term'), label: '', date: null })));

  const field = {
    trigger: (x: EditorTerm) => (
      <Select<TPaymentTrigger>
        value={x.trigger}
        onChange={(trigger) => update(x.key, { trigger, ...(trigger === 'fixed_date' ? { days: 0 } : { date: null }) })}
        options={ZPaymentTriggerValues.map((v) => ({ value: v, label: t(`contracts.terms.trigger.${v}`) }))}
        style={{ width: '100%' }}
        aria-label={t('contracts.terms.triggerLabel')}
        data-testid="contract-term-trigger"
      />
    ),
    percent: (x: EditorTerm) => (
      <InputNumber<string>
        stringMode
        min="0.01"
        max="100"
        value={x.percent === '' ? null : x.percent}
        onChange={(v) => update(x.key, { percent: v ?? '' })}
        suffix="%"
        status={x.percent !== '' && !/^\d{1,3}(\.\d{1,2})?$/.test(x.percent) ? 'error' : undefined}
        style={{ width: '100%' }}
        aria-label={t('contracts.terms.percent')}
        data-testid="contract-term-percent"
      />
    ),
    when: (x: EditorTerm) =>
      x.trigger === 'fixed_date' ? (
        <DatePicker
          value={x.date ? dayjs(x.date) : null}
          onChange={(d) => update(x.key, { date: d ? d.format('YYYY-MM-DD') : null })}
          status={x.date ? undefined : 'error'}
          style={{ width: '100%' }}
          aria-label={t('contracts.terms.date')}
          data-testid="contract-term-date"
        />
      ) : (
        <InputNumber<number>
          min={0}
          max={3650}
          precision={0}
          value={x.days}
          onChange={(v) => update(x.key, { days: v })}
          suffix={t('contracts.terms.daysSuffix')}
          style={{ width: '100%' }}
          aria-label={t('contracts.terms.days')}
          data-testid="contract-term-days"
        />
      ),
    label: (x: EditorTerm) => (
      <Input
        value={x.label}
        maxLength={60}
        placeholder={t(`contracts.terms.trigger.${x.trigger}`)}
        onChange={(e) => update(x.key, { label: e.target.value })}
        aria-label={t('contracts.terms.label')}
        data-testid="contract-term-label"
      />
    ),
    remove: (x: EditorTerm) => (
      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(x.key)} aria-label={t('contracts.terms.remove')} />
    ),
  };

  const toolbar = (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{t('contracts.terms.presets')}</Typography.Text>
      {PRESETS.map((p) => (
        <Button key={p.key} size="small" onClick={() => applyPreset(p)} data-testid={`contract-terms-preset-${p.key}`}>
          {t(`contracts.terms.preset.${p.key}`)}
        </Button>
      ))}
    </Flex>
  );

  let body;
  if (terms.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.terms.empty')} />;
  else if (isMobile)
    body = (
      <Flex vertical gap={8}>
        {terms.map((x, i) => (
          <Card key={x.key} size="small" styles={{ body: { padding: 12 } }} data-testid="contract-term">
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{t('contracts.terms.milestone', { no: i + 1 })}</Typography.Text>
              {field.remove(x)}
            </Flex>
            <div className="contract-field-grid">
              <label>
                <span>{t('contracts.terms.triggerLabel')}</span>
                {field.trigger(x)}
              </label>
              <label>
                <span>{t('contracts.terms.percent')}</span>
                {field.percent(x)}
              </label>
              <label>
                <span>{x.trigger === 'fixed_date' ? t('contracts.terms.date') : t('contracts.terms.days')}</span>
                {field.when(x)}
              </label>
              <label>
                <span>{t('contracts.terms.label')}</span>
                {field.label(x)}
              </label>
            </div>
          </Card>
        ))}
      </Flex>
    );
  else
    body = (
      <Table<EditorTerm>
        rowKey="key"
        dataSource={terms}
        pagination={false}
        size="small"
        onRow={() => ({ 'data-testid': 'contract-term' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', width: 44, render: (_v, _x, i) => i + 1 },
          { title: t('contracts.terms.triggerLabel'), width: 200, render: (_v, x) => field.trigger(x) },
          { title: t('contracts.terms.percent'), width: 130, render: (_v, x) => field.percent(x) },
          { title: t('contracts.terms.daysOrDate'), width: 170, render: (_v, x) => field.when(x) },
          { title: t('contracts.terms.label'), render: (_v, x) => field.label(x) },
          { width: 48, render: (_v, x) => field.remove(x) },
        ]}
      />
    );

  return (
    <div data-testid="contract-terms-editor">
      <FindingsAlert findings={findings} testId="contract-terms-findings" stale={stale} />
      {toolbar}
      {body}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <Button icon={<PlusOutlined />} onClick={add} disabled={terms.length >= 12} data-testid="contract-term-add">
          {t('contracts.terms.add')}
        </Button>
        <div style={{ flex: '1 1 260px', maxWidth: 520 }}>
          <TermsSum terms={terms} />
        </div>
      </Flex>
    </div>
  );
}

/** 付款条款 read only: each milestone with its share and when it falls due. */
export function PaymentTermsView({ terms, findings }: { terms: readonly TPaymentTerm[]; findings: readonly TContractReviewFinding[] }) {
  const { t } = useTranslation();
  const due = useTermDue();
  return (
    <div data-testid="contract-terms">
      <FindingsAlert findings={findings} testId="contract-terms-findings" />
      {terms.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.terms.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {terms.map((x, i) => (
            <Flex key={i} gap={12} align="center" wrap className="contract-term-row" data-testid="contract-term-view">
              <Tag color="blue" style={{ minWidth: 56, textAlign: 'center', marginInlineEnd: 0 }} className="tabular">
                {x.percent}%
              </Tag>
              <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong>{x.label || t(`contracts.terms.trigger.${x.trigger}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {x.label ? `${t(`contracts.terms.trigger.${x.trigger}`)} · ` : ''}
                  {due(x)}
                </Typography.Text>
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </div>
  );
}
