/**
 * An XmR (statistical process control) chart of one indicator's monthly series for an area:
 * the values, the centre line (mean) solid and the process limits dashed, each following the
 * point's own segment so a rebase shows as a step; special cause points by colour and shape.
 */
import { useMemo } from 'react';
import type { ChartData, ChartOptions, ScriptableLineSegmentContext, TooltipItem } from 'chart.js';
import { Line } from 'react-chartjs-2';
import type { Trend, TrendPoint } from '../../../../shared/api/types';
import { formatNumber } from '../../../../shared/domain/format';
import { formatMonthLong } from '../../../../shared/domain/periods';
import { UNIT_WORDS } from './chartSetup';

type SpecialCause = TrendPoint['specialCause'];
type Rule = TrendPoint['rules'][number];
type PointShape = 'triangle' | 'rectRot' | 'rect' | 'circle';

/** Colour and shape per special cause: shapes keep the meaning in greyscale print. */
export const CAUSE_STYLE: Record<SpecialCause, { colour: string; shape: PointShape; words: string }> = {
  improvement: { colour: '#2B6CB0', shape: 'triangle', words: 'Special cause: improvement' },
  concern: { colour: '#E07B00', shape: 'rectRot', words: 'Special cause: concern' },
  neutral: { colour: '#7B3FA0', shape: 'rect', words: 'Special cause: neither better nor worse' },
  none: { colour: '#8A8A8A', shape: 'circle', words: 'Common cause' },
};

const RULE_WORDS: Record<Rule, string> = {
  outside_limits: 'beyond a process limit',
  run: '7 or more points on one side of the mean',
  trend: '7 or more points rising or falling in a row',
  two_of_three: '2 of 3 points beyond 2 sigma on one side',
};

const VARIATION_WORDS: Record<Trend['variation'], string> = {
  common_cause: 'Common cause variation',
  special_cause_improvement: 'Special cause variation: improvement',
  special_cause_concern: 'Special cause variation: concern',
  special_cause_neutral: 'Special cause variation: neither better nor worse',
};

const ASSURANCE_WORDS: Record<Trend['assurance'], string> = {
  consistently_pass: 'The target will consistently be met: it lies beyond the process limits on the good side.',
  consistently_fail: 'The target will consistently be missed unless the process changes: it lies beyond the process limits on the bad side.',
  hit_and_miss: 'The target will be hit and miss: it lies between the process limits.',
  none: 'No target: no assurance to judge.',
};

const MEAN_COLOUR = '#3B3B3B';
const LIMIT_COLOUR = '#8A8A8A';
const TARGET_COLOUR = '#2E7D32';
const VALUE_LINE = '#A6A6A6';

export function rulesInWords(rules: readonly Rule[]): string {
  return rules.map((r) => RULE_WORDS[r]).join('; ');
}

/** A line that follows each point's own mean or limit, broken where a rebase moves it. */
function stepSegment(points: readonly TrendPoint[], key: 'mean' | 'lpl' | 'upl', colour: string) {
  return {
    borderColor: (ctx: ScriptableLineSegmentContext) => (points[ctx.p0DataIndex]?.[key] === points[ctx.p1DataIndex]?.[key] ? colour : 'rgba(0,0,0,0)'),
  };
}

export function TrendChart({ trend }: { trend: Trend }) {
  const { points, decimals } = trend;
  const fmt = (v: number) => formatNumber(v, decimals);
  const latest = points[points.length - 1];
  const title = `${trend.indicator}, ${trend.area.name}`;
  const span = points.length > 0 ? `${formatMonthLong(points[0]!.periodStart)} to ${formatMonthLong(latest!.periodEnd)}` : 'no months';
  const alt =
    points.length > 0
      ? `Statistical process control chart of ${trend.indicator} for ${trend.area.name}, monthly from ${span}. ` +
        `${VARIATION_WORDS[trend.variation]}. Latest value ${fmt(latest!.value)} in ${formatMonthLong(latest!.periodEnd)}; ` +
        `mean ${fmt(latest!.mean)}, process limits ${fmt(latest!.lpl)} to ${fmt(latest!.upl)}.`
      : `No monthly values of ${trend.indicator} for ${trend.area.name}.`;

  const data = useMemo<ChartData<'line', number[], string>>(() => {
    const styles = points.map((p) => CAUSE_STYLE[p.specialCause]);
    const limitLine = (label: string, key: 'lpl' | 'upl') => ({
      label,
      data: points.map((p) => p[key]),
      borderColor: LIMIT_COLOUR,
      borderWidth: 1.25,
      borderDash: [6, 4],
      pointRadius: 0,
      pointHoverRadius: 0,
      segment: stepSegment(points, key, LIMIT_COLOUR),
      order: 3,
    });
    return {
      labels: points.map((p) => formatMonthLong(p.periodStart)),
      datasets: [
        {
          label: 'Value',
          data: points.map((p) => p.value),
          borderColor: VALUE_LINE,
          borderWidth: 1.5,
          pointStyle: styles.map((s) => s.shape),
          pointBackgroundColor: styles.map((s) => s.colour),
          pointBorderColor: styles.map((s) => s.colour),
          pointRadius: points.map((p) => (p.specialCause === 'none' ? 3.5 : 5)),
          pointHoverRadius: points.map((p) => (p.specialCause === 'none' ? 5 : 7)),
          order: 1,
        },
        {
          label: 'Mean',
          data: points.map((p) => p.mean),
          borderColor: MEAN_COLOUR,
          borderWidth: 1.5,
          pointRadius: 0,
          pointHoverRadius: 0,
          segment: stepSegment(points, 'mean', MEAN_COLOUR),
          order: 2,
        },
        limitLine('Upper process limit', 'upl'),
        limitLine('Lower process limit', 'lpl'),
      ],
    };
  }, [points]);

  const options = useMemo<ChartOptions<'line'>>(() => {
    const fmt = (v: number) => formatNumber(v, decimals);
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      layout: { padding: { top: 8, right: 12 } },
      scales: {
        x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12 } },
        y: {
          title: { display: true, text: UNIT_WORDS[trend.unit] ?? trend.unit },
          ticks: { callback: (v) => formatNumber(Number(v), Number.isInteger(Number(v)) ? 0 : decimals) },
          grace: '5%',
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item: TooltipItem<'line'>) => item.datasetIndex === 0,
          backgroundColor: 'rgba(36,36,36,0.92)',
          padding: 8,
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => {
              const p = points[items[0]?.dataIndex ?? 0];
              return p ? formatMonthLong(p.periodStart) : '';
            },
            label: (item: TooltipItem<'line'>) => {
              const p = points[item.dataIndex];
              return p ? `Value: ${fmt(p.value)}` : '';
            },
            afterLabel: (item: TooltipItem<'line'>) => {
              const p = points[item.dataIndex];
              if (!p) return '';
              const lines = [`Mean ${fmt(p.mean)}; limits ${fmt(p.lpl)} to ${fmt(p.upl)}`];
              if (p.specialCause !== 'none') lines.push(`${CAUSE_STYLE[p.specialCause].words}: ${rulesInWords(p.rules)}`);
              return lines;
            },
          },
        },
        annotation: {
          annotations:
            trend.target === null
              ? {}
              : {
                  target: {
                    type: 'line',
                    yMin: trend.target,
                    yMax: trend.target,
                    borderColor: TARGET_COLOUR,
                    borderWidth: 1.5,
                    borderDash: [2, 3],
                    label: {
                      display: true,
                      content: `Target ${fmt(trend.target)}`,
                      position: 'start',
                      backgroundColor: 'rgba(255,255,255,0.85)',
                      color: TARGET_COLOUR,
                      font: { size: 11, weight: 'bold' },
                      padding: 3,
                    },
                  },
                },
        },
      },
    };
  }, [points, decimals, trend.target, trend.unit]);

  const flagged = points.filter((p) => p.specialCause !== 'none');
  const causes = (['improvement', 'concern', 'neutral', 'none'] as const).filter((c) => c === 'none' || points.some((p) => p.specialCause === c));

  return (
    <figure className="chart-figure" aria-label={title}>
      <div className="chart-with-side">
        <div className="chart-area">
          <div className="chart-canvas trend-canvas" role="img" aria-label={alt}>
            <Line data={data} options={options} aria-hidden="true" />
          </div>
          <ul className="chart-key" aria-label="Key">
            <li>
              <svg width="26" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2="25" y2="5" stroke={MEAN_COLOUR} strokeWidth="1.5" />
              </svg>
              Mean
            </li>
            <li>
              <svg width="26" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2="25" y2="5" stroke={LIMIT_COLOUR} strokeWidth="1.5" strokeDasharray="6 4" />
              </svg>
              Process limits
            </li>
            {trend.target !== null && (
              <li>
                <svg width="26" height="10" aria-hidden="true">
                  <line x1="1" y1="5" x2="25" y2="5" stroke={TARGET_COLOUR} strokeWidth="1.5" strokeDasharray="2 3" />
                </svg>
                Target
              </li>
            )}
            {causes.map((c) => (
              <li key={c}>
                <ShapeIcon cause={c} />
                {CAUSE_STYLE[c].words}
              </li>
            ))}
          </ul>
        </div>
        <aside className="chart-side" aria-label="What the chart shows">
          <p className={`verdict verdict-${trend.variation}`}>
            <ShapeIcon cause={latest?.specialCause ?? 'none'} />
            <span>{VARIATION_WORDS[trend.variation]}</span>
          </p>
          {flagged.length > 0 && (
            <p className="flagged">
              {flagged.length === 1 ? '1 point shows' : `${flagged.length} points show`} special cause:{' '}
              {flagged.map((p) => `${formatMonthLong(p.periodStart)} (${p.specialCause})`).slice(0, 6).join(', ')}
              {flagged.length > 6 ? ', ...' : ''}.
            </p>
          )}
          {trend.target !== null && (
            <p className="assurance">
              <strong>Target {fmt(trend.target)}.</strong> {ASSURANCE_WORDS[trend.assurance]}
            </p>
          )}
          {trend.target === null && <p className="assurance">{ASSURANCE_WORDS.none}</p>}
          {trend.provisional && <p className="provisional">Limits are provisional: fewer than 12 points</p>}
          {latest && (
            <dl className="chart-facts">
              <dt>Latest ({formatMonthLong(latest.periodEnd)})</dt>
              <dd>{fmt(latest.value)}</dd>
              <dt>Mean</dt>
              <dd>{fmt(latest.mean)}</dd>
              <dt>Process limits</dt>
              <dd>
                {fmt(latest.lpl)} to {fmt(latest.upl)}
              </dd>
            </dl>
          )}
        </aside>
      </div>
      <figcaption className="chart-method">{trend.method}</figcaption>
      <details className="chart-figures">
        <summary>Show the figures</summary>
        <table className="figures">
          <caption>
            {title}: monthly values, {span}
          </caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">Value</th>
              <th scope="col" className="num">Mean</th>
              <th scope="col" className="num">Lower limit</th>
              <th scope="col" className="num">Upper limit</th>
              <th scope="col">Special cause</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.periodStart}>
                <th scope="row" data-month={p.periodStart}>
                  {formatMonthLong(p.periodStart)}
                </th>
                <td className="num" data-value={p.value}>
                  {fmt(p.value)}
                </td>
                <td className="num" data-value={p.mean}>
                  {fmt(p.mean)}
                </td>
                <td className="num" data-value={p.lpl}>
                  {fmt(p.lpl)}
                </td>
                <td className="num" data-value={p.upl}>
                  {fmt(p.upl)}
                </td>
                <td>{p.specialCause === 'none' ? 'None' : `${CAUSE_STYLE[p.specialCause].words.replace('Special cause: ', '')} (${rulesInWords(p.rules)})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function ShapeIcon({ cause }: { cause: SpecialCause }) {
  const { colour, shape } = CAUSE_STYLE[cause];
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" className="shape-icon">
      {shape === 'circle' && <circle cx="6" cy="6" r="4" fill={colour} />}
      {shape === 'triangle' && <polygon points="6,1 11,10.5 1,10.5" fill={colour} />}
      {shape === 'rectRot' && <polygon points="6,0.5 11.5,6 6,11.5 0.5,6" fill={colour} />}
      {shape === 'rect' && <rect x="1.5" y="1.5" width="9" height="9" fill={colour} />}
    </svg>
  );
}
