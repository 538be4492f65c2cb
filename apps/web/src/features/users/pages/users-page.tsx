import { useMemo, useState } from 'react';
import { Button, Card, Flex, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Permission, ZUserSortValues, type TUser } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useUsers, type UserFilters, type UserSort } from '../api/users.queries.ts';
import { UserCardList } from '../components/user-card-list.tsx';
import { UserFilterBar } from '../components/user-filter-bar.tsx';
import { filtersFromParams, filtersToParams } from '../components/user-filters.ts';
import { UserFormDrawer, type UserDrawerState } from '../components/user-form-drawer.tsx';
import { ResetPasswordModal } from '../components/reset-password-modal.tsx';
import { UsersTable } from '../components/users-table.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const canManage = usePermission(Permission.userManage);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const users = useUsers(filters);
  const items = flattenPages(users.data);
  const [drawer, setDrawer] = useState<UserDrawerState>(null);
  const [resetting, setResetting] = useState<TUser | null>(null);

  const setFilters = (next: UserFilters) => setParams(filtersToParams(next), { replace: true });
  const setSort = (sort: UserSort) => setFilters({ ...filters, sort });
  const sortLabels: Record<UserSort, string> = {
    username: `${t('users.username')} ↑`,
    '-username': `${t('users.username')} ↓`,
    displayName: `${t('users.displayName')} ↑`,
    '-displayName': `${t('users.displayName')} ↓`,
    createdAt: `${t('common.createdAt')} ↑`,
    '-createdAt': `${t('common.createdAt')} ↓`,
  };

  return (
    <PageContainer
      title={t('users.title')}
      extra={
        canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ mode: 'create', departmentId: filters.departmentId })}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <UserFilterBar filters={filters} onChange={setFilters} />
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <>
            {isMobile ? (
              <>
                <Flex justify="flex-end" style={{ marginBottom: 8 }}>
                  <Select<UserSort>
                    size="small"
                    value={filters.sort}
                    onChange={setSort}
                    options={ZUserSortValues.map((v) => ({ value: v, label: sortLabels[v] }))}
                    aria-label={t('users.sortBy')}
                    style={{ minWidth: 140 }}
                  />
                </Flex>
                <UserCardList
                  users={items}
                  loading={users.isPending}
                  canManage={canManage}
                  onEdit={(user) => setDrawer({ mode: 'edit', user })}
                  onResetPassword={setResetting}
                />
              </>
            ) : (
              <UsersTable
                users={items}
                loading={users.isPending || (users.isFetching && !users.isFetchingNextPage && users.isPlaceholderData)}
                sort={filters.sort}
                onSortChange={setSort}
                canManage={canManage}
                onEdit={(user) => setDrawer({ mode: 'edit', user })}
                onResetPassword={setResetting}
              />
            )}
            <LoadMore
              count={items.length}
              hasMore={!!users.hasNextPage}
              loading={users.isFetchingNextPage}
              onLoadMore={() => void users.fetchNextPage()}
            />
          </>
        )}
      </Card>
      <UserFormDrawer state={drawer} onClose={() => setDrawer(null)} onSaved={() => setDrawer(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </PageContainer>
  );
}
