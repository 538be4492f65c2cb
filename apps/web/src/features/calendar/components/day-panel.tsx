import { Button, Card, Empty, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarEvent } from '@crm/contracts';
import { EventCard } from './event-card.tsx';

interface Props {
  date: string;
  events: TCalendarEvent[];
  onOpen: (taskId: string) => void;
  onAdd?: () => void;
}

/** The chosen day beside the grid: everything on it, and a task to add. */
export function DayPanel({ date, events, onOpen, onAdd }: Props) {
  const { t } = useTranslation();
  const day = dayjs(date);
  return (
    <Card
      size="small"
      className="calendar-day-panel"
      title={
        <Flex vertical gap={0}>
          <span data-testid="calendar-day-panel-title">{day.format(t('calendar.dayFormat'))}</span>
          {day.isSame(dayjs(), 'day') ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('calendar.today')}
            </Typography.Text>
          ) : null}
        </Flex>
      }
      extra={
        onAdd ? (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="calendar-day-panel-add">
            {t('calendar.addTask')}
          </Button>
        ) : null
      }
      data-testid="calendar-day-panel"
      data-date={date}
    >
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.noEvents')} style={{ margin: '16px 0' }} />
      ) : (
        <Flex vertical gap={8}>
          {events.map((e) => (
            <EventCard key={e.task.id} event={e} onOpen={onOpen} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
