import { Card, Empty, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TRecentActivity } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatRelative } from '../../../shared/utils/format.ts';
import { ActivityTypeIcon } from '../../customers/activities/activity-type.tsx';
import '../../targets/targets.css';

/** 最近跟进: the latest activities on the customers the user sees (own, the team's, or all). */
export function RecentActivitiesWidget() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['activities', 'recent'],
    queryFn: ({ signal }) => api.get<{ items: TRecentActivity[] }>('/activities/recent', { limit: 8 }, { signal }),
  });
  const items = list.data?.items ?? [];
  return (
    <Card
      title={t('targets.dashboard.activitiesTitle')}
      extra={<Link to="/customers">{t('targets.dashboard.viewAll')}</Link>}
      style={{ height: '100%' }}
      styles={{ body: { paddingTop: 8, paddingBottom: 8 } }}
      data-testid="home-recent-activities"
    >
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.dashboard.activitiesEmpty')} />
      ) : (
        items.map((a) => (
          <Link key={a.id} to={a.customerId ? `/customers/${a.customerId}` : '/customers'} className="dashboard-list-item">
            <span style={{ marginTop: 2 }}>
              <ActivityTypeIcon type={a.type} />
            </span>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text ellipsis style={{ display: 'block' }}>
                {a.content}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.customerName ?? '—'} · {a.authorName ?? '—'} · {formatRelative(a.occurredAt)}
              </Typography.Text>
            </div>
          </Link>
        ))
      )}
    </Card>
  );
}
