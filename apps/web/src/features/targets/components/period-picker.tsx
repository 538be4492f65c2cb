import { Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { parsePeriod, periodOf, subPeriods, type TPeriodKind } from '@crm/contracts';
import { monthLabel } from './target-format.ts';

/** Today's period of a kind, in the browser's calendar (the server keeps the business dates). */
export function currentPeriod(kind: TPeriodKind, today = new Date()): string {
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return periodOf(iso, kind);
}

interface PeriodPickerProps {
  value: string;
  onChange: (period: string) => void;
  'data-testid'?: string;
}

/** Year, then year / quarter / month, then which quarter or month. */
export function PeriodPicker({ value, onChange, 'data-testid': testId }: PeriodPickerProps) {
  const { t } = useTranslation();
  const info = parsePeriod(value) ?? parsePeriod(currentPeriod('quarter'))!;
  const thisYear = new Date().getFullYear();
  const years = [thisYear - 2, thisYear - 1, thisYear, thisYear + 1];
  if (!years.includes(info.year)) years.push(info.year);

  const setKind = (kind: TPeriodKind) => {
    if (kind === info.kind) return;
    // Keep the part of the year already chosen where there is one.
    const anchor = `${info.from.slice(0, 4)}-${info.from.slice(5, 7)}-01`;
    const sameYearNow = info.year === thisYear ? currentPeriod(kind) : periodOf(anchor, kind);
    onChange(sameYearNow);
  };
  const setYear = (year: number) => onChange(info.kind === 'year' ? String(year) : `${year}${value.slice(4)}`);
  const options =
    info.kind === 'year'
      ? []
      : subPeriods(String(info.year))
          .flatMap((q) => (info.kind === 'quarter' ? [q] : subPeriods(q)))
          .map((p) => ({
            value: p,
            label: info.kind === 'quarter' ? t('targets.period.quarterShort', { quarter: Number(p.slice(6)) }) : monthLabel(t, p),
          }));

  return (
    <Space wrap size={8} data-testid={testId}>
      <Select
        value={info.year}
        onChange={setYear}
        options={years.sort().map((y) => ({ value: y, label: t('targets.period.yearValue', { year: y }) }))}
        style={{ width: 104 }}
        aria-label={t('targets.period.year')}
        data-testid={testId ? `${testId}-year` : undefined}
      />
      <Segmented<TPeriodKind>
        value={info.kind}
        onChange={setKind}
        options={[
          { value: 'year', label: t('targets.period.year') },
          { value: 'quarter', label: t('targets.period.quarter') },
          { value: 'month', label: t('targets.period.month') },
        ]}
        data-testid={testId ? `${testId}-kind` : undefined}
      />
      {info.kind === 'year' ? null : (
        <Select
          value={value}
          onChange={onChange}
          options={options}
          style={{ width: 112 }}
          aria-label={t('targets.period.label')}
          data-testid={testId ? `${testId}-part` : undefined}
        />
      )}
    </Space>
  );
}
