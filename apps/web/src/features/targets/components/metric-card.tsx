import { useMemo } from 'react';
import { Card, Flex, Tag, Typography } from 'antd';
import { ClockCircleOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TMetricPerformance } from '@crm/contracts';
import { EChart, type EChartOption } from '../../../shared/ui/echart.tsx';
import { chartNumber, completionColor, formatCompact, formatCompletion, formatMetricValue, monthLabel } from './target-format.ts';

/** A half-ring gauge of a completion percentage; beyond 100 % the ring stays full and the number says how far. */
export function completionGauge(completion: number | null, opts: { size?: 'small' | 'normal' } = {}): EChartOption {
  const small = opts.size === 'small';
  const color = completionColor(completion);
  return {
    series: [
      {
        type: 'gauge',
        startAngle: 200,
        endAngle: -20,
        min: 0,
        max: 100,
        radius: small ? '100%' : '95%',
        center: ['50%', small ? '62%' : '60%'],
        progress: { show: true, width: small ? 10 : 14, itemStyle: { color } },
        axisLine: { lineStyle: { width: small ? 10 : 14, color: [[1, '#f0f0f0']] } },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, small ? '0%' : '-5%'],
          fontSize: small ? 16 : 24,
          fontWeight: 600,
          color: completion === null ? '#8c8c8c' : '#262626',
          formatter: () => formatCompletion(completion),
        },
        data: [{ value: Math.min(100, Math.max(0, completion ?? 0)) }],
      },
    ],
  };
}

/** Actual per month as bars, with the monthly targets as a dashed line where there are any. */
export function metricTrendOption(metric: TMetricPerformance, t: TFunction): EChartOption {
  const hasMonthTargets = metric.trend.some((p) => p.target !== null);
  return {
    grid: { left: 8, right: 8, top: 24, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => formatMetricValue(String(v), metric.unit),
    },
    legend: hasMonthTargets ? { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } } : undefined,
    xAxis: { type: 'category', data: metric.trend.map((p) => monthLabel(t, p.month)), axisTick: { show: false } },
    yAxis: {
      type: 'value',
      splitNumber: 3,
      minInterval: 1,
      axisLabel: { fontSize: 10, formatter: (v: number) => formatCompact(String(v), metric.unit) },
    },
    series: [
      {
        name: t('targets.actual'),
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: '#1677ff', borderRadius: [3, 3, 0, 0] },
        data: metric.trend.map((p) => chartNumber(p.actual)),
      },
      ...(hasMonthTargets
        ? [
            {
              name: t('targets.monthTarget'),
              type: 'line',
              symbolSize: 5,
              itemStyle: { color: '#fa8c16' },
              lineStyle: { type: 'dashed' },
              data: metric.trend.map((p) => (p.target === null ? null : chartNumber(p.target))),
            },
          ]
        : []),
    ],
  };
}

interface MetricCardProps {
  metric: TMetricPerformance;
  /** Trend per month below the gauge (not on the compact dashboard version). */
  showTrend?: boolean;
  onOpen?: () => void;
}

/** One metric of a subject: completion gauge, target and actual, rank, and the months. */
export function MetricCard({ metric, showTrend = true, onOpen }: MetricCardProps) {
  const { t } = useTranslation();
  const gauge = useMemo(() => completionGauge(metric.completion), [metric.completion]);
  const trend = useMemo(() => metricTrendOption(metric, t), [metric, t]);
  return (
    <Card
      size="small"
      title={metric.label}
      extra={
        metric.rank ? (
          <Tag icon={<TrophyOutlined />} color="gold">
            {t('targets.rankValue', metric.rank)}
          </Tag>
        ) : null
      }
      style={{ height: '100%' }}
      data-testid={`metric-card-${metric.key}`}
    >
      {!metric.available ? (
        <div className="metric-card-pending">
          <Flex vertical gap={8} align="center">
            <ClockCircleOutlined style={{ fontSize: 24 }} />
            <span>{metric.pendingNote ?? t('targets.notAvailable')}</span>
            <Typography.Text type="secondary">
              {t('targets.target')}: {formatMetricValue(metric.target, metric.unit)}
            </Typography.Text>
          </Flex>
        </div>
      ) : (
        <>
          <EChart option={gauge} height={140} onClick={onOpen} aria-label={`${metric.label} ${formatCompletion(metric.completion)}`} />
          <div className="metric-card-figures" style={{ justifyContent: 'center', marginBottom: showTrend ? 8 : 0 }}>
            <span>
              <Typography.Text type="secondary">{t('targets.actual')} </Typography.Text>
              <Typography.Text strong data-testid={`metric-actual-${metric.key}`}>
                {formatMetricValue(metric.actual, metric.unit)}
              </Typography.Text>
            </span>
            <span>
              <Typography.Text type="secondary">{t('targets.target')} </Typography.Text>
              <Typography.Text data-testid={`metric-target-${metric.key}`}>
                {metric.target === null ? t('targets.noTarget') : formatMetricValue(metric.target, metric.unit)}
              </Typography.Text>
            </span>
          </div>
          {showTrend ? <EChart option={trend} height={150} aria-label={t('targets.trend')} /> : null}
        </>
      )}
    </Card>
  );
}
