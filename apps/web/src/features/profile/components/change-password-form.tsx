import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { requiredRule } from '../../../shared/utils/form-rules.ts';
import { NewPasswordFields } from '../../../shared/ui/new-password-fields.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useChangePassword } from '../api/profile.queries.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();
  const showError = useApiError();

  const onFinish = ({ currentPassword, newPassword }: PasswordValues) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('profile.passwordChanged'));
          onChanged?.();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };

  return (
    <div className="form-narrow">
      <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
        {/* Lets password managers pair the new password with the account. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[requiredRule()]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields
          label={t('profile.newPassword')}
          confirmLabel={t('profile.confirmPassword')}
          hint={t('profile.newPasswordHint')}
        />
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="form-submit">
          {t('profile.password')}
        </Button>
      </Form>
    </div>
  );
}
