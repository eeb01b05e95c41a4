/**
 * A dashboard row's sparkline: a tiny inline SVG line of the indicator's values for the
 * dashboard area (its latest 24 months, or its yearly values), no axes, the last value marked,
 * and, for a monthly series with SPC, its Making Data Count icons. An SVG polyline, not a chart
 * library canvas: sixty of them draw in a few milliseconds. The figures it shows are in its
 * accessible name.
 */
import { memo } from 'react';
import type { Sparkline as SparklineData } from '../../../../shared/api/types';
import { formatNumber } from '../../../../shared/domain/format';
import { assuranceIcon, variationIcon } from '../../../../shared/domain/mdcIcons';
import { formatMonthLong } from '../../../../shared/domain/periods';
import { MdcIcon } from '../charts/MdcIcons';

const LINE = '#1F4E79';
const WIDTH = 72;
const HEIGHT = 24;
const PAD = 3;
const ICON = 18;

export function sparklineLabel(name: string, line: SparklineData, decimals: number): string {
  if (line.points.length === 0) return `${name}: no values to draw`;
  const fmt = (v: number) => formatNumber(v, decimals);
  const when = (m: string | null) => (m ? (line.kind === 'yearly' ? `12 months to ${formatMonthLong(m)}` : formatMonthLong(m)) : '');
  const first = line.points[0]!;
  const last = line.points[line.points.length - 1]!;
  const kind = line.kind === 'yearly' ? `${line.points.length} yearly values` : `${line.points.length} months`;
  return `Trend of ${name}, ${kind}: first ${fmt(first)} (${when(line.first)}), last ${fmt(last)} (${when(line.last)})`;
}

/** The polyline's points in a WIDTH × HEIGHT box: x evenly spaced, y scaled to the values' range (a flat series sits in the middle). */
export function sparklinePoints(values: readonly number[], width = WIDTH, height = HEIGHT, pad = PAD): Array<[number, number]> {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return values.map((v, i) => [round(pad + i * step), round(span === 0 ? height / 2 : height - pad - ((v - min) / span) * (height - 2 * pad))]);
}

export const Sparkline = memo(function Sparkline({ name, line, decimals }: { name: string; line: SparklineData; decimals: number }) {
  const label = sparklineLabel(name, line, decimals);
  if (line.points.length < 2) {
    return (
      <span className="sparkline sparkline-empty" role="img" aria-label={label}>
        {line.points.length === 1 ? '' : '-'}
      </span>
    );
  }
  const points = sparklinePoints(line.points);
  const [lastX, lastY] = points[points.length - 1]!;
  const assured = line.spc ? assuranceIcon(line.spc.assurance) : null;
  return (
    <span className="sparkline-cell">
      <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
        <title>{label}</title>
        <polyline points={points.map((p) => p.join(',')).join(' ')} fill="none" stroke={LINE} strokeWidth="1.25" strokeLinejoin="round" strokeLinecap="round" />
        <circle cx={lastX} cy={lastY} r="2.25" fill={LINE} />
      </svg>
      {line.spc && (
        <span className="sparkline-icons">
          <MdcIcon icon={variationIcon(line.spc.variation, line.spc.side)} size={ICON} />
          {assured && <MdcIcon icon={assured} size={ICON} />}
        </span>
      )}
    </span>
  );
});
