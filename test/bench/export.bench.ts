/**
 * Benchmark: exporting a large appendix (10 outcomes, 200 indicators, long comments) to xlsx
 * and to pdf. Goal: under 1 s each.
 *
 * The baseline is the published 2014/15 Q4 appendix (12 indicators) exported the same way in
 * the same run, so the ratio says how the cost grows with the size of the appendix on this
 * machine, whatever its speed.
 *
 * Run with `npm run bench` (all benchmarks, each in its own process) or
 * `npx tsx test/bench/export.bench.ts`. Medians of 3 runs after a warm-up (the first export
 * loads exceljs/pdfmake and parses the fonts).
 */
import { readFileSync } from 'node:fs';
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
