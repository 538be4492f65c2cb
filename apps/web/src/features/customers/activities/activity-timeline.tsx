import { App, Button, Empty, Flex, Popconfirm, Skeleton, Tag, Timeline, Typography } from 'antd';
import { CalendarOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { TActivity, TPage } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { attachmentUrl, useActivities, useDeleteActivity } from './activities.queries.ts';
import { ActivityTypeIcon } from './activity-type.tsx';

const SHORT = (value: string) => formatDateTime(value).slice(0, 16);

function kb(size: number): string {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;
}

interface ActivityBodyProps {
  activity: TActivity;
  onEdit: (a: TActivity) => void;
  onDelete: (a: TActivity) => Promise<unknown>;
  deleting: boolean;
  attachmentHref: (a: TActivity, fileId: string) => string;
}

function ActivityBody({ activity, onEdit, onDelete, deleting, attachmentHref }: ActivityBodyProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  return (
    <div data-testid="activity-item" style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex gap={6} wrap align="baseline" style={{ minWidth: 0 }}>
          <Typography.Text strong>{t(`activities.type.${activity.type}`)}</Typography.Text>
          <Typography.Text type="secondary">{SHORT(activity.occurredAt)}</Typography.Text>
          {activity.authorName ? (
            <Typography.Text type="secondary">· {t('activities.by', { name: activity.authorName })}</Typography.Text>
          ) : null}
        </Flex>
        {activity.canEdit ? (
          <Flex style={{ flex: 'none' }}>
            <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(activity)} />
            <Popconfirm
              title={t('activities.deleteConfirm')}
              okButtonProps={{ danger: true, loading: deleting }}
              onConfirm={() =>
                onDelete(activity).then(
                  () => void message.success(t('activities.deleted')),
                  (e: unknown) => showError(e),
                )
              }
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          </Flex>
        ) : null}
      </Flex>
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '4px 0' }}
        data-testid="activity-content-text"
      >
        {activity.content}
      </Typography.Paragraph>
      <Flex gap={6} wrap>
        {activity.contactName ? (
          <Tag icon={<UserOutlined />} style={{ marginInlineEnd: 0 }}>
            {t('activities.withContact', { name: activity.contactName })}
          </Tag>
        ) : null}
        {activity.nextFollowUpAt ? (
          <Tag color="orange" icon={<CalendarOutlined />} style={{ marginInlineEnd: 0 }} data-testid="activity-follow-up">
            {t('activities.followUp', { time: SHORT(activity.nextFollowUpAt) })}
          </Tag>
        ) : null}
      </Flex>
      {activity.attachments.length > 0 ? (
        <Flex vertical gap={2} style={{ marginTop: 6 }}>
          {activity.attachments.map((a) => (
            <a
              key={a.id}
              href={attachmentHref(activity, a.id)}
              download={a.name}
              style={{ wordBreak: 'break-all' }}
              data-testid="activity-attachment"
            >
              <PaperClipOutlined /> {a.name} <Typography.Text type="secondary">({kb(a.size)})</Typography.Text>
            </a>
          ))}
        </Flex>
      ) : null}
    </div>
  );
}

export interface ActivityTimelineViewProps extends Omit<ActivityBodyProps, 'activity'> {
  query: UseInfiniteQueryResult<InfiniteData<TPage<TActivity>>>;
}

/** 跟进记录, newest first, growing downwards with "load more": the view of any record's timeline. */
export function ActivityTimelineView({ query, ...body }: ActivityTimelineViewProps) {
  const { t } = useTranslation();
  const items = flattenPages(query.data);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.empty')} />;
  return (
    <div data-testid="activity-timeline">
      <Timeline
        items={items.map((a) => ({
          key: a.id,
          icon: <ActivityTypeIcon type={a.type} />,
          content: <ActivityBody activity={a} {...body} />,
        }))}
      />
      <LoadMore
        count={items.length}
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </div>
  );
}

/** A customer's 跟进记录. */
export function ActivityTimeline({ customerId, onEdit }: { customerId: string; onEdit: (a: TActivity) => void }) {
  const query = useActivities(customerId);
  const remove = useDeleteActivity();
  return (
    <ActivityTimelineView
      query={query}
      onEdit={onEdit}
      onDelete={(a) => remove.mutateAsync({ customerId, activityId: a.id })}
      deleting={remove.isPending}
      attachmentHref={(a, fileId) => attachmentUrl(customerId, a.id, fileId)}
    />
  );
}
