import { Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TUser } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { UserActions } from './user-actions.tsx';
import { UserStatusTag } from './user-status-tag.tsx';

interface Props {
  users: TUser[];
  loading: boolean;
  canManage: boolean;
  onEdit: (user: TUser) => void;
  onResetPassword: (user: TUser) => void;
}

/** Phones: one card per user instead of a wide table. */
export function UserCardList({ users, loading, canManage, onEdit, onResetPassword }: Props) {
  const { t } = useTranslation();
  if (!loading && users.length === 0) return <Empty />;
  return (
    <Flex vertical gap={8} data-testid="users-list">
      {users.map((u) => (
        <Card
          key={u.id}
          size="small"
          loading={false}
          title={
            <Flex gap={8} align="baseline" wrap style={{ minWidth: 0 }}>
              <span>{u.displayName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {u.username}
              </Typography.Text>
            </Flex>
          }
          extra={<UserStatusTag isActive={u.isActive} />}
          actions={canManage ? [<UserActions key="a" user={u} onEdit={onEdit} onResetPassword={onResetPassword} />] : undefined}
        >
          <div className="kv-list">
            <span>{t('users.department')}</span>
            <span>{u.departmentName}</span>
            <span>{t('users.roles')}</span>
            <Space size={[4, 4]} wrap>
              {u.roles.length === 0
                ? t('common.none')
                : u.roles.map((r) => (
                    <Tag key={r.id} color="blue" style={{ marginInlineEnd: 0 }}>
                      {r.name}
                    </Tag>
                  ))}
            </Space>
            <span>{t('users.manager')}</span>
            <span>{u.managerName ?? t('common.none')}</span>
            <span>{t('users.lastLogin')}</span>
            <span>{formatDateTime(u.lastLoginAt, t('users.never'))}</span>
          </div>
        </Card>
      ))}
    </Flex>
  );
}
