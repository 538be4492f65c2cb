import type { ReactNode } from 'react';
import { Col, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ZContractTypeValues, type TContract, type TContractType } from '@crm/contracts';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { fieldStatus, findingsFor, worstLevel } from './contract-format.ts';
import type { ContractDraft } from './contract-draft.ts';
import { InlineFindings } from './review-findings.tsx';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD'];

function WithFindings({ children, contract, field }: { children: ReactNode; contract: TContract; field: string }) {
  const findings = findingsFor(contract.review, field);
  return (
    <Flex vertical gap={2} data-testid={`contract-field-${field}`}>
      <div>{children}</div>
      <InlineFindings findings={findings} />
    </Flex>
  );
}

/** 合同信息 read only: the parties, the terms of delivery, warranty and penalty, each with its review findings. */
export function ContractInfoView({ contract: c, isMobile }: { contract: TContract; isMobile: boolean }) {
  const { t } = useTranslation();
  const d = c.deliveryTerms;
  const items = [
    { key: 'title', label: t('contracts.fields.title'), children: c.title },
    { key: 'type', label: t('contracts.fields.type'), children: t(`contracts.type.${c.type}`) },
    {
      key: 'customer',
      label: t('contracts.fields.customer'),
      children: (
        <WithFindings contract={c} field="customer">
          <Link to={`/customers/${encodeURIComponent(c.customerId)}`} data-testid="contract-customer-link">
            {c.customerName ?? '—'}
          </Link>
          {c.customerGrade ? (
            <Typography.Text type="secondary"> · {t('contracts.fields.grade', { grade: c.customerGrade })}</Typography.Text>
          ) : null}
        </WithFindings>
      ),
    },
    {
      key: 'opportunity',
      label: t('contracts.fields.opportunity'),
      children: c.opportunityId ? (
        <Link to={`/opportunities/${encodeURIComponent(c.opportunityId)}`}>
          {c.opportunityName ?? t('contracts.fields.viewOpportunity')}
        </Link>
      ) : (
        '—'
      ),
    },
    ...(c.quoteId
      ? [
          {
            key: 'quote',
            label: t('contracts.fields.quote'),
            children: <Link to={`/quotes/${encodeURIComponent(c.quoteId)}`}>{t('contracts.fields.viewQuote')}</Link>,
          },
        ]
      : []),
    { key: 'owner', label: t('contracts.fields.owner'), children: [c.ownerName, c.departmentName].filter(Boolean).join(' · ') || '—' },
    { key: 'currency', label: t('contracts.fields.currency'), children: c.currency },
    { key: 'signedDate', label: t('contracts.fields.signedDate'), children: formatDate(c.signedDate) },
    {
      key: 'deliveryPlace',
      label: t('contracts.fields.deliveryPlace'),
      children: (
        <WithFindings contract={c} field="deliveryTerms">
          {d.place || '—'}
        </WithFindings>
      ),
    },
    { key: 'deliveryDate', label: t('contracts.fields.deliveryDate'), children: formatDate(d.deliveryDate ?? null) },
    ...(d.incoterm || c.type === 'overseas'
      ? [{ key: 'incoterm', label: t('contracts.fields.incoterm'), children: d.incoterm || '—' }]
      : []),
    {
      key: 'warranty',
      label: t('contracts.fields.warrantyMonths'),
      children: (
        <WithFindings contract={c} field="warrantyMonths">
          {t('contracts.fields.months', { months: c.warrantyMonths })}
        </WithFindings>
      ),
    },
    {
      key: 'penalty',
      label: t('contracts.fields.latePenalty'),
      children: (
        <WithFindings contract={c} field="latePenalty">
          {c.latePenalty.ratePercentPerDay
            ? t('contracts.fields.penaltyValue', { rate: c.latePenalty.ratePercentPerDay, cap: c.latePenalty.capPercent })
            : t('contracts.fields.penaltyCapOnly', { cap: c.latePenalty.capPercent })}
        </WithFindings>
      ),
    },
    ...(d.notes
      ? [
          {
            key: 'deliveryNotes',
            label: t('contracts.fields.deliveryNotes'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.notes}</span>,
            span: 'filled' as const,
          },
        ]
      : []),
    ...(c.specialApprovalReason
      ? [{ key: 'special', label: t('contracts.fields.specialApprovalReason'), children: c.specialApprovalReason, span: 'filled' as const }]
      : []),
    ...(c.terminationReason
      ? [{ key: 'termination', label: t('contracts.fields.terminationReason'), children: c.terminationReason, span: 'filled' as const }]
      : []),
    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(c.createdAt) },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(c.updatedAt) },
  ];
  return <Descriptions size="small" bordered={!isMobile} column={{ xs: 1, sm: 2, xl: 3 }} items={items} data-testid="contract-info" />;
}

/** 合同信息 in edit mode; findings of the last review are shown on the fields they concern. */
export function ContractInfoEditor({
  contract,
  draft,
  onChange,
}: {
  contract: TContract;
  draft: ContractDraft;
  onChange: (patch: Partial<ContractDraft>) => void;
}) {
  const { t } = useTranslation();
  const status = (field: string) => {
    const findings = findingsFor(contract.review, field);
    return {
      validateStatus: fieldStatus(worstLevel(findings)),
      help: findings.length > 0 ? <InlineFindings findings={findings} /> : undefined,
    };
  };
  const delivery = (patch: Partial<ContractDraft['deliveryTerms']>) => onChange({ deliveryTerms: { ...draft.deliveryTerms, ...patch } });
  const penalty = (patch: Partial<ContractDraft['latePenalty']>) => onChange({ latePenalty: { ...draft.latePenalty, ...patch } });
  return (
    <Form layout="vertical" component="div" data-testid="contract-info-editor">
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={t('contracts.fields.title')} required validateStatus={draft.title.trim() ? undefined : 'error'}>
            <Input
              value={draft.title}
              onChange={(e) => onChange({ title: e.target.value })}
              maxLength={200}
              data-testid="contract-title-input"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('contracts.fields.type')}>
            <Select<TContractType>
              value={draft.type}
              onChange={(type) => onChange({ type })}
              options={ZContractTypeValues.map((v) => ({ value: v, label: t(`contracts.type.${v}`) }))}
              data-testid="contract-type-input"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('contracts.fields.currency')}>
            <Select
              value={draft.currency}
              onChange={(currency: string) => onChange({ currency })}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('contracts.fields.deliveryPlace')} {...status('deliveryTerms')}>
            <Input
              value={draft.deliveryTerms.place}
              onChange={(e) => delivery({ place: e.target.value })}
              maxLength={300}
              data-testid="contract-delivery-place"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('contracts.fields.deliveryDate')}>
            <DatePicker
              value={draft.deliveryTerms.deliveryDate ? dayjs(draft.deliveryTerms.deliveryDate) : null}
              onChange={(d) => delivery({ deliveryDate: d ? d.format('YYYY-MM-DD') : null })}
              style={{ width: '100%' }}
              data-testid="contract-delivery-date"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('contracts.fields.incoterm')}>
            <Input
              value={draft.deliveryTerms.incoterm}
              onChange={(e) => delivery({ incoterm: e.target.value.toUpperCase() })}
              maxLength={10}
              placeholder="FOB / CIF"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('contracts.fields.deliveryNotes')}>
            <Input.TextArea
              value={draft.deliveryTerms.notes}
              onChange={(e) => delivery({ notes: e.target.value })}
              autoSize={{ minRows: 2 }}
              maxLength={1000}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('contracts.fields.warrantyMonths')} required {...status('warrantyMonths')}>
            <InputNumber<number>
              min={0}
              max={240}
              precision={0}
              value={draft.warrantyMonths}
              onChange={(v) => onChange({ warrantyMonths: v })}
              suffix={t('contracts.fields.monthsSuffix')}
              style={{ width: '100%' }}
              data-testid="contract-warranty-input"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label={t('contracts.fields.penaltyRate')} {...status('latePenalty')}>
            <InputNumber<string>
              stringMode
              min="0"
              max="100"
              value={draft.latePenalty.ratePercentPerDay === '' ? null : draft.latePenalty.ratePercentPerDay}
              onChange={(v) => penalty({ ratePercentPerDay: v ?? '' })}
              suffix={t('contracts.fields.percentPerDay')}
              style={{ width: '100%' }}
              data-testid="contract-penalty-rate"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            label={t('contracts.fields.penaltyCap')}
            required
            validateStatus={fieldStatus(worstLevel(findingsFor(contract.review, 'latePenalty')))}
          >
            <InputNumber<string>
              stringMode
              min="0"
              max="100"
              value={draft.latePenalty.capPercent === '' ? null : draft.latePenalty.capPercent}
              onChange={(v) => penalty({ capPercent: v ?? '' })}
              suffix="%"
              style={{ width: '100%' }}
              data-testid="contract-penalty-cap"
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
