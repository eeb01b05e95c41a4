/**
 * An XmR (statistical process control) chart of one indicator's monthly series for an area:
 * the values, the centre line (mean) solid and the process limits dashed, each following the
 * point's own segment so a rebase shows as a step; special cause points by colour and shape.
 */
import { memo, useMemo } from 'react';
import type { ChartConfiguration, ChartDataset, ChartOptions, LegendItem, ScriptableLineSegmentContext, TooltipItem } from 'chart.js';
import { Line } from 'react-chartjs-2';
import type { Trend, TrendPoint } from '../../../../shared/api/types';
import { formatNumber } from '../../../../shared/domain/format';
import { addMonths, formatMonthLong } from '../../../../shared/domain/periods';
import { projectToFinancialYear, type Projection } from '../../../../shared/domain/projection';
import { assuranceIcon, variationIcon } from '../../../../shared/domain/mdcIcons';
import { NO_TARGET_ASSURANCE, SPECIAL_CAUSE_WORDS, UNIT_NAMES, assuranceSentence, causeWords, sentenceCase, variationWords } from '../../../../shared/domain/vocabulary';
import { ChartActions } from './ChartActions';
import { MdcIcon, mdcIconsPlugin } from './MdcIcons';

/** The trend as an image: 1000 × 460 CSS pixels (3000 × 1380 at print resolution). */
export const TREND_IMAGE = { width: 1000, height: 460 };

type SpecialCause = TrendPoint['specialCause'];
type Rule = TrendPoint['rules'][number];
type PointShape = 'triangle' | 'rectRot' | 'rect' | 'circle';

/** Colour and shape per special cause: shapes keep the meaning in greyscale print. */
export const CAUSE_STYLE: Record<SpecialCause, { colour: string; shape: PointShape; words: string }> = {
  improvement: { colour: '#2B6CB0', shape: 'triangle', words: sentenceCase(causeWords('improvement')) },
  concern: { colour: '#E07B00', shape: 'rectRot', words: sentenceCase(causeWords('concern')) },
  neutral: { colour: '#7B3FA0', shape: 'rect', words: sentenceCase(causeWords('neutral')) },
  none: { colour: '#8A8A8A', shape: 'circle', words: sentenceCase(causeWords('none')) },
};

const RULE_WORDS: Record<Rule, string> = {
  outside_limits: 'beyond a process limit',
  run: '7 or more points on one side of the mean',
  trend: '7 or more points rising or falling in a row',
  two_of_three: '2 of 3 points beyond 2 sigma on one side',
};

/** "Special cause variation: concern (high)": the variation icon's words. */
function variationLine(variation: Trend['variation'], side: 'high' | 'low' | null | undefined): string {
  return `${sentenceCase(variationWords(variation))}${variation !== 'common_cause' && side ? ` (${side})` : ''}`;
}

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

const COMPARISON_COLOUR = '#B9C7DA';
const PROJECTION_COLOUR = '#1F4E79';

export interface TrendExtras {
  /** The financial year (its starting year) to project to, or null for no projection. */
  projectionYear: number | null;
}

export interface TrendPicture {
  labels: string[];
  title: string;
  span: string;
  alt: string;
  projection: Projection | null;
  /** Notes under the chart: how the series was made, and the projection's method. */
  method: string;
  config: ChartConfiguration<'line', (number | null)[], string>;
}

function periodLabel(trend: Trend, s: Trend['series'][number]): string {
  return trend.view === 'rolling12' ? `12 months to ${formatMonthLong(s.periodEnd)}` : formatMonthLong(s.periodStart);
}

/**
 * Everything the trend chart draws, as a chart.js configuration: the values (with SPC in the
 * monthly view), the same months a year earlier, the target and a projection. `print` adds
 * the title and the key on the canvas, for images saved, copied or put in the agenda pack.
 */
export function trendPicture(trend: Trend, extras: TrendExtras, print = false): TrendPicture {
  const { series, points, decimals } = trend;
  const fmt = (v: number) => formatNumber(v, decimals);
  const spcShown = trend.spc && points.length === series.length;
  const latest = series[series.length - 1];
  const latestPoint = spcShown ? points[points.length - 1] : undefined;
  const viewWords = trend.view === 'rolling12' ? 'rolling 12 months' : 'monthly';
  const title = `${trend.indicator}, ${trend.area.name}`;
  const span = series.length > 0 ? `${periodLabel(trend, series[0]!)} to ${periodLabel(trend, latest!)}` : 'no months';
  const verdict = variationLine(trend.variation, latestPoint?.side);

  const byMonth = new Map(series.map((s) => [s.periodEnd, s.value]));
  const yearEarlier = series.map((s) => byMonth.get(addMonths(s.periodEnd, -12)) ?? null);
  const hasYearEarlier = yearEarlier.filter((v) => v !== null).length >= 2;
  const projection = extras.projectionYear !== null ? projectToFinancialYear(series.map((s) => ({ month: s.periodEnd, value: s.value })), extras.projectionYear, (v, extra = 0) => formatNumber(v, decimals + extra)) : null;
  const extra = projection ? projection.points.slice(1) : [];
  const labels = [...series.map((s) => periodLabel(trend, s)), ...extra.map((p) => (trend.view === 'rolling12' ? `12 months to ${formatMonthLong(p.month)}` : formatMonthLong(p.month)))];
  const pad = <V,>(values: V[]): (V | null)[] => [...values, ...extra.map(() => null)];

  const alt =
    series.length > 0
      ? (spcShown
          ? `Statistical process control chart of ${trend.indicator} for ${trend.area.name}, monthly from ${span}. ` +
            `${verdict}. Latest value ${fmt(latest!.value)} in ${formatMonthLong(latest!.periodEnd)}; ` +
            `mean ${fmt(latestPoint!.mean)}, process limits ${fmt(latestPoint!.lpl)} to ${fmt(latestPoint!.upl)}.`
          : `Line chart of ${trend.indicator} for ${trend.area.name}, ${viewWords}, ${span}. First value ${fmt(series[0]!.value)}, latest ${fmt(latest!.value)}.`) +
        (hasYearEarlier ? ' A faint line shows the same months a year earlier.' : '') +
        (trend.target !== null ? ` Target ${fmt(trend.target)}.${spcShown ? ` ${assuranceSentence(trend.assurance)}` : ''}` : '') +
        (projection ? ` Straight-line projection to ${formatMonthLong(projection.until)}: ${fmt(projection.end)}.` : '')
      : `No ${viewWords} values of ${trend.indicator} for ${trend.area.name}.`;

  const styles = spcShown ? points.map((p) => CAUSE_STYLE[p.specialCause]) : series.map(() => CAUSE_STYLE.none);
  const limitLine = (label: string, key: 'lpl' | 'upl') => ({
    label,
    data: pad(points.map((p) => p[key])),
    borderColor: LIMIT_COLOUR,
    borderWidth: 1.25,
    borderDash: [6, 4],
    pointRadius: 0,
    pointHoverRadius: 0,
    segment: stepSegment(points, key, LIMIT_COLOUR),
    order: 3,
  });
  const datasets: ChartDataset<'line', (number | null)[]>[] = [
    {
      label: 'Value',
      data: pad(series.map((s) => s.value)),
      borderColor: spcShown ? VALUE_LINE : PROJECTION_COLOUR,
      borderWidth: spcShown ? 1.5 : 2,
      pointStyle: styles.map((s) => s.shape),
      pointBackgroundColor: spcShown ? styles.map((s) => s.colour) : PROJECTION_COLOUR,
      pointBorderColor: spcShown ? styles.map((s) => s.colour) : PROJECTION_COLOUR,
      pointRadius: spcShown ? points.map((p) => (p.specialCause === 'none' ? 3.5 : 5)) : 2.5,
      pointHoverRadius: spcShown ? points.map((p) => (p.specialCause === 'none' ? 5 : 7)) : 5,
      order: 1,
    },
  ];
  if (spcShown) {
    datasets.push(
      {
        label: 'Mean',
        data: pad(points.map((p) => p.mean)),
        borderColor: MEAN_COLOUR,
        borderWidth: 1.5,
        pointRadius: 0,
        pointHoverRadius: 0,
        segment: stepSegment(points, 'mean', MEAN_COLOUR),
        order: 2,
      },
      limitLine('Process limits', 'upl'),
      limitLine('Lower process limit', 'lpl'),
    );
  }
  if (hasYearEarlier) {
    datasets.push({
      label: 'Same months a year earlier',
      data: pad(yearEarlier),
      borderColor: COMPARISON_COLOUR,
      borderWidth: 1.5,
      pointRadius: 0,
      pointHoverRadius: 0,
      spanGaps: false,
      order: 5,
    });
  }
  if (projection) {
    datasets.push({
      label: 'Projection',
      data: [...series.slice(0, -1).map(() => null), ...projection.points.map((p) => p.value)],
      borderColor: PROJECTION_COLOUR,
      borderWidth: 1.75,
      borderDash: [7, 5],
      pointRadius: 0,
      pointHoverRadius: 4,
      order: 4,
    });
  }
  const legendItems = (): LegendItem[] => {
    const line = (text: string, colour: string, dash: number[] = [], width = 2): LegendItem => ({ text, strokeStyle: colour, fillStyle: colour, lineWidth: width, lineDash: dash, pointStyle: 'line', hidden: false });
    const items: LegendItem[] = [];
    if (spcShown) {
      items.push(line('Mean', MEAN_COLOUR), line('Process limits', LIMIT_COLOUR, [6, 4]));
      for (const c of ['improvement', 'concern', 'neutral', 'none'] as const) {
        if (c === 'none' || points.some((p) => p.specialCause === c)) items.push({ text: CAUSE_STYLE[c].words, fillStyle: CAUSE_STYLE[c].colour, strokeStyle: CAUSE_STYLE[c].colour, lineWidth: 1, pointStyle: CAUSE_STYLE[c].shape, hidden: false });
      }
    } else items.push(line(trend.view === 'rolling12' ? 'Rolling 12 months' : 'Value', PROJECTION_COLOUR));
    if (hasYearEarlier) items.push(line('Same months a year earlier', COMPARISON_COLOUR));
    if (trend.target !== null) items.push(line(`Target ${fmt(trend.target)}`, TARGET_COLOUR, [2, 3]));
    if (projection) items.push(line(`Projection to ${formatMonthLong(projection.until)}`, PROJECTION_COLOUR, [7, 5]));
    return items;
  };

  const options: ChartOptions<'line'> = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    layout: { padding: { top: 8, right: 12, left: print ? 8 : 0 } },
    scales: {
      x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12 } },
      y: {
        title: { display: true, text: `${sentenceCase(UNIT_NAMES[trend.unit])}${trend.view === 'rolling12' ? ', 12 months to the month shown' : ''}` },
        ticks: { callback: (v) => formatNumber(Number(v), Number.isInteger(Number(v)) ? 0 : decimals) },
        grace: '5%',
      },
    },
    plugins: {
      title: print ? { display: true, text: [title, `${viewWords[0]!.toUpperCase()}${viewWords.slice(1)}, ${span}${spcShown ? `: ${verdict.toLowerCase()}` : ''}`], font: { size: 15, weight: 'bold' }, color: '#242424', padding: { bottom: 6 }, align: 'start' } : { display: false },
      legend: print ? { display: true, position: 'bottom', labels: { usePointStyle: true, boxWidth: 28, boxHeight: 8, color: '#424242', generateLabels: legendItems } } : { display: false },
      tooltip: {
        filter: (item: TooltipItem<'line'>) => item.datasetIndex === 0 || (item.dataset.label === 'Projection' && item.dataIndex >= series.length),
        backgroundColor: 'rgba(36,36,36,0.92)',
        padding: 8,
        callbacks: {
          title: (items: TooltipItem<'line'>[]) => labels[items[0]?.dataIndex ?? 0] ?? '',
          label: (item: TooltipItem<'line'>) => {
            if (item.dataset.label === 'Projection') return `Projection: ${fmt(Number(item.raw))}`;
            const s = series[item.dataIndex];
            return s ? `Value: ${fmt(s.value)}` : '';
          },
          afterLabel: (item: TooltipItem<'line'>) => {
            if (item.datasetIndex !== 0) return '';
            const lines: string[] = [];
            const earlier = yearEarlier[item.dataIndex];
            if (earlier !== null && earlier !== undefined) lines.push(`A year earlier: ${fmt(earlier)}`);
            const p = spcShown ? points[item.dataIndex] : undefined;
            if (p) {
              lines.push(`Mean ${fmt(p.mean)}; limits ${fmt(p.lpl)} to ${fmt(p.upl)}`);
              if (p.specialCause !== 'none') lines.push(`${CAUSE_STYLE[p.specialCause].words}: ${rulesInWords(p.rules)}`);
            }
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
  const method = [trend.method, projection?.method].filter(Boolean).join(' ');
  // Printed: the variation and assurance icons in the top right corner, as on the page.
  const icons = print && spcShown ? [variationIcon(trend.variation, latestPoint?.side ?? null), assuranceIcon(trend.assurance)].filter((i) => i !== null) : [];
  return { labels, title, span, alt, projection, method, config: { type: 'line', data: { labels, datasets }, options, plugins: icons.length > 0 ? [mdcIconsPlugin(icons)] : [] } };
}

/** Memoised: a page re-render with the same figures does not touch the chart. */
export const TrendChart = memo(function TrendChart({ trend, projectionYear = null }: { trend: Trend; projectionYear?: number | null }) {
  const { points, decimals } = trend;
  const fmt = (v: number) => formatNumber(v, decimals);
  const picture = useMemo(() => trendPicture(trend, { projectionYear }), [trend, projectionYear]);
  const { title, span, alt } = picture;
  const spcShown = trend.spc && points.length === trend.series.length;
  const latest = spcShown ? points[points.length - 1] : undefined;
  const latestValue = trend.series[trend.series.length - 1];
  const hasYearEarlier = picture.config.data.datasets.some((d) => d.label === 'Same months a year earlier');

  const flagged = spcShown ? points.filter((p) => p.specialCause !== 'none') : [];
  const causes = spcShown ? (['improvement', 'concern', 'neutral', 'none'] as const).filter((c) => c === 'none' || points.some((p) => p.specialCause === c)) : [];
  const yearEarlier = new Map(trend.series.map((s) => [s.periodEnd, s.value]));
  const printConfig = () => trendPicture(trend, { projectionYear }, true).config as unknown as ChartConfiguration;
  const assured = assuranceIcon(trend.assurance);

  return (
    <figure className="chart-figure" aria-label={title}>
      <div className="chart-with-side">
        <div className="chart-area">
          <div className="chart-canvas trend-canvas" role="img" aria-label={alt}>
            <Line data={picture.config.data} options={picture.config.options!} aria-hidden="true" />
          </div>
          <ul className="chart-key" aria-label="Key">
            {spcShown ? (
              <>
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
              </>
            ) : (
              <li>
                <svg width="26" height="10" aria-hidden="true">
                  <line x1="1" y1="5" x2="25" y2="5" stroke={PROJECTION_COLOUR} strokeWidth="2" />
                </svg>
                {trend.view === 'rolling12' ? 'Rolling 12 months' : 'Value'}
              </li>
            )}
            {hasYearEarlier && (
              <li>
                <svg width="26" height="10" aria-hidden="true">
                  <line x1="1" y1="5" x2="25" y2="5" stroke={COMPARISON_COLOUR} strokeWidth="2" />
                </svg>
                Same months a year earlier
              </li>
            )}
            {trend.target !== null && (
              <li>
                <svg width="26" height="10" aria-hidden="true">
                  <line x1="1" y1="5" x2="25" y2="5" stroke={TARGET_COLOUR} strokeWidth="1.5" strokeDasharray="2 3" />
                </svg>
                Target
              </li>
            )}
            {picture.projection && (
              <li>
                <svg width="26" height="10" aria-hidden="true">
                  <line x1="1" y1="5" x2="25" y2="5" stroke={PROJECTION_COLOUR} strokeWidth="1.75" strokeDasharray="7 5" />
                </svg>
                Projection to {formatMonthLong(picture.projection.until)}
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
          {spcShown ? (
            <p className={`verdict verdict-${trend.variation}`}>
              <MdcIcon icon={variationIcon(trend.variation, latest?.side ?? null)} size={44} />
              <span>{variationLine(trend.variation, latest?.side)}</span>
            </p>
          ) : (
            <p className="no-spc">
              <strong>No SPC in this view.</strong> Rolling 12-month figures overlap by 11 months, so process limits would mislead. Choose the monthly series to see statistical process control.
            </p>
          )}
          {flagged.length > 0 && (
            <p className="flagged">
              {flagged.length === 1 ? '1 point shows' : `${flagged.length} points show`} special cause:{' '}
              {flagged.map((p) => `${formatMonthLong(p.periodStart)} (${p.specialCause === 'none' ? causeWords('none') : SPECIAL_CAUSE_WORDS[p.specialCause]})`).slice(0, 6).join(', ')}
              {flagged.length > 6 ? ', ...' : ''}.
            </p>
          )}
          {spcShown && trend.target !== null && (
            <p className="assurance">
              {assured && <MdcIcon icon={assured} size={44} />}
              <span>
                <strong>Target {fmt(trend.target)}.</strong> {assuranceSentence(trend.assurance)}
              </span>
            </p>
          )}
          {spcShown && trend.target === null && <p className="assurance">{NO_TARGET_ASSURANCE}</p>}
          {spcShown && trend.provisional && <p className="provisional">Limits are provisional: fewer than 12 points</p>}
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
          {!spcShown && latestValue && (
            <dl className="chart-facts">
              <dt>Latest (12 months to {formatMonthLong(latestValue.periodEnd)})</dt>
              <dd>{fmt(latestValue.value)}</dd>
            </dl>
          )}
          {picture.projection && (
            <p className="projection-note">
              Projection to {formatMonthLong(picture.projection.until)}: <strong>{fmt(picture.projection.end)}</strong>
            </p>
          )}
        </aside>
      </div>
      <figcaption className="chart-method">{picture.method}</figcaption>
      <ChartActions title={title} description={alt} printConfig={printConfig} width={TREND_IMAGE.width} height={TREND_IMAGE.height} />
      <details className="chart-figures">
        <summary>Show the figures</summary>
        <table className="figures">
          <caption>
            {title}: {spcShown ? 'monthly values' : 'rolling 12-month values'}, {span}
          </caption>
          <thead>
            <tr>
              <th scope="col">{spcShown ? 'Month' : '12 months to'}</th>
              <th scope="col" className="num">Value</th>
              {spcShown && (
                <>
                  <th scope="col" className="num">Mean</th>
                  <th scope="col" className="num">Lower limit</th>
                  <th scope="col" className="num">Upper limit</th>
                  <th scope="col">Special cause</th>
                </>
              )}
              <th scope="col" className="num">A year earlier</th>
            </tr>
          </thead>
          <tbody>
            {trend.series.map((s, i) => {
              const p = spcShown ? points[i] : undefined;
              const earlier = yearEarlier.get(addMonths(s.periodEnd, -12));
              return (
                <tr key={s.periodEnd}>
                  <th scope="row" data-month={s.periodEnd}>
                    {formatMonthLong(s.periodEnd)}
                  </th>
                  <td className="num" data-value={s.value}>
                    {fmt(s.value)}
                  </td>
                  {p && (
                    <>
                      <td className="num" data-value={p.mean}>
                        {fmt(p.mean)}
                      </td>
                      <td className="num" data-value={p.lpl}>
                        {fmt(p.lpl)}
                      </td>
                      <td className="num" data-value={p.upl}>
                        {fmt(p.upl)}
                      </td>
                      <td>{p.specialCause === 'none' ? 'None' : `${SPECIAL_CAUSE_WORDS[p.specialCause]} (${rulesInWords(p.rules)})`}</td>
                    </>
                  )}
                  <td className="num" data-earlier={earlier ?? ''}>
                    {earlier === undefined ? '-' : fmt(earlier)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </figure>
  );
});

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
