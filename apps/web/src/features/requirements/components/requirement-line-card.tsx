import type { ReactNode } from 'react';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TRequirementLine } from '@crm/contracts';
import { formatDate, formatDateTime, formatDecimal } from '../../../shared/utils/format.ts';
import { LineDecisionTag } from './requirement-status-tag.tsx';

/** One line of a requirement: what is asked for, how much and when, and the product manager's decision. */
export function RequirementLineCard({ line, children }: { line: TRequirementLine; children?: ReactNode }) {
  const { t } = useTranslation();
  const review = line.review;
  // The rep's own words stay visible when the line now stands for another product (a new code, another pick).
  const requestedOther = line.requested.productId === null && line.requested.name !== '' && line.requested.name !== line.name;
  return (
    <Card
      size="small"
      className="requirement-line-card"
      data-testid="requirement-line"
      data-position={line.position}
      data-decision={review.decision}
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">#{line.position}</Typography.Text>
          <span style={{ wordBreak: 'break-word' }}>
            {line.materialCode ? `${line.materialCode} · ` : ''}
            {line.name}
          </span>
        </Flex>
      }
      extra={<LineDecisionTag decision={review.decision} />}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[line.spec, line.productId ? null : t('requirements.form.free')].filter(Boolean).join(' · ') || ' '}
            </Typography.Text>
            {line.wasNonStandard ? (
              <Tag style={{ marginInlineEnd: 0, fontSize: 11 }} data-testid="requirement-line-was-non-standard">
                {t('requirements.detail.wasNonStandard')}
              </Tag>
            ) : null}
          </Flex>
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="requirement-line-qty-view">
            {formatDecimal(line.qty)} {line.unit ?? ''}
            {line.wantedDate ? (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                {t('requirements.wantedDate')} {formatDate(line.wantedDate)}
              </Typography.Text>
            ) : null}
          </Typography.Text>
        </Flex>
        {requestedOther ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('requirements.detail.requested')}：{line.requested.name}
            {line.requested.spec ? ` · ${line.requested.spec}` : ''}
          </Typography.Text>
        ) : null}
        {line.description ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{line.description}</Typography.Text> : null}
        {line.parameters.length > 0 ? (
          <ul className="requirement-parameters" aria-label={t('requirements.detail.parameters')} data-testid="requirement-line-parameters">
            {line.parameters.map((p, i) => (
              <li key={i}>
                {p.name}：{p.value}
              </li>
            ))}
          </ul>
        ) : null}
        {review.decision !== 'pending' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="requirement-line-review">
            {review.note ? `${review.note} · ` : ''}
            {t('requirements.detail.reviewedBy', { name: review.reviewedByName ?? '—', time: formatDateTime(review.reviewedAt) })}
          </Typography.Text>
        ) : null}
        {children}
      </Flex>
    </Card>
  );
}
