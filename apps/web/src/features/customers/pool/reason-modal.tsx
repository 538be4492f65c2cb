import { useEffect, type ReactNode } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZReason } from '@crm/contracts';
import { requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';

export interface ReasonValues {
  reason: string;
  [field: string]: unknown;
}

interface ReasonModalProps<V extends ReasonValues> {
  open: boolean;
  title: ReactNode;
  okText?: ReactNode;
  /** Fields above the reason (e.g. the new owner). */
  children?: ReactNode;
  /** Without a reason field (e.g. tags); the modal still collects the children's values. */
  withoutReason?: boolean;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  'data-testid'?: string;
}

/** A small dialog that asks for a reason (and whatever fields the action needs) before it runs. */
export function ReasonModal<V extends ReasonValues>({
  open,
  title,
  okText,
  children,
  withoutReason,
  initialValues,
  onSubmit,
  onClose,
  'data-testid': testId,
}: ReasonModalProps<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.ok')}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        await onSubmit({ ...values, reason: typeof values.reason === 'string' ? values.reason.trim() : values.reason });
      }}
      data-testid={testId}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {children}
        {withoutReason ? null : (
          <Form.Item name="reason" label={t('pool.reason')} required rules={[requiredRule(), zodRule(ZReason)]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('pool.reasonPlaceholder')} data-testid="reason-input" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
