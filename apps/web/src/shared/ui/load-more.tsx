import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface LoadMoreProps {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** Keyset lists grow downwards: "load more" instead of page numbers. */
export function LoadMore({ count, hasMore, loading, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" gap={12} wrap style={{ padding: '12px 0' }}>
      <Typography.Text type="secondary">{t('common.loadedCount', { count })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : count > 0 ? (
        <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      ) : null}
    </Flex>
  );
}
