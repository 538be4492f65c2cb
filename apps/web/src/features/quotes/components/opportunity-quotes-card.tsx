import { Button, Card, Empty, Flex, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Permission } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { formatDate } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useQuotes } from '../api/quotes.queries.ts';
import { formatMoney } from './quote-format.ts';
import { QuoteStatusTag } from './quote-status-tag.tsx';

const SHOWN = 5;

/** The quotes of an opportunity, for its detail page: the latest five and a "new quote" button. */
export function OpportunityQuotesCard({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation();
  const canRead = usePermission(Permission.quoteRead);
  const canCreate = usePermission(Permission.quoteWrite);
  const quotes = useQuotes({ opportunityId, sort: '-createdAt' }, { limit: SHOWN, enabled: canRead });
  if (!canRead) return null;
  const items = flattenPages(quotes.data).slice(0, SHOWN);
  const hasMore = !!quotes.hasNextPage;
  return (
    <Card
      size="small"
      title={t('quotes.card.title')}
      data-testid="opportunity-quotes"
      extra={
        canCreate ? (
          <Link to={`/quotes/new?opportunityId=${encodeURIComponent(opportunityId)}`}>
            <Button size="small" icon={<PlusOutlined />} data-testid="opportunity-quote-create">
              {t('quotes.card.create')}
            </Button>
          </Link>
        ) : null
      }
    >
      {quotes.isLoading ? (
        <Spin style={{ display: 'block', padding: 16 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quotes.card.empty')} style={{ margin: '8px 0' }} />
      ) : (
        <>
          {items.map((q) => (
            <div key={q.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="opportunity-quote">
              <Flex justify="space-between" gap={8} align="baseline">
                <Link
                  to={`/quotes/${encodeURIComponent(q.id)}`}
                  style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {q.number} · {t('quotes.versionNo', { no: q.versionNo })}
                </Link>
                <QuoteStatusTag status={q.status} />
              </Flex>
              <Flex justify="space-between" gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {q.ownerName} · {t('quotes.validUntil')} {formatDate(q.validUntil)}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(q.totalInclTax, q.currency)}
                </Typography.Text>
              </Flex>
            </div>
          ))}
          {hasMore ? (
            <Link
              to={`/quotes?opportunityId=${encodeURIComponent(opportunityId)}`}
              style={{ display: 'block', marginTop: 6, fontSize: 12 }}
            >
              {t('quotes.card.more')}
            </Link>
          ) : null}
        </>
      )}
    </Card>
  );
}
