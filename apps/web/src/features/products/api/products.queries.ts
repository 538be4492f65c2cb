import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateProduct,
  TCreateProductCategory,
  TPage,
  TProduct,
  TProductCategory,
  TProductImportReport,
  TProductSort,
  TProductStatus,
  TUpdateProduct,
  TUpdateProductCategory,
} from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';

export interface ProductFilters {
  q?: string;
  categoryIds?: string[];
  statuses?: TProductStatus[];
  sort: TProductSort;
}

export const productsQueryKeys = {
  all: ['products'] as const,
  lists: () => [...productsQueryKeys.all, 'list'] as const,
  list: (filters: ProductFilters) => [...productsQueryKeys.lists(), filters] as const,
  search: (q: string) => [...productsQueryKeys.all, 'search', q] as const,
  details: () => [...productsQueryKeys.all, 'detail'] as const,
  detail: (id: string) => [...productsQueryKeys.details(), id] as const,
  categories: () => [...productsQueryKeys.all, 'categories'] as const,
};

function listParams(filters: ProductFilters) {
  return { q: filters.q?.trim() || undefined, categoryId: filters.categoryIds, status: filters.statuses, sort: filters.sort };
}

export function useProducts(filters: ProductFilters) {
  return useInfiniteQuery({
    queryKey: productsQueryKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TProduct>>('/products', { ...listParams(filters), limit: PAGE_SIZE, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
  });
}

/** Up to 30 products matching a search, for pickers (active ones unless `includeDiscontinued`). */
export function useProductSearch(q: string, includeDiscontinued = false) {
  return useQuery({
    queryKey: [...productsQueryKeys.search(q), includeDiscontinued],
    queryFn: ({ signal }) =>
      api.get<TPage<TProduct>>(
        '/products',
        { q: q.trim() || undefined, status: includeDiscontinued ? undefined : 'active', limit: 30 },
        { signal },
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useProduct(id: string | null) {
  return useQuery({
    queryKey: productsQueryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TProduct>(`/products/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: !!id,
  });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateProduct) => api.post<TProduct>('/products', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: productsQueryKeys.all }),
  });
}

export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateProduct }) => api.patch<TProduct>(`/products/${encodeURIComponent(id)}`, body),
    onSuccess: (product) => {
      queryClient.setQueryData(productsQueryKeys.detail(product.id), product);
      void queryClient.invalidateQueries({ queryKey: productsQueryKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: [...productsQueryKeys.all, 'search'] });
    },
  });
}

export function useProductCategories() {
  return useQuery({
    queryKey: productsQueryKeys.categories(),
    queryFn: ({ signal }) => api.get<{ items: TProductCategory[] }>('/product-categories', undefined, { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateProductCategory) => api.post<TProductCategory>('/product-categories', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: productsQueryKeys.categories() }),
  });
}

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateProductCategory }) =>
      api.patch<TProductCategory>(`/product-categories/${encodeURIComponent(id)}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: productsQueryKeys.all }),
  });
}

/** Uploads an xlsx file; `dryRun` only validates. The report lists every row error. */
export function useImportProducts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<TProductImportReport>('/products/import', form, { query: { dryRun: dryRun ? 'true' : undefined } });
    },
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries({ queryKey: productsQueryKeys.all });
    },
  });
}

export function productExportUrl(filters: ProductFilters, lang: string): string {
  return apiUrl('/products/export', { ...listParams(filters), lang });
}
