import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TUser } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useSetUserActive, usersQueryKeys } from '../api/users.queries.ts';

interface Props {
  user: TUser;
  onEdit: (user: TUser) => void;
  onResetPassword: (user: TUser) => void;
}

/** Edit, enable/disable (confirmed) and reset password: shown only with user:manage. */
export function UserActions({ user, onEdit, onResetPassword }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setActive = useSetUserActive();
  const showError = useApiError();
  const queryClient = useQueryClient();

  const toggle = () =>
    setActive.mutate(
      { id: user.id, body: { version: user.version, isActive: !user.isActive } },
      {
        onSuccess: (saved) => void message.success(saved.isActive ? t('users.enabled') : t('users.disabled')),
        onError: (e) => showError(e, { onStale: () => void queryClient.invalidateQueries({ queryKey: usersQueryKeys.lists() }) }),
      },
    );

  return (
    <Space size={0} style={{ whiteSpace: 'nowrap' }}>
      <Button type="link" size="small" onClick={() => onEdit(user)} data-testid="user-edit">
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={user.isActive ? t('users.confirmDisable', { name: user.displayName }) : t('users.confirmEnable', { name: user.displayName })}
        okButtonProps={{ danger: user.isActive, loading: setActive.isPending }}
        onConfirm={toggle}
      >
        <Button type="link" size="small" danger={user.isActive} data-testid="user-toggle-active">
          {user.isActive ? t('users.disable') : t('users.enable')}
        </Button>
      </Popconfirm>
      <Button type="link" size="small" onClick={() => onResetPassword(user)} data-testid="user-reset-password">
        {t('users.resetPassword')}
      </Button>
    </Space>
  );
}
