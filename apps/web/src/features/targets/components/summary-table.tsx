import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Progress, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { TPerformanceSummary, TSummaryCell } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import type { SubjectRef } from '../api/targets.queries.ts';
import { completionColor, formatCompact, formatMetricValue } from './target-format.ts';

type UserRow = TPerformanceSummary['users'][number];
type DepartmentRow = TPerformanceSummary['departments'][number];

function CompletionBar({ cell, compact }: { cell: TSummaryCell | undefined; compact: boolean }) {
  if (!cell || cell.completion === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (compact)
    return (
      <Typography.Text style={{ color: completionColor(cell.completion), fontWeight: 600 }}>{cell.completion.toFixed(1)}%</Typography.Text>
    );
  return (
    <Progress
      percent={Math.min(100, cell.completion)}
      strokeColor={completionColor(cell.completion)}
      format={() => `${cell.completion!.toFixed(1)}%`}
      size="small"
      style={{ margin: 0, minWidth: 110 }}
    />
  );
}

const byCompletion = (i: number) => (a: { cells: TSummaryCell[] }, b: { cells: TSummaryCell[] }) =>
  (a.cells[i]?.completion ?? -1) - (b.cells[i]?.completion ?? -1);
const byActual = (i: number) => (a: { cells: TSummaryCell[] }, b: { cells: TSummaryCell[] }) =>
  Number(a.cells[i]?.actual ?? -1) - Number(b.cells[i]?.actual ?? -1);

interface SummaryTablesProps {
  summary: TPerformanceSummary;
  /** Computes the figures anew; `recomputing` while it runs. */
  onRecompute: () => void;
  recomputing: boolean;
  /** Opens a person's or a department's performance. */
  onOpen: (subject: SubjectRef) => void;
}

/**
 * The director's (or manager's) view of everyone in scope for one metric at a time: departments
 * with the sums of their subtrees, then people, sortable by completion or actual.
 */
export function SummaryTables({ summary, onOpen, onRecompute, recomputing }: SummaryTablesProps) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const firstUseful = Math.max(
    0,
    summary.metrics.findIndex((m, i) => m.available && summary.users.some((u) => u.cells[i]?.target !== null)),
  );
  const [metricKey, setMetricKey] = useState<string | null>(null);
  const index = Math.max(0, metricKey ? summary.metrics.findIndex((m) => m.key === metricKey) : firstUseful);
  const metric = summary.metrics[index]!;
  const [query, setQuery] = useState('');

  const users = useMemo(
    () => summary.users.filter((u) => !query.trim() || u.name.includes(query.trim()) || u.departmentName.includes(query.trim())),
    [summary.users, query],
  );
  const value = (cell: TSummaryCell | undefined, key: 'target' | 'actual') =>
    isMobile ? formatCompact(cell?.[key] ?? null, metric.unit) : formatMetricValue(cell?.[key] ?? null, metric.unit);

  const departmentColumns: ColumnsType<DepartmentRow> = [
    {
      title: t('targets.department'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <a style={{ paddingLeft: row.depth * 16 }} onClick={() => onOpen({ type: 'department', id: row.id })}>
          {name}
        </a>
      ),
    },
    { title: t('targets.target'), align: 'right', render: (_, row) => value(row.cells[index], 'target') },
    { title: t('targets.actual'), align: 'right', render: (_, row) => (metric.available ? value(row.cells[index], 'actual') : '—') },
    {
      title: t('targets.completion'),
      width: isMobile ? 84 : 200,
      render: (_, row) => <CompletionBar cell={row.cells[index]} compact={isMobile} />,
    },
  ];
  const userColumns: ColumnsType<UserRow> = [
    {
      title: t('targets.name'),
      dataIndex: 'name',
      fixed: isMobile ? 'left' : undefined,
      render: (name: string, row) => (
        <Flex vertical gap={0}>
          <a onClick={() => onOpen({ type: 'user', id: row.userId })} data-testid={`summary-user-${row.userId}`}>
            {name} {!row.isActive ? <Tag>{t('targets.disabledUser')}</Tag> : null}
          </a>
          {isMobile ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.departmentName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    ...(isMobile ? [] : [{ title: t('targets.department'), dataIndex: 'departmentName' } as const]),
    { title: t('targets.target'), align: 'right', render: (_, row) => value(row.cells[index], 'target') },
    {
      title: t('targets.actual'),
      align: 'right',
      sorter: byActual(index),
      render: (_, row) => (metric.available ? value(row.cells[index], 'actual') : '—'),
    },
    {
      title: t('targets.completion'),
      width: isMobile ? 84 : 200,
      sorter: byCompletion(index),
      defaultSortOrder: 'descend',
      render: (_, row) => <CompletionBar cell={row.cells[index]} compact={isMobile} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap justify="space-between">
        <Segmented
          value={metric.key}
          onChange={(k) => setMetricKey(String(k))}
          options={summary.metrics.map((m) => ({ value: m.key, label: m.label }))}
          style={{ maxWidth: '100%', overflowX: 'auto' }}
          data-testid="summary-metric"
        />
        <Flex gap={4} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="summary-computed-at">
            {t('targets.computedAt', { time: dayjs(summary.computedAt).format('HH:mm:ss') })}
          </Typography.Text>
          <Tooltip title={t('targets.recompute')}>
            <Button
              type="text"
              size="small"
              icon={<ReloadOutlined />}
              loading={recomputing}
              onClick={onRecompute}
              aria-label={t('targets.recompute')}
              data-testid="summary-recompute"
            />
          </Tooltip>
        </Flex>
      </Flex>
      {!metric.available ? <Typography.Text type="secondary">{metric.pendingNote}</Typography.Text> : null}
      {summary.departments.length > 1 ? (
        <Card title={t('targets.departmentSummary')} size="small" styles={{ body: { padding: 0 } }}>
          <Table<DepartmentRow>
            rowKey="id"
            size="small"
            pagination={false}
            columns={departmentColumns}
            dataSource={summary.departments}
            data-testid="summary-departments"
          />
        </Card>
      ) : null}
      <Card
        title={t('targets.summary')}
        size="small"
        extra={
          <Input.Search
            allowClear
            placeholder={t('targets.searchPerson')}
            onChange={(e) => setQuery(e.target.value)}
            style={{ width: isMobile ? 140 : 200 }}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        {users.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.summaryEmpty')} style={{ padding: 24 }} />
        ) : (
          <Table<UserRow>
            rowKey="userId"
            size="small"
            columns={userColumns}
            dataSource={users}
            pagination={users.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
            data-testid="summary-users"
          />
        )}
      </Card>
    </Flex>
  );
}
