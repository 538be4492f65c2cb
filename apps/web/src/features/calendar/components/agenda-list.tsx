import { useEffect, useRef } from 'react';
import { Empty, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarEvent } from '@crm/contracts';
import { DATE } from '../calendar-dates.ts';
import { EventCard } from './event-card.tsx';

interface Props {
  days: Dayjs[];
  today: Dayjs;
  selected: string;
  eventsByDate: Map<string, TCalendarEvent[]>;
  /** Days without entries get a line of their own (a week); otherwise only days with entries, today and the chosen day (a month). */
  showEmptyDays: boolean;
  onOpen: (taskId: string) => void;
  onAdd?: (day: Dayjs) => void;
}

/** The phone's calendar: one section per day, entries by time, a "+" to add a task on that day. */
export function AgendaList({ days, today, selected, eventsByDate, showEmptyDays, onOpen, onAdd }: Props) {
  const { t } = useTranslation();
  const selectedRef = useRef<HTMLElement | null>(null);
  const mounted = useRef(false);
  const shown = days.filter((d) => {
    const date = d.format(DATE);
    return showEmptyDays || (eventsByDate.get(date)?.length ?? 0) > 0 || date === selected;
  });

  // A day picked above scrolls into view; the page does not jump when it opens.
  useEffect(() => {
    if (mounted.current) selectedRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    mounted.current = true;
  }, [selected]);

  if (shown.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.emptyRange')} style={{ padding: '24px 0' }} />;
  }
  return (
    <div className="calendar-agenda" data-testid="calendar-agenda">
      {shown.map((day) => {
        const date = day.format(DATE);
        const events = eventsByDate.get(date) ?? [];
        const isToday = day.isSame(today, 'day');
        return (
          <section
            key={date}
            className={`calendar-agenda-day${date === selected ? ' is-selected' : ''}${events.length === 0 ? ' is-empty' : ''}`}
            ref={date === selected ? selectedRef : undefined}
            data-testid="calendar-day"
            data-date={date}
          >
            <header className="calendar-agenda-head">
              <span className="calendar-agenda-date">{day.format(t('calendar.dayFormat'))}</span>
              {isToday ? <Tag color="blue">{t('calendar.today')}</Tag> : null}
              {events.length === 0 ? <span className="calendar-agenda-empty">{t('calendar.noEvents')}</span> : null}
              {onAdd ? (
                <button
                  type="button"
                  className="calendar-add is-visible"
                  aria-label={t('calendar.addOnDay')}
                  onClick={() => onAdd(day)}
                  data-testid="calendar-day-add"
                >
                  <PlusOutlined />
                </button>
              ) : null}
            </header>
            {events.length > 0 ? (
              <div className="calendar-agenda-events">
                {events.map((e) => (
                  <EventCard key={e.task.id} event={e} onOpen={onOpen} />
                ))}
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
