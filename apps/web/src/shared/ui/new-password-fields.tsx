import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZPassword } from '@crm/contracts';
import { requiredRule, zodRule } from '../utils/form-rules.ts';

/** A new password (the server's policy) and its confirmation, as fields `newPassword` and `confirmPassword`. */
export function NewPasswordFields({ label, confirmLabel, hint }: { label: string; confirmLabel: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="newPassword" label={label} extra={hint} rules={[requiredRule(), zodRule(ZPassword)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={confirmLabel}
        dependencies={['newPassword']}
        rules={[
          requiredRule(),
          ({ getFieldValue }) => ({
            validator: async (_r, value: string) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('validation.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
