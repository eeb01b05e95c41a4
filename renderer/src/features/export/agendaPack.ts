/**
 * The agenda pack's charts, drawn in the renderer with the same configurations as the Charts
 * page (title and key on the canvas): each indicator's monthly SPC chart for the dashboard area
 * up to the period's last month, and its district comparison, as PNGs for the main process to
 * put in the PDF. An indicator without a monthly series gets no chart, and its page says so.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ApiArgs } from '../../../../shared/api/contract';
import type { AppendixModel } from '../../../../shared/domain/appendix';
import { call } from '../../api/client';
import { bytesToBase64, renderChartOpaquePng } from '../charts/chartImage';
import { districtImageSize, districtPicture } from '../charts/DistrictChart';
import { TREND_IMAGE, trendPicture } from '../charts/TrendChart';

/** 1.5 × the CSS size: 1500 pixels across 165 mm of the page, about 230 dpi. */
export const PACK_PIXEL_RATIO = 1.5;

type PackChart = ApiArgs<'export.agendaPack'>['charts'][number];

export async function agendaPackCharts(
  period: string,
  areaCode: string | null,
  onProgress: (done: number, total: number) => void = () => undefined,
  known?: { model: AppendixModel; lastMonth: string | undefined },
  /** Aborted when the user presses Cancel: drawing stops before the next indicator. */
  signal?: AbortSignal,
): Promise<{ charts: PackChart[]; drawn: number; total: number }> {
  const [model, lastMonth] = known
    ? [known.model, known.lastMonth]
    : await Promise.all([call('dashboard.get', { period }), call('periods.list', {})]).then(([m, periods]) => [m, periods.find((p) => p.name === m.periodName)?.lastMonth] as const);
  const rows = model.outcomes.flatMap((o) => o.indicators);
  // The figures are asked for all at once; each indicator's charts are drawn as soon as its
  // figures arrive, while the host works out the next ones.
  const figures = rows.map(async (row) => {
    const [trend, districts] = await Promise.all([
      areaCode ? call('chart.trend', { indicator: row.name, area: areaCode, ...(lastMonth ? { to: lastMonth } : {}) }).catch(() => null) : Promise.resolve(null),
      call('chart.districts', { indicator: row.name, period: model.periodName }).catch(() => null),
    ]);
    return { row, trend, districts };
  });
  // Each chart is drawn and read at once; its compression finishes while the next is drawn.
  const pending: Array<Promise<PackChart>> = [];
  let done = 0;
  for (const next of figures) {
    const { row, trend, districts } = await next;
    signal?.throwIfAborted();
    onProgress(done, rows.length);
    done += 1;
    if (!trend || trend.series.length < 2) continue;
    const trendPng = await renderChartOpaquePng(trendPicture(trend, { projectionYear: null }, true).config as unknown as ChartConfiguration, { ...TREND_IMAGE, pixelRatio: PACK_PIXEL_RATIO });
    const districtPng =
      districts && districts.districts.some((d) => d.value !== null)
        ? await renderChartOpaquePng(districtPicture(districts, true).config as unknown as ChartConfiguration, { ...districtImageSize(districts, 560), pixelRatio: PACK_PIXEL_RATIO })
        : null;
    pending.push(
      (async () => ({
        indicatorId: row.indicatorId,
        trendPng: bytesToBase64(await trendPng()),
        ...(districtPng ? { districtPng: bytesToBase64(await districtPng()) } : {}),
      }))(),
    );
  }
  const charts = await Promise.all(pending);
  signal?.throwIfAborted();
  onProgress(rows.length, rows.length);
  return { charts, drawn: charts.length, total: rows.length };
}
