/**
 * Benchmark: tidy tables imported and stored, against baselines measured in the same run.
 *
 * 1. A generated 1,000,000-row tidy CSV (indicator, area_code, period, value; 10 indicators x
 *    100 areas x 1,000 months, 50 MB) imported into a new workspace file and saved, against
 *    - a bare streaming Papa Parse of the same file (the importer's read settings, rows only
 *      counted): goal <= 2x;
 *    - the native `sqlite3` CLI's `.import` of the same file into a new database: goal <= 3x
 *      (skipped, and said so, when `sqlite3` is not installed).
 * 2. A generated 100,000-row xlsx (written here with exceljs's streaming writer) imported and
 *    saved, against a bare exceljs streaming WorkbookReader read of every row: goal <= 1.3x.
 * 3. Peak memory of each import, measured in a child process doing only that import: goal
 *    < 1 GB for the 1,000,000 rows.
 *
 * Ratios are of CPU time (this process, or the sqlite3 child), medians of 3 runs after a
 * warm-up, baseline and import alternating; wall-clock figures are printed too. Generated files
 * live in a temporary folder, removed at the end.
 *
 *   npm run bench -- tidy
 *   node --import tsx test/bench/import-tidy.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { importFiles } from '../../main/core/imports/importing';
import { READ_CHUNK_BYTES } from '../../main/core/imports/text-source';
import { Workspace } from '../../main/core/store/workspace';

const RUNS = 3;
const CSV_ROWS = 1_000_000;
const XLSX_ROWS = 100_000;
const env = { now: () => new Date('2025-01-31T12:00:00Z'), osUser: 'bench', saveDelayMs: 3_600_000 };

interface Timing {
  wall: number;
  cpu: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function peakMemoryMb(): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** CPU seconds used by waited-for child processes (/proc/self/stat cutime + cstime). */
function childCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function time(fn: () => Promise<unknown>): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('indicator,area_code,period,value\n');
  let n = 0;
  for (let i = 0; i < 10; i++) {
    for (let a = 0; a < 100; a++) {
      const code = `E07${String(100000 + a)}`;
      for (let m = 0; m < 1000; m++) {
        const month = `${1941 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        if (!out.write(`Generated indicator ${i + 1} (count),${code},${month},${((n * 7919) % 100000) / 10}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
        n++;
      }
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function writeXlsx(file: string): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = book.addWorksheet('Data');
  ws.addRow(['Indicator', 'Area code', 'Area name', 'Period', 'Value', 'Numerator', 'Denominator', 'Unit', 'Notes']).commit();
  for (let n = 0; n < XLSX_ROWS; n++) {
    const i = n % 20;
    const a = Math.floor(n / 20) % 50;
    const m = Math.floor(n / 1000);
    ws.addRow([
      `Generated indicator ${i + 1} (count)`,
      `E07${String(100000 + a)}`,
      `Generated area ${a + 1}`,
      new Date(Date.UTC(1960 + Math.floor(m / 12), m % 12, 1)),
      (n * 7919) % 1000,
      (n * 31) % 500,
      1000,
      'count',
      n % 97 === 0 ? 'provisional' : '',
    ]).commit();
  }
  ws.commit();
  await book.commit();
}

function papaParse(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES }), {
      delimiter: ',',
      chunk: (results) => {
        rows += results.data.length;
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

async function exceljsRead(file: string): Promise<number> {
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  for await (const ws of reader) {
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) cells += (row.values as unknown[]).length;
  }
  return cells;
}

/** Imports into a new workspace file and saves it, as the app does; returns values added. */
async function importAndSave(dir: string, file: string): Promise<number> {
  const target = join(dir, `bench-${Math.random().toString(36).slice(2)}.boardpack`);
  const workspace = await Workspace.create(target, env);
  try {
    const report = await importFiles(workspace, [file], { createAreas: true });
    const problems = report.tables?.[0]?.problemCount ?? -1;
    if (problems !== 0) throw new Error(`The import found ${problems} problems: ${JSON.stringify(report.tables?.[0]?.problems.slice(0, 3))}`);
    await workspace.flush();
    return report.added;
  } finally {
    await workspace.close();
    await rm(target, { force: true });
    await rm(`${target}.bak`, { force: true });
    await rm(`${target}.backups`, { recursive: true, force: true });
  }
}

function sqliteImport(dir: string, file: string): Timing | null {
  const db = join(dir, 'sqlite-baseline.db');
  const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  spawnSync('rm', ['-f', db]);
  const cpuBefore = childCpu();
  const start = performance.now();
  const r = spawnSync('sqlite3', [db, `.import --csv ${file} observations`], { encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
  const count = spawnSync('sqlite3', [db, 'SELECT count(*) FROM observations'], { encoding: 'utf8' }).stdout.trim();
  if (Number(count) !== CSV_ROWS) throw new Error(`sqlite3 imported ${count} rows, not ${CSV_ROWS}`);
  return { wall, cpu: childCpu() - cpuBefore };
}

/**
 * Not a goal, but where the time goes: the same 1,000,000 values inserted into an empty
 * workspace's observations table (its unique key and series index included) with one prepared
 * statement in one transaction: what sql.js itself costs, with no file read at all.
 */
async function sqlJsFloor(): Promise<Timing> {
  const workspace = await Workspace.inMemory(env);
  const db = workspace.db;
  db.exec('PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY');
  db.run("INSERT INTO imports (files, sha256, format, counts, os_user, imported_at) VALUES ('[]', '', 'tidy', '{}', 'bench', '')");
  for (let a = 0; a < 100; a++) db.run("INSERT INTO areas (code, name, kind) VALUES (?, ?, 'district')", [`E07${100000 + a}`, `Area ${a}`]);
  for (let i = 0; i < 10; i++) db.run("INSERT INTO indicators (name, unit, polarity, decimals, sort_order) VALUES (?, 'count', 'none', 1, ?)", [`Generated indicator ${i + 1} (count)`, i]);
  const months = Array.from({ length: 1000 }, (_, m) => `${1941 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  const t = await time(async () => {
    db.transaction(() => {
      const stmt = db.db.prepare('INSERT INTO observations (indicator_id, area_id, first_month, last_month, value, import_id) VALUES (?, ?, ?, ?, ?, 1)');
      const p: Array<string | number> = [0, 0, '', '', 0];
      let n = 0;
      for (let i = 1; i <= 10; i++) {
        for (let a = 1; a <= 100; a++) {
          for (const m of months) {
            p[0] = i;
            p[1] = a;
            p[2] = m;
            p[3] = m;
            p[4] = ((n++ * 7919) % 100000) / 10;
            stmt.run(p);
          }
        }
      }
      stmt.free();
    });
  });
  workspace.db.close();
  return t;
}

/** Peak memory of one import, in a child process that does nothing else. */
function childPeak(file: string, dir: string): number {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--peak', file, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`peak memory child failed: ${r.stderr}`);
  return Number(/peak (\d+)/.exec(r.stdout)?.[1]);
}

const fmt = (t: number) => t.toFixed(2);
const runs = (rs: Timing[]) => rs.map((r) => r.wall.toFixed(2)).join(' ');

function report(label: string, base: Timing[], imp: Timing[], goal: number, baseLabel: string): void {
  const b = median(base.map((r) => r.cpu));
  const m = median(imp.map((r) => r.cpu));
  const ratio = m / b;
  const bw = median(base.map((r) => r.wall));
  const mw = median(imp.map((r) => r.wall));
  console.log(`${label} vs ${baseLabel}: baseline ${fmt(b)} s, import ${fmt(m)} s, ratio ${ratio.toFixed(2)}x (goal <= ${goal}x${ratio > goal ? ', MISSED' : ''})`);
  console.log(`  CPU time, medians of ${RUNS}. Wall clock: baseline ${fmt(bw)} s, import ${fmt(mw)} s, ratio ${(mw / bw).toFixed(2)}x (runs: baseline ${runs(base)} s; import ${runs(imp)} s)`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--peak') {
    await importAndSave(process.argv[4]!, process.argv[3]!);
    console.log(`peak ${Math.round(peakMemoryMb())}`);
    return;
  }
  const dir = await mkdtemp(join(os.tmpdir(), 'boardpack-bench-tidy-'));
  try {
    const csv = join(dir, 'tidy-1m.csv');
    const xlsx = join(dir, 'tidy-100k.xlsx');
    await writeCsv(csv);
    await writeXlsx(xlsx);
    const csvMb = (await stat(csv)).size / 1e6;
    const xlsxMb = (await stat(xlsx)).size / 1e6;

    // 1. The 1,000,000-row CSV. Warm-up first (JIT, file cache), then alternate.
    const parsed = await papaParse(csv);
    if (parsed !== CSV_ROWS + 1) throw new Error(`Papa Parse read ${parsed} rows, not ${CSV_ROWS + 1}`);
    const added = await importAndSave(dir, csv);
    if (added !== CSV_ROWS) throw new Error(`The import added ${added} values, not ${CSV_ROWS}`);
    const base: Timing[] = [];
    const imp: Timing[] = [];
    const native: Timing[] = [];
    let sqliteMissing = false;
    for (let i = 0; i < RUNS; i++) {
      base.push(await time(() => papaParse(csv)));
      imp.push(await time(() => importAndSave(dir, csv)));
      const s = sqliteImport(dir, csv);
      if (s) native.push(s);
      else sqliteMissing = true;
    }
    const label = `tidy CSV, ${CSV_ROWS.toLocaleString('en-GB')} rows (${csvMb.toFixed(1)} MB) imported and saved`;
    report(label, base, imp, 2, 'a bare streaming Papa Parse');
    const floor: Timing[] = [];
    for (let i = 0; i < RUNS; i++) floor.push(await sqlJsFloor());
    const floorCpu = median(floor.map((r) => r.cpu));
    console.log(
      `  where the time goes: sql.js inserting the same 1,000,000 values into the observations table alone (no file) takes ${fmt(floorCpu)} s CPU, ` +
        `${Math.round((100 * floorCpu) / median(imp.map((r) => r.cpu)))}% of the import; parsing (the baseline above) ${fmt(median(base.map((r) => r.cpu)))} s`,
    );
    if (sqliteMissing) console.log(`${label} vs the sqlite3 CLI .import: SKIPPED, sqlite3 is not installed (apt-get install sqlite3)`);
    else report(label, native, imp, 3, 'the native sqlite3 CLI .import');

    // 2. The 100,000-row xlsx.
    const cells = await exceljsRead(xlsx);
    if (cells === 0) throw new Error('exceljs read no cells');
    if ((await importAndSave(dir, xlsx)) !== XLSX_ROWS) throw new Error('the xlsx import did not add every row');
    const xbase: Timing[] = [];
    const ximp: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      xbase.push(await time(() => exceljsRead(xlsx)));
      ximp.push(await time(() => importAndSave(dir, xlsx)));
    }
    report(`tidy xlsx, ${XLSX_ROWS.toLocaleString('en-GB')} rows x 9 columns (${xlsxMb.toFixed(1)} MB) imported and saved`, xbase, ximp, 1.3, 'a bare exceljs streaming WorkbookReader read');

    // 3. Peak memory, each import alone in a child process.
    const csvPeak = childPeak(csv, dir);
    const xlsxPeak = childPeak(xlsx, dir);
    console.log(`peak memory: 1,000,000-row CSV import ${csvPeak} MB (goal < 1024 MB${csvPeak >= 1024 ? ', MISSED' : ''}); 100,000-row xlsx import ${xlsxPeak} MB`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
