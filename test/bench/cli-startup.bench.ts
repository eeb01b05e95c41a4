/**
 * Benchmark: how quickly the `boardpack` command starts, and a whole-process CLI import of the
 * 24 police.uk months, each against a baseline measured in the same run.
 *
 * - `boardpack --help` (the built CLI, dist/cli) vs `node -e 0`: goal <= 3x.
 * - `boardpack info` on the demo workspace vs `node -e 0` (goal: well under 0.5 s in all).
 * - the same `--help` run from the TypeScript source through tsx (what every run cost before
 *   the build step), for comparison.
 * - `boardpack import` of the 24 months (51.5 MB) into a fresh copy of a workspace holding
 *   Leicestershire's districts, as a whole process, vs the native sqlite3 CLI importing the same
 *   files into a table and counting them by month, district and crime type: goal <= 1.5x
 *   (skipped, and said so, when sqlite3 is not installed).
 *
 * Wall-clock medians of 5 (start-up) or 3 (import) runs after a warm-up, alternating with the
 * baseline. Builds the CLI first (`node scripts/build.mjs cli`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedData } from '../shared-folder';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const policeDir = sharedData('police-uk');
const bin = join(repoRoot, 'bin/boardpack.mjs');
const tmp = mkdtempSync(join(os.tmpdir(), 'boardpack-cli-bench-'));

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: repoRoot, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function compare(label: string, runs: number, baseline: () => number, subject: () => number, goal: number | null, baselineLabel: string): void {
  baseline();
  subject();
  const b: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < runs; i++) {
    b.push(baseline());
    s.push(subject());
  }
  const ratio = median(s) / median(b);
  const verdict = goal === null ? '' : ratio <= goal ? ` (goal <= ${goal}x: met)` : ` (goal <= ${goal}x: MISSED)`;
  console.log(`${label}: ${median(s).toFixed(0)} ms vs ${baselineLabel} ${median(b).toFixed(0)} ms = ${ratio.toFixed(2)}x${verdict}`);
}

const built = spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], { cwd: repoRoot, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`building the CLI failed: ${built.stderr}`);

try {
  const demo = join(tmp, 'demo.boardpack');
  timed(process.execPath, [bin, 'demo', '--workspace', demo]);
  const node = () => timed(process.execPath, ['-e', '0']);
  compare('boardpack --help (built)', 5, node, () => timed(process.execPath, [bin, '--help']), 3, 'node -e 0');
  compare('boardpack info (built, demo workspace)', 5, node, () => timed(process.execPath, [bin, 'info', '--workspace', demo]), null, 'node -e 0');
  compare('boardpack --help (TypeScript source through tsx)', 3, node, () => timed(process.execPath, [bin, '--help'], { ...process.env, BOARDPACK_CLI_FROM_SOURCE: '1' }), null, 'node -e 0');

  // The import: a workspace with the districts but none of the months (a fresh one each run).
  const empty = join(tmp, 'districts.boardpack');
  timed(process.execPath, [bin, 'new', '--workspace', empty]);
  timed(process.execPath, [bin, 'import', sharedData('ons', 'lad16-csp16-pfa16-lookup.csv'), '--workspace', empty]);
  const files = readdirSync(policeDir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(policeDir, f));
  let n = 0;
  const cliImport = () => {
    const ws = join(tmp, `import-${n++}.boardpack`);
    copyFileSync(empty, ws);
    return timed(process.execPath, [bin, 'import', ...files, '--workspace', ws]);
  };
  const hasSqlite = spawnSync('sqlite3', ['-version']).status === 0;
  if (!hasSqlite) {
    console.log(`boardpack import of ${files.length} police.uk months vs the sqlite3 CLI: SKIPPED, sqlite3 is not installed (apt-get install sqlite3)`);
  } else {
    const sqliteImport = () => {
      const db = join(tmp, `native-${n++}.sqlite`);
      const script = [
        'CREATE TABLE crimes(id, month, reported_by, falls_within, lon, lat, location, lsoa_code, lsoa_name, crime_type, outcome, context);',
        ...files.map((f) => `.import --csv --skip 1 '${f}' crimes`),
        "CREATE TABLE counts AS SELECT month, substr(lsoa_name, 1, length(lsoa_name) - 5) AS district, crime_type, count(*) AS n FROM crimes WHERE lsoa_name <> '' GROUP BY 1, 2, 3;",
        'SELECT count(*) FROM counts;',
      ].join('\n');
      const start = process.hrtime.bigint();
      const r = spawnSync('sqlite3', [db], { input: script, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    compare(`boardpack import of ${files.length} police.uk months (whole process, built CLI)`, 3, sqliteImport, cliImport, 1.5, 'the sqlite3 CLI importing and aggregating them');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
