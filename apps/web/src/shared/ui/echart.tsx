import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, GaugeChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboards draw goes into the bundle.
echarts.use([
  BarChart,
  FunnelChart,
  GaugeChart,
  LineChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;
/** What ECharts passes to a click handler (the parts we read). */
export type EChartClick = {
  componentType: string;
  seriesType?: string;
  seriesIndex?: number;
  dataIndex: number;
  name: string;
  value: unknown;
  data: unknown;
};

interface EChartProps {
  option: EChartOption;
  height: number | string;
  /** Clicking a bar, a funnel layer, a gauge… (the cursor becomes a pointer over them). */
  onClick?: (params: EChartClick) => void;
  style?: CSSProperties;
  className?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * A thin React wrapper around an ECharts instance: created once, options replaced on change,
 * resized with its container (window resizes, collapsing menus, cards reflowing on phones) and
 * disposed on unmount.
 */
export function EChart({ option, height, onClick, style, className, 'aria-label': ariaLabel, 'data-testid': testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as unknown as EChartClick));
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={ariaLabel}
      className={className}
      data-testid={testId}
      style={{ width: '100%', height, ...style }}
    />
  );
}
