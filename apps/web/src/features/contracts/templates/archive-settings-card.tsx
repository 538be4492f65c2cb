import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Form, InputNumber, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZArchiveKindValues, ZContractTypeValues, type TContractArchiveSettings } from '@crm/contracts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useContractArchiveSettings, useUpdateContractArchiveSettings } from './contract-templates.queries.ts';

/** 归档要求: the documents each contract type must have, and the days after signing to archive them. */
export function ArchiveSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const settings = useContractArchiveSettings();
  const update = useUpdateContractArchiveSettings();
  const [form] = Form.useForm<TContractArchiveSettings>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Spin style={{ display: 'block', padding: 24 }} />;
  const kindOptions = ZArchiveKindValues.map((k) => ({ value: k, label: t(`contractDocuments.kind.${k}`) }));

  return (
    <Card size="small" title={t('contractDocuments.settings.title')} data-testid="contract-archive-settings">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('contractDocuments.settings.hint')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={settings.data}
        onFinish={(values) =>
          update.mutate(
            { ...values, version: settings.data!.version },
            {
              onSuccess: () => void message.success(t('contractDocuments.settings.saved')),
              onError: (e) => showError(e, { form, onStale: () => void settings.refetch() }),
            },
          )
        }
      >
        {ZContractTypeValues.map((type) => (
          <Form.Item key={type} name={['requiredKinds', type]} label={t(`contracts.type.${type}`)}>
            <Checkbox.Group options={kindOptions} data-testid={`archive-required-${type}`} />
          </Form.Item>
        ))}
        <Form.Item name="archiveWithinDays" label={t('contractDocuments.settings.withinDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('contractDocuments.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}
