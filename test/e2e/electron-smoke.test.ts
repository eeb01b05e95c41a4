/**
 * The real Electron app (playwright-core's `_electron.launch`): starts the built app on a fresh
 * data folder, sees the demo dashboard, imports a police.uk file by its path, exports the
 * appendix as PDF to the path the Save dialog returns, and quits cleanly (the workspace's lock
 * released). It needs the Electron binary, which build machines cannot download: without it the
 * test is reported as skipped, with one line saying why (README, "The real-Electron smoke test").
 *
 * The binary is taken from ELECTRON_OVERRIDE_DIST_PATH (a folder holding the unpacked Electron),
 * else from the electron package's own download (node_modules/electron/dist). Run
 * `node scripts/build.mjs` first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../shared-folder';

const REPO = path.resolve(import.meta.dirname, '../..');
const POLICE = () => sharedData('police-uk', '2024-06-leicestershire-street.csv');
const EXECUTABLE = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

/** Where the Electron binary is, or why there is none. */
function findElectron(): { binary: string } | { why: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, EXECUTABLE);
    return existsSync(binary) ? { binary } : { why: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${binary} does not exist` };
  }
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return { why: "the electron package's binary was never downloaded (no node_modules/electron/path.txt) and ELECTRON_OVERRIDE_DIST_PATH is not set" };
    const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? { binary } : { why: `${binary} is missing` };
  } catch {
    return { why: 'the electron package is not installed' };
  }
}

const found = findElectron();
const built = existsSync(path.join(REPO, 'dist/electron/main.mjs')) && existsSync(path.join(REPO, 'dist/electron/core.mjs'));
const skipWhy = 'why' in found ? found.why : built ? null : 'the app is not built (run node scripts/build.mjs)';
if (skipWhy) console.log(`Real-Electron smoke test skipped: ${skipWhy}.`);

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('the real Electron app', () => {
  it.skipIf(skipWhy !== null)('starts on the demo dashboard, imports a police.uk file by path, exports a PDF, and quits cleanly', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'boardpack-electron-'));
    dirs.push(data);
    const app = await electron.launch({
      executablePath: (found as { binary: string }).binary,
      args: [REPO, '--no-sandbox'],
      env: { ...process.env, BOARDPACK_DATA_DIR: data, ELECTRON_DISABLE_SECURITY_WARNINGS: '1' },
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('table', { name: /2014\/15 Q4/ }).waitFor({ timeout: 60_000 });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle())).toBe('Demo workspace - Boardpack');

      // A file chosen in the window reaches the core as its path (webUtils.getPathForFile).
      await page.getByRole('tab', { name: 'Import' }).click();
      await page.getByLabel('Files to import').setInputFiles(POLICE());
      const preview = page.getByRole('region', { name: 'What the import will do' });
      await preview.getByText(/2024-06-leicestershire-street\.csv: police\.uk street-level crime/).waitFor({ timeout: 60_000 });
      await preview.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('region', { name: 'Import result' }).waitFor();

      // The native Save dialog answers with a path here; the core writes the PDF there.
      const pdf = path.join(data, 'appendix.pdf');
      await app.evaluate(({ dialog }, file) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
      }, pdf);
      await page.getByRole('tab', { name: 'Dashboard' }).click();
      await page.getByRole('button', { name: 'Export PDF' }).click();
      await page.getByRole('status').filter({ hasText: 'Exported' }).waitFor();
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await app.close();
    }
    // Quitting saved the workspace and released its lock.
    const workspace = path.join(data, 'Demo workspace.boardpack');
    expect((await stat(workspace)).size).toBeGreaterThan(0);
    expect(existsSync(`${workspace}.lock`)).toBe(false);
  }, 180_000);
});
