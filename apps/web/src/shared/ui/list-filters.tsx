import type { CSSProperties, ReactNode } from 'react';
import { Checkbox, Input, Select } from 'antd';

interface ListSearchProps {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  style: CSSProperties;
  size?: 'large' | 'middle';
  testId: string;
}

/** The search box of a list page. */
export function ListSearch({ value, onChange, placeholder, style, size, testId }: ListSearchProps) {
  return (
    <Input.Search
      allowClear
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      style={style}
      size={size}
      data-testid={testId}
    />
  );
}

interface StatusFilterProps<S extends string> {
  statuses: readonly S[];
  label: (status: S) => string;
  value: S[] | undefined;
  onChange: (statuses: S[]) => void;
  placeholder: string;
  style: CSSProperties;
  testId?: string;
}

/** Any number of statuses of a list page; none is all. */
export function StatusFilter<S extends string>({ statuses, label, value, onChange, placeholder, style, testId }: StatusFilterProps<S>) {
  return (
    <Select<S[]>
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={onChange}
      placeholder={placeholder}
      options={statuses.map((s) => ({ value: s, label: label(s) }))}
      style={style}
      maxTagCount="responsive"
      data-testid={testId}
    />
  );
}

interface SortSelectProps<S extends string> {
  sorts: readonly S[];
  label: (sort: S) => string;
  value: S;
  onChange: (sort: S) => void;
  style: CSSProperties;
  ariaLabel: string;
}

/** The order of a list page. */
export function SortSelect<S extends string>({ sorts, label, value, onChange, style, ariaLabel }: SortSelectProps<S>) {
  return (
    <Select<S>
      value={value}
      onChange={onChange}
      options={sorts.map((s) => ({ value: s, label: label(s) }))}
      style={style}
      aria-label={ariaLabel}
    />
  );
}

/** A yes-only filter ("mine"): checked sets it, unchecked leaves it out of the filters. */
export function FlagFilter({
  checked,
  onChange,
  children,
}: {
  checked: boolean | undefined;
  onChange: (checked: true | undefined) => void;
  children: ReactNode;
}) {
  return (
    <Checkbox checked={!!checked} onChange={(e) => onChange(e.target.checked || undefined)}>
      {children}
    </Checkbox>
  );
}
