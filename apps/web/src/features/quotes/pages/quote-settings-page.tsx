import { useEffect } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BuiltinRole, ZCustomerGradeValues, type TQuoteSettings } from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useQuoteSettings, useUpdateQuoteSettings } from '../api/quotes.queries.ts';

const ROLE_CODES = [BuiltinRole.salesRep, BuiltinRole.salesManager, BuiltinRole.salesDirector, BuiltinRole.admin] as const;
type FormValues = Omit<TQuoteSettings, 'version'>;

/** Numbering, validity, print header and the discount limits per role and customer grade. */
export function QuoteSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const settings = useQuoteSettings();
  const update = useUpdateQuoteSettings();
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Spin style={{ display: 'block', padding: 48 }} />;
  const known = new Set<string>([...ROLE_CODES, ...settings.data.discountLimits.map((l) => l.roleCode)]);
  const roleLabel = (code: string) =>
    (ROLE_CODES as readonly string[]).includes(code) ? t(`quotes.settings.roles.${code as (typeof ROLE_CODES)[number]}`) : code;

  const save = (values: FormValues) =>
    update.mutate(
      {
        ...values,
        discountLimits: values.discountLimits.map((l) => ({ ...l, customerGrade: l.customerGrade ?? null })),
        version: settings.data!.version,
      },
      {
        onSuccess: () => void message.success(t('quotes.settings.saved')),
        onError: (e) => showError(e, { form, onStale: () => void settings.refetch() }),
      },
    );

  return (
    <PageContainer title={t('quotes.settings.title')}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={settings.data}>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('quotes.settings.numbering')} style={{ marginBottom: 16 }}>
              <Form.Item
                name="numberPattern"
                label={t('quotes.settings.numberPattern')}
                extra={t('quotes.settings.numberPatternHint')}
                rules={[{ required: true }]}
              >
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="validityDays" label={t('quotes.settings.validityDays')} rules={[{ required: true }]}>
                <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
              </Form.Item>
            </Card>
            <Card size="small" title={t('quotes.settings.header')} style={{ marginBottom: 16 }}>
              <Form.Item name="companyName" label={t('quotes.settings.companyName')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="companyAddress" label={t('quotes.settings.companyAddress')}>
                <Input maxLength={300} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="companyPhone" label={t('quotes.settings.companyPhone')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="companyTaxId" label={t('quotes.settings.companyTaxId')}>
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('quotes.settings.limits')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('quotes.settings.limitsHint')}
              </Typography.Paragraph>
              <Form.List name="discountLimits">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => (
                      <Flex key={field.key} gap={8} align="flex-start" wrap={false} data-testid="quote-limit-row">
                        <Form.Item name={[field.name, 'roleCode']} rules={[{ required: true }]} style={{ flex: 2, minWidth: 0 }}>
                          <Select
                            options={[...known].map((c) => ({ value: c, label: roleLabel(c) }))}
                            aria-label={t('quotes.settings.role')}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'customerGrade']} style={{ flex: 1.4, minWidth: 0 }}>
                          <Select
                            allowClear
                            placeholder={t('quotes.settings.anyGrade')}
                            options={ZCustomerGradeValues.map((g) => ({ value: g, label: g }))}
                            aria-label={t('quotes.settings.grade')}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'maxDiscountPercent']} rules={[{ required: true }]} style={{ flex: 1, minWidth: 0 }}>
                          <InputNumber<string>
                            stringMode
                            min="0"
                            max="100"
                            suffix="%"
                            style={{ width: '100%' }}
                            aria-label={t('quotes.settings.maxDiscount')}
                          />
                        </Form.Item>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label={t('common.delete')}
                        />
                      </Flex>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ roleCode: BuiltinRole.salesRep, customerGrade: null, maxDiscountPercent: '10' })}
                    >
                      {t('quotes.settings.addLimit')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
          </Col>
        </Row>
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="quote-settings-save">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </PageContainer>
  );
}
