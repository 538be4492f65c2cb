import { Alert, Button, Empty, Flex, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TContractReview, TContractReviewFinding, TReviewLevel } from '@crm/contracts';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { levelOrder, worstLevel } from './contract-format.ts';
import { ReviewLevelTag } from './contract-tags.tsx';

/** Findings shown beside the field or line they concern: one short line each, coloured by level. */
export function InlineFindings({
  findings,
  testId = 'contract-finding',
}: {
  findings: readonly TContractReviewFinding[];
  testId?: string;
}) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <Flex vertical gap={2}>
      {findings.map((f, i) => (
        <Typography.Text
          key={`${f.rule}-${i}`}
          type={f.level === 'block' ? 'danger' : 'warning'}
          style={{ fontSize: 12 }}
          data-testid={testId}
          data-rule={f.rule}
          data-level={f.level}
        >
          {f.level === 'block' ? <CloseCircleFilled /> : <ExclamationCircleFilled />}{' '}
          {t('contracts.labelled', { label: t(`contracts.review.rule.${f.rule}`), value: f.message })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The same findings as an alert above a section (findings about the section as a whole). */
export function FindingsAlert({
  findings,
  testId,
  stale,
}: {
  findings: readonly TContractReviewFinding[];
  testId?: string;
  /** The section was changed since the review: the findings are what the saved version had. */
  stale?: boolean;
}) {
  const { t } = useTranslation();
  const level = worstLevel(findings);
  if (!level) return null;
  return (
    <Alert
      type={level === 'block' ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12, opacity: stale ? 0.65 : 1 }}
      data-testid={testId}
      data-stale={stale ? 'true' : undefined}
      title={<InlineFindingsPlain findings={findings} />}
      description={stale ? t('contracts.review.staleHint') : undefined}
    />
  );
}

function InlineFindingsPlain({ findings }: { findings: readonly TContractReviewFinding[] }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2}>
      {findings.map((f, i) => (
        <span key={`${f.rule}-${i}`} data-testid="contract-finding" data-rule={f.rule} data-level={f.level}>
          <Typography.Text strong>{t(`contracts.review.rule.${f.rule}`)}</Typography.Text>
          {t('contracts.labelSeparator')}
          {f.message}
        </span>
      ))}
    </Flex>
  );
}

const LEVELS: TReviewLevel[] = ['block', 'warn', 'pass'];

/** 评审: the findings grouped by level, the approval route they choose, and a button to run the review again. */
export function ReviewPanel({
  review,
  canRun,
  running,
  onRun,
  lineName,
}: {
  review: TContractReview | null;
  canRun: boolean;
  running: boolean;
  onRun: () => void;
  /** The name of the line a finding is about. */
  lineName: (lineId: string) => string | null;
}) {
  const { t } = useTranslation();
  const run = canRun ? (
    <Button icon={<ReloadOutlined />} onClick={onRun} loading={running} data-testid="contract-review-run">
      {t('contracts.review.run')}
    </Button>
  ) : null;
  if (!review) {
    return (
      <Empty description={t('contracts.review.notRun')} data-testid="contract-review-empty">
        {run}
      </Empty>
    );
  }
  const sorted = [...review.findings].sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
  return (
    <Flex vertical gap={16} data-testid="contract-review">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={8} align="center" wrap>
          <ReviewLevelTag level={review.level} />
          <Typography.Text type="secondary">{t('contracts.review.ranAt', { at: formatDateTime(review.ranAt) })}</Typography.Text>
        </Flex>
        {run}
      </Flex>
      <div>
        <Typography.Text strong>{t('contracts.review.route')}</Typography.Text>
        <Flex gap={4} wrap align="center" style={{ marginTop: 6 }} data-testid="contract-review-route">
          {review.route.map((step, i) => (
            <span key={step}>
              {i > 0 ? <Typography.Text type="secondary"> → </Typography.Text> : null}
              <Tag color={step === 'special' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }} data-step={step}>
                {t(`contracts.review.routeStep.${step}`)}
              </Tag>
            </span>
          ))}
        </Flex>
      </div>
      {LEVELS.map((level) => {
        const group = sorted.filter((f) => f.level === level);
        if (group.length === 0) return null;
        return (
          <div key={level} data-testid={`contract-review-group-${level}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t(`contracts.review.group.${level}`, { count: group.length })}
            </Typography.Title>
            {level === 'pass' ? (
              <Flex vertical gap={6}>
                {group.map((f, i) => (
                  <Flex
                    key={`${f.rule}-${i}`}
                    gap={8}
                    align="baseline"
                    data-testid="contract-review-finding"
                    data-rule={f.rule}
                    data-level={f.level}
                  >
                    <CheckCircleFilled style={{ color: '#52c41a' }} />
                    <Typography.Text strong style={{ flex: 'none' }}>
                      {t(`contracts.review.rule.${f.rule}`)}
                    </Typography.Text>
                    <Typography.Text type="secondary">{f.message}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Flex vertical gap={8}>
                {group.map((f, i) => {
                  const line = f.lineId ? lineName(f.lineId) : null;
                  return (
                    <Alert
                      key={`${f.rule}-${f.lineId ?? ''}-${i}`}
                      type={level === 'block' ? 'error' : 'warning'}
                      showIcon
                      data-testid="contract-review-finding"
                      data-rule={f.rule}
                      data-level={f.level}
                      title={
                        <Flex gap={8} wrap align="baseline">
                          <Typography.Text strong>{t(`contracts.review.rule.${f.rule}`)}</Typography.Text>
                          {line ? <Typography.Text type="secondary">{line}</Typography.Text> : null}
                          {!line && f.field ? (
                            <Typography.Text type="secondary">{t(`contracts.review.field.${fieldKey(f.field)}`)}</Typography.Text>
                          ) : null}
                        </Flex>
                      }
                      description={f.message}
                    />
                  );
                })}
              </Flex>
            )}
          </div>
        );
      })}
    </Flex>
  );
}

const FIELDS = ['lines', 'paymentTerms', 'deliveryTerms', 'warrantyMonths', 'latePenalty', 'customer'] as const;
type FindingField = (typeof FIELDS)[number] | 'other';

function fieldKey(field: string): FindingField {
  return (FIELDS as readonly string[]).includes(field) ? (field as FindingField) : 'other';
}
