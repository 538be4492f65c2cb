import { Alert, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { ApiTokensPanel } from '../components/api-tokens-panel.tsx';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { ProfileForm } from '../components/profile-form.tsx';

const TABS = ['basic', 'password', 'tokens'] as const;
type Tab = (typeof TABS)[number];

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const forced = me.mustChangePassword;
  const active: Tab = forced ? 'password' : TABS.includes(requested as Tab) ? (requested as Tab) : 'basic';

  return (
    <PageContainer title={t('profile.title')}>
      {forced ? (
        <Alert
          type="warning"
          showIcon
          title={t('profile.mustChangeTitle')}
          description={t('profile.mustChangeDetail')}
          style={{ marginBottom: 16 }}
          data-testid="must-change-password"
        />
      ) : null}
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={[
            { key: 'basic', label: t('profile.basic'), disabled: forced, children: <ProfileForm me={me} /> },
            { key: 'password', label: t('profile.password'), children: <ChangePasswordForm /> },
            { key: 'tokens', label: t('profile.tokens'), disabled: forced, children: <ApiTokensPanel /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
