import type { ReactNode } from 'react';
import { CarryOutOutlined, EnvironmentOutlined, PhoneOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { ZTaskKindValues, ZTaskRelatedTypeValues, type TCalendarEventType, type TTaskKind, type TTaskRelatedType } from '@crm/contracts';

export const TASK_KINDS: readonly TTaskKind[] = ZTaskKindValues;

/** Icon and colour of each kind of task, the same in the form, the list and the calendar. */
export const TASK_KIND_LOOK: Record<TTaskKind, { icon: ReactNode; color: string }> = {
  todo: { icon: <CarryOutOutlined />, color: '#1677ff' },
  call: { icon: <PhoneOutlined />, color: '#13c2c2' },
  visit: { icon: <EnvironmentOutlined />, color: '#52c41a' },
  meeting: { icon: <TeamOutlined />, color: '#722ed1' },
};

/** Colours of the calendar's entries: tasks blue, planned visits green, next follow-ups orange. */
export const EVENT_LOOK: Record<TCalendarEventType, { icon: ReactNode; color: string; background: string }> = {
  task: { icon: <CarryOutOutlined />, color: '#1677ff', background: '#e6f4ff' },
  visit: { icon: <EnvironmentOutlined />, color: '#389e0d', background: '#f6ffed' },
  'follow-up': { icon: <ScheduleOutlined />, color: '#d46b08', background: '#fff7e6' },
};

export const OVERDUE_COLOR = '#ff4d4f';

/** A related-record type the web app knows how to name and open. */
export const isRelatedType = (type: string | null): type is TTaskRelatedType =>
  type !== null && (ZTaskRelatedTypeValues as readonly string[]).includes(type);
