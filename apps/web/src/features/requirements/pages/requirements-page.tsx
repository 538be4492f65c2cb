import { Button, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  Permission,
  ZRequirementSortValues,
  ZRequirementStatusValues,
  type TRequirementListItem,
  type TRequirementStatus,
} from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useUrlFilters } from '../../../shared/hooks/use-url-filters.ts';
import { FlagFilter, ListSearch, SortSelect, StatusFilter } from '../../../shared/ui/list-filters.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { ListCard, RecordCard, RecordListBody, RowLink } from '../../../shared/ui/record-list.tsx';
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

const requirementUrl = (id: string) => `/requirements/${encodeURIComponent(id)}`;

function RequirementCard({ r }: { r: TRequirementListItem }) {
  const { t } = useTranslation();
  return (
    <RecordCard
      to={requirementUrl(r.id)}
      testId="requirement-card"
      title={r.title}
      subtitle={
        <>
          {r.number ?? t('requirements.untitled')} · {r.customerName}
        </>
      }
      tag={<RequirementStatusTag status={r.status} />}
    >
      <Flex justify="space-between" align="baseline" style={{ marginTop: 6 }} gap={8} wrap>
        <Counts r={r} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.ownerName}
          {r.wantedDate ? ` · ${t('requirements.wantedDate')} ${formatDate(r.wantedDate)}` : ''}
        </Typography.Text>
      </Flex>
    </RecordCard>
  );
}

/** The requirements the user may see (product managers: every submitted one); a table on desktops, cards on phones. */
export function RequirementsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canCreate = usePermission(Permission.requirementWrite);
  const { filters, effective, q, setQ, set } = useUrlFilters(filtersFrom, toParams);
  const list = useRequirements(effective);

  const filterBar = (
    <Flex gap={8} wrap align="center">
      <ListSearch
        value={q}
        onChange={setQ}
        placeholder={t('requirements.searchPlaceholder')}
        style={{ width: isMobile ? '100%' : 280 }}
        size={isMobile ? 'large' : 'middle'}
        testId="requirement-search"
      />
      <StatusFilter
        statuses={ZRequirementStatusValues}
        label={(s) => t(`requirements.statusLabel.${s}`)}
        value={filters.statuses}
        onChange={(statuses) => set({ statuses })}
        placeholder={t('requirements.allStatuses')}
        style={{ minWidth: 180, flex: isMobile ? '1 1 100%' : undefined }}
        testId="requirement-status-filter"
      />
      <SortSelect
        sorts={SORTS}
        label={(s) => t(`requirements.sort.${s.replace(/^-/, '') as 'updatedAt'}`)}
        value={filters.sort}
        onChange={(sort) => set({ sort })}
        style={{ width: 140 }}
        ariaLabel={t('requirements.sort.label')}
      />
      <FlagFilter checked={filters.mine} onChange={(mine) => set({ mine })}>
        {t('requirements.mine')}
      </FlagFilter>
    </Flex>
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
      <ListCard style={{ marginBottom: 16 }}>{filterBar}</ListCard>
      <ListCard>
        <RecordListBody<TRequirementListItem>
          query={list}
          recordUrl={(r) => requirementUrl(r.id)}
          renderCard={(r) => <RequirementCard r={r} />}
          scrollX={1100}
          emptyText={t('requirements.empty')}
          listTestId="requirements-list"
          tableTestId="requirements-table"
          columns={[
            {
              title: t('requirements.number'),
              width: 160,
              render: (_v, r) => <RowLink to={requirementUrl(r.id)}>{r.number ?? t('requirements.untitled')}</RowLink>,
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
      </ListCard>
    </PageContainer>
  );
}
