import type { ReactNode } from 'react';
import type { ParseKeys } from 'i18next';
import {
  AimOutlined,
  AuditOutlined as ApprovalOutlined,
  BranchesOutlined,
  FileWordOutlined,
  ApartmentOutlined,
  CarryOutOutlined,
  CloudOutlined,
  ClusterOutlined,
  AuditOutlined,
  ApiOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DollarOutlined,
  FileTextOutlined,
  FileProtectOutlined,
  ControlOutlined,
  PercentageOutlined,
  ProfileOutlined,
  FundOutlined,
  FunnelPlotOutlined,
  HomeOutlined,
  InboxOutlined,
  NodeIndexOutlined,
  ProjectOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Permission, type TPermission } from '@crm/contracts';

interface NavLeaf {
  path: string;
  label: ParseKeys;
  icon: ReactNode;
  permission?: TPermission;
}

interface NavGroup {
  key: string;
  label: ParseKeys;
  icon: ReactNode;
  children: NavLeaf[];
}

/** The side menu. Later modules add their entries (and groups) here. */
export const NAV: (NavLeaf | NavGroup)[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined /> },
  { path: '/inbox', label: 'menu.inbox', icon: <InboxOutlined /> },
  { path: '/approvals', label: 'approvals.menu', icon: <ApprovalOutlined /> },
  { path: '/customers', label: 'menu.customers', icon: <ContactsOutlined />, permission: Permission.customerRead },
  { path: '/customer-pool', label: 'pool.menu', icon: <CloudOutlined />, permission: Permission.customerClaim },
  {
    key: 'sales',
    label: 'leads.menu.group',
    icon: <RiseOutlined />,
    children: [
      { path: '/leads', label: 'leads.menu.list', icon: <FunnelPlotOutlined />, permission: Permission.leadRead },
      { path: '/opportunities', label: 'opportunities.menu.list', icon: <DollarOutlined />, permission: Permission.opportunityRead },
      {
        path: '/opportunities/board',
        label: 'opportunities.menu.board',
        icon: <ProjectOutlined />,
        permission: Permission.opportunityRead,
      },
      { path: '/requirements', label: 'requirements.menu', icon: <ProfileOutlined />, permission: Permission.requirementRead },
      { path: '/quotes', label: 'quotes.menu', icon: <FileTextOutlined />, permission: Permission.quoteRead },
      { path: '/contracts', label: 'contracts.menu', icon: <FileProtectOutlined />, permission: Permission.contractRead },
    ],
  },
  { path: '/tasks', label: 'menu.tasks', icon: <CarryOutOutlined />, permission: Permission.taskRead },
  { path: '/calendar', label: 'calendar.menu', icon: <CalendarOutlined />, permission: Permission.taskRead },
  { path: '/performance', label: 'targets.performanceMenu', icon: <FundOutlined />, permission: Permission.targetRead },
  { path: '/targets', label: 'targets.menu', icon: <AimOutlined />, permission: Permission.targetManage },
  {
    key: 'products',
    label: 'products.menu.group',
    icon: <ShopOutlined />,
    children: [
      { path: '/products', label: 'products.menu.products', icon: <ShoppingOutlined />, permission: Permission.productRead },
      { path: '/price-lists', label: 'products.menu.priceLists', icon: <TagsOutlined />, permission: Permission.priceListRead },
    ],
  },
  {
    key: 'admin',
    label: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/departments', label: 'menu.departments', icon: <ApartmentOutlined />, permission: Permission.departmentRead },
      { path: '/admin/users', label: 'menu.users', icon: <TeamOutlined />, permission: Permission.userRead },
      { path: '/admin/roles', label: 'menu.roles', icon: <SafetyCertificateOutlined />, permission: Permission.roleRead },
      { path: '/admin/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: Permission.auditRead },
      { path: '/admin/integrations', label: 'integrations.menu', icon: <ApiOutlined />, permission: Permission.integrationRead },
      { path: '/admin/customer-pools', label: 'pool.settings.menu', icon: <ClusterOutlined />, permission: Permission.customerPoolManage },
      { path: '/admin/customer-grading', label: 'grading.menu', icon: <TrophyOutlined />, permission: Permission.customerGradingSettings },
      {
        path: '/admin/opportunity-pipeline',
        label: 'opportunities.menu.pipeline',
        icon: <NodeIndexOutlined />,
        permission: Permission.opportunityPipelineManage,
      },
      { path: '/admin/quote-settings', label: 'quotes.settingsMenu', icon: <PercentageOutlined />, permission: Permission.quoteSettings },
      {
        path: '/admin/contract-settings',
        label: 'contracts.settingsMenu',
        icon: <ControlOutlined />,
        permission: Permission.contractSettings,
      },
      {
        path: '/admin/contract-templates',
        label: 'contractDocuments.templates.menu',
        icon: <FileWordOutlined />,
        permission: Permission.contractTemplateManage,
      },
      {
        path: '/admin/approval-definitions',
        label: 'approvals.definitionsMenu',
        icon: <BranchesOutlined />,
        permission: Permission.approvalDefinitionManage,
      },
    ],
  },
];

type MenuItem = NonNullable<MenuProps['items']>[number];

function isGroup(item: NavLeaf | NavGroup): item is NavGroup {
  return 'children' in item;
}

/** A leaf's label, with a count badge (e.g. approvals to do) when it has one. */
function leafLabel(t: TFunction, leaf: NavLeaf, badges: Readonly<Record<string, number>>): ReactNode {
  const count = badges[leaf.path] ?? 0;
  if (count <= 0) return t(leaf.label);
  return (
    <span data-testid={`nav-badge-${leaf.path.slice(1)}`}>
      {t(leaf.label)} <Badge count={count} size="small" style={{ marginInlineStart: 4 }} />
    </span>
  );
}

export function menuItems(t: TFunction, permissions: readonly string[], badges: Readonly<Record<string, number>> = {}): MenuItem[] {
  const allowed = (leaf: NavLeaf) => !leaf.permission || permissions.includes(leaf.permission);
  const items: MenuItem[] = [];
  for (const item of NAV) {
    if (isGroup(item)) {
      const children = item.children.filter(allowed);
      if (children.length === 0) continue;
      items.push({
        key: item.key,
        icon: item.icon,
        label: t(item.label),
        children: children.map((c) => ({ key: c.path, icon: c.icon, label: leafLabel(t, c, badges) })),
      });
    } else if (allowed(item)) {
      items.push({ key: item.path, icon: item.icon, label: leafLabel(t, item, badges) });
    }
  }
  return items;
}

/** The menu entry for a location: the longest path that prefixes it. */
export function selectedMenuKey(pathname: string): string {
  const leaves = NAV.flatMap((i) => (isGroup(i) ? i.children : [i])).map((l) => l.path);
  const match = leaves
    .filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return match ?? pathname;
}

export function openGroupKeys(pathname: string): string[] {
  return NAV.filter(isGroup)
    .filter((g) => g.children.some((c) => pathname.startsWith(c.path)))
    .map((g) => g.key);
}
