/**
 * A 1,000,000-row tidy CSV imported through the core in its own process (as the app runs it):
 * progress arrives while it is read, Cancel at about half way stops it, and the workspace file
 * is byte for byte what it was. No timing thresholds: the test checks what the user sees
 * (progress moving, the import ending as cancelled before it was read to the end).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkCore } from '../../main/process/core-client';
import { Workspace } from '../../main/core/store/workspace';
import type { ImportProgress } from '../../shared/api/types';
import { env } from '../main/core/demo-support';

const ROWS = 1_000_000;
let dir: string;
let csv: string;

async function writeTidyCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('indicator,area_code,period,value\n');
  let n = 0;
  // 10 indicators x 100 areas x 1,000 months.
  for (let i = 0; i < 10; i++) {
    for (let a = 0; a < 100; a++) {
      for (let m = 0; m < 1000; m++) {
        const month = `${1941 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        if (!out.write(`Generated indicator ${i + 1} (count),E07${100000 + a},${month},${n % 997}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
        n++;
      }
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  if (n !== ROWS) throw new Error(`wrote ${n} rows, not ${ROWS}`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cancel-'));
  csv = path.join(dir, 'million.csv');
  await writeTidyCsv(csv);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts the import through a core process, waits until `ready(progress)`, presses Cancel, and returns what was seen. */
async function cancelWhen(name: string, ready: (p: ImportProgress) => boolean) {
  const file = path.join(dir, `${name}.boardpack`);
  await (await Workspace.create(file, env)).close();
  const before = await readFile(file);
  const core = forkCore({ dataDir: path.join(dir, 'data'), workspace: file, osUser: 'analyst', saveDelayMs: 0 });
  await core.ready;
  try {
    let ended = false;
    const importing = core.call('import.files', { paths: [csv], createAreas: true }).finally(() => (ended = true));
    const seen: ImportProgress[] = [];
    while (!ended) {
      const p = await core.call('import.progress', {});
      if (p.ok) {
        seen.push(p.value as ImportProgress);
        if (ready(p.value as ImportProgress)) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const endedBeforeCancel = ended;
    const cancel = await core.call('import.cancel', {});
    const result = await importing;
    const info = await core.call('workspace.info', {});
    return { seen, endedBeforeCancel, cancel, result, info, file, before, stop: () => core.stop() };
  } catch (error) {
    await core.stop();
    throw error;
  }
}

describe('cancelling a 1,000,000-row import', () => {
  it('while the values are stored (in slices, between which messages are heard): stops, and changes nothing', async () => {
    const r = await cancelWhen('storing', (p) => p.phase === 'storing' && p.fraction >= 0.3);
    try {
      expect(r.endedBeforeCancel).toBe(false);
      expect(r.seen.some((p) => p.phase === 'reading' && p.fraction > 0 && p.fraction < 1)).toBe(true);
      expect(r.cancel).toEqual({ ok: true, value: { cancelled: true } });
      expect(r.result).toMatchObject({ ok: false, error: { message: 'The import was cancelled: nothing was changed.' } });
      expect(r.info).toMatchObject({ ok: true, value: { counts: { observations: 0, imports: 0 } } });
    } finally {
      expect(await r.stop()).toBeNull();
    }
    expect((await readFile(r.file)).equals(r.before)).toBe(true);
  }, 180_000);

  it('shows progress, stops at the Cancel pressed half way, and leaves the workspace file byte for byte as it was', async () => {
    const file = path.join(dir, 'board.boardpack');
    await (await Workspace.create(file, env)).close();
    const before = await readFile(file);
    const core = forkCore({ dataDir: path.join(dir, 'data'), workspace: file, osUser: 'analyst', saveDelayMs: 0 });
    await core.ready;
    try {
      let ended = false;
      const importing = core.call('import.files', { paths: [csv], createAreas: true }).finally(() => (ended = true));
      const seen: ImportProgress[] = [];
      let last: ImportProgress | null = null;
      while (!ended) {
        const p = await core.call('import.progress', {});
        if (p.ok) {
          last = p.value as ImportProgress;
          seen.push(last);
          if (last.fraction >= 0.5) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(ended).toBe(false);
      expect(await core.call('import.cancel', {})).toEqual({ ok: true, value: { cancelled: true } });
      const cancelling = await core.call('import.progress', {});
      expect(cancelling).toMatchObject({ ok: true, value: { running: true, cancelled: true } });
      const result = await importing;
      expect(result).toMatchObject({ ok: false, error: { message: 'The import was cancelled: nothing was changed.' } });

      // Progress moved as the file was read, and it named the file.
      const moving = seen.filter((p) => p.running && p.fraction > 0 && p.fraction < 1);
      expect(new Set(moving.map((p) => p.fraction)).size).toBeGreaterThan(1);
      expect(moving[0]!.file).toBe('million.csv');
      expect(moving[0]!.phase).toBe('reading');
      // Nothing in the workspace changed, and the next call finds it as it was.
      const info = await core.call('workspace.info', {});
      expect(info).toMatchObject({ ok: true, value: { counts: { observations: 0, imports: 0 } } });
    } finally {
      expect(await core.stop()).toBeNull();
    }
    expect((await readFile(file)).equals(before)).toBe(true);
  }, 180_000);
});
