import { Badge, Card, Empty, Flex, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useNotifications, useUnreadCount } from '../../notifications/api/notifications.queries.ts';
import { NotificationItem } from '../../notifications/components/notification-item.tsx';
import { useOpenNotification } from '../../notifications/components/use-open-notification.ts';

export function UnreadNotificationsWidget() {
  const { t } = useTranslation();
  const list = useNotifications({ unread: true }, 5);
  const unread = useUnreadCount();
  const open = useOpenNotification();
  const items = flattenPages(list.data).slice(0, 5);
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <BellOutlined />
          {t('home.unreadTitle')}
          <Badge count={unread.data ?? 0} overflowCount={99} />
        </Flex>
      }
      extra={<Link to="/inbox">{t('home.viewAll')}</Link>}
      styles={{ body: { padding: items.length ? 8 : 16 } }}
      style={{ height: '100%' }}
      data-testid="home-unread"
    >
      {list.isPending ? (
        <Spin style={{ display: 'block', padding: 24 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noUnread')} />
      ) : (
        items.map((item) => <NotificationItem key={item.id} item={item} onOpen={open} compact />)
      )}
    </Card>
  );
}
