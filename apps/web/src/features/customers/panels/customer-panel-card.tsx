import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCustomerPanel, TCustomerPanelItem } from '@crm/contracts';
import { formatDate, formatDecimal } from '../../../shared/utils/format.ts';

function PanelItem({ panelKey, item }: { panelKey: string; item: TCustomerPanelItem }) {
  const { t, i18n } = useTranslation();
  const statusKey = `panels.status.${panelKey}.${item.status ?? ''}`;
  const status = item.status ? (i18n.exists(statusKey) ? String(t(statusKey as never)) : item.status) : null;
  const title = item.href ? <Link to={item.href}>{item.title}</Link> : <Typography.Text>{item.title}</Typography.Text>;
  return (
    <div style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="panel-item">
      <Flex justify="space-between" gap={8} align="baseline">
        <span style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{title}</span>
        {status ? <Tag style={{ marginInlineEnd: 0, flex: 'none' }}>{status}</Tag> : null}
      </Flex>
      <Flex justify="space-between" gap={8}>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          {[item.subtitle, item.date ? formatDate(item.date) : null].filter(Boolean).join(' · ')}
        </Typography.Text>
        {item.amount ? (
          <Typography.Text style={{ fontSize: 12, flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
            {item.currency && item.currency !== 'CNY' ? `${item.currency} ` : '¥'}
            {formatDecimal(item.amount)}
          </Typography.Text>
        ) : null}
      </Flex>
    </div>
  );
}

/** One panel of the 360 page: its title and count, up to five records, or "none yet". */
export function CustomerPanelCard({ panel }: { panel: TCustomerPanel }) {
  const { t, i18n } = useTranslation();
  const titleKey = `panels.title.${panel.key}`;
  const title = i18n.exists(titleKey) ? String(t(titleKey as never)) : panel.key;
  const more = panel.total - panel.items.length;
  return (
    <Card
      size="small"
      title={title}
      extra={panel.available && panel.total > 0 ? <Typography.Text type="secondary">{panel.total}</Typography.Text> : null}
      data-testid={`related-${panel.key}`}
      data-available={panel.available}
    >
      {panel.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={panel.available ? t('panels.none') : t('panels.unavailable')}
          style={{ margin: '8px 0' }}
        />
      ) : (
        <>
          {panel.items.map((item) => (
            <PanelItem key={item.id} panelKey={panel.key} item={item} />
          ))}
          {more > 0 ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
              {t('panels.more', { count: more })}
            </Typography.Text>
          ) : null}
        </>
      )}
    </Card>
  );
}
