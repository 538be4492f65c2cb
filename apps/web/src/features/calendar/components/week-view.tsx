import { Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarEvent } from '@crm/contracts';
import { DATE, weekdayKey } from '../calendar-dates.ts';
import { EventCard } from './event-card.tsx';

interface Props {
  days: Dayjs[];
  today: Dayjs;
  selected: string;
  eventsByDate: Map<string, TCalendarEvent[]>;
  onSelectDay: (date: string) => void;
  onOpen: (taskId: string) => void;
  onAdd?: (day: Dayjs) => void;
}

/** 周视图: seven columns, each day's entries by time with their details. */
export function WeekView({ days, today, selected, eventsByDate, onSelectDay, onOpen, onAdd }: Props) {
  const { t } = useTranslation();
  return (
    <div className="calendar-week" data-testid="calendar-week">
      {days.map((day) => {
        const date = day.format(DATE);
        const events = eventsByDate.get(date) ?? [];
        const classes = ['calendar-week-day', date === selected ? 'is-selected' : '', day.isSame(today, 'day') ? 'is-today' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <div key={date} className={classes} onClick={() => onSelectDay(date)} data-testid="calendar-day" data-date={date}>
            <div className="calendar-week-head">
              <span className="calendar-week-name">{t(`calendar.weekdayLong.${weekdayKey(day)}`)}</span>
              <span className="calendar-day-number">{day.date()}</span>
              {onAdd ? (
                <Tooltip title={t('calendar.addOnDay')}>
                  <button
                    type="button"
                    className="calendar-add is-visible"
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
            <div className="calendar-week-body">
              {events.map((e) => (
                <EventCard key={e.task.id} event={e} onOpen={onOpen} compact />
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
