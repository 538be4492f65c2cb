import { useEffect } from 'react';
import { App, Button, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ZOpportunitySourceValues, type TCreateOpportunity, type TOpportunity, type TUpdateOpportunity } from '@crm/contracts';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDecimal } from '../../../shared/utils/format.ts';
import { useCreateOpportunity, useUpdateOpportunity } from '../api/opportunities.queries.ts';
import { CustomerSelect } from './customer-select.tsx';
import { ProductSelect } from './product-select.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The opportunity to edit; a new one otherwise. */
  opportunity?: TOpportunity;
  /** A new opportunity of this customer (from the customer 360 page). */
  customerId?: string;
  customerName?: string;
  onSaved?: (o: TOpportunity) => void;
}

type LineValues = { productId?: string; label?: string; quantity?: string; unitPrice?: string };
type Values = {
  name: string;
  customerId: string;
  amount?: string | null;
  currency: string;
  expectedCloseDate?: Dayjs;
  probability?: number | null;
  source?: string | null;
  isTender: boolean;
  tenderNumber?: string | null;
  bidOpeningDate?: Dayjs | null;
  bidBondAmount?: string | null;
  description?: string | null;
  competitors?: { name?: string; strengths?: string; weaknesses?: string; quotedPrice?: string | null }[];
  lines?: LineValues[];
};

const CURRENCIES = ['CNY', 'USD', 'EUR'];
const moneyOrNull = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v).toFixed(2));

/** Sum of the lines as a decimal string to the fen, without floats: each line in fen, added as integers. */
export function linesTotal(lines: LineValues[] | undefined): string {
  let fen = 0n;
  for (const l of lines ?? []) {
    if (!l?.quantity || !l.unitPrice) continue;
    const [qi, qf = ''] = String(l.quantity).split('.');
    const [pi, pf = ''] = String(l.unitPrice).split('.');
    const q = BigInt(`${qi}${qf.padEnd(3, '0').slice(0, 3)}`);
    const p = BigInt(`${pi}${pf.padEnd(6, '0').slice(0, 6)}`);
    // quantity (3 decimals) × price (6 decimals) = 9 decimals; to the fen, half-up.
    const raw = q * p;
    fen += (raw + 5_000_000n) / 10_000_000n;
  }
  const s = fen.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Create or edit an opportunity: the deal, its tender details, competitors and product lines. */
export function OpportunityFormDrawer({ open, onClose, opportunity, customerId, customerName, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity(opportunity?.id ?? '');
  const isTender = Form.useWatch('isTender', form);
  const lines = Form.useWatch('lines', form);
  const closed = opportunity !== undefined && opportunity.stageKind !== 'open';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (opportunity) {
      form.setFieldsValue({
        name: opportunity.name,
        customerId: opportunity.customerId,
        amount: opportunity.amount,
        currency: opportunity.currency,
        expectedCloseDate: dayjs(opportunity.expectedCloseDate),
        probability: opportunity.probabilityOverridden ? opportunity.probability : null,
        source: opportunity.source,
        isTender: opportunity.isTender,
        tenderNumber: opportunity.tender.tenderNumber,
        bidOpeningDate: opportunity.tender.bidOpeningDate ? dayjs(opportunity.tender.bidOpeningDate) : null,
        bidBondAmount: opportunity.tender.bidBondAmount,
        description: opportunity.description,
        competitors: opportunity.competitors.map((c) => ({ ...c, strengths: c.strengths ?? '', weaknesses: c.weaknesses ?? '' })),
        lines: opportunity.lines.map((l) => ({
          productId: l.productId,
          label: `${l.materialCode ?? ''} ${l.productName}`.trim(),
          quantity: l.quantity,
          unitPrice: l.unitPrice,
        })),
      });
    } else {
      form.setFieldsValue({ currency: 'CNY', isTender: false, customerId, expectedCloseDate: dayjs().add(3, 'month').endOf('month') });
    }
  }, [open, opportunity, customerId, form]);

  function payload(v: Values) {
    const tender = v.isTender
      ? {
          tenderNumber: v.tenderNumber?.trim() || null,
          bidOpeningDate: v.bidOpeningDate ? v.bidOpeningDate.format('YYYY-MM-DD') : null,
          bidBondAmount: moneyOrNull(v.bidBondAmount),
        }
      : undefined;
    return {
      name: v.name.trim(),
      customerId: v.customerId,
      amount: moneyOrNull(v.amount) ?? '0.00',
      currency: v.currency,
      expectedCloseDate: v.expectedCloseDate!.format('YYYY-MM-DD'),
      probability: v.probability ?? null,
      source: v.source ?? null,
      isTender: v.isTender,
      ...(tender ? { tender } : {}),
      description: v.description?.trim() || null,
      competitors: (v.competitors ?? [])
        .filter((c) => c?.name?.trim())
        .map((c) => ({
          name: c.name!.trim(),
          strengths: c.strengths?.trim() || null,
          weaknesses: c.weaknesses?.trim() || null,
          quotedPrice: moneyOrNull(c.quotedPrice),
        })),
      lines: (v.lines ?? [])
        .filter((l) => l?.productId)
        .map((l) => ({ productId: l.productId!, quantity: String(l.quantity ?? '1'), unitPrice: String(l.unitPrice ?? '0') })),
    };
  }

  function onFinish(v: Values) {
    const body = payload(v);
    const done = (o: TOpportunity) => {
      void message.success(opportunity ? t('opportunities.savedToast') : t('opportunities.createdToast'));
      onClose();
      onSaved?.(o);
    };
    if (opportunity) {
      const input: TUpdateOpportunity = closed
        ? {
            version: opportunity.version,
            name: body.name,
            description: body.description,
            competitors: body.competitors,
            source: body.source,
          }
        : { ...body, version: opportunity.version };
      update.mutate(input, { onSuccess: done, onError: (e) => showError(e, { form }) });
    } else {
      const input: TCreateOpportunity = { ...body, probability: body.probability ?? undefined };
      create.mutate(input, { onSuccess: done, onError: (e) => showError(e, { form }) });
    }
  }

  const required = [{ required: true, message: t('validation.required') }];
  const total = linesTotal(lines);

  return (
    <ResponsiveDrawer
      open={open}
      onClose={onClose}
      width={640}
      title={opportunity ? t('opportunities.edit') : t('opportunities.create')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => form.submit()}
            data-testid="opportunity-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" data-testid="opportunity-form">
        <Form.Item
          name="name"
          label={t('opportunities.fields.name')}
          rules={[...required, { min: 2, message: t('validation.minLength', { min: 2 }) }]}
        >
          <Input maxLength={200} data-testid="opportunity-name" />
        </Form.Item>
        <Form.Item name="customerId" label={t('opportunities.fields.customer')} rules={required}>
          <CustomerSelect initialName={opportunity?.customerName ?? customerName ?? null} disabled={closed} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={14} sm={9}>
            <Form.Item name="amount" label={t('opportunities.fields.amount')}>
              <InputNumber<string>
                stringMode
                min="0"
                precision={2}
                style={{ width: '100%' }}
                disabled={closed}
                data-testid="opportunity-amount"
              />
            </Form.Item>
          </Col>
          <Col xs={10} sm={6}>
            <Form.Item name="currency" label={t('opportunities.fields.currency')}>
              <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} disabled={closed} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={9}>
            <Form.Item name="expectedCloseDate" label={t('opportunities.fields.expectedCloseDate')} rules={required}>
              <DatePicker style={{ width: '100%' }} disabled={closed} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="probability" label={t('opportunities.fields.probability')} tooltip={t('opportunities.fields.probabilityHint')}>
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} disabled={closed} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="source" label={t('opportunities.fields.source')}>
              <Select allowClear options={ZOpportunitySourceValues.map((s) => ({ value: s, label: t(`opportunities.source.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="isTender" label={t('opportunities.fields.isTender')} valuePropName="checked">
              <Switch disabled={closed} data-testid="opportunity-is-tender" />
            </Form.Item>
          </Col>
        </Row>
        {isTender ? (
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="tenderNumber" label={t('opportunities.tender.tenderNumber')}>
                <Input maxLength={60} disabled={closed} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="bidOpeningDate" label={t('opportunities.tender.bidOpeningDate')}>
                <DatePicker style={{ width: '100%' }} disabled={closed} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="bidBondAmount" label={t('opportunities.tender.bidBondAmount')}>
                <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} disabled={closed} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Form.Item name="description" label={t('opportunities.fields.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>

        <Divider titlePlacement="start" plain>
          {t('opportunities.tabs.competitors')}
        </Divider>
        <Form.List name="competitors">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} className="form-list-block">
                  <Row gutter={8} align="top">
                    <Col xs={24} sm={12}>
                      <Form.Item name={[field.name, 'name']} label={t('opportunities.competitors.name')} rules={required}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={18} sm={10}>
                      <Form.Item name={[field.name, 'quotedPrice']} label={t('opportunities.competitors.quotedPrice')}>
                        <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} sm={2} style={{ paddingTop: 30 }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('common.delete')}
                      />
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item name={[field.name, 'strengths']} label={t('opportunities.competitors.strengths')}>
                        <Input maxLength={500} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item name={[field.name, 'weaknesses']} label={t('opportunities.competitors.weaknesses')}>
                        <Input maxLength={500} />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '' })} style={{ marginBottom: 16 }}>
                {t('opportunities.competitors.add')}
              </Button>
            </>
          )}
        </Form.List>

        {closed ? null : (
          <>
            <Divider titlePlacement="start" plain>
              {t('opportunities.tabs.lines')}
            </Divider>
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <div key={field.key} className="form-list-block">
                      <Row gutter={8} align="top">
                        <Col xs={24} sm={11}>
                          <Form.Item name={[field.name, 'productId']} label={t('opportunities.lines.product')} rules={required}>
                            <ProductSelect
                              initialLabel={form.getFieldValue(['lines', field.name, 'label']) as string | undefined}
                              placeholder={t('opportunities.lines.productPlaceholder')}
                              onChange={(id, product) => {
                                form.setFieldValue(['lines', field.name, 'productId'], id);
                                if (product && !form.getFieldValue(['lines', field.name, 'unitPrice'])) {
                                  form.setFieldValue(['lines', field.name, 'unitPrice'], product.listPrice);
                                }
                              }}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={9} sm={5}>
                          <Form.Item name={[field.name, 'quantity']} label={t('opportunities.lines.quantity')} rules={required}>
                            <InputNumber<string> stringMode min="0.001" precision={3} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={11} sm={6}>
                          <Form.Item name={[field.name, 'unitPrice']} label={t('opportunities.lines.unitPrice')} rules={required}>
                            <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(field.name)}
                            aria-label={t('common.delete')}
                          />
                        </Col>
                      </Row>
                    </div>
                  ))}
                  <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: '1' })}>
                      {t('opportunities.lines.add')}
                    </Button>
                    {fields.length > 0 ? (
                      <Space wrap>
                        <Typography.Text>
                          {t('opportunities.lines.total')}: ¥{formatDecimal(total)}
                        </Typography.Text>
                        <Button size="small" onClick={() => form.setFieldValue('amount', total)}>
                          {t('opportunities.lines.useAsAmount')}
                        </Button>
                      </Space>
                    ) : null}
                  </Space>
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </ResponsiveDrawer>
  );
}
