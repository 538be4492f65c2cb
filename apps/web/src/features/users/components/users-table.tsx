import { Space, Table, Tag } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TUser } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import type { UserSort } from '../api/users.queries.ts';
import { UserActions } from './user-actions.tsx';
import { UserStatusTag } from './user-status-tag.tsx';

type SortField = 'username' | 'displayName' | 'createdAt';

interface Props {
  users: TUser[];
  loading: boolean;
  sort: UserSort;
  onSortChange: (sort: UserSort) => void;
  canManage: boolean;
  onEdit: (user: TUser) => void;
  onResetPassword: (user: TUser) => void;
}

function sortOrder(sort: UserSort, field: SortField): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function UsersTable({ users, loading, sort, onSortChange, canManage, onEdit, onResetPassword }: Props) {
  const { t } = useTranslation();

  const columns: TableColumnsType<TUser> = [
    {
      key: 'username',
      title: t('users.username'),
      dataIndex: 'username',
      sorter: true,
      sortOrder: sortOrder(sort, 'username'),
      width: 150,
      fixed: 'left',
      ellipsis: true,
    },
    {
      key: 'displayName',
      title: t('users.displayName'),
      dataIndex: 'displayName',
      sorter: true,
      sortOrder: sortOrder(sort, 'displayName'),
      width: 130,
    },
    { key: 'department', title: t('users.department'), dataIndex: 'departmentName', width: 160, ellipsis: true },
    {
      key: 'roles',
      title: t('users.roles'),
      width: 220,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={r.id} color="blue" style={{ marginInlineEnd: 0 }}>
              {r.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    { key: 'manager', title: t('users.manager'), width: 110, render: (_, u) => u.managerName ?? t('common.none') },
    { key: 'status', title: t('common.status'), width: 90, render: (_, u) => <UserStatusTag isActive={u.isActive} /> },
    {
      key: 'lastLoginAt',
      title: t('users.lastLogin'),
      width: 170,
      render: (_, u) => formatDateTime(u.lastLoginAt, t('users.never')),
    },
    {
      key: 'createdAt',
      title: t('common.createdAt'),
      sorter: true,
      sortOrder: sortOrder(sort, 'createdAt'),
      width: 170,
      render: (_, u) => formatDateTime(u.createdAt),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 250,
      render: (_, u) => <UserActions user={u} onEdit={onEdit} onResetPassword={onResetPassword} />,
    });
  }

  const onChange: TableProps<TUser>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = (s?.columnKey ?? s?.field) as SortField | undefined;
    if (!field || !s?.order) {
      onSortChange('username');
      return;
    }
    onSortChange((s.order === 'descend' ? `-${field}` : field) as UserSort);
  };

  return (
    <Table<TUser>
      rowKey="id"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={false}
      size="middle"
      scroll={{ x: canManage ? 1420 : 1170 }}
      onChange={onChange}
      sortDirections={['ascend', 'descend']}
      showSorterTooltip={false}
      data-testid="users-table"
    />
  );
}
