import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarEvent } from '@crm/contracts';
import { EVENT_LOOK, OVERDUE_COLOR } from '../../tasks/components/task-kind.tsx';
import { DATE, WEEKDAY_KEYS } from '../calendar-dates.ts';

interface Props {
  days: Dayjs[];
  /** Days of other months are dimmed (month view); a week shows all seven plainly. */
  anchor: Dayjs | null;
  today: Dayjs;
  selected: string;
  eventsByDate: Map<string, TCalendarEvent[]>;
  onSelectDay: (date: string) => void;
}

/** The phone's day picker: small day cells with a dot per kind of entry; the agenda below does the rest. */
export function MiniMonth({ days, anchor, today, selected, eventsByDate, onSelectDay }: Props) {
  const { t } = useTranslation();
  return (
    <div className="calendar-mini" data-testid="calendar-mini">
      {WEEKDAY_KEYS.map((k) => (
        <div key={k} className="calendar-mini-weekday">
          {t(`calendar.weekday.${k}`)}
        </div>
      ))}
      {days.map((day) => {
        const date = day.format(DATE);
        const events = eventsByDate.get(date) ?? [];
        const colors = [...new Set(events.map((e) => (e.isOverdue ? OVERDUE_COLOR : EVENT_LOOK[e.type].color)))].slice(0, 3);
        const classes = [
          'calendar-mini-day',
          anchor && !day.isSame(anchor, 'month') ? 'is-outside' : '',
          date === selected ? 'is-selected' : '',
          day.isSame(today, 'day') ? 'is-today' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <button
            key={date}
            type="button"
            className={classes}
            onClick={() => onSelectDay(date)}
            data-testid="calendar-mini-day"
            data-date={date}
          >
            <span className="calendar-mini-number">{day.date()}</span>
            <span className="calendar-mini-dots">
              {colors.map((c) => (
                <i key={c} style={{ background: c }} />
              ))}
            </span>
          </button>
        );
      })}
    </div>
  );
}
