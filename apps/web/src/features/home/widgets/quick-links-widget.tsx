import type { ReactNode } from 'react';
import { Card, Col, Empty, Row, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  ContactsOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permission, type TMe, type TPermission } from '@crm/contracts';
import type { ParseKeys } from 'i18next';

interface QuickLink {
  to: string;
  permission?: TPermission;
  icon: ReactNode;
  title: ParseKeys;
  description: ParseKeys;
}

const LINKS: QuickLink[] = [
  {
    to: '/customers',
    permission: Permission.customerRead,
    icon: <ContactsOutlined />,
    title: 'menu.customers',
    description: 'home.linkCustomers',
  },
  {
    to: '/admin/departments',
    permission: Permission.departmentRead,
    icon: <ApartmentOutlined />,
    title: 'menu.departments',
    description: 'home.linkDepartments',
  },
  { to: '/admin/users', permission: Permission.userRead, icon: <TeamOutlined />, title: 'menu.users', description: 'home.linkUsers' },
  {
    to: '/admin/roles',
    permission: Permission.roleRead,
    icon: <SafetyCertificateOutlined />,
    title: 'menu.roles',
    description: 'home.linkRoles',
  },
  { to: '/admin/audit', permission: Permission.auditRead, icon: <AuditOutlined />, title: 'menu.audit', description: 'home.linkAudit' },
  { to: '/profile', icon: <UserOutlined />, title: 'menu.profile', description: 'home.linkProfile' },
];

export function QuickLinksWidget({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const links = LINKS.filter((l) => !l.permission || me.permissions.includes(l.permission));
  return (
    <Card title={t('home.quickLinks')} style={{ height: '100%' }} data-testid="home-quick-links">
      {links.length === 0 ? (
        <Empty description={t('home.noQuickLinks')} />
      ) : (
        <Row gutter={[12, 12]}>
          {links.map((l) => (
            <Col key={l.to} xs={24} sm={12}>
              <Link to={l.to} className="quick-link">
                <span className="quick-link-icon">{l.icon}</span>
                <span style={{ minWidth: 0 }}>
                  <Typography.Text strong style={{ display: 'block' }}>
                    {t(l.title)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(l.description)}
                  </Typography.Text>
                </span>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
