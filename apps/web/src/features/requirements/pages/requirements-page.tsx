import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, Empty, Flex, Input, Select, Spin, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Permission,
  ZRequirementSortValues,
  ZRequirementStatusValues,
  type TRequirementListItem,
  type TRequirementStatus,
} from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useRequirements, type RequirementFilters, type RequirementSort } from '../api/requirements.queries.ts';
import { RequirementStatusTag } from '../components/requirement-status-tag.tsx';

const SORTS: RequirementSort[] = ['-updatedAt', '-createdAt', 'wantedDate'];

function filtersFrom(params: URLSearchParams): RequirementFilters {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? undefined,
    statuses: params.getAll('status').filter((s): s is TRequirementStatus => (ZRequirementStatusValues as readonly string[]).includes(s)),
    mine: params.get('mine') === 'true' || undefined,
    customerId: params.get('customerId') ?? undefined,
    sort: sort && (ZRequirementSortValues as readonly string[]).includes(sort) ? (sort as RequirementSort) : '-updatedAt',
  };
}

function toParams(f: RequirementFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  for (const s of f.statuses ?? []) p.append('status', s);
  if (f.mine) p.set('mine', 'true');
  if (f.customerId) p.set('customerId', f.customerId);
  if (f.sort !== '-updatedAt') p.set('sort', f.sort);
  return p;
}

function Counts({ r }: { r: TRequirementListItem }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {[
        t('requirements.lineCount', { count: r.lineCount }),
        r.nonStandardCount > 0 ? t('requirements.nonStandardCount', { count: r.nonStandardCount }) : null,
        r.status === 'in_review' && r.pendingCount > 0 ? t('requirements.pendingCount', { count: r.pendingCount }) : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </Typography.Text>
  );
}

function RequirementCard({ r }: { r: TRequirementListItem }) {
  const { t } = useTranslation();
  return (
    <Link to={`/requirements/${encodeURIComponent(r.id)}`} className="card-link" data-testid="requirement-card">
      <Card size="small" hoverable>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word' }}>
              {r.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.number ?? t('requirements.untitled')} · {r.customerName}
            </Typography.Text>
          </div>
          <RequirementStatusTag status={r.status} />
        </Flex>
        <Flex justify="space-between" align="baseline" style={{ marginTop: 6 }} gap={8} wrap>
          <Counts r={r} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.ownerName}
            {r.wantedDate ? ` · ${t('requirements.wantedDate')} ${formatDate(r.wantedDate)}` : ''}
          </Typography.Text>
        </Flex>
      </Card>
    </Link>
  );
}

/** The requirements the user may see (product managers: every submitted one); a table on desktops, cards on phones. */
export function RequirementsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canCreate = usePermission(Permission.requirementWrite);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const [q, setQ] = useState(filters.q ?? '');
  const debounced = useDebouncedValue(q, 300);
  const effective = useMemo(() => ({ ...filters, q: debounced || undefined }), [filters, debounced]);
  const list = useRequirements(effective);
  const items = flattenPages(list.data);
  const set = (next: Partial<RequirementFilters>) => setParams(toParams({ ...effective, ...next }), { replace: true });

  const filterBar = (
    <Flex gap={8} wrap align="center">
      <Input.Search
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('requirements.searchPlaceholder')}
        style={{ width: isMobile ? '100%' : 280 }}
        size={isMobile ? 'large' : 'middle'}
        data-testid="requirement-search"
      />
      <Select<TRequirementStatus[]>
        mode="multiple"
        allowClear
        value={filters.statuses ?? []}
        onChange={(statuses) => set({ statuses })}
        placeholder={t('requirements.allStatuses')}
        options={ZRequirementStatusValues.map((s) => ({ value: s, label: t(`requirements.statusLabel.${s}`) }))}
        style={{ minWidth: 180, flex: isMobile ? '1 1 100%' : undefined }}
        maxTagCount="responsive"
        data-testid="requirement-status-filter"
      />
      <Select<RequirementSort>
        value={filters.sort}
        onChange={(sort) => set({ sort })}
        options={SORTS.map((s) => ({ value: s, label: t(`requirements.sort.${s.replace(/^-/, '') as 'updatedAt'}`) }))}
        style={{ width: 140 }}
        aria-label={t('requirements.sort.label')}
      />
      <Checkbox checked={!!filters.mine} onChange={(e) => set({ mine: e.target.checked || undefined })}>
        {t('requirements.mine')}
      </Checkbox>
    </Flex>
  );

  let body;
  if (list.isError) body = <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.isLoading) body = <Spin style={{ display: 'block', padding: 32 }} />;
  else if (items.length === 0) body = <Empty description={t('requirements.empty')} />;
  else if (isMobile)
    body = (
      <Flex vertical gap={8} data-testid="requirements-list">
        {items.map((x) => (
          <RequirementCard key={x.id} r={x} />
        ))}
      </Flex>
    );
  else
    body = (
      <Table<TRequirementListItem>
        rowKey="id"
        dataSource={items}
        pagination={false}
        size="middle"
        scroll={{ x: 1100 }}
        data-testid="requirements-table"
        onRow={(r) => ({ onClick: () => void navigate(`/requirements/${encodeURIComponent(r.id)}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('requirements.number'),
            width: 160,
            render: (_v, r) => (
              <Link to={`/requirements/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()}>
                {r.number ?? t('requirements.untitled')}
              </Link>
            ),
          },
          { title: t('requirements.reqTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('requirements.customer'), dataIndex: 'customerName', ellipsis: true },
          { title: t('requirements.status'), width: 110, render: (_v, r) => <RequirementStatusTag status={r.status} /> },
          { title: t('requirements.form.lines'), width: 190, render: (_v, r) => <Counts r={r} /> },
          { title: t('requirements.wantedDate'), width: 110, render: (_v, r) => formatDate(r.wantedDate) },
          { title: t('requirements.owner'), dataIndex: 'ownerName', width: 100 },
          { title: t('requirements.updatedAt'), width: 160, render: (_v, r) => formatDateTime(r.updatedAt) },
        ]}
      />
    );

  return (
    <PageContainer
      title={t('requirements.title')}
      extra={
        canCreate ? (
          <Button
            type="primary"
            size={isMobile ? 'large' : 'middle'}
            icon={<PlusOutlined />}
            onClick={() => void navigate('/requirements/new')}
            data-testid="requirement-create"
          >
            {t('requirements.create')}
          </Button>
        ) : null
      }
    >
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }} style={{ marginBottom: 16 }}>
        {filterBar}
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {body}
        <LoadMore
          count={items.length}
          hasMore={!!list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </Card>
    </PageContainer>
  );
}
