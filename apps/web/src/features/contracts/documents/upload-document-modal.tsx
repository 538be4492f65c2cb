import { useState } from 'react';
import { App, Form, Input, Modal, Select, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZContractDocumentKindValues, type TContractDocument, type TContractDocumentKind } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useAddContractDocumentVersion, useUploadContractDocument } from './contract-documents.queries.ts';

type FormValues = { kind: TContractDocumentKind; title?: string; note?: string };

/**
 * Uploads a typed document, or (given `document`) a new version of one. A file dropped on the
 * panel arrives as `initialFile`; the kind defaults to the first one the archive still misses.
 */
export function UploadDocumentModal({
  contractId,
  onClose,
  document,
  initialFile,
  defaultKind,
}: {
  contractId: string;
  onClose: () => void;
  document?: TContractDocument;
  initialFile?: File | null;
  defaultKind: TContractDocumentKind;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<FormValues>();
  // Mounted afresh for each opening (see the panel): a dropped file arrives as the initial state.
  const [file, setFile] = useState<File | null>(initialFile ?? null);
  const [fileMissing, setFileMissing] = useState(false);
  const upload = useUploadContractDocument(contractId);
  const addVersion = useAddContractDocumentVersion(contractId);
  const pending = upload.isPending || addVersion.isPending;

  const submit = (values: FormValues) => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    const done = {
      onSuccess: () => {
        void message.success(t('contractDocuments.upload.done'));
        onClose();
      },
      onError: (e: unknown) => showError(e, { form }),
    };
    if (document) addVersion.mutate({ documentId: document.id, note: values.note, file }, done);
    else upload.mutate({ kind: values.kind, title: values.title, note: values.note, file }, done);
  };

  return (
    <Modal
      open
      title={document ? t('contractDocuments.upload.versionTitle', { title: document.title }) : t('contractDocuments.upload.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('contractDocuments.upload.submit')}
      confirmLoading={pending}
      destroyOnHidden
      data-testid="contract-document-upload-modal"
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: document?.kind ?? defaultKind }}>
        {document ? null : (
          <>
            <Form.Item name="kind" label={t('contractDocuments.upload.kind')} rules={[{ required: true }]}>
              <Select
                data-testid="contract-document-kind"
                options={ZContractDocumentKindValues.map((k) => ({ value: k, label: t(`contractDocuments.kind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="title" label={t('contractDocuments.upload.docTitle')} extra={t('contractDocuments.upload.docTitleHint')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('contractDocuments.upload.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Upload.Dragger
          multiple={false}
          showUploadList={false}
          disabled={pending}
          beforeUpload={(f) => {
            setFile(f);
            setFileMissing(false);
            return false;
          }}
          data-testid="contract-document-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {file ? t('contractDocuments.upload.chosen', { name: file.name }) : t('contractDocuments.upload.drop')}
          </p>
          <p className="ant-upload-hint">{t('contractDocuments.upload.dropHint')}</p>
        </Upload.Dragger>
        {fileMissing ? <Typography.Text type="danger">{t('contractDocuments.upload.fileRequired')}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}
