import { Alert, Button, Card, Col, Descriptions, Flex, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Permission } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useQuote } from '../api/quotes.queries.ts';
import { QuoteActions } from '../components/quote-actions.tsx';
import { QuoteApprovalAlert } from '../components/quote-approval-alert.tsx';
import { QuoteLinesTable } from '../components/quote-lines-table.tsx';
import { QuoteStatusTag } from '../components/quote-status-tag.tsx';
import { QuoteTotals } from '../components/quote-totals.tsx';
import { QuoteVersionHistory } from '../components/quote-version-history.tsx';

/** One quote: its data, lines and totals, the approval state, what may be done next, and its versions. */
export function QuoteDetailPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  const versionParam = params.get('version');
  const versionNo = versionParam && /^\d+$/.test(versionParam) ? Number(versionParam) : undefined;
  const quote = useQuote(id, versionNo);
  const canCreateContract = usePermission(Permission.contractWrite);

  if (quote.isError) return <QueryError error={quote.error} onRetry={() => void quote.refetch()} />;
  if (!quote.data) return <Spin style={{ display: 'block', padding: 48 }} />;
  const q = quote.data;

  const info = (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        {
          key: 'customer',
          label: t('quotes.customer'),
          children: <Link to={`/customers/${encodeURIComponent(q.customerId)}`}>{q.customerName ?? '—'}</Link>,
        },
        {
          key: 'opportunity',
          label: t('quotes.opportunity'),
          children: <Link to={`/opportunities/${encodeURIComponent(q.opportunityId)}`}>{q.opportunityName ?? '—'}</Link>,
        },
        { key: 'owner', label: t('quotes.owner'), children: [q.ownerName, q.departmentName].filter(Boolean).join(' · ') || '—' },
        { key: 'validUntil', label: t('quotes.validUntil'), children: formatDate(q.validUntil) },
        {
          key: 'priceDate',
          label: t('quotes.priceDate'),
          children: `${formatDate(q.priceDate)}${q.customerGrade ? ` · ${t('quotes.gradeValue', { grade: q.customerGrade })}` : ''}`,
        },
        { key: 'currency', label: t('quotes.currency'), children: q.currency },
        ...(q.sentAt ? [{ key: 'sent', label: t('quotes.statusLabel.sent'), children: formatDateTime(q.sentAt) }] : []),
        ...(q.acceptedAt ? [{ key: 'accepted', label: t('quotes.statusLabel.accepted'), children: formatDateTime(q.acceptedAt) }] : []),
        ...(q.rejectedAt
          ? [
              {
                key: 'rejected',
                label: t('quotes.statusLabel.rejected'),
                children: `${formatDateTime(q.rejectedAt)} · ${q.rejectReason ?? ''}`,
              },
            ]
          : []),
      ]}
    />
  );

  const terms = [
    [t('quotes.paymentTerms'), q.paymentTerms],
    [t('quotes.deliveryTerms'), q.deliveryTerms],
    [t('quotes.notes'), q.notes],
  ].filter(([, text]) => !!text);

  return (
    <PageContainer
      title={
        <Flex align="center" gap={8} wrap>
          <span data-testid="quote-number">{q.number}</span>
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
            {t('quotes.versionNo', { no: q.versionNo })}
          </Typography.Text>
          <QuoteStatusTag status={q.status} />
        </Flex>
      }
      extra={<QuoteActions quote={q} onStale={() => void quote.refetch()} />}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {q.title}
      </Typography.Paragraph>
      {!q.isCurrentVersion ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('quotes.versions.viewing', { no: q.versionNo })}
          action={<Link to={`/quotes/${encodeURIComponent(q.id)}`}>{t('quotes.actions.viewCurrent')}</Link>}
          data-testid="quote-old-version"
        />
      ) : null}
      {q.status === 'accepted' ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('quotes.detail.lockedAccepted')}
          action={
            canCreateContract && q.isCurrentVersion ? (
              <Link to={`/contracts/new?from=quote&id=${encodeURIComponent(q.id)}`}>
                <Button size="small" type="primary" data-testid="quote-create-contract">
                  {t('contracts.createFrom')}
                </Button>
              </Link>
            ) : undefined
          }
        />
      ) : null}
      <QuoteApprovalAlert approval={q.approval} status={q.status} />
      <Row gutter={16} align="stretch">
        <Col xs={24} xl={16} style={{ marginBottom: 16 }}>
          <Card size="small" title={t('quotes.detail.info')} style={{ height: '100%' }}>
            {info}
          </Card>
        </Col>
        <Col xs={24} xl={8} style={{ marginBottom: 16 }}>
          <Card size="small" title={t('quotes.totals.title')} style={{ height: '100%' }}>
            <QuoteTotals totals={q.totals} currency={q.currency} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('quotes.detail.lines')} style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 8 : 12 } }}>
        <QuoteLinesTable lines={q.lines} currency={q.currency} isMobile={isMobile} />
      </Card>
      <Row gutter={16} align="top">
        {terms.length > 0 ? (
          <Col xs={24} xl={16}>
            <Card size="small" title={t('quotes.detail.terms')} style={{ marginBottom: 16 }}>
              {terms.map(([label, text]) => (
                <div key={label} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{label}</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>
                </div>
              ))}
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={8}>
          <Card size="small" title={t('quotes.versions.title')} style={{ marginBottom: 16 }}>
            <QuoteVersionHistory quote={q} />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
