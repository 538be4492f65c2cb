import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { TCustomer, TPage } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** The chosen customer's name, known before any search (editing). */
  initialName?: string | null;
  placeholder?: string;
  disabled?: boolean;
}

/** One customer of the user's own (not pool) customers, searched on the server by name, pinyin initials or credit code. */
export function CustomerSelect({ value, onChange, initialName, placeholder, disabled }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const found = useQuery({
    queryKey: ['customers', 'options', q],
    queryFn: ({ signal }) => api.get<TPage<TCustomer>>('/customers', { q: q.trim() || undefined, inPool: 'false', limit: 20 }, { signal }),
    select: (page) => page.items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const map = new Map<string, string>();
    if (value && initialName) map.set(value, initialName);
    for (const c of found.data ?? []) map.set(c.id, c.shortName ? `${c.name}（${c.shortName}）` : c.name);
    return [...map].map(([id, label]) => ({ value: id, label }));
  }, [found.data, value, initialName]);
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(id) => onChange?.(id)}
      options={options}
      loading={found.isFetching}
      placeholder={placeholder}
      disabled={disabled}
      data-testid="opportunity-customer"
    />
  );
}
