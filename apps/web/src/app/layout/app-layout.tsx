import { Suspense, useState } from 'react';
import { Button, Drawer, Flex, Layout, Tooltip } from 'antd';
import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, ThunderboltFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useIsMobile } from '../../shared/hooks/use-is-mobile.ts';
import { ErrorBoundary } from '../../shared/ui/error-boundary.tsx';
import { FullPageSpin } from '../../shared/ui/full-page-spin.tsx';
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx';
import { HeaderLanguageSwitch } from './header-language-switch.tsx';
import { NavMenu } from './nav-menu.tsx';
import { UserMenu } from './user-menu.tsx';

const COLLAPSED_KEY = 'crm.sider.collapsed';

function readCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand" title={t('app.name')}>
      <span className="brand-logo">
        <ThunderboltFilled />
      </span>
      {collapsed ? null : <span className="brand-name">{t('app.shortName')}</span>}
    </Link>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const toggle = () => {
    setCollapsed((c) => {
      try {
        window.localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      } catch {
        // Not fatal.
      }
      return !c;
    });
  };

  return (
    <Layout className="app-layout">
      {isMobile ? null : (
        <Layout.Sider className="app-sider" width={220} collapsedWidth={64} collapsible collapsed={collapsed} trigger={null} theme="dark">
          <Brand collapsed={collapsed} />
          <NavMenu collapsed={collapsed} />
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="app-header">
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            {isMobile ? (
              <>
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t('menu.openMenu')}
                  onClick={() => setDrawerOpen(true)}
                  data-testid="mobile-menu-button"
                />
                <Link to="/" className="header-title">
                  {t('app.shortName')}
                </Link>
              </>
            ) : (
              <>
                <Tooltip title={collapsed ? t('menu.expand') : t('menu.collapse')}>
                  <Button
                    type="text"
                    icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                    onClick={toggle}
                    aria-label={collapsed ? t('menu.expand') : t('menu.collapse')}
                    data-testid="sider-toggle"
                  />
                </Tooltip>
                <span className="header-product">{t('app.name')}</span>
              </>
            )}
          </Flex>
          <Flex align="center" gap={isMobile ? 0 : 4} style={{ flex: 'none' }}>
            <HeaderLanguageSwitch compact={isMobile} />
            <NotificationBell />
            <UserMenu compact={isMobile} />
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      {isMobile ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
          data-testid="mobile-menu"
        >
          <Brand />
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : null}
    </Layout>
  );
}
