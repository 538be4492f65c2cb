import { Badge, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TNotification } from '@crm/contracts';
import { formatDateTime, formatRelative } from '../../../shared/utils/format.ts';

interface NotificationItemProps {
  item: TNotification;
  onOpen: (item: TNotification) => void;
  onMarkRead?: (item: TNotification) => void;
  compact?: boolean;
}

export function NotificationItem({ item, onOpen, onMarkRead, compact = false }: NotificationItemProps) {
  const { t } = useTranslation();
  const unread = !item.readAt;
  return (
    <div
      className={`notification-item${unread ? ' is-unread' : ''}`}
      role="button"
      tabIndex={0}
      onClick={() => onOpen(item)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(item);
        }
      }}
      data-testid="notification-item"
    >
      <Flex gap={8} align="flex-start">
        <Badge status={unread ? 'processing' : 'default'} style={{ marginTop: 2 }} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Flex justify="space-between" gap={8} align="baseline">
            <Typography.Text strong={unread} ellipsis={{ tooltip: item.title }} style={{ minWidth: 0 }}>
              {item.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }} title={formatDateTime(item.createdAt)}>
              {formatRelative(item.createdAt)}
            </Typography.Text>
          </Flex>
          {item.body ? (
            <Typography.Paragraph
              type="secondary"
              ellipsis={compact ? { rows: 2 } : false}
              style={{ margin: '4px 0 0', whiteSpace: compact ? undefined : 'pre-wrap', wordBreak: 'break-word' }}
            >
              {item.body}
            </Typography.Paragraph>
          ) : null}
          {!compact && unread && onMarkRead ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', marginTop: 4 }}
              onClick={(e) => {
                e.stopPropagation();
                onMarkRead(item);
              }}
            >
              {t('notifications.markRead')}
            </Button>
          ) : null}
        </div>
      </Flex>
    </div>
  );
}
