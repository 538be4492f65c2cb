import type { ReactNode } from 'react';
import { Button, DatePicker, Flex, Input, InputNumber, Select, Tooltip, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import { DeleteOutlined, InfoCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { formatTaxRate } from '../products/components/product-format.ts';

/**
 * The cells that the line editors of quotes, contracts and requirements share: a line from the
 * catalogue or typed as free text, its quantity, price, tax rate and date, and its removal.
 */

const TAX_RATES = ['0.13', '0.09', '0.06', '0.03', '0.01', '0'];

/** Changing and removing the lines of an editor, each found by its key. */
export function lineEdits<L extends { key: string }>(lines: L[], onChange: (lines: L[]) => void) {
  return {
    update: (key: string, patch: Partial<L>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l))),
    remove: (key: string) => onChange(lines.filter((l) => l.key !== key)),
  };
}

interface LineText {
  name: string;
  materialCode: string | null;
  spec: string | null;
  unit: string | null;
}

/** A catalogue line: its name, and its material code, specification and unit under it. */
export function CatalogueLineTitle({ line }: { line: LineText }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word' }}>
        {line.name}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[line.materialCode, line.spec, line.unit].filter(Boolean).join(' · ')}
      </Typography.Text>
    </div>
  );
}

interface EditableLineTitleProps {
  line: LineText & { productId: string | null };
  onChange: (patch: { name?: string; spec?: string; unit?: string }) => void;
  placeholders: { name: string; spec: string; unit: string };
  /** How a free-text line without a name is marked. */
  nameStatus: 'error' | 'warning';
  maxLengths?: { name: number; spec: number; unit: number };
  nameTestId: string;
}

/** A catalogue line's title, or the name, specification and unit of a free-text line as inputs. */
export function EditableLineTitle({ line, onChange, placeholders, nameStatus, maxLengths, nameTestId }: EditableLineTitleProps) {
  if (line.productId) return <CatalogueLineTitle line={line} />;
  return (
    <Flex vertical gap={4}>
      <Input
        value={line.name}
        placeholder={placeholders.name}
        onChange={(e) => onChange({ name: e.target.value })}
        status={line.name.trim() === '' ? nameStatus : undefined}
        maxLength={maxLengths?.name}
        data-testid={nameTestId}
      />
      <Flex gap={4}>
        <Input
          value={line.spec ?? ''}
          placeholder={placeholders.spec}
          onChange={(e) => onChange({ spec: e.target.value })}
          maxLength={maxLengths?.spec}
        />
        <Input
          value={line.unit ?? ''}
          placeholder={placeholders.unit}
          onChange={(e) => onChange({ unit: e.target.value })}
          style={{ width: 72, flex: 'none' }}
          maxLength={maxLengths?.unit}
        />
      </Flex>
    </Flex>
  );
}

type Size = 'large' | 'middle';
type Status = 'error' | 'warning' | undefined;

interface LineQtyInputProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  testId: string;
  status?: Status;
  step?: string;
  size?: Size;
  placeholder?: string;
  inputMode?: 'decimal';
}

/** A line's quantity, as decimal text. */
export function LineQtyInput({ value, onChange, label, testId, status, step, size, placeholder, inputMode }: LineQtyInputProps) {
  return (
    <InputNumber<string>
      stringMode
      size={size}
      min="0.0001"
      max="999999999999"
      step={step}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      placeholder={placeholder}
      aria-label={label}
      status={status}
      style={{ width: '100%' }}
      inputMode={inputMode}
      data-testid={testId}
    />
  );
}

interface LineDecimalInputProps {
  /** '' when not given: the placeholder shows what applies then. */
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  label: string;
  testId: string;
  max?: string;
  status?: Status;
}

/** An optional decimal of a line (a price, a discount) that cannot be negative. */
export function LineDecimalInput({ value, onChange, placeholder, label, testId, max, status }: LineDecimalInputProps) {
  return (
    <InputNumber<string>
      stringMode
      min="0"
      max={max}
      value={value === '' ? null : value}
      placeholder={placeholder}
      onChange={(v) => onChange(v ?? '')}
      status={status}
      style={{ width: '100%' }}
      aria-label={label}
      data-testid={testId}
    />
  );
}

/** A line's tax rate; '' shows the rate that applies without one (`fallback`). */
export function TaxRateSelect({
  value,
  fallback,
  onChange,
  label,
}: {
  value: string;
  fallback: string | null | undefined;
  onChange: (value: string) => void;
  label: string;
}) {
  return (
    <Select
      value={value === '' ? (fallback ?? undefined) : value}
      onChange={(v: string) => onChange(v)}
      options={TAX_RATES.map((r) => ({ value: r, label: formatTaxRate(r) }))}
      style={{ width: '100%' }}
      aria-label={label}
    />
  );
}

interface LineDateInputProps {
  /** 'YYYY-MM-DD' or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  label?: string;
  placeholder?: string;
  testId?: string;
  status?: Status;
  size?: Size;
  inputReadOnly?: boolean;
}

/** A line's date. */
export function LineDateInput({ value, onChange, label, placeholder, testId, status, size, inputReadOnly }: LineDateInputProps) {
  return (
    <DatePicker
      size={size}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      placeholder={placeholder}
      inputReadOnly={inputReadOnly}
      status={status}
      style={{ width: '100%' }}
      aria-label={label}
      data-testid={testId}
    />
  );
}

/** The bin that removes a line. */
export function RemoveLineButton({ onClick, label, testId }: { onClick: () => void; label: string; testId?: string }) {
  return <Button type="text" danger icon={<DeleteOutlined />} onClick={onClick} aria-label={label} data-testid={testId} />;
}

/** The top of a line's card on phones: its number, its title and an action (or tags) on the right. */
export function LineCardHeader({ position, title, extra }: { position: number; title: ReactNode; extra: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={8}>
      <Typography.Text type="secondary">{position}.</Typography.Text>
      <div style={{ flex: 1, minWidth: 0 }}>{title}</div>
      {extra}
    </Flex>
  );
}

/** The inputs of a line on phones, each with its label above (the grid's layout is the class's). */
export function LineFieldGrid({ className, fields }: { className: string; fields: { label: string; input: ReactNode }[] }) {
  return (
    <div className={className}>
      {fields.map(({ label, input }) => (
        <label key={label}>
          <span>{label}</span>
          {input}
        </label>
      ))}
    </div>
  );
}

/** The first column of a lines table: the line's number, from 1. */
export function positionColumn<L>(title: string): TableColumnType<L> {
  return { title, width: 44, render: (_v, _l, i) => i + 1 };
}

/** The unit price column's header, with the hint on how a price is found. */
export function UnitPriceHeader({ label, hint }: { label: string; hint: string }) {
  return (
    <Tooltip title={hint}>
      {label} <InfoCircleOutlined />
    </Tooltip>
  );
}
