import { useState } from 'react';
import { Badge, Button, Divider, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useMarkNotificationsRead, useNotifications, useUnreadCount } from '../api/notifications.queries.ts';
import { NotificationItem } from './notification-item.tsx';
import { useOpenNotification } from './use-open-notification.ts';

const PREVIEW_SIZE = 8;

function BellPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const list = useNotifications({}, PREVIEW_SIZE);
  const unread = useUnreadCount();
  const markRead = useMarkNotificationsRead();
  const showError = useApiError();
  const open = useOpenNotification(onClose);
  const items = flattenPages(list.data).slice(0, PREVIEW_SIZE);

  return (
    <div className="bell-panel">
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!unread.data}
          loading={markRead.isPending}
          onClick={() => markRead.mutate({ all: true }, { onError: (e) => showError(e) })}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <div className="bell-panel-list">
        {list.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          items.map((item) => <NotificationItem key={item.id} item={item} onOpen={open} compact />)
        )}
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="center">
        <Link to="/inbox" onClick={onClose}>
          {t('notifications.viewAll')}
        </Link>
      </Flex>
    </div>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const bell = (
    <Button
      type="text"
      aria-label={t('notifications.bell')}
      data-testid="notification-bell"
      onClick={isMobile ? () => void navigate('/inbox') : undefined}
      icon={
        <Badge count={unread.data ?? 0} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  // Phones have no room for a popover: the bell opens the inbox.
  if (isMobile) return bell;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      destroyOnHidden
      content={<BellPanel onClose={() => setOpen(false)} />}
    >
      {bell}
    </Popover>
  );
}
