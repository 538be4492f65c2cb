import { useEffect } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Skeleton, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gradingThresholdIssues, ZGradingThreshold, type TUpdateGradingSettings } from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { useGradingSettings, useRecomputeGrades, useUpdateGradingSettings } from './grading.queries.ts';

type Values = Omit<TUpdateGradingSettings, 'version'>;
type ThresholdField = 'thresholdA' | 'thresholdB' | 'thresholdC';
const THRESHOLDS: ThresholdField[] = ['thresholdA', 'thresholdB', 'thresholdC'];

/** 客户分级规则: the thresholds of the grading rule, the lookback and the overdue cap (administrators). */
export function GradingSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const settings = useGradingSettings();
  const save = useUpdateGradingSettings();
  const recompute = useRecomputeGrades();
  const showError = useApiError();
  const current = settings.data;

  useEffect(() => {
    if (current) form.setFieldsValue(current);
  }, [current, form]);

  const orderRule = (field: ThresholdField) => ({
    validator: async () => {
      const values = form.getFieldsValue(THRESHOLDS);
      if (THRESHOLDS.some((f) => !ZGradingThreshold.safeParse(values[f] ?? '').success)) return;
      if (gradingThresholdIssues(values).includes(field)) throw new Error(t('grading.settings.orderError'));
    },
  });

  const onFinish = (values: Values) => {
    if (!current) return;
    save.mutate(
      {
        ...values,
        thresholdA: values.thresholdA.trim(),
        thresholdB: values.thresholdB.trim(),
        thresholdC: values.thresholdC.trim(),
        version: current.version,
      },
      {
        onSuccess: () => void message.success(t('grading.settings.saved')),
        onError: (e) => showError(e, { form, onStale: () => void settings.refetch() }),
      },
    );
  };

  const runNow = () =>
    recompute.mutate(undefined, {
      onSuccess: (r) => void message.success(t('grading.settings.recomputed', { customers: r.customers, changed: r.changed })),
      onError: (e) => showError(e),
    });

  let body;
  if (settings.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (settings.isError) body = <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  else {
    body = (
      <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 560 }} data-testid="grading-settings-form">
        <Typography.Paragraph type="secondary">{t('grading.settings.intro')}</Typography.Paragraph>
        {THRESHOLDS.map((field) => (
          <Form.Item
            key={field}
            name={field}
            label={t(`grading.settings.${field}`)}
            dependencies={THRESHOLDS.filter((f) => f !== field)}
            rules={[requiredRule(), zodRule(ZGradingThreshold, () => t('grading.settings.amountInvalid')), orderRule(field)]}
          >
            <Input inputMode="decimal" suffix={t('grading.settings.yuan')} data-testid={`grading-${field}`} />
          </Form.Item>
        ))}
        <Form.Item name="lookbackMonths" label={t('grading.settings.lookbackMonths')} rules={[requiredRule()]}>
          <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} suffix={t('grading.settings.months')} />
        </Form.Item>
        <Form.Item
          name="overdueCapDays"
          label={t('grading.settings.overdueCapDays')}
          extra={t('grading.settings.overdueCapHint')}
          rules={[requiredRule()]}
        >
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} suffix={t('grading.settings.days')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="grading-save">
          {t('common.save')}
        </Button>
      </Form>
    );
  }

  return (
    <PageContainer
      title={t('grading.settings.title')}
      extra={
        <Popconfirm title={t('grading.settings.recomputeConfirm')} onConfirm={runNow} okButtonProps={{ loading: recompute.isPending }}>
          <Button icon={<SyncOutlined />} loading={recompute.isPending}>
            {t('grading.settings.recompute')}
          </Button>
        </Popconfirm>
      }
    >
      <Card>
        {body}
        {current ? (
          <Descriptions size="small" column={1} style={{ marginTop: 24 }}>
            <Descriptions.Item label={t('common.updatedAt')}>
              {formatDateTime(current.updatedAt)}
              {current.updatedByName ? ` · ${current.updatedByName}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('grading.settings.schedule')}>{t('grading.settings.scheduleValue')}</Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
    </PageContainer>
  );
}
