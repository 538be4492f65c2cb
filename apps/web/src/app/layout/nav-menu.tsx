import { useState } from 'react';
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useApprovalTodoCount } from '../../features/approvals/api/approvals.queries.ts';
import { useCurrentUser } from '../../features/auth/api/auth.queries.ts';
import { menuItems, openGroupKeys, selectedMenuKey } from './nav-items.tsx';

interface Props {
  collapsed?: boolean;
  onNavigate?: () => void;
  theme?: 'dark' | 'light';
}

export function NavMenu({ collapsed = false, onNavigate, theme = 'dark' }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const approvalsToDo = useApprovalTodoCount();
  // Groups start open; afterwards the user decides.
  const [openKeys, setOpenKeys] = useState<string[]>(() => ['admin', ...openGroupKeys(location.pathname)]);

  return (
    <Menu
      mode="inline"
      theme={theme}
      inlineCollapsed={collapsed}
      items={menuItems(t, me.permissions, { '/approvals': approvalsToDo.data ?? 0 })}
      selectedKeys={[selectedMenuKey(location.pathname)]}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
      data-testid="nav-menu"
    />
  );
}
