import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPage, TUser } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { renderUserOption } from '../../users/components/user-select.tsx';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  /** The chosen user's name, shown before any search ran (editing a task). */
  currentName?: string | null;
  id?: string;
  'data-testid'?: string;
}

/**
 * Whom a task can go to: myself, or an active colleague within my data scope (a manager sees the
 * department subtree; a director or administrator everyone). The server checks the same rule.
 */
export function AssigneeSelect({ value, onChange, currentName, id, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search, 300);
  const users = useQuery({
    queryKey: ['users', 'list', 'options', 'assignees', me.dataScope, me.departmentId, q],
    queryFn: ({ signal }) =>
      api.get<TPage<TUser>>(
        '/users',
        {
          q: q.trim() || undefined,
          isActive: 'true',
          limit: 30,
          sort: 'displayName',
          departmentId: me.dataScope === 'department' ? me.departmentId : undefined,
          includeSubDepartments: me.dataScope === 'department' ? 'true' : undefined,
        },
        { signal },
      ),
    select: (page) => page.items,
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const options = useMemo(() => {
    const list = [{ value: me.id, label: `${me.displayName}（${t('calendar.task.assigneeMe')}）`, title: me.departmentName }];
    for (const u of users.data ?? []) {
      if (u.id !== me.id) list.push({ value: u.id, label: `${u.displayName} (${u.username})`, title: u.departmentName });
    }
    if (value && currentName && !list.some((o) => o.value === value)) list.push({ value, label: currentName, title: '' });
    return list;
  }, [users.data, me, t, value, currentName]);

  return (
    <Select<string>
      id={id}
      data-testid={testId}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      loading={users.isFetching}
      options={options}
      notFoundContent={users.isFetching ? t('common.loading') : t('common.empty')}
      optionRender={renderUserOption}
      style={{ width: '100%' }}
    />
  );
}
