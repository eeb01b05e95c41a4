/**
 * Benchmark: charts in Chromium (the e2e harness: the browser host, the built renderer, Debian's
 * Chromium). A workspace made here with 60 dashboard indicators (rates per 1,000 derived from
 * 60 monthly count series for a county's 7 districts over 24 months). Measured:
 *
 *   - the dashboard with 60 sparklines: navigation until the table and all 60 sparklines are
 *     drawn (inline SVG; a chart.js canvas counts too, so older builds can be measured the same
 *     way). Goal < 1 s. Baseline: navigation until the app's tabs show (the app shell). Also
 *     the host's share, in Node: the appendix, the sparklines, and both in one pass.
 *   - switching the Charts page to another indicator: from the click on the option until both
 *     charts show the new indicator. Goal < 100 ms. Baseline: one API round trip from the page.
 *   - the agenda pack PDF for 60 indicators: from the click until the download starts (120
 *     charts drawn in Chromium, the PDF made by the host). Goal < 10 s. Baseline: the appendix
 *     PDF alone, the same way.
 *
 * Build the renderer first (`node scripts/build.mjs`). Run with `npm run bench -- charts` or
 * `npx tsx test/bench/charts.bench.ts`; `BOARDPACK_BENCH_PARTS=dashboard` (or `switch`, `pack`,
 * comma-separated) runs only those parts. Medians after a warm-up; no thresholds enforced.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { addIndicator, addOutcome } from '../../main/core/indicators/repo';
import { setMeta } from '../../main/core/store/meta';
import { upsertArea, upsertPopulation, areaByCode } from '../../main/core/areas/repo';
import { upsertObservations, type NewObservation } from '../../main/core/values/repo';
import { addPeriod, listPeriods } from '../../main/core/periods/repo';
import { buildAppendix } from '../../main/core/dashboard/appendix';
import { seriesContext, sparklines } from '../../main/core/charts/charts';
import { addMonths } from '../../shared/domain/periods';
import { RENDERER_DIR, startApp, type App } from '../e2e/harness';

const INDICATORS = 60;
const OUTCOMES = 5;
const DISTRICTS = 7;
const MONTHS = 24;
const PERIOD = '2024/25 Q3';
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A deterministic wobble, so every run draws the same series. */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

export function fillWorkspace(app: App): string[] {
  const workspace = app.session.workspace;
  const names: string[] = [];
  workspace.mutate(() => {
    const db = workspace.db;
    setMeta(db, 'title', 'Benchmark: 60 indicators');
    setMeta(db, 'dashboard_title', 'Benchmark Performance Dashboard');
    setMeta(db, 'dashboard_area_code', 'E10000099');
    upsertArea(db, { code: 'E10000099', name: 'Benchshire', kind: 'county', parentCode: null });
    const districts = Array.from({ length: DISTRICTS }, (_, d) => {
      const code = `E0700099${d}`;
      upsertArea(db, { code, name: `Bench District ${d + 1}`, kind: 'district', parentCode: 'E10000099' });
      for (const year of [2022, 2023, 2024]) upsertPopulation(db, { areaCode: code, year, count: 80_000 + d * 15_000, source: 'benchmark' });
      return areaByCode(db, code)!.id;
    });
    for (const year of [2022, 2023, 2024]) upsertPopulation(db, { areaCode: 'E10000099', year, count: DISTRICTS * 80_000 + 15_000 * 21, source: 'benchmark' });
    addPeriod(db, { name: PERIOD, lastMonth: '2024-12' });
    const outcomes = Array.from({ length: OUTCOMES }, (_, o) => addOutcome(db, { title: `Benchmark outcome ${o + 1}: fewer people harmed by the things this outcome is about` }));
    const observations: NewObservation[] = [];
    for (let i = 0; i < INDICATORS; i += 1) {
      const series = addIndicator(db, { outcomeId: null, name: `Benchmark series ${i + 1} (count)`, unit: 'count', polarity: 'lower', decimals: 0, frequency: 'monthly', tolerancePercent: 5 });
      const name = `Benchmark indicator ${i + 1} rate (per 1,000 population)`;
      addIndicator(db, { outcomeId: outcomes[i % OUTCOMES]!, name, unit: 'rate_per_1000', polarity: 'lower', decimals: 2, tolerancePercent: 5, derivation: { kind: 'rate_per_1000', fromIndicatorId: series } });
      names.push(name);
      districts.forEach((areaId, d) => {
        for (let m = 0; m < MONTHS; m += 1) {
          const month = addMonths('2023-01', m);
          observations.push({ indicatorId: series, areaId, span: { first: month, last: month }, value: Math.round(40 + i + d * 6 + 25 * noise(i * 1000 + d * 100 + m) - m * 0.3) });
        }
      });
    }
    upsertObservations(db, observations);
  });
  return names;
}

async function openApp(page: Page, app: App): Promise<number> {
  const start = Date.now();
  await page.goto(app.host.url);
  return start;
}

async function dashboardLoad(app: App, page: Page): Promise<{ shell: number; dashboard: number }> {
  const start = await openApp(page, app);
  await page.getByRole('tab', { name: 'Dashboard' }).waitFor();
  const shell = Date.now() - start;
  await page.getByRole('table', { name: /Benchmark Performance Dashboard/ }).waitFor();
  // A sparkline is drawn as a canvas (chart.js) or an inline SVG: either counts.
  await page.waitForFunction((n) => document.querySelectorAll('td.spark .sparkline canvas, td.spark svg.sparkline').length >= n, INDICATORS, { polling: 'raf' });
  return { shell, dashboard: Date.now() - start };
}

/** Times, in the page, from the click on an option to both charts showing the indicator. */
async function switchIndicator(page: Page, name: string): Promise<number> {
  await page.getByRole('combobox', { name: 'Indicator' }).click();
  const option = page.getByRole('option', { name, exact: true });
  await option.scrollIntoViewIfNeeded();
  // The clock starts at the click on the option (the list is already open).
  await page.evaluate(() => {
    const w = window as unknown as { __clickAt?: number };
    delete w.__clickAt;
    document.addEventListener('click', () => (w.__clickAt ??= performance.now()), { capture: true, once: true });
  });
  await option.click();
  const handle = await page.waitForFunction(
    (n) => {
      const trend = document.querySelector('.trend-canvas')?.getAttribute('aria-label') ?? '';
      const districts = document.querySelector('.district-canvas')?.getAttribute('aria-label') ?? '';
      return trend.includes(`of ${n} for Bench`) && districts.includes(`of ${n} for`) ? performance.now() : false;
    },
    name,
    { polling: 'raf' },
  );
  const done = (await handle.jsonValue()) as number;
  const clickAt = await page.evaluate(() => (window as unknown as { __clickAt?: number }).__clickAt ?? Number.NaN);
  return done - clickAt;
}

async function roundTrip(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    const start = performance.now();
    const r = await fetch('./api/workspace.info', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Boardpack-Token': token }, body: '{}' });
    await r.json();
    return performance.now() - start;
  });
}

async function exportTime(page: Page, button: string): Promise<{ ms: number; bytes: number; name: string }> {
  const start = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: button }).click()]);
  const ms = Date.now() - start;
  const file = await download.path();
  const { statSync } = await import('node:fs');
  await page.getByRole('status').filter({ hasText: 'Exported' }).waitFor();
  return { ms, bytes: file ? statSync(file).size : 0, name: download.suggestedFilename() };
}

/** The host's share of the dashboard: the appendix and the sparklines, computed in Node (median of RUNS after a warm-up). */
async function serverSide(app: App): Promise<void> {
  const db = app.session.workspace.db;
  const period = listPeriods(db).find((p) => p.name === PERIOD)!;
  const area = areaByCode(db, 'E10000099');
  const time = (f: () => unknown) => {
    const runs: number[] = [];
    for (let i = 0; i <= RUNS; i += 1) {
      const start = performance.now();
      f();
      if (i > 0) runs.push(performance.now() - start);
    }
    return median(runs);
  };
  const appendix = time(() => buildAppendix(db, period));
  const lines = time(() => sparklines(db, period, area));
  // What dashboard.get with sparklines does: both from one context, each series read once.
  const together = time(() => {
    const shared = seriesContext(db);
    return [buildAppendix(db, period, shared), sparklines(db, period, area, shared)];
  });
  console.log(`  server side (Node, in process)      appendix ${ms(appendix)}, sparklines ${ms(lines)}; both in one pass (dashboard.get with sparklines) ${ms(together)}`);
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
function report(label: string, runs: number[], goalMs: number, baseline: number[], baselineLabel: string, extra = ''): void {
  if (baseline.length === runs.length) extra += `; beyond the baseline ${ms(median(runs.map((r, i) => r - baseline[i]!)))} (median of per-run differences)`;
  const m = median(runs);
  const b = median(baseline);
  console.log(
    `  ${label.padEnd(34)} ${ms(m).padStart(8)}  goal < ${goalMs >= 1000 ? `${goalMs / 1000} s` : `${goalMs} ms`}: ${m < goalMs ? 'met' : 'MISSED'}; ` +
      `baseline (${baselineLabel}) ${b < 10 ? `${b.toFixed(1)} ms` : ms(b)}${extra}`,
  );
  console.log(`       runs: ${runs.map(ms).join(', ')}; baseline runs: ${baseline.map((v) => (v < 10 ? `${v.toFixed(1)} ms` : ms(v))).join(', ')}`);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: node scripts/build.mjs');
  const app = await startApp({ demo: false });
  try {
    const names = fillWorkspace(app);
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    console.log(`charts benchmark: ${INDICATORS} indicators in ${OUTCOMES} outcomes, ${DISTRICTS} districts, ${MONTHS} months, Chromium headless; median of ${RUNS} after a warm-up`);

    const parts = new Set((process.env.BOARDPACK_BENCH_PARTS ?? 'dashboard,switch,pack').split(',').map((p) => p.trim()));

    // 1. Dashboard with sparklines.
    if (parts.has('dashboard')) {
    const shells: number[] = [];
    const dashboards: number[] = [];
    for (let i = 0; i <= RUNS; i += 1) {
      const page = await context.newPage();
      const t = await dashboardLoad(app, page);
      if (i > 0) {
        shells.push(t.shell);
        dashboards.push(t.dashboard);
      }
      await page.close();
    }
    report('dashboard + 60 sparklines', dashboards, 1000, shells, 'app shell load');
    await serverSide(app);
    }

    // 2. Switching the Charts page's indicator.
    if (parts.has('switch')) {
    const page = await context.newPage();
    await openApp(page, app);
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.locator('.trend-canvas').waitFor();
    await page.locator('.district-canvas').waitFor();
    const switches: number[] = [];
    const trips: number[] = [];
    for (let i = 0; i <= RUNS; i += 1) {
      const t = await switchIndicator(page, names[(i * 7 + 3) % names.length]!);
      trips.push(await roundTrip(page));
      if (i > 0) switches.push(t);
    }
    trips.shift();
    report('switch indicator (Charts page)', switches, 100, trips, 'one API round trip');
    await page.close();
    }

    // 3. Agenda pack for 60 indicators.
    if (parts.has('pack')) {
    const exportPage = await context.newPage();
    await openApp(exportPage, app);
    await exportPage.getByRole('table', { name: /Benchmark Performance Dashboard/ }).waitFor();
    const packs: number[] = [];
    const appendixes: number[] = [];
    let size = 0;
    for (let i = 0; i <= 3; i += 1) {
      const appendix = await exportTime(exportPage, 'Export PDF');
      const pack = await exportTime(exportPage, 'Export agenda pack (PDF)');
      size = pack.bytes;
      if (i > 0) {
        appendixes.push(appendix.ms);
        packs.push(pack.ms);
      }
    }
    report('agenda pack PDF, 60 indicators', packs, 10_000, appendixes, 'appendix PDF alone', `; ${(size / 1024 / 1024).toFixed(1)} MiB`);
    }
    await context.close();
  } finally {
    await app.close();
  }
}

if (!process.env.BOARDPACK_BENCH_IMPORT) main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
