import { useEffect } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZLeadReason, type TLead, type TLeadBatchResult } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { requiredRule, zodRule } from '../../../shared/utils/form-rules.ts';
import { UserSelect } from '../../users/components/user-select.tsx';
import { useAssignLead, useBatchAssignLeads } from '../api/leads.queries.ts';

interface Values {
  ownerId: string;
  reason: string;
}

/** Gives one lead (`lead`) or a batch (`leadIds`) to a new owner, with a reason the new owner reads in the inbox. */
export function LeadAssignModal({
  open,
  lead,
  leadIds,
  onClose,
  onDone,
}: {
  open: boolean;
  lead?: TLead;
  leadIds?: string[];
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const single = useAssignLead();
  const batch = useBatchAssignLeads();
  const count = lead ? 1 : (leadIds?.length ?? 0);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const showRefused = (r: TLeadBatchResult) => {
    const refused = r.results.filter((x) => x.outcome === 'refused');
    if (refused.length === 0) return;
    modal.warning({
      title: t('leads.assign.refusedTitle'),
      content: (
        <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="lead-assign-refused">
          {refused.map((x) => (
            <li key={x.leadId}>
              <Typography.Text>{x.message}</Typography.Text>
            </li>
          ))}
        </ul>
      ),
    });
  };

  const submit = async () => {
    const v = await form.validateFields();
    const body = { ownerId: v.ownerId, reason: v.reason.trim() };
    try {
      if (lead) {
        const saved = await single.mutateAsync({ id: lead.id, body });
        void message.success(t('leads.assign.done', { name: saved.ownerName ?? '' }));
      } else {
        const r = await batch.mutateAsync({ leadIds: leadIds ?? [], ...body });
        void message.success(t('leads.assign.batchDone', { done: r.done, refused: r.refused }));
        showRefused(r);
      }
      onDone?.();
      onClose();
    } catch (e) {
      showError(e, { form });
    }
  };

  return (
    <Modal
      open={open}
      title={lead ? t('leads.assign.title') : t('leads.assign.batchTitle', { count })}
      okText={t('common.ok')}
      onOk={() => void submit()}
      confirmLoading={single.isPending || batch.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid="lead-assign-modal"
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item name="ownerId" label={t('leads.assign.owner')} required rules={[requiredRule()]}>
          <UserSelect
            placeholder={t('leads.assign.ownerPlaceholder')}
            excludeIds={lead?.ownerId ? [lead.ownerId] : undefined}
            data-testid="lead-assign-owner"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('leads.assign.reason')} required rules={[requiredRule(), zodRule(ZLeadReason)]}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('leads.assign.reasonPlaceholder')}
            data-testid="lead-assign-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
