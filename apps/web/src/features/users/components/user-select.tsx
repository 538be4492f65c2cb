import { useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useUserOptions } from '../api/users.queries.ts';

export interface UserOption {
  id: string;
  name: string;
}

interface UserSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The currently chosen user, so that its name shows before any search has run. */
  current?: UserOption | null;
  placeholder?: string;
  /** Users that may not be chosen (e.g. the user being edited as their own manager). */
  excludeIds?: readonly string[];
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** A user option of a select: the name, and the department under it. */
export function renderUserOption(option: { data: { label?: React.ReactNode; title?: string } }) {
  return (
    <div>
      <div>{option.data.label}</div>
      {option.data.title ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {option.data.title}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** Picks one active user by searching the server (name, username, email, mobile). */
export function UserSelect({
  value,
  onChange,
  current,
  placeholder,
  excludeIds,
  allowClear = true,
  id,
  style,
  'data-testid': testId,
}: UserSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search, 300);
  const users = useUserOptions(q, { enabled: open });

  const options = useMemo(() => {
    const list = (users.data ?? [])
      .filter((u) => !excludeIds?.includes(u.id))
      .map((u) => ({
        value: u.id,
        label: `${u.displayName} (${u.username})`,
        title: u.departmentName,
      }));
    if (current && value === current.id && !list.some((o) => o.value === current.id)) {
      list.unshift({ value: current.id, label: current.name, title: '' });
    }
    return list;
  }, [users.data, excludeIds, current, value]);

  return (
    <Select<string>
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      onClear={() => onChange?.(null)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('users.managerPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      loading={users.isFetching}
      options={options}
      notFoundContent={users.isFetching ? t('common.loading') : t('common.empty')}
      optionRender={renderUserOption}
      style={{ width: '100%', ...style }}
    />
  );
}
