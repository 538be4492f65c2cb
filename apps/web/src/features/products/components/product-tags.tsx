import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPriceListStatus, TProductStatus } from '@crm/contracts';

export function ProductStatusTag({ status }: { status: TProductStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`products.statusValue.${status}`)}
    </Tag>
  );
}

export function PriceListStatusTag({ status }: { status: TPriceListStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`products.priceList.statusValue.${status}`)}
    </Tag>
  );
}
