#!/usr/bin/env node
/**
 * Runs every test/bench/*.bench.ts, one after another, each in its own Node process (with tsx
 * as the loader) so one benchmark's memory and JIT state never colour another's, and each can
 * report its own peak memory. Exits non-zero if any benchmark fails.
 *
 *   npm run bench                 all benchmarks
 *   npm run bench -- policeuk     only those whose file name contains "policeuk"
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(repoRoot, 'test', 'bench');
const filters = process.argv.slice(2);

function run(file) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`could not start ${file}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => resolvePromise(signal ? 1 : (code ?? 1)));
  });
}

const files = (await readdir(benchDir))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => join(benchDir, f));

if (files.length === 0) {
  console.log(`No benchmarks${filters.length ? ` matching ${filters.join(', ')}` : ''} in ${relative(repoRoot, benchDir)}.`);
  process.exit(filters.length ? 1 : 0);
}

const failed = [];
for (const file of files) {
  const name = relative(repoRoot, file);
  console.log(`== ${name}`);
  const code = await run(file);
  if (code !== 0) {
    console.error(`!! ${name} failed (exit code ${code})`);
    failed.push(name);
  }
}

if (failed.length > 0) {
  console.error(`${failed.length} of ${files.length} benchmarks failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`${files.length} ${files.length === 1 ? 'benchmark' : 'benchmarks'} done.`);
