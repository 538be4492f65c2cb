import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Permission, type TCustomerColumn, type TSavedView } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useViewportHeight } from '../../../shared/hooks/use-viewport-height.ts';
import { currentLanguage } from '../../../shared/i18n/i18n.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { customerExportUrl, useCustomerCount, useCustomerList, type CustomerListFilters } from '../api/customer-list.queries.ts';
import { useCustomerViews, useUpdateCustomerView } from '../api/customer-views.queries.ts';
import { CustomerCardList } from '../components/customer-card-list.tsx';
import { CustomerColumnChooser } from '../components/customer-column-chooser.tsx';
import { normaliseColumns } from '../components/customer-columns.tsx';
import { CustomerFilterBar } from '../components/customer-filter-bar.tsx';
import {
  DEFAULT_CUSTOMER_SORT,
  filtersFromView,
  parseSort,
  sameFilters,
  stateFromParams,
  stateToParams,
  type CustomerListState,
} from '../components/customer-filters.ts';
import { CustomerListToolbar } from '../components/customer-list-toolbar.tsx';
import { CustomerFormDrawer, type CustomerDrawerState } from '../components/customer-form-drawer.tsx';
import { CustomersTable } from '../components/customers-table.tsx';
import { CustomerViewsMenu } from '../components/customer-views-menu.tsx';
import { useStoredColumns } from '../components/use-stored-columns.ts';

export interface CustomersPageProps {
  /**
   * The batch actions for the selected customers (assign, grade, release to pool, tags…), shown in
   * the selection bar. `clearSelection` empties the selection, e.g. after the action is done.
   */
  renderBatchActions?: (selectedIds: string[], clearSelection: () => void) => ReactNode;
}

function stateOfView(view: TSavedView): CustomerListState {
  return { filters: filtersFromView(view.filters), sort: parseSort(view.sort) ?? DEFAULT_CUSTOMER_SORT, viewId: view.id };
}

const uniqueValues = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].slice(0, 50);

export function CustomersPage({ renderBatchActions }: CustomersPageProps) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const viewport = useViewportHeight();
  const navigate = useNavigate();
  const showError = useApiError();
  const canCreate = usePermission(Permission.customerCreate);
  const canExport = usePermission(Permission.customerExport);
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => stateFromParams(params), [params]);
  const { filters, sort } = state;

  const views = useCustomerViews();
  const current = views.data?.find((v) => v.id === state.viewId);
  const updateView = useUpdateCustomerView();

  // The default view opens the list when the address bar asks for nothing else (once per visit).
  const defaultApplied = useRef(params.size > 0);
  useEffect(() => {
    if (defaultApplied.current || !views.data) return;
    defaultApplied.current = true;
    const preferred = views.data.find((v) => v.isDefault);
    if (preferred) setParams(stateToParams(stateOfView(preferred)), { replace: true });
  }, [views.data, setParams]);

  const [storedColumns, setStoredColumns] = useStoredColumns();
  const [pendingColumns, setPendingColumns] = useState<{ viewId: string; columns: TCustomerColumn[] } | null>(null);
  const columns: TCustomerColumn[] = current
    ? pendingColumns?.viewId === current.id
      ? pendingColumns.columns
      : normaliseColumns(current.columns)
    : storedColumns;
  const changeColumns = (next: TCustomerColumn[]) => {
    if (!current) {
      setStoredColumns(next);
      return;
    }
    // Columns are part of the chosen view: saved with it at once.
    setPendingColumns({ viewId: current.id, columns: next });
    updateView.mutate(
      { id: current.id, body: { version: current.version, columns: next } },
      { onSettled: () => setPendingColumns(null), onError: (e) => showError(e) },
    );
  };

  const modified =
    !!current && (!sameFilters(filtersFromView(current.filters), filters) || (parseSort(current.sort) ?? DEFAULT_CUSTOMER_SORT) !== sort);

  const customers = useCustomerList(filters, sort);
  const count = useCustomerCount(filters);
  const items = useMemo(() => flattenPages(customers.data), [customers.data]);
  const [drawer, setDrawer] = useState<CustomerDrawerState>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = customers;

  // The selection belongs to one filtered list: another filter or sort starts with none.
  const listKey = JSON.stringify([filters, sort]);
  const [selection, setSelection] = useState<{ listKey: string; ids: string[] }>({ listKey, ids: [] });
  const selectedIds = useMemo(() => (selection.listKey === listKey ? selection.ids : []), [selection, listKey]);
  const setSelectedIds = useCallback((ids: string[]) => setSelection({ listKey, ids }), [listKey]);
  const clearSelection = useCallback(() => setSelectedIds([]), [setSelectedIds]);
  // Phones select in a mode of their own: a tap then selects a card instead of opening it.
  const [selecting, setSelecting] = useState(false);
  const toggleSelected = (id: string) =>
    setSelectedIds(selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id]);

  const setState = (next: CustomerListState) => setParams(stateToParams(next), { replace: true });
  const setFilters = (next: CustomerListFilters) => setState({ ...state, filters: next });
  const selectView = (view: TSavedView | null) => setState(view ? stateOfView(view) : { filters: {}, sort: DEFAULT_CUSTOMER_SORT });
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const open = (id: string) => void navigate(`/customers/${encodeURIComponent(id)}`);

  // The table fills the window below the filters, whose height changes with "more filters".
  const filterCardRef = useRef<HTMLDivElement>(null);
  const [filterHeight, setFilterHeight] = useState(80);
  useLayoutEffect(() => {
    const el = filterCardRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setFilterHeight(el.offsetHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const tableHeight = Math.max(320, viewport - 344 - filterHeight - (selectedIds.length > 0 ? 52 : 0));

  const suggestions = useMemo(
    () => ({
      tags: uniqueValues(items.flatMap((c) => c.tags)),
      industries: uniqueValues(items.map((c) => c.industry)),
      cities: uniqueValues(items.map((c) => c.city)),
    }),
    [items],
  );

  return (
    <PageContainer
      title={t('customers.title')}
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="customer-create">
            {t('customers.create')}
          </Button>
        ) : null
      }
    >
      <div ref={filterCardRef} style={{ paddingBottom: 16 }}>
        <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
          <CustomerFilterBar filters={filters} onChange={setFilters} suggestions={suggestions} />
        </Card>
      </div>
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {customers.isError ? (
          <QueryError error={customers.error} onRetry={() => void customers.refetch()} />
        ) : (
          <>
            <CustomerListToolbar
              mine={!!filters.mine}
              onMineChange={(mine) => setFilters({ ...filters, mine: mine || undefined })}
              sort={sort}
              onSortChange={(next) => setState({ ...state, sort: next })}
              count={count.data}
              views={
                <CustomerViewsMenu
                  views={views.data ?? []}
                  current={current}
                  modified={modified}
                  filters={filters}
                  sort={sort}
                  columns={columns}
                  onSelect={selectView}
                />
              }
              columns={isMobile ? undefined : <CustomerColumnChooser columns={columns} onChange={changeColumns} />}
              exportUrl={canExport ? customerExportUrl(filters, sort, columns, currentLanguage()) : undefined}
              extra={
                isMobile ? (
                  <Button
                    size="small"
                    type={selecting ? 'primary' : 'default'}
                    onClick={() => {
                      if (selecting) clearSelection();
                      setSelecting(!selecting);
                    }}
                    data-testid="customer-select-mode"
                  >
                    {selecting ? t('customers.list.selectDone') : t('customers.list.selectMode')}
                  </Button>
                ) : undefined
              }
            />
            {selectedIds.length > 0 ? (
              <Flex
                align="center"
                gap={12}
                wrap
                style={{ marginBottom: 12, padding: '8px 12px', background: 'rgba(22, 119, 255, 0.06)', borderRadius: 6 }}
                data-testid="customer-selection-bar"
              >
                <Typography.Text strong data-testid="customer-selection-count">
                  {t('customers.list.selected', { count: selectedIds.length })}
                </Typography.Text>
                {selectedIds.length < items.length ? (
                  <Button size="small" type="link" onClick={() => setSelectedIds(items.map((c) => c.id))} data-testid="customer-select-all">
                    {t('customers.list.selectAllLoaded', { count: items.length })}
                  </Button>
                ) : null}
                <Button size="small" type="link" onClick={clearSelection} data-testid="customer-selection-clear">
                  {t('customers.list.clearSelection')}
                </Button>
                {renderBatchActions ? (
                  <div style={{ marginInlineStart: 'auto' }}>{renderBatchActions(selectedIds, clearSelection)}</div>
                ) : null}
              </Flex>
            ) : null}
            {isMobile ? (
              <CustomerCardList
                customers={items}
                loading={customers.isPending}
                selecting={selecting}
                selectedIds={selectedIds}
                onToggle={toggleSelected}
              />
            ) : (
              <CustomersTable
                customers={items}
                loading={customers.isPending || (customers.isFetching && !isFetchingNextPage && customers.isPlaceholderData)}
                height={tableHeight}
                columns={columns}
                sort={sort}
                onSortChange={(next) => setState({ ...state, sort: next })}
                onOpen={(c) => open(c.id)}
                onNearEnd={loadMore}
                selectedIds={selectedIds}
                onSelectionChange={setSelectedIds}
              />
            )}
            <LoadMore count={items.length} hasMore={!!hasNextPage} loading={isFetchingNextPage} onLoadMore={loadMore} />
          </>
        )}
      </Card>
      <CustomerFormDrawer state={drawer} onClose={() => setDrawer(null)} onSaved={(c) => open(c.id)} />
    </PageContainer>
  );
}
