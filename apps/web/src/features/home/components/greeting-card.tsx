import { Avatar, Card, Flex, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TMe } from '@crm/contracts';
import { formatDate } from '../../../shared/utils/format.ts';

function greetingKey(hour: number): 'home.morning' | 'home.afternoon' | 'home.evening' {
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

export function GreetingCard({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const now = new Date();
  return (
    <Card data-testid="home-greeting">
      <Flex gap={16} align="center" wrap>
        <Avatar size={56} className="greeting-avatar" style={{ backgroundColor: '#1677ff', flex: 'none', fontSize: 24 }}>
          {me.displayName.slice(0, 1).toUpperCase()}
        </Avatar>
        <div style={{ flex: 1, minWidth: 200 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t(greetingKey(now.getHours()), { name: me.displayName })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('home.intro', { app: t('app.name') })} · {formatDate(now.toISOString())}
          </Typography.Text>
          <Flex gap={16} wrap style={{ marginTop: 12 }}>
            <Space size={4}>
              <ApartmentOutlined />
              <Typography.Text type="secondary">{t('home.department')}:</Typography.Text>
              <Typography.Text>{me.departmentName}</Typography.Text>
            </Space>
            <Space size={4} wrap>
              <SafetyOutlined />
              <Typography.Text type="secondary">{t('home.roles')}:</Typography.Text>
              {me.roles.length === 0 ? (
                <Typography.Text>{t('home.noRoles')}</Typography.Text>
              ) : (
                me.roles.map((r) => (
                  <Tag key={r.id} color="blue" style={{ marginInlineEnd: 0 }}>
                    {r.name}
                  </Tag>
                ))
              )}
            </Space>
            <Space size={4}>
              <Typography.Text type="secondary">{t('home.dataScope')}:</Typography.Text>
              <Typography.Text>{t(`dataScope.${me.dataScope}`)}</Typography.Text>
            </Space>
          </Flex>
        </div>
      </Flex>
    </Card>
  );
}
