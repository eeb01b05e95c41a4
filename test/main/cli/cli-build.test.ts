/**
 * The built command line (scripts/build-cli.mjs): the same commands and output as the
 * TypeScript source, with its dependencies bundled in, and output cut short by a pipe ending
 * quietly. Built into a folder of its own under dist/ (where Node finds node_modules for the
 * packages loaded at run time), so it never races a test running bin/boardpack.mjs.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardpack, REPO } from '../core/demo-support';
// @ts-expect-error a plain .mjs build script without types
import { buildCli } from '../../../scripts/build-cli.mjs';

const run = promisify(execFile);
let dir: string;
let outdir: string;
let built: string;
let demo: string;
const cliEnv = { ...process.env, BOARDPACK_CLI: '1', BOARDPACK_ASSETS: path.join(REPO, 'assets') };

async function builtCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [built, ...args], { cwd: REPO, env: cliEnv, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli-build-'));
  outdir = path.join(REPO, 'dist', `cli-test-${process.pid}`);
  await (buildCli as (outdir: string) => Promise<void>)(outdir);
  built = path.join(outdir, 'boardpack.mjs');
  demo = path.join(dir, 'demo.boardpack');
  const r = await builtCli('demo', '--workspace', demo);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outdir, { recursive: true, force: true });
});

describe('the built command line', () => {
  it('is one small entry file; the core is in chunks beside it, loaded only by commands that need it', async () => {
    const files = (await readdir(outdir)).filter((f) => f.endsWith('.mjs'));
    const size = async (f: string) => (await stat(path.join(outdir, f))).size;
    const entryText = await readFile(built, 'utf8');
    // What `boardpack --help` loads: the entry and the chunks it imports statically.
    const staticImports = [...entryText.matchAll(/from\s*"\.\/([^"]+)"/g)].map((m) => m[1]!);
    const startUp = (await size('boardpack.mjs')) + (await Promise.all(staticImports.map(size))).reduce((a, b) => a + b, 0);
    const all = (await Promise.all(files.map(size))).reduce((a, b) => a + b, 0);
    expect(entryText).toMatch(/import\("\.\/cli-core-[^"]+\.mjs"\)/);
    expect(files).toContain('core.mjs');
    expect(startUp).toBeLessThan(100_000);
    expect(all).toBeGreaterThan(10 * startUp);
  });

  it('prints the same help and the same workspace description as the TypeScript source', async () => {
    const help = await builtCli('--help');
    const source = await boardpack('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(source.stdout);
    expect(help.stdout).toContain('Usage: boardpack COMMAND [options]');

    const info = JSON.parse((await builtCli('info', '--workspace', demo, '--json')).stdout);
    const fromSource = JSON.parse((await run(process.execPath, [path.join(REPO, 'bin/boardpack.mjs'), 'info', '--workspace', demo, '--json'], { cwd: REPO, env: { ...process.env, BOARDPACK_CLI_FROM_SOURCE: '1' } })).stdout);
    expect(info).toEqual(fromSource);
    expect(info.isDemo).toBe(true);
    expect(info.outcomes).toHaveLength(4);
  });

  it('writes the appendix as Excel and PDF with the bundled exceljs and the fonts found at run time', async () => {
    const xlsx = path.join(dir, 'appendix.xlsx');
    const pdf = path.join(dir, 'appendix.pdf');
    expect((await builtCli('export', 'appendix', '--workspace', demo, '--period', '2014/15 Q4', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    expect((await builtCli('export', 'appendix', '--workspace', demo, '--period', '2014/15 Q4', '--format', 'pdf', '--out', pdf)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    expect(cells).toMatch(/Performance Dashboard/);
    expect((await stat(pdf)).size).toBeGreaterThan(10_000);
  });

  it('ends quietly when the reader closes the pipe early (boardpack values ... | head -1)', async () => {
    const child = spawn(process.execPath, [built, 'values', '--workspace', demo], { cwd: REPO, env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const firstLine = await new Promise<string>((resolve) => {
      child.stdout.once('data', (d: Buffer) => {
        child.stdout.destroy(); // as head does after its first line
        resolve(d.toString().split('\n')[0]!);
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(firstLine).toBe('indicator,outcome,area_code,area_name,period_start,period_end,value,numerator,denominator,label,derived');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says the copy of Boardpack is incomplete, not that the workspace is damaged, when its database engine cannot be found', async () => {
    // A copy of the built command line where Node finds no node_modules (so no sql.js).
    const lonely = path.join(dir, 'cli-without-node-modules');
    await cp(outdir, lonely, { recursive: true });
    let result: { code: number; stdout: string; stderr: string };
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(lonely, 'boardpack.mjs'), 'info', '--workspace', demo], { cwd: dir, env: cliEnv });
      result = { code: 0, stdout, stderr };
    } catch (error) {
      result = error as { code: number; stdout: string; stderr: string };
    }
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not load its database engine/);
    expect(result.stderr).toMatch(/Reinstall Boardpack/);
    expect(result.stderr).not.toMatch(/damaged|at .*\.mjs:\d+/);
  });
});

