import { useEffect } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TContractType } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useContractTemplates } from '../templates/contract-templates.queries.ts';
import { useGenerateContractDocument } from './contract-documents.queries.ts';

/** 按模板生成: renders an active template with the contract's data as the next version of its contract text. */
export function GenerateDocumentModal({
  contractId,
  contractType,
  open,
  onClose,
}: {
  contractId: string;
  contractType: TContractType;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<{ templateId: string; note?: string }>();
  const templates = useContractTemplates(contractType, { enabled: open });
  const generate = useGenerateContractDocument(contractId);
  const usable = (templates.data ?? []).filter((x) => x.isActive);

  useEffect(() => {
    if (open && usable.length > 0 && !form.getFieldValue('templateId')) form.setFieldsValue({ templateId: usable[0]!.id });
  }, [open, usable, form]);

  return (
    <Modal
      open={open}
      title={t('contractDocuments.generate.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('contractDocuments.generate.submit')}
      okButtonProps={{ disabled: usable.length === 0 }}
      confirmLoading={generate.isPending}
      destroyOnHidden
      data-testid="contract-document-generate-modal"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          generate.mutate(values, {
            onSuccess: (doc) => {
              void message.success(t('contractDocuments.generate.done', { no: doc.currentVersionNo }));
              onClose();
            },
            onError: (e) => showError(e, { form }),
          })
        }
      >
        {templates.isSuccess && usable.length === 0 ? (
          <Alert type="warning" showIcon title={t('contractDocuments.generate.noTemplates')} style={{ marginBottom: 12 }} />
        ) : null}
        <Form.Item
          name="templateId"
          label={t('contractDocuments.generate.template')}
          extra={t('contractDocuments.generate.templateHint')}
          rules={[{ required: true }]}
        >
          <Select
            loading={templates.isLoading}
            data-testid="contract-document-template"
            options={usable.map((x) => ({ value: x.id, label: `${x.name} · V${x.currentVersionNo}` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('contractDocuments.generate.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
          {t('contractDocuments.generate.hint')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
