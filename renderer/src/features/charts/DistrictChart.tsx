/**
 * The districts' values for a reporting period's 12 months, best first, with the county value
 * and the district average as reference lines and 95% confidence intervals as error bars.
 */
import { memo, useMemo } from 'react';
import type { BarElement, Chart, ChartConfiguration, ChartData, ChartOptions, LegendItem, Plugin, TooltipItem } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import { Bar } from 'react-chartjs-2';
import type { DistrictBar, DistrictComparison } from '../../../../shared/api/types';
import { formatNumber } from '../../../../shared/domain/format';
import { formatMonthLong } from '../../../../shared/domain/periods';
import { ChartActions } from './ChartActions';
import { POLARITY_ORDER_WORDS, UNIT_NAMES, sentenceCase } from '../../../../shared/domain/vocabulary';

const BAR_COLOUR = '#5B8BD0';
const BAR_BORDER = '#3E6FB5';
/** Top / Average / Bottom: dark, mid and light, so they also read in greyscale. */
const QUARTILE_COLOURS: Record<'Top' | 'Average' | 'Bottom', string> = { Top: '#1F4E79', Average: '#5B8BD0', Bottom: '#BDD7EE' };
const CI_COLOUR = '#2F2F2F';
const COUNTY_COLOUR = '#C0504D';
const AVERAGE_COLOUR = '#595959';

/**
 * Draws each bar's 95% confidence interval and writes its value beyond it. The figures ride on
 * the dataset itself (`bars`, `decimals`): react-chartjs-2 updates datasets when the indicator
 * changes but keeps the plugins a chart was created with, so a closure would draw stale bars.
 */
const errorBarsPlugin: Plugin<'bar'> = {
  id: 'boardpackErrorBars',
  afterDatasetsDraw(chart: Chart<'bar'>) {
    const dataset = chart.data.datasets[0] as unknown as { bars?: DistrictBar[]; decimals?: number } | undefined;
    const bars = dataset?.bars ?? [];
    const decimals = dataset?.decimals ?? 0;
    const meta = chart.getDatasetMeta(0);
    const x = chart.scales.x;
    if (!x || !meta) return;
    const ctx = chart.ctx;
    ctx.save();
    meta.data.forEach((element, i) => {
      const d = bars[i];
      if (!d || d.value === null) return;
      const bar = element as BarElement;
      const { x: end, y, height } = bar.getProps(['x', 'y', 'height'], true) as { x: number; y: number; height: number };
      let labelAt = end;
      if (d.lower !== null && d.upper !== null) {
        const lo = x.getPixelForValue(d.lower);
        const hi = x.getPixelForValue(d.upper);
        const cap = Math.max(4, height * 0.22);
        ctx.strokeStyle = CI_COLOUR;
        ctx.lineWidth = 1.25;
        ctx.beginPath();
        ctx.moveTo(lo, y);
        ctx.lineTo(hi, y);
        ctx.moveTo(lo, y - cap);
        ctx.lineTo(lo, y + cap);
        ctx.moveTo(hi, y - cap);
        ctx.lineTo(hi, y + cap);
        ctx.stroke();
        labelAt = Math.max(end, hi);
      }
      ctx.fillStyle = '#242424';
      ctx.font = `600 12px ${chart.options.font?.family ?? 'sans-serif'}`;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      // A white halo keeps the value legible where a reference line crosses it.
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.lineWidth = 3;
      ctx.lineJoin = 'round';
      ctx.strokeText(formatNumber(d.value, decimals), labelAt + 6, y);
      ctx.fillText(formatNumber(d.value, decimals), labelAt + 6, y);
    });
    ctx.restore();
},
};

/** The districts chart as an image: 900 CSS pixels wide, its height following the bars. */
export function districtImageSize(comparison: DistrictComparison, width = 900): { width: number; height: number } {
  return { width, height: Math.max(220, comparison.districts.length * 40 + 90) + 40 };
}

export interface DistrictPicture {
  title: string;
  span: string;
  alt: string;
  config: ChartConfiguration<'bar', (number | null)[], string>;
}

/**
 * Everything the districts chart draws, as a chart.js configuration; `print` adds the title
 * and a key on the canvas for images saved, copied or put in the agenda pack.
 */
export function districtPicture(comparison: DistrictComparison, print = false): DistrictPicture {
  const { districts, decimals, county, average } = comparison;
  const fmt = (v: number) => formatNumber(v, decimals);
  const span = `12 months to ${formatMonthLong(comparison.span.last)}`;
  const title = `${comparison.indicator}: districts, ${span}`;
  const known = districts.filter((d) => d.value !== null);
  // The reference lines' labels, used on the chart and in its alt text alike.
  // A county count is the districts' total: not drawn against them, only stated.
  const drawCounty = county.value !== null && comparison.unit !== 'count';
  const countyLabel = county.value !== null ? `${county.name} ${fmt(county.value)}` : null;
  const averageLabel = average !== null ? `District average ${fmt(average)}` : null;
  const hasCi = districts.some((d) => d.lower !== null && d.upper !== null);
  const alt =
    `Bar chart of ${comparison.indicator} for ${districts.length} districts, ${span}, ${POLARITY_ORDER_WORDS[comparison.polarity]}. ` +
    known.map((d) => `${d.name} ${fmt(d.value as number)}${d.quartile ? ` (${d.quartile})` : ''}`).join(', ') +
    '. ' +
    `Reference lines: ${[drawCounty ? countyLabel : null, averageLabel].filter(Boolean).join('; ') || 'none'}.`;

  const data: ChartData<'bar', (number | null)[], string> = {
    labels: districts.map((d) => d.name),
    datasets: [
      {
        label: comparison.indicator,
        data: districts.map((d) => d.value),
        backgroundColor: districts.map((d) => (d.quartile ? QUARTILE_COLOURS[d.quartile] : BAR_COLOUR)),
        borderColor: BAR_BORDER,
        borderWidth: 1,
        barPercentage: 0.7,
        categoryPercentage: 0.9,
        // Read by errorBarsPlugin.
        ...({ bars: districts, decimals } as object),
      },
    ],
  };

    const f = (v: number) => formatNumber(v, decimals);
    const highest = Math.max(0, ...districts.flatMap((d) => [d.value ?? 0, d.upper ?? 0]), drawCounty ? (county.value ?? 0) : 0, average ?? 0);
    const annotations: Record<string, AnnotationOptions> = {};
    // Both labels sit above the plot, one row each, so close lines never overlap.
    if (drawCounty && county.value !== null) {
      annotations.county = {
        type: 'line',
        xMin: county.value,
        xMax: county.value,
        borderColor: COUNTY_COLOUR,
        borderWidth: 2,
        label: {
          // Printed, the key names the lines with their values; the labels would crowd the title.
          display: !print,
          content: countyLabel ?? '',
          position: 'end',
          yAdjust: -46,
          backgroundColor: COUNTY_COLOUR,
          color: '#fff',
          font: { size: 11, weight: 'bold' },
          padding: { x: 5, y: 3 },
          borderRadius: 2,
        },
      };
    }
    if (average !== null) {
      annotations.average = {
        type: 'line',
        xMin: average,
        xMax: average,
        borderColor: AVERAGE_COLOUR,
        borderWidth: 1.5,
        borderDash: [5, 4],
        label: {
          display: !print,
          content: averageLabel ?? '',
          position: 'end',
          yAdjust: -22,
          backgroundColor: 'rgba(255,255,255,0.92)',
          borderColor: AVERAGE_COLOUR,
          borderWidth: 1,
          color: '#424242',
          font: { size: 11, weight: 'bold' },
          padding: { x: 5, y: 3 },
          borderRadius: 2,
        },
      };
    }
    const options: ChartOptions<'bar'> = {
      animation: false,
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { top: print ? 6 : 52, bottom: 4, right: 16 } },
      scales: {
        x: {
          beginAtZero: true,
          suggestedMax: highest * 1.12,
          title: { display: true, text: sentenceCase(UNIT_NAMES[comparison.unit]) },
          ticks: { callback: (v) => formatNumber(Number(v), Number.isInteger(Number(v)) ? 0 : decimals) },
          grid: { color: '#ececec' },
        },
        y: { grid: { display: false }, ticks: { color: '#242424', font: { size: 12.5 } } },
      },
      plugins: {
        title: print ? { display: true, text: [comparison.indicator, `Districts, ${span}, ${POLARITY_ORDER_WORDS[comparison.polarity]}`], font: { size: 15, weight: 'bold' }, color: '#242424', padding: { bottom: 4 } } : { display: false },
        legend: print
          ? {
              display: true,
              position: 'bottom',
              labels: {
                usePointStyle: true,
                boxWidth: 28,
                boxHeight: 8,
                color: '#424242',
                generateLabels: (): LegendItem[] => [
                  ...(districts.some((d) => d.quartile)
                    ? (['Top', 'Average', 'Bottom'] as const).map((q) => ({ text: `${q} quartile`, fillStyle: QUARTILE_COLOURS[q], strokeStyle: BAR_BORDER, lineWidth: 1, pointStyle: 'rect' as const, hidden: false }))
                    : [{ text: `District, ${POLARITY_ORDER_WORDS[comparison.polarity]}`, fillStyle: BAR_COLOUR, strokeStyle: BAR_BORDER, lineWidth: 1, pointStyle: 'rect' as const, hidden: false }]),
                  ...(hasCi ? [{ text: '95% confidence interval', fillStyle: CI_COLOUR, strokeStyle: CI_COLOUR, lineWidth: 1.25, pointStyle: 'line' as const, hidden: false }] : []),
                  ...(drawCounty && countyLabel ? [{ text: countyLabel, fillStyle: COUNTY_COLOUR, strokeStyle: COUNTY_COLOUR, lineWidth: 2, pointStyle: 'line' as const, hidden: false }] : []),
                  ...(averageLabel ? [{ text: averageLabel, fillStyle: AVERAGE_COLOUR, strokeStyle: AVERAGE_COLOUR, lineWidth: 1.5, lineDash: [5, 4], pointStyle: 'line' as const, hidden: false }] : []),
                ],
              },
            }
          : { display: false },
        tooltip: {
          backgroundColor: 'rgba(36,36,36,0.92)',
          padding: 8,
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const d = districts[item.dataIndex];
              if (!d || d.value === null) return 'No value';
              return d.lower !== null && d.upper !== null ? `${f(d.value)} (95% CI ${f(d.lower)} to ${f(d.upper)})` : f(d.value);
            },
          },
        },
        annotation: { clip: false, annotations },
      },
    };
  return { title, span, alt, config: { type: 'bar', data, options, plugins: [errorBarsPlugin] } };
}

/** Memoised: a page re-render with the same figures does not touch the chart. */
export const DistrictChart = memo(function DistrictChart({ comparison }: { comparison: DistrictComparison }) {
  const { districts, decimals, county, average } = comparison;
  const fmt = (v: number) => formatNumber(v, decimals);
  const hasCi = districts.some((d) => d.lower !== null && d.upper !== null);
  const drawCounty = county.value !== null && comparison.unit !== 'count';
  const countyLabel = county.value !== null ? `${county.name} ${fmt(county.value)}` : null;
  const picture = useMemo(() => districtPicture(comparison), [comparison]);
  const { title, alt } = picture;
  const printConfig = () => districtPicture(comparison, true).config as unknown as ChartConfiguration;
  const image = districtImageSize(comparison);

  const height = Math.max(220, districts.length * 40 + 90);

  return (
    <figure className="chart-figure" aria-label={title}>
      <div className="chart-canvas district-canvas" role="img" aria-label={alt} style={{ height }}>
        <Bar data={picture.config.data} options={picture.config.options!} plugins={picture.config.plugins as Plugin<'bar'>[]} aria-hidden="true" />
      </div>
      <ul className="chart-key" aria-label="Key">
        {districts.some((d) => d.quartile) ? (
          (['Top', 'Average', 'Bottom'] as const).map((q) => (
            <li key={q}>
              <svg width="14" height="12" aria-hidden="true">
                <rect x="1" y="1" width="12" height="10" fill={QUARTILE_COLOURS[q]} stroke={BAR_BORDER} />
              </svg>
              {q} quartile of the districts
            </li>
          ))
        ) : (
          <li>
            <svg width="14" height="12" aria-hidden="true">
              <rect x="1" y="1" width="12" height="10" fill={BAR_COLOUR} stroke={BAR_BORDER} />
            </svg>
            District, {POLARITY_ORDER_WORDS[comparison.polarity]}
          </li>
        )}
        {hasCi && (
          <li>
            <svg width="26" height="12" aria-hidden="true">
              <path d="M3 2 V10 M3 6 H23 M23 2 V10" stroke={CI_COLOUR} strokeWidth="1.25" fill="none" />
            </svg>
            95% confidence interval
          </li>
        )}
        {drawCounty && (
          <li>
            <svg width="26" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="25" y2="5" stroke={COUNTY_COLOUR} strokeWidth="2" />
            </svg>
            {county.name}
          </li>
        )}
        {!drawCounty && countyLabel && <li>{county.name} total {fmt(county.value as number)}: not drawn, as a count is not comparable with the districts&apos; counts</li>}
        {average !== null && (
          <li>
            <svg width="26" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="25" y2="5" stroke={AVERAGE_COLOUR} strokeWidth="1.5" strokeDasharray="5 4" />
            </svg>
            District average
          </li>
        )}
      </ul>
      <ChartActions title={title} description={alt} printConfig={printConfig} width={image.width} height={image.height} />
      <details className="chart-figures">
        <summary>Show the figures</summary>
        <table className="figures">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">District</th>
              <th scope="col" className="num">Value</th>
              <th scope="col" className="num">95% CI lower</th>
              <th scope="col" className="num">95% CI upper</th>
              <th scope="col">Quartile</th>
            </tr>
          </thead>
          <tbody>
            {districts.map((d) => (
              <tr key={d.code}>
                <th scope="row">{d.name}</th>
                <td className="num">{d.value === null ? 'No value' : fmt(d.value)}</td>
                <td className="num">{d.lower === null ? '-' : fmt(d.lower)}</td>
                <td className="num">{d.upper === null ? '-' : fmt(d.upper)}</td>
                <td>{d.quartile ?? '-'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {county.value !== null && (
              <tr>
                <th scope="row">{county.name}</th>
                <td className="num">{fmt(county.value)}</td>
                <td />
                <td />
                <td />
              </tr>
            )}
            {average !== null && (
              <tr>
                <th scope="row">District average</th>
                <td className="num">{fmt(average)}</td>
                <td />
                <td />
                <td />
              </tr>
            )}
          </tfoot>
        </table>
      </details>
    </figure>
  );
});
