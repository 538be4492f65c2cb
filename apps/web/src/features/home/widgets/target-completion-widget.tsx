import { useMemo } from 'react';
import { Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Permission, type TMe, type TMetricPerformance, type TPerformanceSummary } from '@crm/contracts';
import { EChart, type EChartOption } from '../../../shared/ui/echart.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { usePerformance, usePerformanceSummary, type SubjectRef } from '../../targets/api/targets.queries.ts';
import { completionGauge, metricTrendOption } from '../../targets/components/metric-card.tsx';
import { completionColor, formatCompact, formatCompletion, periodLabel } from '../../targets/components/target-format.ts';
import { performanceLink, useDefaultSubject } from '../../targets/components/default-subject.ts';
import '../../targets/targets.css';

type Bar = { name: string; completion: number | null; subject: SubjectRef };

/** The members (a manager's team) or departments (a director's organisation) ranked by completion of one metric. */
function barsOf(summary: TPerformanceSummary, metricKey: string, level: 'team' | 'all'): Bar[] {
  const i = summary.metrics.findIndex((m) => m.key === metricKey);
  if (i < 0) return [];
  let rows: Bar[];
  if (level === 'team') {
    rows = summary.users.map((u) => ({ name: u.name, completion: u.cells[i]!.completion, subject: { type: 'user', id: u.userId } }));
  } else {
    // The first level below the top with a handful of departments: business units, else offices.
    const depth = [1, 2, 3].find((d) => summary.departments.filter((x) => x.depth === d).length >= 3) ?? 1;
    rows = summary.departments
      .filter((d) => d.depth === depth)
      .map((d) => ({ name: d.name, completion: d.cells[i]!.completion, subject: { type: 'department', id: d.id } }));
  }
  return rows
    .filter((r) => r.completion !== null)
    .sort((a, b) => (b.completion ?? 0) - (a.completion ?? 0))
    .slice(0, 10);
}

function barOption(bars: Bar[]): EChartOption {
  const reversed = [...bars].reverse();
  return {
    grid: { left: 4, right: 48, top: 4, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatCompletion(Number(v)) },
    xAxis: { type: 'value', max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), show: false },
    yAxis: { type: 'category', data: reversed.map((b) => b.name), axisTick: { show: false }, axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 14,
        data: reversed.map((b) => ({ value: b.completion, itemStyle: { color: completionColor(b.completion), borderRadius: 3 } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => formatCompletion(p.value) },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#52c41a', type: 'dashed' },
          label: { show: false },
          data: [{ xAxis: 100 }],
        },
      },
    ],
  };
}

/** Which metrics the card shows: measured ones with a target first, at most four. */
function shownMetrics(metrics: TMetricPerformance[]): TMetricPerformance[] {
  const measured = metrics.filter((m) => m.available);
  const withTarget = measured.filter((m) => m.target !== null);
  return (withTarget.length > 0 ? withTarget : measured).slice(0, 4);
}

export function TargetCompletionWidget({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { subject, period, level } = useDefaultSubject(me);
  const performance = usePerformance(period, subject, { enabled: subject !== null });
  const summary = usePerformanceSummary(period, subject?.type === 'department' ? subject.id : null, {
    enabled: level !== 'mine' && subject !== null,
  });
  const metrics = useMemo(() => shownMetrics(performance.data?.metrics ?? []), [performance.data]);
  const primary = metrics[0];
  const bars = useMemo(
    () => (summary.data && primary && level !== 'mine' ? barsOf(summary.data, primary.key, level) : []),
    [summary.data, primary, level],
  );
  const barChart = useMemo(() => barOption(bars), [bars]);
  const trend = useMemo(() => (level === 'mine' && primary ? metricTrendOption(primary, t) : null), [level, primary, t]);
  const gauges = useMemo(() => metrics.map((m) => completionGauge(m.completion, { size: 'small' })), [metrics]);
  const title =
    level === 'mine'
      ? t('targets.dashboard.completionMine', { period: periodLabel(t, period) })
      : level === 'team'
        ? t('targets.dashboard.completionTeam', { period: periodLabel(t, period) })
        : t('targets.dashboard.completionAll', { period: periodLabel(t, period) });
  const detail = subject ? performanceLink(period, subject) : '/performance';
  const noTargets = performance.data !== undefined && metrics.every((m) => m.target === null);

  return (
    <Card
      title={title}
      extra={<Link to={detail}>{t('targets.viewDetail')}</Link>}
      style={{ height: '100%' }}
      data-testid="home-target-completion"
    >
      {performance.isError ? (
        <QueryError error={performance.error} onRetry={() => void performance.refetch()} />
      ) : !performance.data ? (
        <Skeleton active />
      ) : metrics.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.noData')} />
      ) : (
        <>
          {noTargets ? (
            <Empty
              image={<AimOutlined style={{ fontSize: 32, color: '#bfbfbf' }} />}
              styles={{ image: { height: 36 } }}
              description={t('targets.dashboard.noTargets')}
            >
              {me.permissions.includes(Permission.targetManage) ? <Link to="/targets">{t('targets.dashboard.setTargets')}</Link> : null}
            </Empty>
          ) : null}
          <Row gutter={[8, 8]}>
            {metrics.map((m, i) => (
              <Col key={m.key} xs={metrics.length === 3 ? 8 : 12} sm={24 / Math.max(2, metrics.length)} data-testid={`home-gauge-${m.key}`}>
                <EChart option={gauges[i]!} height={96} onClick={() => void navigate(detail)} />
                <div style={{ textAlign: 'center', lineHeight: 1.4 }}>
                  <Typography.Text strong style={{ fontSize: 13 }}>
                    {m.label}
                  </Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`home-gauge-figures-${m.key}`}>
                    {formatCompact(m.actual, m.unit)} / {m.target === null ? '—' : formatCompact(m.target, m.unit)}
                  </Typography.Text>
                  {m.rank ? (
                    <>
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('targets.rankValue', m.rank)}
                      </Typography.Text>
                    </>
                  ) : null}
                </div>
              </Col>
            ))}
          </Row>
          {trend && primary ? (
            <div style={{ marginTop: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('targets.trend')} · {primary.label}
              </Typography.Text>
              <EChart option={trend} height={150} onClick={() => void navigate(detail)} />
            </div>
          ) : null}
          {bars.length > 0 && primary ? (
            <div style={{ marginTop: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {level === 'team' ? t('targets.dashboard.byMember') : t('targets.dashboard.byDepartment')} · {primary.label}
              </Typography.Text>
              <EChart
                option={barChart}
                height={Math.max(120, bars.length * 26 + 16)}
                onClick={(p) => {
                  const bar = [...bars].reverse()[p.dataIndex];
                  if (bar) void navigate(performanceLink(period, bar.subject));
                }}
                data-testid="home-completion-bars"
              />
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
