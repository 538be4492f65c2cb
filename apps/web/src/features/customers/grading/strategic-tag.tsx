import { Tag } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Marks a strategic customer (graded A by the rule). */
export function StrategicTag() {
  const { t } = useTranslation();
  return (
    <Tag color="gold" icon={<StarFilled />} style={{ marginInlineEnd: 0 }} data-testid="strategic-tag">
      {t('grading.strategic')}
    </Tag>
  );
}
