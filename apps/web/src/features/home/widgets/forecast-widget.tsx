import { useMemo } from 'react';
import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate } from 'react-router';
import { parsePeriod, type TForecast, type TMe, type TMetricPerformance } from '@crm/contracts';
import { EChart, type EChartOption } from '../../../shared/ui/echart.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useForecast } from '../../opportunities/api/opportunities.queries.ts';
import { usePerformance } from '../../targets/api/targets.queries.ts';
import { chartNumber, formatCompact, formatMetricValue, monthLabel, periodLabel } from '../../targets/components/target-format.ts';
import { useDefaultSubject } from '../../targets/components/default-subject.ts';

function forecastOption(t: TFunction, forecast: TForecast, wonTarget: TMetricPerformance | undefined): EChartOption {
  const months = forecast.byMonth.map((m) => m.month);
  const targets = months.map((month) => wonTarget?.trend.find((p) => p.month === month)?.target ?? null);
  const hasTarget = targets.some((v) => v !== null);
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatMetricValue(String(v), 'amount') },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(t, m)), axisTick: { show: false } },
    yAxis: {
      type: 'value',
      splitNumber: 3,
      minInterval: 1,
      axisLabel: { fontSize: 10, formatter: (v: number) => formatCompact(String(v), 'amount') },
    },
    series: [
      {
        name: t('targets.dashboard.forecastWon'),
        type: 'bar',
        barMaxWidth: 16,
        itemStyle: { color: '#52c41a', borderRadius: [3, 3, 0, 0] },
        data: forecast.byMonth.map((m) => chartNumber(m.wonAmount)),
      },
      {
        name: t('targets.dashboard.forecastCommitted'),
        type: 'bar',
        barMaxWidth: 16,
        itemStyle: { color: '#69b1ff', borderRadius: [3, 3, 0, 0] },
        data: forecast.byMonth.map((m) => chartNumber(m.committedAmount)),
      },
      {
        name: t('targets.dashboard.forecastWeighted'),
        type: 'bar',
        barMaxWidth: 16,
        itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
        data: forecast.byMonth.map((m) => chartNumber(m.weightedAmount)),
      },
      ...(hasTarget
        ? [
            {
              name: t('targets.dashboard.forecastTarget'),
              type: 'line',
              symbolSize: 6,
              itemStyle: { color: '#fa8c16' },
              lineStyle: { type: 'dashed' },
              data: targets.map((v) => (v === null ? null : chartNumber(v))),
            },
          ]
        : []),
    ],
  };
}

/** 业绩预测: won, committed and weighted amounts per month of this quarter against the won-amount target. */
export function ForecastWidget({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { subject, period } = useDefaultSubject(me);
  const forecast = useForecast(period, {});
  const performance = usePerformance(period, subject, { enabled: subject !== null });
  const wonTarget = performance.data?.metrics.find((m) => m.key === 'won_amount');
  const option = useMemo(() => (forecast.data ? forecastOption(t, forecast.data, wonTarget) : null), [t, forecast.data, wonTarget]);
  return (
    <Card
      title={t('targets.dashboard.forecastTitle', { period: periodLabel(t, period) })}
      extra={<Link to="/opportunities">{t('targets.dashboard.viewAll')}</Link>}
      style={{ height: '100%' }}
      data-testid="home-forecast"
    >
      {forecast.isError ? (
        <QueryError error={forecast.error} onRetry={() => void forecast.refetch()} />
      ) : !option ? (
        <Skeleton active />
      ) : (
        <EChart
          option={option}
          height={260}
          onClick={(p) => {
            const month = forecast.data?.byMonth[p.dataIndex]?.month;
            const info = month ? parsePeriod(month) : undefined;
            if (!info) return;
            // The opportunities expected to close in the month (the list's own filters).
            void navigate(`/opportunities?${new URLSearchParams({ from: info.from, to: info.to }).toString()}`);
          }}
          data-testid="home-forecast-chart"
        />
      )}
    </Card>
  );
}
