import { Button, Card, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TGradeHistoryEntry } from '@crm/contracts';
import { flattenPages } from '../../../shared/api/pagination.ts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDateTime, formatDecimal } from '../../../shared/utils/format.ts';
import { CustomerGradeTag } from '../components/customer-tags.tsx';
import { useGradeHistory } from './grading.queries.ts';

function EntryTitle({ entry }: { entry: TGradeHistoryEntry }) {
  const { t } = useTranslation();
  const label =
    entry.source === 'rule' ? t('grading.sourceRule') : entry.overridden ? t('grading.sourceManual') : t('grading.sourceCleared');
  return (
    <Flex gap={6} align="center" wrap>
      <CustomerGradeTag grade={entry.fromGrade} />
      <ArrowRightOutlined style={{ fontSize: 12, color: 'var(--ant-color-text-tertiary)' }} />
      <CustomerGradeTag grade={entry.toGrade} />
      <Tag color={entry.source === 'rule' ? 'default' : 'purple'} style={{ marginInlineEnd: 0 }}>
        {label}
      </Tag>
      {entry.overridden && entry.ruleGrade !== entry.toGrade ? (
        <Typography.Text type="secondary">{t('grading.ruleGradeIs', { grade: entry.ruleGrade })}</Typography.Text>
      ) : null}
    </Flex>
  );
}

function EntryBody({ entry }: { entry: TGradeHistoryEntry }) {
  const { t } = useTranslation();
  const facts = [
    t('grading.factSigned', { amount: formatDecimal(entry.facts.signedAmount) }),
    entry.facts.overdueDays !== null ? t('grading.factOverdue', { days: entry.facts.overdueDays }) : t('grading.factNoOverdue'),
    ...(entry.facts.strategic ? [t('grading.factStrategic')] : []),
  ];
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <EntryTitle entry={entry} />
      {entry.reason ? (
        <Typography.Text style={{ wordBreak: 'break-word' }}>{t('grading.reasonIs', { reason: entry.reason })}</Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {facts.join(' · ')}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(entry.at)} · {entry.byName ?? t('grading.bySystem')}
      </Typography.Text>
    </Flex>
  );
}

/** The grade changes of a customer, newest first: by the nightly rule, by a strategic flag, by hand. */
export function GradeHistoryCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const history = useGradeHistory(customerId);
  const entries = flattenPages(history.data);
  let body;
  if (history.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (history.isError) body = <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  else if (entries.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grading.historyEmpty')} />;
  else {
    body = (
      <>
        <Timeline items={entries.map((entry) => ({ key: entry.id, content: <EntryBody entry={entry} /> }))} />
        {history.hasNextPage ? (
          <Button block onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </>
    );
  }
  return (
    <Card title={t('grading.historyTitle')} data-testid="grade-history">
      {body}
    </Card>
  );
}
