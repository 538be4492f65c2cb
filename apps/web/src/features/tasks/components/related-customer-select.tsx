import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCustomer, TPage } from '@crm/contracts';
import { api } from '../../../shared/api/api-client.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';

export interface RelatedPick {
  id: string;
  label: string;
}

interface Props {
  value?: RelatedPick | null;
  onChange?: (value: RelatedPick | null) => void;
  id?: string;
}

/** A customer the user sees, searched on the server, for a task written down from the calendar or the task list. */
export function RelatedCustomerSelect({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search, 300);
  const customers = useQuery({
    queryKey: ['customers', 'list', 'task-link', q],
    queryFn: ({ signal }) => api.get<TPage<TCustomer>>('/customers', { q: q.trim() || undefined, limit: 20 }, { signal }),
    select: (page) => page.items,
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const list = (customers.data ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (value && !list.some((o) => o.value === value.id)) list.unshift({ value: value.id, label: value.label });
    return list;
  }, [customers.data, value]);
  return (
    <Select<string>
      id={id}
      allowClear
      value={value?.id}
      placeholder={t('calendar.task.relatedSearch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      loading={customers.isFetching}
      options={options}
      notFoundContent={customers.isFetching ? t('common.loading') : t('common.empty')}
      onChange={(v) => {
        const picked = options.find((o) => o.value === v);
        onChange?.(picked ? { id: picked.value, label: picked.label } : null);
      }}
      style={{ width: '100%' }}
      data-testid="task-related-customer"
    />
  );
}
