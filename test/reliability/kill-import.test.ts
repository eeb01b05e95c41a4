/**
 * Crash safety during an import: a real child process imports police.uk files into a real
 * workspace file and is SIGKILLed at a random moment (while starting, reading the files,
 * committing or saving). After every kill the file opens, passes SQLite's integrity check, and
 * holds either the whole import or none of it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemoWorkspace } from '../../main/core/workspace/demo';
import { Workspace } from '../../main/core/store/workspace';
import { sharedData } from '../shared-folder';
import { bundleChild } from './fixtures/child-bundle';

const REPO = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'fixtures/import-once.ts');
const POLICE = sharedData('police-uk');
const KILLS = 24;
const env = { now: () => new Date(), osUser: 'tester', saveDelayMs: 0, backupsKept: 2 };

let dir: string;
let base: Uint8Array;
let files: string[];
let fullCount = 0;
let importer: { file: string; env: NodeJS.ProcessEnv };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-kill-import-'));
  importer = await bundleChild(CHILD);
  files = (await readdir(POLICE)).filter((f) => f.startsWith('2024-')).sort().map((f) => path.join(POLICE, f));
  // The demo's areas, without its police counts: the import has everything to add.
  const ws = await Workspace.inMemory(env);
  await fillDemoWorkspace(ws, path.join(REPO, 'assets'));
  ws.mutate(() => ws.db.run("DELETE FROM observations WHERE indicator_id IN (SELECT id FROM indicators WHERE name LIKE 'Police recorded crime:%')"));
  base = ws.db.export();
  ws.db.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function policeValues(ws: Workspace): number {
  return ws.db.first<{ n: number }>("SELECT count(*) AS n FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.name LIKE 'Police recorded crime:%'")?.n ?? 0;
}

async function runAndKill(file: string, delayMs: number | null): Promise<boolean> {
  const child = spawn(process.execPath, [importer.file, file, ...files], { cwd: REPO, env: importer.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let imported = false;
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (chunk.includes('ready')) onReady();
    if (chunk.includes('imported')) imported = true;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  if (delayMs === null) {
    await new Promise((r) => setTimeout(r, Math.random() * 1500));
  } else {
    await Promise.race([ready, exited]);
    await new Promise((r) => setTimeout(r, delayMs));
  }
  child.kill('SIGKILL');
  await exited;
  return imported;
}

describe('a kill during an import', () => {
  it(`never leaves half an import: ${KILLS} SIGKILLs at random moments`, async () => {
    // How long an import takes here, to spread the kills over all of it.
    const probeFile = path.join(dir, 'probe.boardpack');
    await writeFile(probeFile, base);
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [importer.file, probeFile, ...files], { cwd: REPO, env: importer.env, stdio: ['ignore', 'pipe', 'inherit'] });
      let imported = false;
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (c: string) => {
        if (c.includes('imported')) {
          imported = true;
          child.kill('SIGKILL');
        }
      });
      // Wait for the process to be gone, so its lock is stale when the file is opened here.
      child.on('exit', () => (imported ? resolve() : reject(new Error('the import child ended without importing'))));
    });
    const importMs = Date.now() - started;
    const probe = await Workspace.open(probeFile, env);
    fullCount = policeValues(probe);
    expect(fullCount).toBeGreaterThan(1000);
    await probe.close();

    let whole = 0;
    let none = 0;
    for (let k = 0; k < KILLS; k++) {
      const file = path.join(dir, `w${k}.boardpack`);
      await writeFile(file, base);
      const imported = await runAndKill(file, k % 6 === 0 ? null : Math.random() * importMs);
      const ws = await Workspace.open(file, env);
      expect(ws.db.first<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check).toBe('ok');
      const values = policeValues(ws);
      const imports = ws.db.first<{ n: number }>('SELECT count(*) AS n FROM imports')?.n;
      if (values === 0) {
        expect(imports).toBe(0);
        expect(imported).toBe(false);
        none++;
      } else {
        expect(values).toBe(fullCount);
        expect(imports).toBe(1);
        whole++;
      }
      await ws.close();
    }
    console.log(`kill during import: ${KILLS} kills, ${whole} left the whole import, ${none} left none, 0 half (import takes ~${importMs} ms here)`);
    expect(whole + none).toBe(KILLS);
  }, 240_000);
});
