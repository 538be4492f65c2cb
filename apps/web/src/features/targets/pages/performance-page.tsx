import { Button, Col, Flex, Row, Segmented, Skeleton, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { parsePeriod, Permission } from '@crm/contracts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { subjectParam, usePerformance, usePerformanceSummary, useRecomputeSummary, type SubjectRef } from '../api/targets.queries.ts';
import { useDefaultSubject } from '../components/default-subject.ts';
import { DepartmentScopeSelect } from '../components/department-scope-select.tsx';
import { MetricCard } from '../components/metric-card.tsx';
import { currentPeriod, PeriodPicker } from '../components/period-picker.tsx';
import { SummaryTables } from '../components/summary-table.tsx';
import { periodLabel } from '../components/target-format.ts';
import '../targets.css';

function parseSubject(value: string | null): SubjectRef | null {
  const m = /^(user|department):([0-9a-f-]{36})$/i.exec(value ?? '');
  return m ? { type: m[1] as SubjectRef['type'], id: m[2]! } : null;
}

/**
 * 业绩看板: a person's or a department's targets against what the records say, live. Managers and
 * directors also see everyone in their scope, for one metric at a time.
 */
export function PerformancePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canManage = usePermission(Permission.targetManage);
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params.get('period') ?? '') ? params.get('period')! : currentPeriod('quarter');
  const wide = me.dataScope !== 'own';
  const fallback = useDefaultSubject(me).subject;
  // Until the organisation's root is known (scope "all"), the user's own department stands in.
  const subject: SubjectRef = parseSubject(params.get('subject')) ?? fallback ?? { type: 'department', id: me.departmentId };
  const performance = usePerformance(period, subject);
  const summaryDepartment = subject.type === 'department' ? subject.id : null;
  const summary = usePerformanceSummary(period, summaryDepartment, { enabled: wide && subject.type === 'department' });
  const recompute = useRecomputeSummary(period, summaryDepartment);

  const update = (patch: { period?: string; subject?: SubjectRef }) => {
    const next = new URLSearchParams(params);
    next.set('period', patch.period ?? period);
    next.set('subject', subjectParam(patch.subject ?? subject));
    setParams(next);
  };
  const isMine = subject.type === 'user' && subject.id === me.id;
  const team: SubjectRef = fallback?.type === 'department' ? fallback : { type: 'department', id: me.departmentId };

  return (
    <PageContainer
      title={t('targets.performanceTitle')}
      extra={
        <>
          <PeriodPicker value={period} onChange={(p) => update({ period: p })} data-testid="performance-period" />
          {wide ? (
            <>
              <Segmented<'mine' | 'team'>
                value={isMine ? 'mine' : 'team'}
                onChange={(v) => update({ subject: v === 'mine' ? { type: 'user', id: me.id } : team })}
                options={[
                  { value: 'mine', label: t('targets.mine') },
                  { value: 'team', label: t('targets.teamView') },
                ]}
                data-testid="performance-view"
              />
              <DepartmentScopeSelect
                me={me}
                value={subject.type === 'department' ? subject.id : undefined}
                onChange={(id) => update({ subject: { type: 'department', id } })}
                data-testid="performance-department"
              />
            </>
          ) : null}
          {canManage && subject.type === 'department' ? (
            <Link to={`/targets?${new URLSearchParams({ period, departmentId: subject.id }).toString()}`}>
              <Button icon={<EditOutlined />}>{t('targets.menu')}</Button>
            </Link>
          ) : null}
        </>
      }
    >
      {performance.isError ? (
        <QueryError error={performance.error} onRetry={() => void performance.refetch()} />
      ) : !performance.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary" data-testid="performance-subject">
            {performance.data.subject.name}
            {performance.data.subject.type === 'user' ? ` · ${performance.data.subject.departmentName}` : ''} · {periodLabel(t, period)} (
            {performance.data.from} ~ {performance.data.to})
          </Typography.Text>
          <Row gutter={[16, 16]}>
            {/* Measured metrics first; those waiting for their module after them, smaller. */}
            {[...performance.data.metrics.filter((m) => m.available), ...performance.data.metrics.filter((m) => !m.available)].map((m) => (
              <Col key={m.key} xs={24} sm={12} xl={8} xxl={Math.floor(24 / Math.min(5, performance.data.metrics.length))}>
                <MetricCard metric={m} />
              </Col>
            ))}
          </Row>
          {wide && subject.type === 'department' ? (
            summary.isError ? (
              <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
            ) : summary.data ? (
              <SummaryTables
                summary={summary.data}
                onOpen={(s) => update({ subject: s })}
                onRecompute={() => recompute.mutate()}
                recomputing={recompute.isPending}
              />
            ) : (
              <Skeleton active />
            )
          ) : null}
        </Flex>
      )}
    </PageContainer>
  );
}
