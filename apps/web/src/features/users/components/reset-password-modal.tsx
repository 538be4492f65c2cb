import { App, Button, Form, Modal, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TUser } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { NewPasswordFields } from '../../../shared/ui/new-password-fields.tsx';
import { useResetUserPassword } from '../api/users.queries.ts';

interface Values {
  newPassword: string;
  confirmPassword: string;
  mustChangePassword: boolean;
}

export function ResetPasswordModal({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useResetUserPassword();
  const showError = useApiError();

  const onFinish = (values: Values) => {
    if (!user) return;
    reset.mutate(
      { id: user.id, body: { newPassword: values.newPassword, mustChangePassword: values.mustChangePassword } },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={reset.isPending} onClick={() => form.submit()} data-testid="form-submit">
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ mustChangePassword: true }}
        preserve={false}
        autoComplete="off"
        style={{ marginTop: 16 }}
      >
        <NewPasswordFields label={t('users.newPassword')} confirmLabel={t('users.confirmPassword')} />
        <Form.Item name="mustChangePassword" label={t('users.mustChange')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
