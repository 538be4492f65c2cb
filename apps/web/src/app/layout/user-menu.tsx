import { App, Avatar, Button, Dropdown, Typography } from 'antd';
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser, useLogout } from '../../features/auth/api/auth.queries.ts';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ maxWidth: 220 }}>
                <Typography.Text strong ellipsis style={{ display: 'block' }}>
                  {me.displayName}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                  {me.username} · {me.departmentName}
                </Typography.Text>
              </div>
            ),
          },
          { type: 'divider' },
          {
            key: 'profile',
            icon: <UserOutlined />,
            label: <span data-testid="user-menu-profile">{t('menu.profile')}</span>,
          },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            danger: true,
            label: <span data-testid="logout">{t('menu.logout')}</span>,
          },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') void navigate('/profile');
          if (key === 'logout') {
            logout.mutate(undefined, {
              onSettled: () => {
                void message.success(t('auth.loggedOut'));
                void navigate('/login', { replace: true });
              },
            });
          }
        },
      }}
    >
      <Button type="text" data-testid="user-menu" className="user-menu-trigger">
        <Avatar size="small" style={{ backgroundColor: '#1677ff' }}>
          {me.displayName.slice(0, 1).toUpperCase()}
        </Avatar>
        {compact ? null : (
          <>
            <span className="user-menu-name">{me.displayName}</span>
            <DownOutlined style={{ fontSize: 10 }} />
          </>
        )}
      </Button>
    </Dropdown>
  );
}
