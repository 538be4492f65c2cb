import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useUser, useUserOptions } from '../../users/api/users.queries.ts';

interface Props {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  placeholder: string;
  style?: React.CSSProperties;
}

/** One owner, searched on the server (for managers narrowing the list or the board to a rep). */
export function OwnerSelect({ value, onChange, placeholder, style }: Props) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search, 300);
  const users = useUserOptions(q, { enabled: open });
  const chosen = useUser(value ?? null);
  const options = useMemo(() => {
    const map = new Map<string, string>();
    if (chosen.data) map.set(chosen.data.id, chosen.data.displayName);
    for (const u of users.data ?? []) map.set(u.id, `${u.displayName} (${u.username})`);
    return [...map].map(([id, label]) => ({ value: id, label }));
  }, [chosen.data, users.data]);
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      options={options}
      loading={users.isFetching}
      onOpenChange={setOpen}
      onChange={(id) => onChange(id || undefined)}
      placeholder={placeholder}
      aria-label={placeholder}
      style={style}
      data-testid="opportunity-owner-filter"
    />
  );
}
