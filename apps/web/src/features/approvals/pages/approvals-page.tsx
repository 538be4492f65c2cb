import { useState } from 'react';
import { Badge, Card, Empty, Flex, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TApprovalBox, TApprovalInboxItem } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { ResponsiveDrawer } from '../../../shared/ui/responsive-drawer.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useApprovalBox, useApprovalInstance, useApprovalTodoCount } from '../api/approvals.queries.ts';
import { ApprovalActionBar, ApprovalDetail } from '../components/approval-detail.tsx';
import { ApprovalStatusTag } from '../components/approval-status-tag.tsx';

const BOXES: TApprovalBox[] = ['todo', 'done', 'started', 'cc'];

function isBox(v: string | null): v is TApprovalBox {
  return v !== null && (BOXES as string[]).includes(v);
}

function Due({ item, now }: { item: TApprovalInboxItem; now: number }) {
  const { t } = useTranslation();
  if (!item.dueAt || item.taskStatus !== 'pending') return null;
  const overdue = new Date(item.dueAt).getTime() < now;
  return (
    <Tag color={overdue ? 'error' : 'default'}>
      {overdue ? t('approvals.overdue') : `${t('approvals.dueAt')} ${formatDateTime(item.dueAt)}`}
    </Tag>
  );
}

function InboxCard({ item, now, onOpen }: { item: TApprovalInboxItem; now: number; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" hoverable onClick={onOpen} data-testid="approval-card" data-instance={item.instanceId}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" gap={8} align="start">
          <Typography.Text strong ellipsis>
            {item.title}
          </Typography.Text>
          <ApprovalStatusTag status={item.status} />
        </Flex>
        <Flex gap={6} wrap align="center">
          <Tag>{item.typeLabel}</Tag>
          <Typography.Text type="secondary">{t('approvals.initiatorIs', { name: item.initiatorName })}</Typography.Text>
        </Flex>
        <Flex gap={6} wrap align="center">
          {item.stepName ? <Typography.Text>{item.stepName}</Typography.Text> : null}
          <Due item={item} now={now} />
          <Typography.Text type="secondary">{formatDateTime(item.decidedAt ?? item.createdAt)}</Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

function InboxList({ box }: { box: TApprovalBox }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const query = useApprovalBox(box);
  // When the list was loaded: what counts as overdue does not move while one reads it.
  const [now] = useState(() => Date.now());
  const items = flattenPages(query.data);
  const open = (item: TApprovalInboxItem) => void navigate(`/approvals/${item.instanceId}?box=${box}`);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (items.length === 0) return <Empty description={t(`approvals.empty.${box}`)} data-testid="approvals-empty" />;
  return (
    <>
      {isMobile ? (
        <Flex vertical gap={8} data-testid="approval-cards">
          {items.map((item) => (
            <InboxCard key={item.taskId ?? item.instanceId} item={item} now={now} onOpen={() => open(item)} />
          ))}
        </Flex>
      ) : (
        <Table<TApprovalInboxItem>
          rowKey={(r) => r.taskId ?? r.instanceId}
          dataSource={items}
          pagination={false}
          size="middle"
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' }, 'data-testid': 'approval-row' }) as never}
          columns={[
            { title: t('approvals.type'), dataIndex: 'typeLabel', width: 100, render: (v: string) => <Tag>{v}</Tag> },
            { title: t('approvals.subject'), dataIndex: 'title', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t('approvals.initiator'), dataIndex: 'initiatorName', width: 110 },
            {
              title: t('approvals.stepColumn'),
              dataIndex: 'stepName',
              width: 140,
              render: (v: string | null, r) => (
                <Flex gap={4} wrap>
                  {v ?? '—'}
                  <Due item={r} now={now} />
                </Flex>
              ),
            },
            { title: '', dataIndex: 'status', width: 90, render: (_v, r) => <ApprovalStatusTag status={r.status} /> },
            {
              title: box === 'done' ? t('approvals.decidedAt') : t('approvals.createdAt'),
              width: 170,
              render: (_v, r) => formatDateTime(box === 'done' ? r.decidedAt : r.createdAt),
            },
          ]}
        />
      )}
      <LoadMore
        count={items.length}
        hasMore={!!query.hasNextPage}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    </>
  );
}

/** 审批中心: the boxes (to do, done, started by me, copied to me) and an approval in a drawer. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const box: TApprovalBox = isBox(params.get('box')) ? (params.get('box') as TApprovalBox) : 'todo';
  const todo = useApprovalTodoCount();
  const instance = useApprovalInstance(id);
  const close = () => void navigate(`/approvals?box=${box}`);
  return (
    <PageContainer title={t('approvals.title')}>
      <Tabs
        activeKey={box}
        onChange={(key) => setParams({ box: key })}
        items={BOXES.map((b) => ({
          key: b,
          label:
            b === 'todo' ? (
              <Badge count={todo.data ?? 0} size="small" offset={[8, -2]} data-testid="approvals-todo-badge">
                {t(`approvals.boxes.${b}`)}
              </Badge>
            ) : (
              t(`approvals.boxes.${b}`)
            ),
        }))}
        data-testid="approval-boxes"
      />
      <InboxList key={box} box={box} />
      <ResponsiveDrawer
        open={!!id}
        title={t('approvals.title')}
        onClose={close}
        width={640}
        footer={instance.data ? <ApprovalActionBar instance={instance.data} /> : null}
      >
        {instance.isError ? <QueryError error={instance.error} onRetry={() => void instance.refetch()} /> : null}
        {instance.data ? <ApprovalDetail instance={instance.data} /> : instance.isPending && id ? <Spin /> : null}
      </ResponsiveDrawer>
    </PageContainer>
  );
}
