/**
 * A dashboard row's sparkline: a tiny chart.js line of the indicator's values for the dashboard
 * area (its latest 24 months, or its yearly values), no axes, the last value marked. The
 * figures it shows are in its accessible name.
 */
import { useMemo } from 'react';
import type { ChartData, ChartOptions } from 'chart.js';
import { Line } from 'react-chartjs-2';
import type { Sparkline as SparklineData } from '../../../../shared/api/types';
import { formatNumber } from '../../../../shared/domain/format';
import { formatMonthLong } from '../../../../shared/domain/periods';
import '../charts/chartSetup';

const LINE = '#1F4E79';
const WIDTH = 96;
const HEIGHT = 26;

const OPTIONS: ChartOptions<'line'> = {
  animation: false,
  responsive: false,
  events: [],
  layout: { padding: 3 },
  scales: { x: { display: false }, y: { display: false, grace: '4%' } },
  // No plugin runs for a sparkline: nothing to annotate, label or explain on hover.
  plugins: { legend: false, title: false, tooltip: false, annotation: false } as unknown as ChartOptions<'line'>['plugins'],
  normalized: true,
  elements: { line: { borderWidth: 1.25, tension: 0 } },
};

export function sparklineLabel(name: string, line: SparklineData, decimals: number): string {
  if (line.points.length === 0) return `${name}: no values to draw`;
  const fmt = (v: number) => formatNumber(v, decimals);
  const when = (m: string | null) => (m ? (line.kind === 'yearly' ? `12 months to ${formatMonthLong(m)}` : formatMonthLong(m)) : '');
  const first = line.points[0]!;
  const last = line.points[line.points.length - 1]!;
  const kind = line.kind === 'yearly' ? `${line.points.length} yearly values` : `${line.points.length} months`;
  return `Trend of ${name}, ${kind}: first ${fmt(first)} (${when(line.first)}), last ${fmt(last)} (${when(line.last)})`;
}

export function Sparkline({ name, line, decimals }: { name: string; line: SparklineData; decimals: number }) {
  const label = sparklineLabel(name, line, decimals);
  const data = useMemo<ChartData<'line', number[], number>>(
    () => ({
      labels: line.points.map((_, i) => i),
      datasets: [
        {
          data: line.points,
          borderColor: LINE,
          pointRadius: line.points.map((_, i) => (i === line.points.length - 1 ? 2.25 : 0)),
          pointBackgroundColor: LINE,
          pointBorderWidth: 0,
        },
      ],
    }),
    [line.points],
  );
  if (line.points.length < 2) {
    return (
      <span className="sparkline sparkline-empty" role="img" aria-label={label}>
        {line.points.length === 1 ? '' : '-'}
      </span>
    );
  }
  return (
    <span className="sparkline" role="img" aria-label={label} title={label}>
      <Line data={data} options={OPTIONS} width={WIDTH} height={HEIGHT} aria-hidden="true" />
    </span>
  );
}
