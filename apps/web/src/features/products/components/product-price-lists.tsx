import { Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePriceListsOfProduct } from '../api/price-lists.queries.ts';
import { PriceListStatusTag } from './product-tags.tsx';

/** The price lists that carry a product, each a link to it. */
export function ProductPriceLists({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const lists = usePriceListsOfProduct(productId);
  return (
    <div style={{ marginTop: 16 }} data-testid="product-price-lists">
      <Typography.Text strong>{t('products.priceLists')}</Typography.Text>
      {lists.isPending ? (
        <Spin size="small" style={{ marginInlineStart: 8 }} />
      ) : (lists.data ?? []).length === 0 ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          —
        </Typography.Text>
      ) : (
        <Flex vertical gap={4} style={{ marginTop: 6 }}>
          {lists.data!.map((l) => (
            <Flex key={l.id} gap={8} align="center" wrap>
              <Link to={`/price-lists?open=${encodeURIComponent(l.id)}`}>{l.name}</Link>
              <PriceListStatusTag status={l.status} />
            </Flex>
          ))}
        </Flex>
      )}
    </div>
  );
}
