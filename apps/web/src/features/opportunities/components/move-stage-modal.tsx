import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZLostReasonValues, ZWonReasonValues, type TOpportunityStage } from '@crm/contracts';
import { useStageName } from './stage-label.tsx';

export interface MoveRequest {
  stage: TOpportunityStage;
  /** The opportunity is won or lost now: moving it reopens it. */
  reopening: boolean;
}

interface Props {
  request: MoveRequest | null;
  submitting: boolean;
  /** The last refusal, shown above the form. */
  refusal?: string | null;
  onSubmit: (values: { reasonCode?: string; reason?: string }) => void;
  onCancel: () => void;
}

/** Whether a move to this stage asks for more than a confirmation (a reason code or text). */
export function moveNeedsForm(stage: TOpportunityStage, reopening: boolean): boolean {
  return reopening || stage.kind !== 'open';
}

/** Asks what a won, lost or reopening move needs: the reason code and a note. */
export function MoveStageModal({ request, submitting, refusal, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const name = useStageName();
  const [form] = Form.useForm<{ reasonCode?: string; reason?: string }>();
  useEffect(() => {
    if (request) form.resetFields();
  }, [request, form]);
  const kind = request?.stage.kind;
  const reasons = kind === 'won' ? ZWonReasonValues : kind === 'lost' ? ZLostReasonValues : [];
  const reasonCode = Form.useWatch('reasonCode', form);
  return (
    <Modal
      open={request !== null}
      title={request ? t('opportunities.move.title', { stage: name(request.stage) }) : null}
      okText={t('opportunities.move.confirm')}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'move-confirm' } as Record<string, string>}
    >
      {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="move-refusal" /> : null}
      <Form form={form} layout="vertical" onFinish={onSubmit}>
        {reasons.length > 0 ? (
          <Form.Item
            name="reasonCode"
            label={kind === 'won' ? t('opportunities.move.wonReason') : t('opportunities.move.lostReason')}
            rules={kind === 'lost' ? [{ required: true, message: t('opportunities.move.reasonRequired') }] : []}
          >
            <Select
              allowClear
              options={reasons.map((r) => ({ value: r, label: t(`opportunities.reason.${r}`) }))}
              data-testid="move-reason-code"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={request?.reopening ? t('opportunities.move.reopenReason') : t('opportunities.move.reasonText')}
          rules={
            request?.reopening || (kind === 'lost' && reasonCode === 'other')
              ? [{ required: true, whitespace: true, message: t('opportunities.move.reasonTextRequired') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="move-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
