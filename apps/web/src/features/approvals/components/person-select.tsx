import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { renderUserOption } from '../../users/components/user-select.tsx';
import { usePeopleSearch } from '../api/approvals.queries.ts';

interface PersonSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  excludeIds?: readonly string[];
  id?: string;
  'data-testid'?: string;
}

/** Picks an active user by name; open to every signed-in user (approvals hand work on to anyone). */
export function PersonSelect({ value, onChange, excludeIds, id, 'data-testid': testId }: PersonSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search, 300);
  const people = usePeopleSearch(q, open);
  const options = (people.data ?? [])
    .filter((p) => !excludeIds?.includes(p.id))
    .map((p) => ({ value: p.id, label: p.displayName, title: p.departmentName }));
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      onOpenChange={setOpen}
      options={options}
      optionRender={renderUserOption}
      loading={people.isFetching}
      placeholder={t('approvals.dialog.personPlaceholder')}
      allowClear
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
