import { Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarEvent } from '@crm/contracts';
import { EVENT_LOOK, OVERDUE_COLOR, TASK_KIND_LOOK } from '../../tasks/components/task-kind.tsx';
import { useEventTitle } from './event-chip.tsx';

interface Props {
  event: TCalendarEvent;
  onOpen: (taskId: string) => void;
  /** Tighter, for the narrow columns of the week view. */
  compact?: boolean;
}

/** An entry with room to breathe: time, kind, title, the record it is about. Week columns, day panel, phone agenda. */
export function EventCard({ event, onOpen, compact }: Props) {
  const { t } = useTranslation();
  const title = useEventTitle()(event);
  const look = EVENT_LOOK[event.type];
  const kindLook = TASK_KIND_LOOK[event.task.kind];
  const done = event.task.status === 'done';
  return (
    <button
      type="button"
      className={`calendar-card${done ? ' is-done' : ''}${compact ? ' is-compact' : ''}`}
      style={{ borderInlineStartColor: event.isOverdue ? OVERDUE_COLOR : look.color }}
      onClick={(e) => {
        // The day column around it selects its day on a click; opening the entry is all this click does.
        e.stopPropagation();
        onOpen(event.task.id);
      }}
      data-testid="calendar-event"
      data-type={event.type}
    >
      <div className="calendar-card-top">
        <span className="calendar-card-time" style={{ color: event.isOverdue ? OVERDUE_COLOR : undefined }}>
          {dayjs(event.at).format('HH:mm')}
        </span>
        <span className="calendar-card-type" style={{ color: look.color, background: look.background }}>
          {event.type === 'task' ? kindLook.icon : look.icon}{' '}
          {event.type === 'task' ? t(`calendar.task.kind.${event.task.kind}`) : t(`calendar.eventType.${event.type}`)}
        </span>
        {event.isOverdue ? <span className="calendar-card-flag">{t('calendar.overdue')}</span> : null}
        {done ? <span className="calendar-card-flag is-done">{t('calendar.done')}</span> : null}
      </div>
      <div className="calendar-card-title">{title}</div>
      {event.type !== 'follow-up' && event.task.relatedLabel ? (
        <Typography.Text type="secondary" className="calendar-card-related" ellipsis>
          <LinkOutlined /> {event.task.relatedLabel}
        </Typography.Text>
      ) : null}
    </button>
  );
}
