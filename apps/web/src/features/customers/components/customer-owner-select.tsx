import { useMemo, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Select } from 'antd';
import type { TUser } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useUserOptions } from '../../users/api/users.queries.ts';

interface Props {
  value: string[] | undefined;
  onChange: (ids: string[] | undefined) => void;
  placeholder: string;
  ariaLabel: string;
}

/** Several owners, searched on the server; chosen owners keep their names after a reload. */
export function CustomerOwnerSelect({ value, onChange, placeholder, ariaLabel }: Props) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search, 300);
  const users = useUserOptions(q, { enabled: open });
  const chosen = useQueries({
    queries: (value ?? []).map((id) => ({
      queryKey: ['users', 'detail', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<TUser>(`/users/${encodeURIComponent(id)}`, undefined, { signal }),
      staleTime: 300_000,
    })),
  });

  const options = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of chosen) if (c.data) map.set(c.data.id, c.data.displayName);
    for (const u of users.data ?? []) map.set(u.id, `${u.displayName} (${u.username})`);
    return [...map].map(([id, label]) => ({ value: id, label }));
  }, [chosen, users.data]);

  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      maxTagCount="responsive"
      style={{ width: '100%' }}
      placeholder={placeholder}
      value={value ?? []}
      options={options}
      loading={users.isFetching}
      onOpenChange={setOpen}
      onChange={(ids) => onChange(ids.length > 0 ? ids : undefined)}
      aria-label={ariaLabel}
      data-testid="customer-filter-owner"
    />
  );
}
