import { Fragment, type CSSProperties, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { Card, Empty, Flex, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { InfiniteData } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { TPage } from '@crm/contracts';
import { flattenPages } from '../api/pagination.ts';
import { useIsMobile } from '../hooks/use-is-mobile.ts';
import { LoadMore } from './load-more.tsx';
import { QueryError } from './query-error.tsx';

/** What a list page reads of its keyset ("load more") query. */
export interface RecordListQuery<T> {
  data: InfiniteData<TPage<T>> | undefined;
  isError: boolean;
  error: unknown;
  isLoading: boolean;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

interface RecordListBodyProps<T extends { id: string }> {
  query: RecordListQuery<T>;
  /** Where a record opens: a card's link, a table row's click. */
  recordUrl: (record: T) => string;
  /** One record on phones (a link, usually a `RecordCard`). */
  renderCard: (record: T) => ReactNode;
  columns: TableColumnsType<T>;
  /** The table's horizontal scroll width. */
  scrollX: number;
  emptyText: ReactNode;
  emptyTestId?: string;
  listTestId: string;
  tableTestId: string;
  rowTestId?: string;
  /** No "load more" line while the first page is loading. */
  hideLoadMoreWhileLoading?: boolean;
}

/**
 * The body of a list page: the error with a retry, a spinner, "nothing found", or the records (cards
 * on phones, a table with clickable rows on desktops), and the "load more" line under them.
 */
export function RecordListBody<T extends { id: string }>({
  query,
  recordUrl,
  renderCard,
  columns,
  scrollX,
  emptyText,
  emptyTestId,
  listTestId,
  tableTestId,
  rowTestId,
  hideLoadMoreWhileLoading = false,
}: RecordListBodyProps<T>) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const items = flattenPages(query.data);

  let body;
  if (query.isError) body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.isLoading) body = <Spin style={{ display: 'block', padding: 32 }} />;
  else if (items.length === 0) body = <Empty description={emptyText} data-testid={emptyTestId} />;
  else if (isMobile)
    body = (
      <Flex vertical gap={8} data-testid={listTestId}>
        {items.map((record) => (
          <Fragment key={record.id}>{renderCard(record)}</Fragment>
        ))}
      </Flex>
    );
  else
    body = (
      <Table<T>
        rowKey="id"
        dataSource={items}
        pagination={false}
        size="middle"
        scroll={{ x: scrollX }}
        columns={columns}
        data-testid={tableTestId}
        onRow={(r) =>
          ({
            onClick: () => void navigate(recordUrl(r)),
            style: { cursor: 'pointer' },
            ...(rowTestId ? { 'data-testid': rowTestId } : {}),
          }) as HTMLAttributes<HTMLElement>
        }
      />
    );

  return (
    <>
      {body}
      {hideLoadMoreWhileLoading && query.isLoading ? null : (
        <LoadMore
          count={items.length}
          hasMore={!!query.hasNextPage}
          loading={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      )}
    </>
  );
}

/** A card of a list page (the filters, the records): less padding on phones. */
export function ListCard({ style, children }: { style?: CSSProperties; children: ReactNode }) {
  const isMobile = useIsMobile();
  return (
    <Card styles={{ body: { padding: isMobile ? 12 : 16 } }} style={style}>
      {children}
    </Card>
  );
}

interface RecordCardProps {
  to: string;
  testId: string;
  title: ReactNode;
  subtitle: ReactNode;
  /** The status tag, top right. */
  tag: ReactNode;
  children?: ReactNode;
}

/** One record of a list on phones: a card linking to the record, its title, a grey line under it and its status. */
export function RecordCard({ to, testId, title, subtitle, tag, children }: RecordCardProps) {
  return (
    <Link to={to} className="card-link" data-testid={testId}>
      <Card size="small" hoverable>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word' }}>
              {title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {subtitle}
            </Typography.Text>
          </div>
          {tag}
        </Flex>
        {children}
      </Card>
    </Link>
  );
}

const stopPropagation = (e: MouseEvent) => e.stopPropagation();

/** A link inside a clickable table row: it opens its own target, not the row's. */
export function RowLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} onClick={stopPropagation}>
      {children}
    </Link>
  );
}
