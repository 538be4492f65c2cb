import type { ReactNode } from 'react';
import { EnvironmentOutlined, FileTextOutlined, PhoneOutlined, TeamOutlined, WechatWorkOutlined } from '@ant-design/icons';
import { ZActivityTypeValues, type TActivityType } from '@crm/contracts';

export const ACTIVITY_TYPES: readonly TActivityType[] = ZActivityTypeValues;

/** Icon and colour of each kind of activity, the same in the form and the timeline. */
export const ACTIVITY_TYPE_LOOK: Record<TActivityType, { icon: ReactNode; color: string }> = {
  call: { icon: <PhoneOutlined />, color: '#1677ff' },
  visit: { icon: <EnvironmentOutlined />, color: '#52c41a' },
  meeting: { icon: <TeamOutlined />, color: '#722ed1' },
  wecom: { icon: <WechatWorkOutlined />, color: '#13c2c2' },
  note: { icon: <FileTextOutlined />, color: '#8c8c8c' },
};

export function ActivityTypeIcon({ type }: { type: TActivityType }) {
  const look = ACTIVITY_TYPE_LOOK[type];
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: 28,
        height: 28,
        borderRadius: '50%',
        background: look.color,
        color: '#fff',
        fontSize: 14,
      }}
    >
      {look.icon}
    </span>
  );
}
