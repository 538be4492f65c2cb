import type { ReactNode } from 'react';
import { Card, Result, Skeleton } from 'antd';
import { QueryError } from './query-error.tsx';

/**
 * What a record's page shows while its query has no record to show: a skeleton while loading, the
 * error with a retry, or 404. Null once the record is there, so the page renders it.
 */
export function detailQueryState(
  query: { isPending: boolean; isError: boolean; error: unknown; data: unknown },
  opts: { back: ReactNode; onRetry: () => void },
): ReactNode | null {
  if (query.isPending || query.isError) {
    return (
      <div className="page-container">
        {opts.back}
        <Card style={{ marginTop: 12 }}>
          {query.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : <QueryError error={query.error} onRetry={opts.onRetry} />}
        </Card>
      </div>
    );
  }
  return query.data ? null : <Result status="404" />;
}
