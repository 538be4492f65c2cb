import { Card, Empty, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TProduct } from '@crm/contracts';
import { formatYuan, useProductFieldAccess } from './product-format.ts';
import { ProductStatusTag } from './product-tags.tsx';

interface Props {
  products: TProduct[];
  loading: boolean;
  onOpen: (product: TProduct) => void;
}

/** Phones: one tappable card per product instead of a wide table. */
export function ProductCardList({ products, loading, onOpen }: Props) {
  const { t } = useTranslation();
  const access = useProductFieldAccess();
  if (loading && products.length === 0) return <Spin style={{ display: 'block', padding: 32 }} />;
  if (products.length === 0) return <Empty />;
  return (
    <Flex vertical gap={8} data-testid="products-list">
      {products.map((p) => (
        <Card key={p.id} size="small" hoverable onClick={() => onOpen(p)} data-testid="product-card">
          <Flex justify="space-between" align="flex-start" gap={8}>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text strong style={{ display: 'block', wordBreak: 'break-word' }}>
                {p.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                {p.materialCode} · {p.model ?? '—'}
              </Typography.Text>
            </div>
            <ProductStatusTag status={p.status} />
          </Flex>
          <div className="kv-list" style={{ marginTop: 8 }}>
            <span>{t('products.category')}</span>
            <span>{p.categoryName}</span>
            <span>{t('products.listPrice')}</span>
            <span>
              {formatYuan(p.listPrice)} / {p.unit}
            </span>
            {access.floorPrice ? (
              <>
                <span>{t('products.floorPrice')}</span>
                <span>{formatYuan(p.floorPrice)}</span>
              </>
            ) : null}
            {access.cost ? (
              <>
                <span>{t('products.standardCost')}</span>
                <span>
                  {formatYuan(p.standardCost)}
                  {access.margin && p.listMarginPercent ? ` · ${t('products.margin')} ${p.listMarginPercent}%` : ''}
                </span>
              </>
            ) : null}
            <span>{t('products.leadTimeDays')}</span>
            <span>
              {t('products.daysValue', { count: p.leadTimeDays })} · {t('products.warrantyMonths')}{' '}
              {t('products.monthsValue', { count: p.warrantyMonths })}
            </span>
          </div>
        </Card>
      ))}
    </Flex>
  );
}
