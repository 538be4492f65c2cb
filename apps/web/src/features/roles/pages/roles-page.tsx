import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type TRole } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useDeleteRole, useRoles } from '../api/roles.queries.ts';
import { RoleFormDrawer, type RoleDrawerState } from '../components/role-form-drawer.tsx';

function RoleActions({ role, canManage, onOpen }: { role: TRole; canManage: boolean; onOpen: (s: RoleDrawerState) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteRole();
  const showError = useApiError();
  if (!canManage) {
    return (
      <Button type="link" size="small" onClick={() => onOpen({ mode: 'view', role })}>
        {t('common.detail')}
      </Button>
    );
  }
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => onOpen({ mode: 'edit', role })} data-testid="role-edit">
        {t('common.edit')}
      </Button>
      {role.isBuiltin ? (
        <Tooltip title={t('roles.builtinNoDelete')}>
          <Button type="link" size="small" disabled>
            {t('common.delete')}
          </Button>
        </Tooltip>
      ) : (
        <Popconfirm
          title={t('roles.deleteConfirm', { name: role.name })}
          okButtonProps={{ danger: true, loading: remove.isPending }}
          onConfirm={() =>
            remove.mutate(role.id, {
              onSuccess: () => void message.success(t('roles.deleted')),
              onError: (e) => showError(e),
            })
          }
        >
          <Button type="link" size="small" danger data-testid="role-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export function RolesPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const canManage = usePermission(Permission.roleManage);
  const roles = useRoles();
  const [drawer, setDrawer] = useState<RoleDrawerState>(null);
  const items = roles.data ?? [];

  const typeTag = (role: TRole) => (role.isBuiltin ? <Tag color="gold">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>);

  const columns: TableColumnsType<TRole> = [
    {
      key: 'name',
      title: t('roles.name'),
      width: 200,
      render: (_, r) => (
        <div>
          <div>{r.name}</div>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'type', title: t('roles.type'), width: 90, render: (_, r) => typeTag(r) },
    { key: 'scope', title: t('roles.dataScope'), width: 140, render: (_, r) => t(`dataScope.${r.dataScope}`) },
    {
      key: 'permissions',
      title: t('roles.permissions'),
      width: 130,
      render: (_, r) => t('roles.permissionCount', { count: r.permissions.length }),
    },
    { key: 'users', title: t('roles.userCount'), dataIndex: 'userCount', width: 90 },
    { key: 'description', title: t('roles.description'), dataIndex: 'description', ellipsis: true },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      fixed: 'right',
      render: (_, r) => <RoleActions role={r} canManage={canManage} onOpen={setDrawer} />,
    },
  ];

  return (
    <PageContainer
      title={t('roles.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="role-create">
            {t('roles.create')}
          </Button>
        ) : null
      }
    >
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {roles.isError ? (
          <QueryError error={roles.error} onRetry={() => void roles.refetch()} />
        ) : isMobile ? (
          items.length === 0 && !roles.isPending ? (
            <Empty />
          ) : (
            <Flex vertical gap={8} data-testid="roles-list">
              {items.map((r) => (
                <Card
                  key={r.id}
                  size="small"
                  title={r.name}
                  extra={typeTag(r)}
                  actions={[<RoleActions key="a" role={r} canManage={canManage} onOpen={setDrawer} />]}
                >
                  <div className="kv-list">
                    <span>{t('roles.code')}</span>
                    <Typography.Text code>{r.code}</Typography.Text>
                    <span>{t('roles.dataScope')}</span>
                    <span>{t(`dataScope.${r.dataScope}`)}</span>
                    <span>{t('roles.permissions')}</span>
                    <span>{t('roles.permissionCount', { count: r.permissions.length })}</span>
                    <span>{t('roles.userCount')}</span>
                    <span>{r.userCount}</span>
                  </div>
                  {r.description ? (
                    <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                      {r.description}
                    </Typography.Paragraph>
                  ) : null}
                </Card>
              ))}
            </Flex>
          )
        ) : (
          <Table<TRole>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={roles.isPending}
            pagination={false}
            size="middle"
            scroll={{ x: 1000 }}
            data-testid="roles-table"
          />
        )}
      </Card>
      <RoleFormDrawer state={drawer} onClose={() => setDrawer(null)} />
    </PageContainer>
  );
}
