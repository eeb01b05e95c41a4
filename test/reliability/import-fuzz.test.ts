/**
 * Hostile and broken files: thousands of mutated CSV, TSV and xlsx files go through the real
 * import. Every one must end in an imported result or a typed error with a clear message (never
 * a crash, a stack trace or a hang), memory must stay bounded, and a failed import must leave
 * the workspace exactly as it was.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers, type Session, createSession } from '../../main/core/app';
import { fillDemoWorkspace } from '../../main/core/workspace/demo';
import { Workspace } from '../../main/core/store/workspace';
import { mutateText, mutateXlsx, random } from './fixtures/fuzz-corpus';
import { appendixTsv, sharedData } from '../shared-folder';

const REPO = path.resolve(import.meta.dirname, '../..');
const TEXT_CASES = Number(process.env.FUZZ_TEXT_CASES ?? 1500);
const XLSX_CASES = Number(process.env.FUZZ_XLSX_CASES ?? 500);
const PER_CASE_LIMIT_MS = 20_000;
const env = { now: () => new Date('2025-01-31T12:00:00Z'), osUser: 'fuzz', saveDelayMs: 0 };

let dir: string;
let session: Session;
let handlers: Handlers;
let baseFile: string;
let resets = 0;

/**
 * A fresh copy of the workspace every few cases: imports that succeed make it grow, and the
 * before/after comparison of every case should not slow down as it does.
 */
async function freshWorkspace(): Promise<void> {
  await session?.workspace.close({ discardUnsaved: true });
  const copy = path.join(dir, `w${resets++}.boardpack`);
  await writeFile(copy, await readFile(baseFile));
  session = createSession({ workspace: await Workspace.open(copy, { ...env, backupsKept: 0 }), env });
  handlers = createHandlers(session);
}
const seeds: Array<{ name: string; ext: string; text: string }> = [];
let xlsxSeed: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-fuzz-'));
  const workspace = await Workspace.inMemory(env);
  await fillDemoWorkspace(workspace, path.join(REPO, 'assets'));
  // Unlock the published period so appendix mutations reach the apply step too.
  workspace.mutate(() => workspace.db.run('UPDATE reporting_periods SET locked = 0'));
  baseFile = path.join(dir, 'base.boardpack');
  await workspace.saveAs(baseFile);
  await workspace.close();
  await freshWorkspace();
  const police = (await readFile(sharedData('police-uk', '2024-06-leicestershire-street.csv'), 'utf8')).split('\n').slice(0, 300).join('\n');
  const ons = (await readFile(sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv'), 'utf8')).split('\n').slice(0, 120).join('\n');
  seeds.push({ name: 'appendix', ext: '.tsv', text: await readFile(appendixTsv(), 'utf8') });
  seeds.push({ name: 'police', ext: '.csv', text: police });
  seeds.push({ name: 'ons_mye_mid2023', ext: '.csv', text: ons });
  const exported = await dispatch(handlers, 'export.appendix', { period: '2014/15 Q4', format: 'xlsx', path: path.join(dir, 'seed.xlsx') });
  expect(exported.ok).toBe(true);
  xlsxSeed = await readFile(path.join(dir, 'seed.xlsx'));
});
afterAll(async () => {
  await session?.workspace.close({ discardUnsaved: true });
  await rm(dir, { recursive: true, force: true });
});

interface Tally {
  cases: number;
  imported: number;
  refused: number;
  byHow: Map<string, number>;
  peakRssMb: number;
}

async function tryImport(file: string, how: string, tally: Tally): Promise<void> {
  const before = Buffer.from(session.workspace.db.export());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${how} ${file}`)), PER_CASE_LIMIT_MS)));
  const result = await Promise.race([dispatch(handlers, 'import.files', { paths: [file] }), timeout]);
  clearTimeout(timer);
  tally.cases++;
  tally.byHow.set(how, (tally.byHow.get(how) ?? 0) + 1);
  tally.peakRssMb = Math.max(tally.peakRssMb, process.memoryUsage().rss / 1048576);
  if (result.ok) {
    tally.imported++;
    return;
  }
  tally.refused++;
  const where = `${how} (${path.basename(file)})`;
  expect(result.error.code, `${where}: ${result.error.message}`).not.toBe('internal');
  expect(result.error.message, where).not.toMatch(/\n\s+at /);
  expect(result.error.message.length, where).toBeGreaterThan(10);
  expect(Buffer.compare(before, Buffer.from(session.workspace.db.export())), `${where} changed the workspace`).toBe(0);
}

describe('importer fuzzing', () => {
  it(`${TEXT_CASES} mutated CSV and TSV files: imported or refused clearly, workspace unchanged on refusal`, async () => {
    const tally: Tally = { cases: 0, imported: 0, refused: 0, byHow: new Map(), peakRssMb: 0 };
    const r = random(20260101);
    for (let i = 0; i < TEXT_CASES; i++) {
      if (i % 25 === 0) await freshWorkspace();
      const seed = seeds[i % seeds.length]!;
      const { how, bytes } = mutateText(seed.text, r);
      const file = path.join(dir, `${seed.name}-${i}${seed.ext}`);
      await writeFile(file, bytes);
      await tryImport(file, how, tally);
      await rm(file);
    }
    console.log(`text fuzz: ${tally.cases} cases, ${tally.imported} imported, ${tally.refused} refused with a clear message, peak RSS ${Math.round(tally.peakRssMb)} MB`);
    expect(tally.cases).toBe(TEXT_CASES);
    expect(tally.peakRssMb).toBeLessThan(1500);
  }, 600_000);

  it(`${XLSX_CASES} mutated xlsx files (truncated zips, corrupt XML, deep nesting, zip bombs)`, async () => {
    const tally: Tally = { cases: 0, imported: 0, refused: 0, byHow: new Map(), peakRssMb: 0 };
    const r = random(20260202);
    for (let i = 0; i < XLSX_CASES; i++) {
      if (i % 25 === 0) await freshWorkspace();
      const { how, bytes } = await mutateXlsx(xlsxSeed, r);
      const file = path.join(dir, `appendix-${i}.xlsx`);
      await writeFile(file, bytes);
      await tryImport(file, how, tally);
      await rm(file);
    }
    console.log(`xlsx fuzz: ${tally.cases} cases, ${tally.imported} imported, ${tally.refused} refused, peak RSS ${Math.round(tally.peakRssMb)} MB, ${[...tally.byHow].map(([h, n]) => `${h} ${n}`).join(', ')}`);
    expect(tally.byHow.get('zip bomb') ?? 0).toBeGreaterThan(0);
    expect(tally.peakRssMb).toBeLessThan(1500);
  }, 600_000);
});
