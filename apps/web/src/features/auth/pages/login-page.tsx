import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, ThunderboltFilled, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { TLoginRequest } from '@crm/contracts';
import { isApiError } from '../../../shared/api/api-client.ts';
import { applyFieldErrors } from '../../../shared/ui/apply-field-errors.ts';
import { LangSwitch } from '../../../shared/ui/lang-switch.tsx';
import { useLogin, useSession } from '../api/auth.queries.ts';
import { safeRedirect } from '../redirect.ts';

interface LoginError {
  title: string;
  detail?: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TLoginRequest>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const [error, setError] = useState<LoginError | null>(null);
  const target = safeRedirect(params.get('redirect'));
  const expired = params.get('expired') === '1';

  if (session.data) return <Navigate to={target} replace />;

  const onFinish = (values: TLoginRequest) => {
    setError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: ({ user }) => {
          void message.success(t('auth.welcome', { name: user.displayName }));
          void navigate(target, { replace: true });
        },
        onError: (e) => {
          if (!isApiError(e)) {
            setError({ title: t('auth.loginFailed'), detail: e instanceof Error ? e.message : undefined });
            return;
          }
          const unmatched = applyFieldErrors(form, e.fieldErrors);
          const parts = [e.problem.detail, ...unmatched.map((f) => f.message)].filter((p): p is string => !!p && p !== e.problem.title);
          const wait = e.retryAfterNotStated;
          if (wait !== null) parts.push(t('errors.retryAfter', { seconds: wait }));
          setError({ title: e.problem.title, detail: parts.join(' ') || undefined });
          form.setFieldValue('password', '');
        },
      },
    );
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LangSwitch type="text" />
      </div>
      <Flex vertical align="center" justify="center" className="login-main">
        <Card className="login-card" variant="borderless">
          <Flex vertical align="center" gap={8} style={{ marginBottom: 24 }}>
            <div className="login-logo" aria-hidden>
              <ThunderboltFilled />
            </div>
            <Typography.Title level={3} style={{ margin: 0, textAlign: 'center' }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('auth.subtitle')}
            </Typography.Text>
          </Flex>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error.title}
              description={error.detail}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          ) : expired ? (
            <Alert type="warning" showIcon title={t('errors.sessionExpired')} style={{ marginBottom: 16 }} />
          ) : null}
          <Form<TLoginRequest>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={onFinish}
            onValuesChange={() => error && setError(null)}
            autoComplete="on"
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('auth.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('auth.passwordPlaceholder')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
                {t('auth.submit')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
        <Typography.Text type="secondary" className="login-footer">
          {t('app.copyright')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
