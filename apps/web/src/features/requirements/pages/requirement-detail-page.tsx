import { useCallback } from 'react';
import { Alert, Card, Col, Descriptions, Flex, Row, Spin, Typography, type AlertProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TRequirement, TRequirementStatus } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDate, formatDateTime } from '../../../shared/utils/format.ts';
import { useRefreshRequirement, useRequirement } from '../api/requirements.queries.ts';
import { LineReviewActions } from '../components/line-review-actions.tsx';
import { RequirementActions } from '../components/requirement-actions.tsx';
import { RequirementApprovalCard } from '../components/requirement-approval-card.tsx';
import { RequirementAttachmentsView } from '../components/requirement-attachments.tsx';
import { RequirementLineCard } from '../components/requirement-line-card.tsx';
import { RequirementStatusTag } from '../components/requirement-status-tag.tsx';
import '../requirements.css';

/** The alert of each outcome. */
const OUTCOME_TYPES = {
  returned: 'error',
  approved: 'success',
  contracted: 'info',
  cancelled: 'warning',
} as const satisfies Partial<Record<TRequirementStatus, AlertProps['type']>>;

const isOutcome = (status: TRequirementStatus): status is keyof typeof OUTCOME_TYPES => Object.hasOwn(OUTCOME_TYPES, status);

/** The outcome so far: returned with the reviewer's words, approved, cancelled, contracted. */
function OutcomeAlert({ r }: { r: TRequirement }) {
  const { t } = useTranslation();
  const status = r.status;
  if (!isOutcome(status)) return null;
  const description =
    status === 'returned' || status === 'approved'
      ? r.decisionComment || t('requirements.detail.noComment')
      : status === 'cancelled'
        ? r.cancelReason
        : undefined;
  return (
    <Alert
      type={OUTCOME_TYPES[status]}
      showIcon
      style={{ marginBottom: 12 }}
      title={t(`requirements.detail.${status}`)}
      description={description}
      data-testid="requirement-outcome"
    />
  );
}

/** Where the product manager stands: lines still to review, or ready to approve. */
function ReviewHint({ r }: { r: TRequirement }) {
  const { t } = useTranslation();
  if (!r.actions.review) return null;
  if (r.status === 'approved') return <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('requirements.review.lateCode')} />;
  const pending = r.lines.filter((l) => l.review.decision === 'pending').length;
  return (
    <Alert
      type={pending > 0 ? 'warning' : 'success'}
      showIcon
      style={{ marginBottom: 12 }}
      title={pending > 0 ? t('requirements.review.pending', { count: pending }) : t('requirements.review.allDone')}
      description={t('requirements.review.hint')}
      data-testid="requirement-review-hint"
      data-pending={pending}
    />
  );
}

/** One requirement: its data, lines (with the product manager's review), photos and documents, and the review's progress. */
export function RequirementDetailPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { id } = useParams<{ id: string }>();
  const query = useRequirement(id);
  const refresh = useRefreshRequirement();
  const onDecided = useCallback(() => void refresh(id ?? ''), [refresh, id]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Spin style={{ display: 'block', padding: 48 }} />;
  const r = query.data;
  const reviewable = (status: TRequirement['status'], decision: string) =>
    r.actions.review && (status === 'in_review' || (status === 'approved' && decision === 'non_standard'));

  const info = (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 2 }}
      items={[
        {
          key: 'customer',
          label: t('requirements.customer'),
          children: <Link to={`/customers/${encodeURIComponent(r.customerId)}`}>{r.customerName ?? '—'}</Link>,
        },
        {
          key: 'opportunity',
          label: t('requirements.opportunity'),
          children: r.opportunityId ? (
            <Link to={`/opportunities/${encodeURIComponent(r.opportunityId)}`}>{r.opportunityName ?? '—'}</Link>
          ) : (
            '—'
          ),
        },
        { key: 'owner', label: t('requirements.owner'), children: [r.ownerName, r.departmentName].filter(Boolean).join(' · ') || '—' },
        { key: 'wantedDate', label: t('requirements.wantedDate'), children: formatDate(r.wantedDate) },
        { key: 'submittedAt', label: t('requirements.submittedAt'), children: formatDateTime(r.submittedAt) },
        ...(r.decidedAt ? [{ key: 'decidedAt', label: t('requirements.decidedAt'), children: formatDateTime(r.decidedAt) }] : []),
        ...(r.notes
          ? [
              {
                key: 'notes',
                label: t('requirements.notes'),
                span: 'filled' as const,
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</span>,
              },
            ]
          : []),
      ]}
    />
  );

  const lines = (
    <Card
      size="small"
      title={t('requirements.detail.lines')}
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: isMobile ? 8 : 12 } }}
    >
      <Flex vertical gap={8} data-testid="requirement-lines">
        {r.lines.map((l) => (
          <RequirementLineCard key={l.id} line={l}>
            {reviewable(r.status, l.review.decision) ? <LineReviewActions requirement={r} line={l} /> : null}
          </RequirementLineCard>
        ))}
      </Flex>
    </Card>
  );

  const attachments = (
    <Card size="small" title={t('requirements.detail.attachments')} style={{ marginBottom: 12 }}>
      <RequirementAttachmentsView requirementId={r.id} attachments={r.attachments} />
    </Card>
  );

  const approval = <RequirementApprovalCard requirement={r} onDecided={onDecided} />;

  return (
    <PageContainer
      title={
        <Flex align="center" gap={8} wrap>
          <span data-testid="requirement-number">{r.number ?? t('requirements.untitled')}</span>
          <RequirementStatusTag status={r.status} />
        </Flex>
      }
      extra={<RequirementActions requirement={r} onStale={() => void query.refetch()} />}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="requirement-title-view">
        {r.title}
      </Typography.Paragraph>
      <OutcomeAlert r={r} />
      <ReviewHint r={r} />
      <Row gutter={16} align="top">
        <Col xs={24} xl={16}>
          <Card size="small" title={t('requirements.detail.info')} style={{ marginBottom: 12 }}>
            {info}
          </Card>
          {isMobile ? null : lines}
        </Col>
        <Col xs={24} xl={8}>
          {isMobile ? lines : null}
          {approval}
          {attachments}
        </Col>
      </Row>
    </PageContainer>
  );
}
