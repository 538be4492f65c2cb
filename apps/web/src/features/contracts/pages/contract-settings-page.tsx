import { useEffect, useMemo } from 'react';
import { App, AutoComplete, Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Spin, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZCustomerGradeValues, type TContractSettings, type TCustomerGrade } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { currentLanguage } from '../../../shared/i18n/i18n.ts';
import { formatDecimal } from '../../../shared/utils/format.ts';
import { useProductCategories } from '../../products/api/products.queries.ts';
import { useContractSettings, useUpdateContractSettings } from '../api/contracts.queries.ts';

type FormValues = { settings: TContractSettings };

function PercentInput(props: { 'aria-label': string; placeholder?: string; 'data-testid'?: string }) {
  return <InputNumber<string> stringMode min="0" max="100" suffix="%" style={{ width: '100%' }} {...props} />;
}

/** 合同设置: numbering, the review rules' thresholds, per-grade credit and prepayment, per-category margins. */
export function ContractSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const settings = useContractSettings();
  const update = useUpdateContractSettings();
  const categories = useProductCategories();
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue({ settings: settings.data.settings });
  }, [settings.data, form]);

  const categoryOptions = useMemo(
    () =>
      (categories.data ?? [])
        .filter((c) => c.isActive)
        .map((c) => ({ value: c.name, label: currentLanguage() === 'en-US' && c.nameEn ? `${c.name} (${c.nameEn})` : c.name })),
    [categories.data],
  );

  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Spin style={{ display: 'block', padding: 48 }} />;

  const save = ({ settings: values }: FormValues) =>
    update.mutate(
      {
        settings: {
          ...values,
          grades: Object.fromEntries(
            ZCustomerGradeValues.map((g) => {
              const x = values.grades[g];
              return [g, { ...x, marginWarnPercent: x.marginWarnPercent || null, marginBlockPercent: x.marginBlockPercent || null }];
            }),
          ) as TContractSettings['grades'],
        },
        version: settings.data!.version,
      },
      {
        onSuccess: () => void message.success(t('contracts.settings.saved')),
        onError: (e) => showError(e, { form, onStale: () => void settings.refetch() }),
      },
    );

  const required = [{ required: true, message: t('validation.required') }];
  // The block threshold lies at or below the warning threshold (for display checks only; the server decides).
  const blockBelowWarn = (warnPath: (string | number)[]) => ({
    validator: (_: unknown, value: string | null | undefined) => {
      const warn = form.getFieldValue(warnPath as never) as string | null | undefined;
      if (value && warn && Number(value) > Number(warn)) return Promise.reject(new Error(t('contracts.settings.blockAboveWarn')));
      return Promise.resolve();
    },
  });

  return (
    <PageContainer title={t('contracts.settings.title')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ settings: settings.data.settings }}
        data-testid="contract-settings-form"
      >
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('contracts.settings.numbering')} style={{ marginBottom: 16 }}>
              <Form.Item
                name={['settings', 'numberPattern']}
                label={t('contracts.settings.numberPattern')}
                extra={t('contracts.settings.numberPatternHint')}
                rules={[...required, { min: 3, message: t('validation.minLength', { min: 3 }) }]}
              >
                <Input maxLength={60} data-testid="contract-settings-number-pattern" />
              </Form.Item>
              <Form.Item
                name={['settings', 'directorAmountThreshold']}
                label={t('contracts.settings.directorAmountThreshold')}
                extra={t('contracts.settings.directorAmountThresholdHint')}
                rules={required}
              >
                <InputNumber<string>
                  stringMode
                  min="0"
                  precision={2}
                  prefix="¥"
                  formatter={(v) => formatDecimal(v ?? '', '')}
                  parser={(v) => (v ?? '').replace(/,/g, '')}
                  style={{ width: '100%' }}
                  data-testid="contract-settings-director-threshold"
                />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('contracts.settings.rules')} style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item
                    name={['settings', 'marginWarnPercent']}
                    label={t('contracts.settings.marginWarn')}
                    extra={t('contracts.settings.marginWarnHint')}
                    rules={required}
                  >
                    <PercentInput aria-label={t('contracts.settings.marginWarn')} data-testid="contract-settings-margin-warn" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item
                    name={['settings', 'marginBlockPercent']}
                    label={t('contracts.settings.marginBlock')}
                    extra={t('contracts.settings.marginBlockHint')}
                    dependencies={[['settings', 'marginWarnPercent']]}
                    rules={[...required, blockBelowWarn(['settings', 'marginWarnPercent'])]}
                  >
                    <PercentInput aria-label={t('contracts.settings.marginBlock')} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item
                    name={['settings', 'penaltyCapPercent']}
                    label={t('contracts.settings.penaltyCap')}
                    extra={t('contracts.settings.penaltyCapHint')}
                    rules={required}
                  >
                    <PercentInput aria-label={t('contracts.settings.penaltyCap')} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item
                    name={['settings', 'warrantyExtraMonths']}
                    label={t('contracts.settings.warrantyExtra')}
                    extra={t('contracts.settings.warrantyExtraHint')}
                    rules={required}
                  >
                    <InputNumber min={0} max={120} precision={0} suffix={t('contracts.fields.monthsSuffix')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    name={['settings', 'belowFloorLevel']}
                    label={t('contracts.settings.belowFloor')}
                    extra={t('contracts.settings.belowFloorHint')}
                    style={{ marginBottom: 0 }}
                  >
                    <Radio.Group
                      options={[
                        { value: 'warn', label: t('contracts.settings.level.warn') },
                        { value: 'block', label: t('contracts.settings.level.block') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>

        <Card size="small" title={t('contracts.settings.grades')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('contracts.settings.gradesHint')}
          </Typography.Paragraph>
          <Table<TCustomerGrade>
            rowKey={(g) => g}
            size="small"
            pagination={false}
            dataSource={[...ZCustomerGradeValues]}
            scroll={{ x: 640 }}
            data-testid="contract-settings-grades"
            columns={[
              { title: t('contracts.settings.grade'), width: 70, render: (_v, g) => <Typography.Text strong>{g}</Typography.Text> },
              {
                title: t('contracts.settings.creditDays'),
                render: (_v, g) => (
                  <Form.Item name={['settings', 'grades', g, 'creditDays']} rules={required} style={{ margin: 0 }}>
                    <InputNumber
                      min={0}
                      max={3650}
                      precision={0}
                      suffix={t('contracts.terms.daysSuffix')}
                      style={{ width: '100%' }}
                      aria-label={`${g} ${t('contracts.settings.creditDays')}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('contracts.settings.prepayment'),
                render: (_v, g) => (
                  <Form.Item name={['settings', 'grades', g, 'prepaymentPercent']} rules={required} style={{ margin: 0 }}>
                    <PercentInput aria-label={`${g} ${t('contracts.settings.prepayment')}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('contracts.settings.marginWarn'),
                render: (_v, g) => (
                  <Form.Item name={['settings', 'grades', g, 'marginWarnPercent']} style={{ margin: 0 }}>
                    <PercentInput
                      aria-label={`${g} ${t('contracts.settings.marginWarn')}`}
                      placeholder={t('contracts.settings.useDefault')}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('contracts.settings.marginBlock'),
                render: (_v, g) => (
                  <Form.Item
                    name={['settings', 'grades', g, 'marginBlockPercent']}
                    dependencies={[['settings', 'grades', g, 'marginWarnPercent']]}
                    rules={[blockBelowWarn(['settings', 'grades', g, 'marginWarnPercent'])]}
                    style={{ margin: 0 }}
                  >
                    <PercentInput
                      aria-label={`${g} ${t('contracts.settings.marginBlock')}`}
                      placeholder={t('contracts.settings.useDefault')}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>

        <Card size="small" title={t('contracts.settings.categories')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('contracts.settings.categoriesHint')}
          </Typography.Paragraph>
          <Form.List name={['settings', 'categories']}>
            {(fields, { add, remove }) => (
              <Flex vertical gap={isMobile ? 12 : 0}>
                {fields.length > 0 && !isMobile ? (
                  <Flex gap={8} style={{ marginBottom: 4 }}>
                    <Typography.Text type="secondary" style={{ flex: 2 }}>
                      {t('contracts.settings.category')}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ flex: 1 }}>
                      {t('contracts.settings.marginWarn')}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ flex: 1 }}>
                      {t('contracts.settings.marginBlock')}
                    </Typography.Text>
                    <span style={{ width: 32 }} />
                  </Flex>
                ) : null}
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start" wrap={isMobile} data-testid="contract-settings-category">
                    <Form.Item
                      name={[field.name, 'category']}
                      rules={required}
                      style={{ flex: isMobile ? '1 1 100%' : 2, minWidth: 0, marginBottom: 8 }}
                    >
                      <AutoComplete
                        options={categoryOptions}
                        placeholder={t('contracts.settings.category')}
                        filterOption={(input, option) => String(option?.value ?? '').includes(input)}
                        aria-label={t('contracts.settings.category')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'marginWarnPercent']}
                      label={isMobile ? t('contracts.settings.marginWarn') : undefined}
                      rules={required}
                      style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                    >
                      <PercentInput
                        aria-label={t('contracts.settings.marginWarn')}
                        placeholder={isMobile ? t('contracts.settings.marginWarn') : undefined}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'marginBlockPercent']}
                      label={isMobile ? t('contracts.settings.marginBlock') : undefined}
                      dependencies={[['settings', 'categories', field.name, 'marginWarnPercent']]}
                      rules={[...required, blockBelowWarn(['settings', 'categories', field.name, 'marginWarnPercent'])]}
                      style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                    >
                      <PercentInput
                        aria-label={t('contracts.settings.marginBlock')}
                        placeholder={isMobile ? t('contracts.settings.marginBlock') : undefined}
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
                <div>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() =>
                      add({
                        category: '',
                        marginWarnPercent: form.getFieldValue(['settings', 'marginWarnPercent']),
                        marginBlockPercent: form.getFieldValue(['settings', 'marginBlockPercent']),
                      })
                    }
                    disabled={fields.length >= 200}
                    data-testid="contract-settings-add-category"
                  >
                    {t('contracts.settings.addCategory')}
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="contract-settings-save">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </PageContainer>
  );
}
