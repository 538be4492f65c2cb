import { useCallback, useMemo, useState } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Permission } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useViewportHeight } from '../../../shared/hooks/use-viewport-height.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useCustomers, type CustomerFilters, type CustomerSort } from '../api/customers.queries.ts';
import { CustomerCardList } from '../components/customer-card-list.tsx';
import { CustomerFilterBar } from '../components/customer-filter-bar.tsx';
import { filtersFromParams, filtersToParams } from '../components/customer-filters.ts';
import { CustomerListToolbar } from '../components/customer-list-toolbar.tsx';
import { CustomerFormDrawer, type CustomerDrawerState } from '../components/customer-form-drawer.tsx';
import { CustomersTable } from '../components/customers-table.tsx';

export function CustomersPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const viewport = useViewportHeight();
  const navigate = useNavigate();
  const canCreate = usePermission(Permission.customerCreate);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const customers = useCustomers(filters);
  const items = flattenPages(customers.data);
  const [drawer, setDrawer] = useState<CustomerDrawerState>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = customers;

  const setFilters = (next: CustomerFilters) => setParams(filtersToParams(next), { replace: true });
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const open = (id: string) => void navigate(`/customers/${encodeURIComponent(id)}`);

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
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <CustomerFilterBar filters={filters} onChange={setFilters} />
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {customers.isError ? (
          <QueryError error={customers.error} onRetry={() => void customers.refetch()} />
        ) : (
          <>
            <CustomerListToolbar filters={filters} onChange={setFilters} />
            {isMobile ? (
              <CustomerCardList customers={items} loading={customers.isPending} />
            ) : (
              <CustomersTable
                customers={items}
                loading={customers.isPending || (customers.isFetching && !isFetchingNextPage && customers.isPlaceholderData)}
                height={Math.max(320, viewport - 400)}
                sort={filters.sort}
                onSortChange={(sort: CustomerSort) => setFilters({ ...filters, sort })}
                onOpen={(c) => open(c.id)}
                onNearEnd={loadMore}
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
