import { useState } from 'react';
import { App, Form, Input, Modal, Select, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZContractTypeValues, type TContractTemplate, type TContractType } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useAddContractTemplateVersion, useCreateContractTemplate, useUpdateContractTemplate } from './contract-templates.queries.ts';

type Mode = { kind: 'create' } | { kind: 'edit'; template: TContractTemplate } | { kind: 'version'; template: TContractTemplate };
type FormValues = { name: string; contractType?: TContractType | null; description?: string | null };

/** Upload a new template, a new version of one, or edit its name, type and description. */
export function TemplateFormModal({ mode, onClose }: { mode: Mode; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  // Mounted afresh for each opening (see the page), so the state starts empty.
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const create = useCreateContractTemplate();
  const addVersion = useAddContractTemplateVersion();
  const update = useUpdateContractTemplate();
  const pending = create.isPending || addVersion.isPending || update.isPending;

  const done = (text: string) => ({
    onSuccess: () => {
      void message.success(text);
      onClose();
    },
    onError: (e: unknown) => showError(e, { form }),
  });

  const submit = (values: FormValues) => {
    if (mode.kind === 'edit') {
      update.mutate(
        {
          id: mode.template.id,
          input: {
            version: mode.template.version,
            name: values.name,
            contractType: values.contractType ?? null,
            description: values.description || null,
          },
        },
        done(t('contractDocuments.templates.saved')),
      );
      return;
    }
    if (!file) {
      setFileMissing(true);
      return;
    }
    if (mode.kind === 'version') addVersion.mutate({ id: mode.template.id, file }, done(t('contractDocuments.templates.uploaded')));
    else
      create.mutate(
        {
          fields: { name: values.name, contractType: values.contractType ?? undefined, description: values.description || undefined },
          file,
        },
        done(t('contractDocuments.templates.uploaded')),
      );
  };

  const title =
    mode.kind === 'edit'
      ? t('contractDocuments.templates.editTitle')
      : mode.kind === 'version'
        ? `${t('contractDocuments.templates.newVersion')} · ${mode.template.name}`
        : t('contractDocuments.templates.createTitle');

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      data-testid="contract-template-modal"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          mode.kind === 'create'
            ? { name: '', contractType: null, description: '' }
            : { name: mode.template.name, contractType: mode.template.contractType, description: mode.template.description }
        }
      >
        {mode.kind === 'version' ? null : (
          <>
            <Form.Item name="name" label={t('contractDocuments.templates.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="contract-template-name" />
            </Form.Item>
            <Form.Item name="contractType" label={t('contractDocuments.templates.contractType')}>
              <Select
                allowClear
                placeholder={t('contractDocuments.templates.anyType')}
                options={ZContractTypeValues.map((v) => ({ value: v, label: t(`contracts.type.${v}`) }))}
              />
            </Form.Item>
            <Form.Item name="description" label={t('contractDocuments.templates.description')}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </>
        )}
        {mode.kind === 'edit' ? null : (
          <Form.Item label={t('contractDocuments.templates.file')} required>
            <Upload.Dragger
              accept=".docx"
              multiple={false}
              showUploadList={false}
              disabled={pending}
              beforeUpload={(f) => {
                setFile(f);
                setFileMissing(false);
                return false;
              }}
              data-testid="contract-template-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{file ? file.name : t('contractDocuments.templates.drop')}</p>
              <p className="ant-upload-hint">{t('contractDocuments.templates.dropHint')}</p>
            </Upload.Dragger>
            {fileMissing ? <Typography.Text type="danger">{t('contractDocuments.upload.fileRequired')}</Typography.Text> : null}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
export type TemplateFormMode = Mode;
