import { useState } from 'react';
import { App, Button, Card, Empty, Segmented, Spin } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useMarkNotificationsRead, useNotifications, useUnreadCount } from '../api/notifications.queries.ts';
import { NotificationItem } from '../components/notification-item.tsx';
import { useOpenNotification } from '../components/use-open-notification.ts';

type Tab = 'all' | 'unread';

export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [tab, setTab] = useState<Tab>('all');
  const list = useNotifications({ unread: tab === 'unread' });
  const unread = useUnreadCount();
  const markRead = useMarkNotificationsRead();
  const showError = useApiError();
  const open = useOpenNotification();
  const items = flattenPages(list.data);

  const markAll = () =>
    markRead.mutate(
      { all: true },
      { onSuccess: () => void message.success(t('notifications.markedAllRead')), onError: (e) => showError(e) },
    );

  return (
    <PageContainer
      title={t('notifications.title')}
      extra={
        <Button icon={<CheckOutlined />} onClick={markAll} loading={markRead.isPending} disabled={!unread.data}>
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Card>
        <Segmented<Tab>
          value={tab}
          onChange={setTab}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: `${t('notifications.unread')}${unread.data ? ` (${unread.data})` : ''}` },
          ]}
          style={{ marginBottom: 12 }}
        />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Spin style={{ display: 'block', padding: 32 }} />
        ) : items.length === 0 ? (
          <Empty description={t('notifications.empty')} />
        ) : (
          <>
            <div className="notification-list" data-testid="inbox-list">
              {items.map((item) => (
                <NotificationItem
                  key={item.id}
                  item={item}
                  onOpen={open}
                  onMarkRead={(n) =>
                    markRead.mutate(
                      { ids: [n.id] },
                      { onSuccess: () => void message.success(t('notifications.markedRead')), onError: (e) => showError(e) },
                    )
                  }
                />
              ))}
            </div>
            <LoadMore
              count={items.length}
              hasMore={!!list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Card>
    </PageContainer>
  );
}
