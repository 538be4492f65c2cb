import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarEvent } from '@crm/contracts';
import { EVENT_LOOK, OVERDUE_COLOR } from '../../tasks/components/task-kind.tsx';

/** What an entry is called: the customer for a follow-up, the task's own title otherwise. */
export function useEventTitle(): (e: TCalendarEvent) => string {
  const { t } = useTranslation();
  return (e) => (e.type === 'follow-up' && e.task.relatedLabel ? t('tasks.followUp', { label: e.task.relatedLabel }) : e.task.title);
}

interface Props {
  event: TCalendarEvent;
  onOpen: (taskId: string) => void;
}

/** One line in a month cell: time, kind colour, title; done entries struck through, overdue ones in red. */
export function EventChip({ event, onOpen }: Props) {
  const { t } = useTranslation();
  const title = useEventTitle()(event);
  const look = EVENT_LOOK[event.type];
  const done = event.task.status === 'done';
  return (
    <Tooltip title={`${dayjs(event.at).format('HH:mm')} ${t(`calendar.eventType.${event.type}`)} · ${title}`} mouseEnterDelay={0.6}>
      <button
        type="button"
        className={`calendar-chip${done ? ' is-done' : ''}${event.isOverdue ? ' is-overdue' : ''}`}
        style={{ borderInlineStartColor: event.isOverdue ? OVERDUE_COLOR : look.color, background: look.background }}
        onClick={(e) => {
          e.stopPropagation();
          onOpen(event.task.id);
        }}
        data-testid="calendar-event"
        data-type={event.type}
      >
        <span className="calendar-chip-time" style={{ color: event.isOverdue ? OVERDUE_COLOR : look.color }}>
          {dayjs(event.at).format('HH:mm')}
        </span>
        <span className="calendar-chip-title">{title}</span>
      </button>
    </Tooltip>
  );
}
