import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';

export function UserStatusTag({ isActive }: { isActive: boolean }) {
  const { t } = useTranslation();
  return <Badge status={isActive ? 'success' : 'default'} text={isActive ? t('users.active') : t('users.inactive')} />;
}
