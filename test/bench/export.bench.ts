/**
 * Benchmark: exporting a large appendix (10 outcomes, 200 indicators, long comments) to xlsx
 * and to pdf. Goal: under 1 s each.
 *
 * The baseline is the published 2014/15 Q4 appendix (12 indicators) exported the same way in
 * the same run, so the ratio says how the cost grows with the size of the appendix on this
 * machine, whatever its speed.
 *
 * Then the demo workspace's agenda pack (issue 12: a job over half a second shows progress and
 * can be cancelled): the whole export through the handler table, the time to its first
 * progress report, and the longest stretch without one (how long a Cancel can wait to be
 * heard), the first export in the process (which loads pdfmake and the fonts) and warm ones.
 *
 * Run with `npm run bench` (all benchmarks, each in its own process) or
 * `npx tsx test/bench/export.bench.ts`. Medians of 3 runs after a warm-up (the first export
 * loads exceljs/pdfmake and parses the fonts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers, dispatch } from '../../main/core/app';
import { watchJobs } from '../../main/core/jobs';
import { demoSession } from '../main/core/demo-support';
import { makePng } from '../fixtures/png';
import type { AppendixModel } from '../../shared/domain/appendix';
import { renderAppendixPdf } from '../../main/core/exports/pdf';
import { writeAppendixXlsx } from '../../main/core/exports/xlsx';
import { appendixModelFromTsv, longAppendixModel } from '../fixtures/appendix-model';
import { appendixTsv } from '../shared-folder';

const GOAL_SECONDS = 1;
const RUNS = 3;

const tsvPath = appendixTsv();

interface Measured {
  seconds: number;
  bytes: number;
  pages: number | null;
  runs?: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function xlsx(model: AppendixModel): Promise<Measured> {
  const start = performance.now();
  const buffer = await writeAppendixXlsx(model, { author: 'Benchmark' });
  return { seconds: (performance.now() - start) / 1000, bytes: buffer.length, pages: null };
}

async function pdf(model: AppendixModel): Promise<Measured> {
  const start = performance.now();
  const rendered = await renderAppendixPdf(model, { author: 'Benchmark' });
  if (!rendered.planHeld) throw new Error('pdfmake did not lay the pages out as planned');
  return { seconds: (performance.now() - start) / 1000, bytes: rendered.buffer.length, pages: rendered.pageCount };
}

async function medianOf(run: () => Promise<Measured>): Promise<Measured> {
  await run(); // warm-up
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await run());
  const seconds = median(runs.map((r) => r.seconds));
  const last = runs[runs.length - 1];
  return { seconds, bytes: last?.bytes ?? 0, pages: last?.pages ?? null, runs: runs.map((r) => r.seconds) };
}

const fmt = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;

async function main(): Promise<void> {
  const small = appendixModelFromTsv(readFileSync(tsvPath, 'utf8'));
  const large = longAppendixModel(10, 200);
  const indicators = (model: AppendixModel): number => model.outcomes.reduce((n, block) => n + block.indicators.length, 0);
  console.log(`export benchmark: ${indicators(large)} indicators in ${large.outcomes.length} outcomes (baseline: the published appendix, ${indicators(small)} indicators); median of ${RUNS} after a warm-up`);

  for (const [format, run] of [['xlsx', xlsx], ['pdf', pdf]] as const) {
    const baseline = await medianOf(() => run(small));
    const measured = await medianOf(() => run(large));
    const ok = measured.seconds < GOAL_SECONDS;
    const pages = measured.pages === null ? 'pages set by Excel when printed' : `${measured.pages} pages (baseline ${baseline.pages})`;
    console.log(
      `  ${format.padEnd(4)} ${fmt(measured.seconds).padStart(7)}  ${(measured.bytes / 1024).toFixed(0)} KiB, ${pages}; ` +
        `baseline ${fmt(baseline.seconds)}, ratio ${(measured.seconds / baseline.seconds).toFixed(1)}x; goal < ${GOAL_SECONDS} s: ${ok ? 'met' : 'MISSED'}`,
    );
    console.log(`       runs: ${(measured.runs ?? []).map(fmt).join(', ')}`);
  }
}

interface PackRun {
  seconds: number;
  firstReport: number;
  longestGap: number;
}

/** The demo's agenda pack for `period`, timed with its progress reports. */
async function agendaPacks(period: string, runs: number): Promise<{ indicators: number; measured: PackRun[]; latencies: number[] }> {
  const session = await demoSession();
  const handlers = createHandlers(session);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-bench-pack-'));
  // Charts the size the dashboard draws them (1.5 x the CSS size).
  const trendPng = makePng(1500, 690).toString('base64');
  const districtPng = makePng(840, 690, [91, 139, 208]).toString('base64');
  const model = await handlers['dashboard.get']({ period });
  const charts = model.outcomes.flatMap((o) => o.indicators).map((row) => ({ indicatorId: row.indicatorId, trendPng, districtPng }));
  const measured: PackRun[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const reports: number[] = [];
    watchJobs(session, () => reports.push(performance.now()));
    await handlers['export.agendaPack']({ period, charts, path: path.join(dir, 'pack.pdf') });
    const end = performance.now();
    const times = [start, ...reports, end];
    const longestGap = Math.max(...times.slice(1).map((t, k) => t - times[k]!));
    measured.push({ seconds: (end - start) / 1000, firstReport: ((reports[0] ?? end) - start) / 1000, longestGap: longestGap / 1000 });
  }
  // Cancel pressed at moments through a warm export, as the core process hears it (its host's
  // flag, asked for at the job's checks): how long until the export has stopped.
  const typical = median(measured.slice(1).map((r) => r.seconds)) * 1000;
  const latencies: number[] = [];
  for (const share of [0.1, 0.25, 0.4, 0.55, 0.7, 0.85]) {
    const start = performance.now();
    const pressedAt = start + share * typical;
    session.cancelRequested = () => performance.now() >= pressedAt;
    const result = await dispatch(handlers, 'export.agendaPack', { period, charts, path: path.join(dir, 'cancelled.pdf') });
    const end = performance.now();
    if (!result.ok && end >= pressedAt) latencies.push((end - pressedAt) / 1000);
  }
  delete session.cancelRequested;
  await session.workspace.close();
  await rm(dir, { recursive: true, force: true });
  return { indicators: charts.length, measured, latencies };
}

async function agendaPackBenchmark(): Promise<void> {
  const baseline = await medianOf(() => pdf(appendixModelFromTsv(readFileSync(tsvPath, 'utf8'))));
  for (const period of ['2024/25 Q3', '2014/15 Q4']) {
    const { indicators, measured, latencies } = await agendaPacks(period, RUNS + 1);
    const [cold, ...warm] = measured;
    const seconds = median(warm.map((r) => r.seconds));
    const gap = median(warm.map((r) => r.longestGap));
    console.log(
      `  agenda pack ${period} (demo, ${indicators} indicators): ${fmt(seconds)} warm (${(seconds / baseline.seconds).toFixed(1)}x the appendix PDF's ${fmt(baseline.seconds)}), ` +
        `${fmt(cold!.seconds)} first in the process; over 0.5 s: ${seconds > 0.5 || cold!.seconds > 0.5 ? 'yes' : 'no'}`,
    );
    console.log(`       first progress after ${fmt(median(warm.map((r) => r.firstReport)))}; longest without a progress report: ${fmt(gap)} warm, ${fmt(cold!.longestGap)} first`);
    console.log(`       Cancel pressed at ${latencies.length} moments: stopped after ${latencies.map(fmt).join(', ')}; longest ${fmt(Math.max(...latencies))} (goal < 1 s)`);
  }
}

main()
  .then(agendaPackBenchmark)
  .catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
