import { DatePicker, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';

const DATE_TIME = 'YYYY-MM-DD HH:mm';
const NATIVE = 'YYYY-MM-DDTHH:mm';

interface Props {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  allowClear?: boolean;
  /** Whole days before this one cannot be chosen. */
  notBefore?: Dayjs;
  /** Whole days after this one cannot be chosen. */
  notAfter?: Dayjs;
  'data-testid'?: string;
}

/**
 * A date and time. Phones get the system's own picker (a calendar popup with time columns does not
 * fit 375 px); desktops get antd's.
 */
export function DateTimeField({ value, onChange, allowClear = true, notBefore, notAfter, 'data-testid': testId }: Props) {
  const isMobile = useIsMobile();
  if (isMobile) {
    return (
      <Input
        type="datetime-local"
        value={value ? value.format(NATIVE) : ''}
        min={notBefore ? notBefore.startOf('day').format(NATIVE) : undefined}
        max={notAfter ? notAfter.endOf('day').format(NATIVE) : undefined}
        onChange={(e) => {
          const next = e.target.value ? dayjs(e.target.value, NATIVE) : null;
          if (next || allowClear) onChange?.(next);
        }}
        data-testid={testId}
      />
    );
  }
  return (
    <DatePicker
      value={value ?? null}
      onChange={(next) => onChange?.(next)}
      showTime={{ format: 'HH:mm', defaultValue: dayjs('09:00', 'HH:mm') }}
      format={DATE_TIME}
      allowClear={allowClear}
      disabledDate={(d) => (notBefore ? d.isBefore(notBefore, 'day') : false) || (notAfter ? d.isAfter(notAfter, 'day') : false)}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
