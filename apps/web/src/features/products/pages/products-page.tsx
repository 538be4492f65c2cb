import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Col, Flex, Input, Row, Select, Typography } from 'antd';
import { AppstoreOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  Permission,
  ZProductSortValues,
  ZProductStatusValues,
  type TProduct,
  type TProductSort,
  type TProductStatus,
} from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useViewportHeight } from '../../../shared/hooks/use-viewport-height.ts';
import { currentLanguage } from '../../../shared/i18n/i18n.ts';
import { LoadMore } from '../../../shared/ui/load-more.tsx';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { productExportUrl, useProductCategories, useProducts } from '../api/products.queries.ts';
import { CategoryManagerModal } from '../components/category-manager-modal.tsx';
import { ProductCardList } from '../components/product-card-list.tsx';
import { ProductFormDrawer, type ProductDrawerState } from '../components/product-form-drawer.tsx';
import { ProductImportModal } from '../components/product-import-modal.tsx';
import { ProductsTable } from '../components/products-table.tsx';

/** The product catalogue: search and filters, a virtualised table (cards on phones), edit, import and export. */
export function ProductsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const viewport = useViewportHeight();
  const canWrite = usePermission(Permission.productWrite);
  const canExport = usePermission(Permission.productExport);
  const categories = useProductCategories();
  const [q, setQ] = useState('');
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<TProductStatus[]>([]);
  const [sort, setSort] = useState<TProductSort>('materialCode');
  const search = useDebouncedValue(q, 300);
  const filters = useMemo(() => ({ q: search, categoryIds, statuses, sort }), [search, categoryIds, statuses, sort]);
  const products = useProducts(filters);
  const items = useMemo(() => flattenPages(products.data), [products.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = products;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const [drawer, setDrawer] = useState<ProductDrawerState>(null);
  const [importing, setImporting] = useState(false);
  const [managingCategories, setManagingCategories] = useState(false);
  const open = (product: TProduct) => setDrawer({ mode: 'edit', product });

  const sortLabels: Record<TProductSort, string> = {
    materialCode: t('products.sort.materialCode'),
    '-materialCode': t('products.sort.-materialCode'),
    name: t('products.sort.name'),
    '-name': t('products.sort.-name'),
    listPrice: t('products.sort.listPrice'),
    '-listPrice': t('products.sort.-listPrice'),
    updatedAt: t('products.sort.updatedAt'),
    '-updatedAt': t('products.sort.-updatedAt'),
  };

  return (
    <PageContainer
      title={t('products.title')}
      extra={
        <>
          {canWrite ? (
            <Button icon={<AppstoreOutlined />} onClick={() => setManagingCategories(true)} data-testid="product-categories">
              {t('products.categories')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="product-import">
              {t('products.import')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })} data-testid="product-create">
              {t('products.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }} style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={10}>
            <Input.Search
              allowClear
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('products.searchPlaceholder')}
              aria-label={t('products.searchPlaceholder')}
              data-testid="product-search"
            />
          </Col>
          <Col xs={24} sm={14} md={8}>
            <Select<string[]>
              mode="multiple"
              allowClear
              value={categoryIds}
              onChange={setCategoryIds}
              placeholder={t('products.allCategories')}
              options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              maxTagCount="responsive"
              style={{ width: '100%' }}
              data-testid="product-filter-category"
            />
          </Col>
          <Col xs={24} sm={10} md={6}>
            <Select<TProductStatus[]>
              mode="multiple"
              allowClear
              value={statuses}
              onChange={setStatuses}
              placeholder={t('products.allStatuses')}
              options={ZProductStatusValues.map((s) => ({ value: s, label: t(`products.statusValue.${s}`) }))}
              style={{ width: '100%' }}
              data-testid="product-filter-status"
            />
          </Col>
        </Row>
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('common.loadedCount', { count: items.length })}</Typography.Text>
          <Flex gap={8} wrap>
            <Select<TProductSort>
              value={sort}
              onChange={setSort}
              options={ZProductSortValues.map((v) => ({ value: v, label: sortLabels[v] }))}
              prefix={<span style={{ color: 'rgba(0, 0, 0, 0.45)' }}>{t('products.sortBy')}</span>}
              popupMatchSelectWidth={false}
              style={{ minWidth: 170 }}
              data-testid="product-sort"
            />
            {canExport ? (
              <Button icon={<DownloadOutlined />} href={productExportUrl(filters, currentLanguage())} download data-testid="product-export">
                {t('products.export')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
        {products.isError ? (
          <QueryError error={products.error} onRetry={() => void products.refetch()} />
        ) : isMobile ? (
          <ProductCardList products={items} loading={products.isPending} onOpen={open} />
        ) : (
          <ProductsTable
            products={items}
            loading={products.isPending || (products.isFetching && !isFetchingNextPage && products.isPlaceholderData)}
            height={Math.max(320, viewport - 330)}
            sort={sort}
            onSortChange={setSort}
            onOpen={open}
            onNearEnd={loadMore}
          />
        )}
        <LoadMore count={items.length} hasMore={!!hasNextPage} loading={isFetchingNextPage} onLoadMore={loadMore} />
      </Card>
      <ProductFormDrawer state={drawer} onClose={() => setDrawer(null)} />
      <ProductImportModal open={importing} onClose={() => setImporting(false)} />
      <CategoryManagerModal open={managingCategories} onClose={() => setManagingCategories(false)} />
    </PageContainer>
  );
}
