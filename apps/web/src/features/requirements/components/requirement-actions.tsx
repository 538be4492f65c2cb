import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { EditOutlined, FileDoneOutlined, RollbackOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Permission, type TRequirement } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useRequirementAction, type RequirementAction } from '../api/requirements.queries.ts';

/** What the reader may do with the requirement now: edit, submit, withdraw, cancel (each confirmed). */
export function RequirementActions({ requirement, onStale }: { requirement: TRequirement; onStale: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const showError = useApiError();
  const run = useRequirementAction();
  const [cancelling, setCancelling] = useState(false);
  // An approved (or already contracted) requirement becomes a contract with its reviewed lines.
  const canCreateContract =
    usePermission(Permission.contractWrite) && (requirement.status === 'approved' || requirement.status === 'contracted');
  const [form] = Form.useForm<{ reason: string }>();
  const a = requirement.actions;
  const version = requirement.version;
  const size = isMobile ? 'large' : 'middle';

  const perform = async (action: RequirementAction) => {
    try {
      await run.mutateAsync({ id: requirement.id, action });
      void message.success(t('requirements.actions.done'));
    } catch (e) {
      showError(e, { onStale });
      throw e;
    }
  };
  const confirm = (content: string, action: RequirementAction) =>
    modal.confirm({ content, onOk: () => perform(action).catch(() => undefined) });

  return (
    <>
      {canCreateContract ? (
        <Button
          size={size}
          type="primary"
          icon={<FileDoneOutlined />}
          onClick={() => void navigate(`/contracts/new?from=requirement&id=${encodeURIComponent(requirement.id)}`)}
          data-testid="requirement-create-contract"
        >
          {t('contracts.createFrom')}
        </Button>
      ) : null}
      {a.edit ? (
        <Button
          size={size}
          icon={<EditOutlined />}
          onClick={() => void navigate(`/requirements/${encodeURIComponent(requirement.id)}/edit`)}
          data-testid="requirement-edit"
        >
          {t('requirements.actions.edit')}
        </Button>
      ) : null}
      {a.submit ? (
        <Button
          size={size}
          type="primary"
          icon={<SendOutlined />}
          onClick={() => confirm(t('requirements.actions.submitConfirm'), { kind: 'submit', version })}
          data-testid="requirement-submit"
        >
          {t('requirements.actions.submit')}
        </Button>
      ) : null}
      {a.withdraw ? (
        <Button
          size={size}
          icon={<RollbackOutlined />}
          onClick={() => confirm(t('requirements.actions.withdrawConfirm'), { kind: 'withdraw', version })}
          data-testid="requirement-withdraw"
        >
          {t('requirements.actions.withdraw')}
        </Button>
      ) : null}
      {a.cancel ? (
        <Button size={size} danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="requirement-cancel">
          {t('requirements.actions.cancel')}
        </Button>
      ) : null}
      <Modal
        open={cancelling}
        title={t('requirements.actions.cancel')}
        onCancel={() => setCancelling(false)}
        confirmLoading={run.isPending}
        destroyOnHidden
        onOk={async () => {
          const { reason } = await form.validateFields();
          await perform({ kind: 'cancel', version, reason: reason.trim() })
            .then(() => setCancelling(false))
            .catch(() => undefined);
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('requirements.actions.cancelReason')}
            rules={[{ required: true, whitespace: true, message: t('requirements.actions.cancelReasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="requirement-cancel-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
