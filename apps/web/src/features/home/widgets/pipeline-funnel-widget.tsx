import { useMemo } from 'react';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TPipelineSummary } from '@crm/contracts';
import { EChart, type EChartOption } from '../../../shared/ui/echart.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { usePipelineSummary } from '../../opportunities/api/opportunities.queries.ts';
import { formatCompact } from '../../targets/components/target-format.ts';

const COLORS = ['#bae0ff', '#91caff', '#69b1ff', '#4096ff', '#1677ff', '#0958d9', '#003eb3'];

/**
 * The open stages in pipeline order. The funnel's shape is the pipeline's (each stage a little
 * narrower than the one before); the labels carry the real counts and amounts, which need not shrink.
 */
function funnelOption(stages: TPipelineSummary['stages'], name: (s: TPipelineSummary['stages'][number]['stage']) => string): EChartOption {
  const step = stages.length > 1 ? 60 / (stages.length - 1) : 0;
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const s = stages[p.dataIndex]!;
        return `${name(s.stage)}<br/>${s.count} · ${formatCompact(s.amount, 'amount')}`;
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        min: 0,
        max: 100,
        minSize: '40%',
        gap: 2,
        label: {
          show: true,
          position: 'inside',
          color: '#fff',
          fontSize: 12,
          formatter: (p: { dataIndex: number }) => {
            const s = stages[p.dataIndex]!;
            return `${name(s.stage)}  ${s.count} · ${formatCompact(s.amount, 'amount')}`;
          },
        },
        itemStyle: { borderWidth: 0 },
        data: stages.map((s, i) => ({
          value: 100 - i * step,
          name: s.stage.id,
          itemStyle: { color: COLORS[Math.min(COLORS.length - 1, i + Math.max(0, COLORS.length - stages.length))] },
          label: { color: i + Math.max(0, COLORS.length - stages.length) < 2 ? '#003eb3' : '#fff' },
        })),
      },
    ],
  };
}

/** 商机漏斗: open opportunities per stage in the user's scope; a stage opens the list filtered by it. */
export function PipelineFunnelWidget() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const english = i18n.language.startsWith('en');
  const summary = usePipelineSummary({});
  const open = useMemo(
    () => (summary.data?.stages ?? []).filter((s) => s.stage.kind === 'open').sort((a, b) => a.stage.position - b.stage.position),
    [summary.data],
  );
  const option = useMemo(() => funnelOption(open, (s) => (english ? s.nameEn : s.nameZh)), [open, english]);
  return (
    <Card
      title={t('targets.dashboard.pipelineTitle')}
      extra={<Link to="/opportunities">{t('targets.dashboard.viewAll')}</Link>}
      style={{ height: '100%' }}
      data-testid="home-pipeline"
    >
      {summary.isError ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : !summary.data ? (
        <Skeleton active />
      ) : open.every((s) => s.count === 0) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('targets.dashboard.pipelineOpen', {
              count: summary.data.open.count,
              amount: formatCompact(summary.data.open.amount, 'amount'),
            })}
          </Typography.Text>
          <EChart
            option={option}
            height={Math.max(220, open.length * 44)}
            onClick={(p) => {
              const stage = open[p.dataIndex];
              if (stage) void navigate(`/opportunities?${new URLSearchParams({ stageId: stage.stage.id }).toString()}`);
            }}
            data-testid="home-pipeline-chart"
          />
        </>
      )}
    </Card>
  );
}
