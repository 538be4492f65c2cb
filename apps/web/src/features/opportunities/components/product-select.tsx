import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { TPage, TProduct } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';

interface Props {
  value?: string;
  onChange?: (id: string | undefined, product?: TProduct) => void;
  initialLabel?: string | null;
  placeholder?: string;
}

/** An active catalogue product, searched by material code or name. */
export function ProductSelect({ value, onChange, initialLabel, placeholder }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const found = useQuery({
    queryKey: ['products', 'options', q],
    queryFn: ({ signal }) => api.get<TPage<TProduct>>('/products', { q: q.trim() || undefined, status: 'active', limit: 20 }, { signal }),
    select: (page) => page.items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const map = new Map<string, string>();
    if (value && initialLabel) map.set(value, initialLabel);
    for (const p of found.data ?? []) map.set(p.id, `${p.materialCode} ${p.name}`);
    return [...map].map(([id, label]) => ({ value: id, label }));
  }, [found.data, value, initialLabel]);
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(id) =>
        onChange?.(
          id,
          found.data?.find((p) => p.id === id),
        )
      }
      options={options}
      loading={found.isFetching}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
    />
  );
}
