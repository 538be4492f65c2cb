import { Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarEvent } from '@crm/contracts';
import { DATE, WEEKDAY_KEYS } from '../calendar-dates.ts';
import { EventChip } from './event-chip.tsx';

/** Entries shown in a cell before "N more". */
const PER_CELL = 3;

interface Props {
  days: Dayjs[];
  anchor: Dayjs;
  today: Dayjs;
  selected: string;
  eventsByDate: Map<string, TCalendarEvent[]>;
  onSelectDay: (date: string) => void;
  onOpen: (taskId: string) => void;
  onAdd?: (day: Dayjs) => void;
}

/** 月视图: whole weeks, Monday first; a click on a day selects it, on an entry opens it. */
export function MonthGrid({ days, anchor, today, selected, eventsByDate, onSelectDay, onOpen, onAdd }: Props) {
  const { t } = useTranslation();
  return (
    <div className="calendar-month" data-testid="calendar-month">
      {WEEKDAY_KEYS.map((k) => (
        <div key={k} className={`calendar-weekday${k === 'sat' || k === 'sun' ? ' is-weekend' : ''}`}>
          {t(`calendar.weekdayLong.${k}`)}
        </div>
      ))}
      {days.map((day) => {
        const date = day.format(DATE);
        const events = eventsByDate.get(date) ?? [];
        const outside = !day.isSame(anchor, 'month');
        const isToday = day.isSame(today, 'day');
        const classes = ['calendar-cell', outside ? 'is-outside' : '', date === selected ? 'is-selected' : '', isToday ? 'is-today' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <div
            key={date}
            className={classes}
            role="button"
            tabIndex={0}
            aria-label={day.format('YYYY-MM-DD')}
            onClick={() => onSelectDay(date)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') onSelectDay(date);
            }}
            data-testid="calendar-day"
            data-date={date}
          >
            <div className="calendar-cell-head">
              <span className="calendar-day-number">{day.date()}</span>
              {onAdd ? (
                <Tooltip title={t('calendar.addOnDay')}>
                  <button
                    type="button"
                    className="calendar-add"
                    aria-label={t('calendar.addOnDay')}
                    onClick={(e) => {
                      e.stopPropagation();
                      onAdd(day);
                    }}
                    data-testid="calendar-day-add"
                  >
                    <PlusOutlined />
                  </button>
                </Tooltip>
              ) : null}
            </div>
            <div className="calendar-cell-events">
              {events.slice(0, PER_CELL).map((e) => (
                <EventChip key={e.task.id} event={e} onOpen={onOpen} />
              ))}
              {events.length > PER_CELL ? (
                <span className="calendar-more">{t('calendar.more', { count: events.length - PER_CELL })}</span>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}
