import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined, SettingOutlined, ThunderboltOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Permission, ZLeadSortValues, ZLeadStatusValues, type TLeadSort, type TLeadStatus } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useSession } from '../../auth/api/auth.queries.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useLeads, type LeadFilters } from '../api/leads.queries.ts';
import { LeadAssignModal } from '../components/lead-assign-modal.tsx';
import { LeadCardList } from '../components/lead-card-list.tsx';
import { LeadFilterBar, LeadListToolbar } from '../components/lead-filter-bar.tsx';
import { LeadFormDrawer, type LeadDrawerState } from '../components/lead-form-drawer.tsx';
import { LeadQuickEntry } from '../components/lead-quick-entry.tsx';
import { LeadSourcesModal } from '../components/lead-sources-modal.tsx';
import { LeadsTable } from '../components/leads-table.tsx';

/** The filters live in the address (shareable, kept on back). */
function filtersFromParams(params: URLSearchParams): LeadFilters {
  const status = params.getAll('status').filter((s): s is TLeadStatus => (ZLeadStatusValues as readonly string[]).includes(s));
  const source = params.getAll('source');
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? undefined,
    status: status.length ? status : undefined,
    source: source.length ? source : undefined,
    ownerId: params.get('ownerId') ?? undefined,
    mine: params.get('mine') === '1' || undefined,
    createdFrom: params.get('createdFrom') ?? undefined,
    createdTo: params.get('createdTo') ?? undefined,
    sort: (ZLeadSortValues as readonly string[]).includes(sort ?? '') ? (sort as TLeadSort) : '-createdAt',
  };
}

function filtersToParams(f: LeadFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  for (const s of f.status ?? []) p.append('status', s);
  for (const s of f.source ?? []) p.append('source', s);
  if (f.ownerId) p.set('ownerId', f.ownerId);
  if (f.mine) p.set('mine', '1');
  if (f.createdFrom) p.set('createdFrom', f.createdFrom);
  if (f.createdTo) p.set('createdTo', f.createdTo);
  if (f.sort !== '-createdAt') p.set('sort', f.sort);
  return p;
}

export function LeadsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const session = useSession();
  const canCreate = usePermission(Permission.leadCreate);
  const canAssign = usePermission(Permission.leadAssign);
  const canSettings = usePermission(Permission.leadSettings);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const leads = useLeads(filters);
  const items = useMemo(() => flattenPages(leads.data), [leads.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = leads;
  const [drawer, setDrawer] = useState<LeadDrawerState>(null);
  const [quick, setQuick] = useState(false);
  const [sourcesOpen, setSourcesOpen] = useState(false);
  const [assigning, setAssigning] = useState(false);

  // The selection belongs to one filtered list.
  const listKey = params.toString();
  const [selection, setSelection] = useState<{ listKey: string; ids: string[] }>({ listKey, ids: [] });
  const selectedIds = selection.listKey === listKey ? selection.ids : [];
  const setSelectedIds = useCallback((ids: string[]) => setSelection({ listKey, ids }), [listKey]);
  const [selecting, setSelecting] = useState(false);
  const toggle = (id: string) => setSelectedIds(selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id]);

  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const open = (id: string) => void navigate(`/leads/${encodeURIComponent(id)}`);
  const canFilterOwner = session.data?.dataScope !== 'own';
  const setFilters = (f: LeadFilters) => setParams(filtersToParams(f), { replace: true });

  return (
    <PageContainer
      title={t('leads.title')}
      extra={
        <>
          {canSettings && !isMobile ? (
            <Button icon={<SettingOutlined />} onClick={() => setSourcesOpen(true)} data-testid="lead-sources">
              {t('leads.sources.manage')}
            </Button>
          ) : null}
          {canCreate ? (
            <Button icon={<ThunderboltOutlined />} onClick={() => setQuick(true)} data-testid="lead-quick-create">
              {t('leads.quickCreate')}
            </Button>
          ) : null}
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="lead-create">
              {t('leads.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }} style={{ marginBottom: 16 }}>
        <LeadFilterBar
          filters={filters}
          onChange={(f) => setParams(filtersToParams(f), { replace: true })}
          canFilterOwner={canFilterOwner}
        />
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {leads.isError ? (
          <QueryError error={leads.error} onRetry={() => void leads.refetch()} />
        ) : (
          <>
            {canAssign || !isMobile ? (
              <Flex align="center" gap={12} wrap style={{ marginBottom: 12, minHeight: 32 }} data-testid="lead-selection-bar">
                {selectedIds.length > 0 ? (
                  <>
                    <Typography.Text strong>{t('leads.list.selected', { count: selectedIds.length })}</Typography.Text>
                    <Button size="small" type="link" onClick={() => setSelectedIds([])}>
                      {t('leads.list.clearSelection')}
                    </Button>
                    <Button
                      size="small"
                      type="primary"
                      icon={<UserSwitchOutlined />}
                      onClick={() => setAssigning(true)}
                      data-testid="lead-batch-assign"
                    >
                      {t('leads.actions.assign')}
                    </Button>
                  </>
                ) : null}
                <div style={{ marginInlineStart: 'auto' }}>
                  {isMobile ? (
                    <Button
                      size="small"
                      type={selecting ? 'primary' : 'default'}
                      onClick={() => {
                        if (selecting) setSelectedIds([]);
                        setSelecting(!selecting);
                      }}
                    >
                      {selecting ? t('leads.list.selectDone') : t('leads.list.selectMode')}
                    </Button>
                  ) : (
                    <LeadListToolbar filters={filters} onChange={setFilters} />
                  )}
                </div>
              </Flex>
            ) : null}
            {isMobile ? (
              <LeadCardList leads={items} loading={leads.isPending} selecting={selecting} selectedIds={selectedIds} onToggle={toggle} />
            ) : (
              <LeadsTable
                leads={items}
                loading={leads.isPending || (leads.isFetching && !isFetchingNextPage && leads.isPlaceholderData)}
                selectable={canAssign}
                selectedIds={selectedIds}
                onSelectionChange={setSelectedIds}
              />
            )}
            <LoadMore count={items.length} hasMore={!!hasNextPage} loading={isFetchingNextPage} onLoadMore={loadMore} />
          </>
        )}
      </Card>
      <LeadFormDrawer state={drawer} onClose={() => setDrawer(null)} onSaved={(l) => open(l.id)} />
      <LeadQuickEntry
        open={quick}
        onClose={() => setQuick(false)}
        onSaved={(l) => open(l.id)}
        onMore={() => {
          setQuick(false);
          setDrawer({ mode: 'create' });
        }}
      />
      {canSettings ? <LeadSourcesModal open={sourcesOpen} onClose={() => setSourcesOpen(false)} /> : null}
      {canAssign ? (
        <LeadAssignModal open={assigning} leadIds={selectedIds} onClose={() => setAssigning(false)} onDone={() => setSelectedIds([])} />
      ) : null}
    </PageContainer>
  );
}
