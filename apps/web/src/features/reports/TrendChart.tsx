import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the modules the report uses, to keep the bundle small.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface TrendSeries {
  name: string;
  kind: 'bar' | 'line';
  values: (number | null)[];
  /** Right-hand axis (counts) instead of the left (minutes / percent). */
  right?: boolean;
}

export interface TrendChartProps {
  title: string;
  categories: string[];
  series: TrendSeries[];
  leftAxisLabel: string;
  rightAxisLabel?: string;
  testId?: string;
}

/** A bar/line chart over days or hours; re-rendered in place when the data change. */
export function TrendChart({
  title,
  categories,
  series,
  leftAxisLabel,
  rightAxisLabel,
  testId,
}: TrendChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // Without a 2D canvas nothing can be drawn; the tables still show every figure.
    if (!document.createElement('canvas').getContext('2d')) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: rightAxisLabel ? 48 : 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: categories },
        yAxis: [
          { type: 'value', name: leftAxisLabel },
          ...(rightAxisLabel ? [{ type: 'value', name: rightAxisLabel, splitLine: { show: false } }] : []),
        ],
        series: series.map((s) => ({
          name: s.name,
          type: s.kind,
          data: s.values,
          yAxisIndex: s.right && rightAxisLabel ? 1 : 0,
          connectNulls: false,
          ...(s.kind === 'bar' ? { barMaxWidth: 18, itemStyle: { opacity: 0.5 } } : { symbolSize: 4 }),
        })),
      },
      { notMerge: true },
    );
  }, [categories, series, leftAxisLabel, rightAxisLabel]);

  return (
    <figure className="report-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={host} style={{ width: '100%', height: 260 }} />
    </figure>
  );
}
