import { useEffect } from 'react';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZLeadDisqualifyReasonValues, type TLead, type TLeadDisqualifyReason } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { emptyToNull, requiredRule } from '../../../shared/utils/form-rules.ts';
import { useDisqualifyLead } from '../api/leads.queries.ts';

interface Values {
  reason: TLeadDisqualifyReason;
  note?: string;
}

/** 作废: a reason from the list (for reports) and a few words (for whoever looks at it again). */
export function DisqualifyDialog({
  lead,
  open,
  onClose,
  onStale,
}: {
  lead: TLead;
  open: boolean;
  onClose: () => void;
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const disqualify = useDisqualifyLead();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await disqualify.mutateAsync({ id: lead.id, body: { version: lead.version, reason: v.reason, note: emptyToNull(v.note) } });
      void message.success(t('leads.disqualify.done'));
      onClose();
    } catch (e) {
      showError(e, { form, onStale });
    }
  };

  return (
    <Modal
      open={open}
      title={t('leads.disqualify.title')}
      okText={t('leads.disqualify.ok')}
      okButtonProps={{ danger: true }}
      confirmLoading={disqualify.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="lead-disqualify-dialog"
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item name="reason" label={t('leads.disqualify.reason')} required rules={[requiredRule()]}>
          <Radio.Group style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }} data-testid="lead-disqualify-reason">
            {ZLeadDisqualifyReasonValues.map((r) => (
              <Radio key={r} value={r} style={{ minWidth: 120 }}>
                {t(`leads.disqualifyReason.${r}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('leads.disqualify.note')}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('leads.disqualify.notePlaceholder')}
            data-testid="lead-disqualify-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
