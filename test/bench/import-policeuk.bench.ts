/**
 * Benchmark: aggregatePoliceUk against a bare streaming Papa Parse of the same files.
 *
 * The baseline reads each file the way the importer does (the same read stream settings and
 * Papa Parse `chunk` mode) and only counts rows, so the ratio is what the import adds on top of
 * parsing: header checks, month validation, district lookups and counting. Goal: <= 1.3x.
 *
 * Run with `npm run bench` (all benchmarks, each in its own process) or
 * `node --import tsx test/bench/import-policeuk.bench.ts`. Medians of 3 runs after a warm-up,
 * baseline and import alternating. The ratio is of CPU time (this process, all threads), which
 * other programs on a busy machine disturb far less than wall-clock time; wall-clock figures are
 * printed too. Peak memory is the process's high-water mark (VmHWM), read at the end.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { aggregatePoliceUk } from '../../main/core/imports/policeuk';
import { READ_CHUNK_BYTES } from '../../main/core/imports/text-source';
import { sharedData } from '../shared-folder';

const GOAL = 1.3;
const RUNS = 3;

const policeDir = sharedData('police-uk');

const DISTRICTS: ReadonlyMap<string, string> = new Map([
  ['Blaby', 'E07000129'],
  ['Charnwood', 'E07000130'],
  ['Harborough', 'E07000131'],
  ['Hinckley and Bosworth', 'E07000132'],
  ['Melton', 'E07000133'],
  ['North West Leicestershire', 'E07000134'],
  ['Oadby and Wigston', 'E07000135'],
]);

function parseFile(file: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES }), {
      delimiter: ',',
      chunk: (results) => {
        rows += results.data.length;
      },
      complete: () => resolvePromise(rows),
      error: reject,
    });
  });
}

async function baseline(files: string[]): Promise<number> {
  let rows = 0;
  for (const f of files) rows += await parseFile(f);
  return rows;
}

async function runImport(files: string[]): Promise<number> {
  const result = await aggregatePoliceUk(files, { districts: DISTRICTS });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return result.totals.rowsRead;
}

async function time(fn: () => Promise<number>): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function peakMemoryMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall through to Node's own figure.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const files = (await readdir(policeDir))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(policeDir, f));
  const size = (await Promise.all(files.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0);

  // Warm-up (JIT, file cache), then alternate so drift hits both sides alike.
  const rawRows = await baseline(files);
  const importRows = await runImport(files);
  if (importRows !== rawRows - files.length) {
    throw new Error(`The import read ${importRows} rows; Papa Parse found ${rawRows} rows including ${files.length} headers.`);
  }
  const base: { wall: number; cpu: number }[] = [];
  const imp: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await time(() => baseline(files)));
    imp.push(await time(() => runImport(files)));
  }
  const b = median(base.map((r) => r.cpu));
  const m = median(imp.map((r) => r.cpu));
  const ratio = m / b;
  const bw = median(base.map((r) => r.wall));
  const mw = median(imp.map((r) => r.wall));
  const runs = (rs: { wall: number; cpu: number }[]) => rs.map((r) => r.wall.toFixed(3)).join(' ');
  console.log(
    `police.uk ${files.length} files (${importRows} rows, ${(size / 1e6).toFixed(1)} MB): baseline ${b.toFixed(2)} s, import ${m.toFixed(2)} s, ` +
      `ratio ${ratio.toFixed(2)}x (goal <= ${GOAL}x${ratio > GOAL ? ', MISSED' : ''}), peak memory ${Math.round(peakMemoryMb())} MB`,
  );
  console.log(
    `  CPU time, medians of ${RUNS}. Wall clock: baseline ${bw.toFixed(2)} s, import ${mw.toFixed(2)} s, ratio ${(mw / bw).toFixed(2)}x ` +
      `(runs: baseline ${runs(base)} s; import ${runs(imp)} s)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
