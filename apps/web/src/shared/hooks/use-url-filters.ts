import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from './use-debounced-value.ts';

/**
 * A list's filters kept in the address bar: read with `filtersFrom`, written back with `toParams`. The
 * search text is typed into `q` and reaches the `effective` filters 300 ms after the last key.
 */
export function useUrlFilters<F extends { q?: string }>(
  filtersFrom: (params: URLSearchParams) => F,
  toParams: (filters: F) => URLSearchParams,
  { trimSearch = false }: { trimSearch?: boolean } = {},
) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [filtersFrom, params]);
  const [q, setQ] = useState(filters.q ?? '');
  const debounced = useDebouncedValue(q, 300);
  const effective: F = useMemo(
    () => ({ ...filters, q: (trimSearch ? debounced.trim() : debounced) || undefined }),
    [filters, debounced, trimSearch],
  );
  const set = (next: Partial<F>) => setParams(toParams({ ...effective, ...next }), { replace: true });
  return { filters, effective, q, setQ, set };
}
