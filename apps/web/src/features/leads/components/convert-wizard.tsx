import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Radio, Result, Select, Skeleton, Steps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  LeadErrorCode,
  ZCustomerTypeValues,
  ZLeadConvertOpportunity,
  type TCustomerType,
  type TDuplicateMatch,
  type TLead,
  type TLeadConvertRequest,
  type TLeadConvertResult,
} from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { DuplicateMatchList } from '../../customers/components/duplicate-matches.tsx';
import { useConversionPreview, useConvertLead } from '../api/leads.queries.ts';

/** `create`, or the id of the customer to link. */
type Choice = 'create' | string;

interface DetailValues {
  createContact: boolean;
  createOpportunity: boolean;
  opportunityName?: string;
  amount?: string;
  expectedCloseDate?: Dayjs;
}

const isBlocking = (m: TDuplicateMatch) => m.reason === 'credit_code' || m.reason === 'same_name';
/** The end of the quarter after this one: a usual first guess for a close date. */
const defaultCloseDate = () => dayjs().add(3, 'month').endOf('month').startOf('day');

/**
 * 线索转化 in three steps (mount it when it opens: each opening starts afresh): the duplicate check's verdict with its matches (link one, or create a new
 * customer when allowed), then the contact and the optional opportunity, then what was made.
 */
export function ConvertWizard({ lead, open, onClose }: { lead: TLead; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const preview = useConversionPreview(lead.id, open);
  const convert = useConvertLead();
  const [step, setStep] = useState(0);
  const [chosen, setChoice] = useState<Choice | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [customerName, setCustomerName] = useState(lead.companyName);
  const [customerType, setCustomerType] = useState<TCustomerType>('other');
  const [result, setResult] = useState<TLeadConvertResult | null>(null);
  const [form] = Form.useForm<DetailValues>();

  const p = preview.data;
  const linkable = useMemo(() => {
    if (!p) return [];
    const visible = p.matches.filter((m) => m.visible && m.customerId);
    return p.verdict === 'block' ? visible.filter(isBlocking) : visible;
  }, [p]);
  // Until the user picks: a new customer when nothing matches, the existing one on a block.
  const choice: Choice | null =
    chosen ?? (p?.verdict === 'none' ? 'create' : p?.verdict === 'block' ? (linkable[0]?.customerId ?? null) : null);

  const canNext = !!p && p.canConvert && choice !== null && (choice !== 'create' || p.verdict !== 'warn' || acknowledged);

  const submit = async () => {
    const v = await form.validateFields();
    const body: TLeadConvertRequest = {
      version: lead.version,
      customer:
        choice === 'create'
          ? {
              mode: 'create',
              name: customerName.trim() || undefined,
              type: customerType,
              acknowledgeDuplicates: p?.verdict === 'warn' ? acknowledged : undefined,
            }
          : { mode: 'link', customerId: choice! },
      createContact: !!lead.contactName && v.createContact,
      opportunity: v.createOpportunity
        ? {
            name: v.opportunityName!.trim(),
            amount: v.amount!.replace(/[,\s]/g, ''),
            expectedCloseDate: v.expectedCloseDate!.format('YYYY-MM-DD'),
          }
        : null,
    };
    try {
      setResult(await convert.mutateAsync({ id: lead.id, body }));
      setStep(2);
    } catch (e) {
      showError(e);
      // Someone created a matching customer meanwhile: check again.
      if (isApiError(e) && (Object.values(LeadErrorCode) as string[]).includes(e.code)) {
        setChoice(null);
        setStep(0);
        void preview.refetch();
      }
    }
  };

  const verdictAlert = p ? (
    p.verdict === 'block' && !p.canConvert ? (
      <Alert
        type="error"
        showIcon
        title={t('leads.convert.verdict.blockedOutside', { name: p.blockedBy?.name ?? '', owner: p.blockedBy?.ownerName ?? '—' })}
        data-testid="convert-verdict"
        data-verdict="blocked"
      />
    ) : (
      <Alert
        type={p.verdict === 'none' ? 'success' : p.verdict === 'warn' ? 'warning' : 'error'}
        showIcon
        title={t(`leads.convert.verdict.${p.verdict}`)}
        description={p.matches.length > 0 ? <DuplicateMatchList matches={p.matches} onNavigate={onClose} /> : undefined}
        data-testid="convert-verdict"
        data-verdict={p.verdict}
      />
    )
  ) : null;

  const checkStep = (
    <Flex vertical gap={16}>
      {preview.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {preview.isError ? <QueryError error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {verdictAlert}
      {p && p.canConvert ? (
        <div>
          <Typography.Text strong>{t('leads.convert.choose')}</Typography.Text>
          <Radio.Group
            value={choice}
            onChange={(e) => setChoice(e.target.value as Choice)}
            style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
            data-testid="convert-choice"
          >
            {linkable.map((m) => (
              <Radio key={m.customerId} value={m.customerId} data-testid="convert-link-option">
                {t('leads.convert.linkExisting', { name: m.name })}
              </Radio>
            ))}
            {p.canCreate ? (
              <Radio value="create" data-testid="convert-create-option">
                {t('leads.convert.createNew')}
              </Radio>
            ) : null}
          </Radio.Group>
        </div>
      ) : null}
      {p && choice === 'create' ? (
        <Flex gap={12} wrap>
          <label style={{ flex: '2 1 240px' }}>
            <Typography.Text type="secondary">{t('leads.convert.customerName')}</Typography.Text>
            <Input
              value={customerName}
              onChange={(e) => setCustomerName(e.target.value)}
              maxLength={200}
              data-testid="convert-customer-name"
            />
          </label>
          <label style={{ flex: '1 1 160px' }}>
            <Typography.Text type="secondary">{t('leads.convert.customerType')}</Typography.Text>
            <Select<TCustomerType>
              value={customerType}
              onChange={setCustomerType}
              options={ZCustomerTypeValues.map((v) => ({ value: v, label: t(`customerType.${v}`) }))}
              style={{ width: '100%' }}
              data-testid="convert-customer-type"
            />
          </label>
        </Flex>
      ) : null}
      {p && choice === 'create' && p.verdict === 'warn' ? (
        <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="convert-acknowledge">
          {t('leads.convert.acknowledge')}
        </Checkbox>
      ) : null}
    </Flex>
  );

  const detailsStep = (
    <Form<DetailValues>
      form={form}
      layout="vertical"
      initialValues={{
        createContact: !!lead.contactName,
        createOpportunity: true,
        opportunityName: lead.companyName,
        expectedCloseDate: defaultCloseDate(),
      }}
      preserve
      data-testid="convert-details"
    >
      <Typography.Title level={5}>{t('leads.convert.contactTitle')}</Typography.Title>
      {lead.contactName ? (
        <>
          <Form.Item name="createContact" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox data-testid="convert-contact">
              {t('leads.convert.createContact', { name: [lead.contactName, lead.title].filter(Boolean).join(' · ') })}
            </Checkbox>
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('leads.convert.contactReuse')}
          </Typography.Paragraph>
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('leads.convert.noContact')}</Typography.Paragraph>
      )}
      <Typography.Title level={5}>{t('leads.convert.opportunityTitle')}</Typography.Title>
      <Form.Item name="createOpportunity" valuePropName="checked">
        <Checkbox data-testid="convert-opportunity">{t('leads.convert.createOpportunity')}</Checkbox>
      </Form.Item>
      <Form.Item noStyle dependencies={['createOpportunity']}>
        {({ getFieldValue }) =>
          getFieldValue('createOpportunity') ? (
            <>
              <Form.Item
                name="opportunityName"
                label={t('leads.convert.opportunityName')}
                rules={[requiredRule(), zodRule(ZLeadConvertOpportunity.shape.name)]}
              >
                <Input maxLength={200} data-testid="convert-opportunity-name" />
              </Form.Item>
              <Flex gap={12} wrap>
                <Form.Item
                  name="amount"
                  label={t('leads.convert.amount')}
                  rules={[requiredRule(), zodRule(ZLeadConvertOpportunity.shape.amount, () => t('validation.invalid'))]}
                  normalize={(v: string) => v.replace(/[,，\s]/g, '')}
                  style={{ flex: '1 1 160px' }}
                >
                  <Input inputMode="decimal" placeholder="0.00" data-testid="convert-amount" />
                </Form.Item>
                <Form.Item
                  name="expectedCloseDate"
                  label={t('leads.convert.expectedCloseDate')}
                  rules={[requiredRule()]}
                  style={{ flex: '1 1 160px' }}
                >
                  <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} data-testid="convert-close-date" />
                </Form.Item>
              </Flex>
            </>
          ) : null
        }
      </Form.Item>
    </Form>
  );

  const doneStep = result ? (
    <Result
      status="success"
      title={t('leads.convert.doneTitle')}
      subTitle={
        <Flex vertical gap={4}>
          <span>
            {result.customerCreated
              ? t('leads.convert.doneCustomerCreated', { name: result.customerName })
              : t('leads.convert.doneCustomerLinked', { name: result.customerName })}
          </span>
          {result.contactId ? <span>{t('leads.convert.doneContact')}</span> : null}
          {result.opportunityId ? <span>{t('leads.convert.doneOpportunity')}</span> : null}
          {result.activitiesMoved > 0 ? <span>{t('leads.convert.doneActivities', { count: result.activitiesMoved })}</span> : null}
        </Flex>
      }
      extra={
        <Flex gap={8} wrap justify="center">
          <Link to={`/customers/${encodeURIComponent(result.customerId)}`} data-testid="convert-open-customer">
            <Button type="primary">{t('leads.convert.openCustomer')}</Button>
          </Link>
          {result.opportunityId ? (
            <Link to={`/opportunities/${encodeURIComponent(result.opportunityId)}`} data-testid="convert-open-opportunity">
              <Button>{t('leads.convert.openOpportunity')}</Button>
            </Link>
          ) : null}
        </Flex>
      }
      data-testid="convert-result"
    />
  ) : null;

  const footer =
    step === 0 ? (
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={!canNext} onClick={() => setStep(1)} data-testid="convert-next">
          {t('leads.convert.next')}
        </Button>
      </Flex>
    ) : step === 1 ? (
      <Flex justify="flex-end" gap={8}>
        <Button onClick={() => setStep(0)}>{t('leads.convert.back')}</Button>
        <Button type="primary" loading={convert.isPending} onClick={() => void submit()} data-testid="convert-submit">
          {t('leads.convert.submit')}
        </Button>
      </Flex>
    ) : (
      <Flex justify="flex-end">
        <Button onClick={onClose}>{t('leads.convert.close')}</Button>
      </Flex>
    );

  return (
    <Modal
      open={open}
      title={t('leads.convert.title')}
      onCancel={onClose}
      footer={footer}
      width={isMobile ? '100%' : 640}
      style={isMobile ? { top: 0, maxWidth: '100%', margin: 0, paddingBottom: 0 } : undefined}
      destroyOnHidden
      data-testid="convert-wizard"
    >
      <Steps
        current={step === 2 ? 3 : step}
        size="small"
        direction="horizontal"
        responsive={false}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('leads.convert.steps.check') },
          { title: t('leads.convert.steps.details') },
          { title: t('leads.convert.steps.done') },
        ]}
      />
      <div style={{ display: step === 0 ? 'block' : 'none' }}>{checkStep}</div>
      <div style={{ display: step === 1 ? 'block' : 'none' }}>{detailsStep}</div>
      {step === 2 ? doneStep : null}
    </Modal>
  );
}
