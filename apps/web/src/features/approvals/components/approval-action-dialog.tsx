import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TApprovalInstance, TStoredFile } from '@crm/contracts';
import { uploadFile } from '../../../shared/api/files.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useApprovalAction, type ApprovalAction } from '../api/approvals.queries.ts';
import { PersonSelect } from './person-select.tsx';

export type DialogKind = 'approve' | 'reject' | 'transfer' | 'add-approver' | 'comments' | 'withdraw';

const TITLES = {
  approve: 'approvals.dialog.approveTitle',
  reject: 'approvals.dialog.rejectTitle',
  transfer: 'approvals.dialog.transferTitle',
  'add-approver': 'approvals.dialog.addApproverTitle',
  comments: 'approvals.dialog.commentTitle',
  withdraw: 'approvals.dialog.withdrawTitle',
} as const;

interface Props {
  kind: DialogKind | null;
  instance: TApprovalInstance;
  onClose: () => void;
}

type Values = { comment?: string; toStep?: number | 'initiator'; userId?: string };

/** The one dialog of every approval action: a comment, and what the action needs (target step, person, files). */
export function ApprovalActionDialog({ kind, instance, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile<TStoredFile>[]>([]);
  const action = useApprovalAction();
  const showError = useApiError();
  const taskId = instance.myTaskId ?? '';
  const current = instance.currentStep ?? 0;
  const returnable = instance.steps.filter((s) => s.index < current && s.state === 'approved');
  const excluded = [
    instance.initiatorId,
    ...instance.steps.flatMap((s) => s.tasks.filter((x) => x.status === 'pending').map((x) => x.assigneeId)),
  ];
  const uploading = files.some((f) => f.status === 'uploading');

  function build(values: Values): ApprovalAction | null {
    const comment = values.comment?.trim() || undefined;
    switch (kind) {
      case 'approve':
        return { kind, taskId, body: { comment } };
      case 'reject':
        return { kind, taskId, body: { comment: comment ?? '', ...(typeof values.toStep === 'number' ? { toStep: values.toStep } : {}) } };
      case 'transfer':
      case 'add-approver':
        return { kind, taskId, body: { userId: values.userId!, comment } };
      case 'comments':
        return {
          kind,
          instanceId: instance.id,
          body: { comment: comment ?? '', attachmentIds: files.map((f) => f.response?.id).filter((id): id is string => !!id) },
        };
      case 'withdraw':
        return { kind, instanceId: instance.id, body: { comment } };
      default:
        return null;
    }
  }

  async function submit() {
    const values = await form.validateFields();
    const next = build(values);
    if (!next) return;
    action.mutate(next, {
      onSuccess: () => {
        form.resetFields();
        setFiles([]);
        onClose();
      },
      onError: (e) => showError(e, { form }),
    });
  }

  const needsComment = kind === 'reject' || kind === 'comments';
  return (
    <Modal
      open={kind !== null}
      title={kind ? t(TITLES[kind]) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={
        {
          loading: action.isPending,
          disabled: uploading,
          danger: kind === 'reject' || kind === 'withdraw',
          'data-testid': 'approval-dialog-ok',
        } as never
      }
      destroyOnHidden
      width={480}
    >
      <Form form={form} layout="vertical" initialValues={{ toStep: 'initiator' }} preserve={false}>
        {kind === 'withdraw' ? <p>{t('approvals.dialog.withdrawConfirm')}</p> : null}
        {kind === 'reject' ? (
          <Form.Item name="toStep" label={t('approvals.dialog.rejectTo')}>
            <Select
              data-testid="approval-reject-to"
              options={[
                { value: 'initiator', label: t('approvals.dialog.rejectToInitiator') },
                ...returnable.map((s) => ({ value: s.index, label: t('approvals.dialog.rejectToStep', { name: s.name }) })),
              ]}
            />
          </Form.Item>
        ) : null}
        {kind === 'transfer' || kind === 'add-approver' ? (
          <Form.Item
            name="userId"
            label={t('approvals.dialog.person')}
            rules={[{ required: true, message: t('approvals.dialog.personRequired') }]}
          >
            <PersonSelect excludeIds={excluded} data-testid="approval-person" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="comment"
          label={kind === 'reject' ? t('approvals.dialog.reason') : t('approvals.dialog.comment')}
          rules={needsComment ? [{ required: true, whitespace: true, message: t('approvals.dialog.reasonRequired') }] : []}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={t('approvals.dialog.commentPlaceholder')}
            data-testid="approval-dialog-comment"
          />
        </Form.Item>
        {kind === 'comments' ? (
          <Form.Item label={t('approvals.dialog.attachments')}>
            <Upload<TStoredFile>
              multiple
              fileList={files}
              maxCount={10}
              onChange={({ fileList }) => setFiles(fileList)}
              customRequest={({ file, onSuccess, onError }) => {
                uploadFile(file as File)
                  .then((stored) => onSuccess?.(stored))
                  .catch((e: unknown) => {
                    showError(e);
                    onError?.(e instanceof Error ? e : new Error(String(e)));
                  });
              }}
            >
              <Button icon={<PaperClipOutlined />} data-testid="approval-upload">
                {t('approvals.dialog.upload')}
              </Button>
            </Upload>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
