/**
 * Backups in the window (issue 12): the Backups dialog lists the versions kept beside the
 * workspace; a restore shows its progress at once with Cancel, reached from the keyboard.
 * Cancel leaves the workspace file, its .bak and its backups byte for byte as they were; a
 * restore carried through puts the version back and the page shows it.
 *
 * The restore of a small workspace ends in milliseconds, too soon to press Cancel, so the test
 * holds the restore's request until Cancel is pressed, then lets it through with the core's
 * cancel flag set (as the core process sets it from its host): the real restore then meets
 * Cancel, and must leave everything as it was.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOutcome, listOutcomes } from '../../main/core/indicators/repo';
import { backupsDirOf } from '../../main/core/store/backups';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
  // Two more saves: the backups are the demo as written, and the demo with "Restore check A".
  for (const title of ['Restore check A', 'Restore check B']) {
    app.session.workspace.mutate(() => addOutcome(app.session.workspace.db, { title }));
    await app.session.workspace.flush();
  }
}, 120_000);
afterAll(() => app?.close());

async function filesOf(file: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const f of [file, `${file}.bak`]) files.set(path.basename(f), (await readFile(f)).toString('base64'));
  for (const name of await readdir(backupsDirOf(file))) files.set(`backups/${name}`, (await readFile(path.join(backupsDirOf(file), name))).toString('base64'));
  return files;
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('restoring a backup from the window', () => {
  it('shows the progress with Cancel, and Cancel leaves the workspace exactly as it was', async () => {
    const file = app.session.workspace.file!;
    const before = await filesOf(file);
    const page = await app.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    let held: Route | null = null;
    let cancelNow = false;
    app.session.cancelRequested = () => cancelNow;
    await page.route('**/api/workspace.restoreBackup*', (route) => {
      held = route;
    });
    await page.route('**/api/jobs.cancel*', async (route) => {
      cancelNow = true;
      await held!.continue();
      await route.continue();
    });

    const opener = page.getByRole('button', { name: 'Backups...' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Backups' });
    const restoreButtons = dialog.getByRole('button', { name: /^Restore the version saved / });
    await expect.poll(() => restoreButtons.count()).toBe(2);
    await restoreButtons.first().focus();
    const started = Date.now();
    await page.keyboard.press('Enter');
    const status = dialog.getByRole('status', { name: 'Restore progress' });
    await status.getByText('Restoring the backup: 0%').waitFor();
    console.log(`restore progress shown ${Date.now() - started} ms after Restore was pressed`);
    // Focus is on Cancel: Enter stops the restore.
    await expect.poll(() => focusedText(page)).toBe('Cancel the restore');
    await page.screenshot({ path: path.join(SHOTS, 'backups-restore-1366x768.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(SHOTS, 'backups-restore-1920x1080.png') });
    const pressed = Date.now();
    await page.keyboard.press('Enter');
    await dialog.getByText('The restore was cancelled: the workspace is exactly as it was.').waitFor();
    console.log(`restore cancelled ${Date.now() - pressed} ms after Cancel was pressed`);
    await page.screenshot({ path: path.join(SHOTS, 'backups-restore-cancelled-1920x1080.png') });

    expect(await filesOf(file)).toEqual(before);
    expect(listOutcomes(app.session.workspace.db).map((o) => o.title)).toContain('Restore check B');
    // The keyboard is back on the Restore button it pressed.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^Restore the version saved /);
    await page.unroute('**/api/workspace.restoreBackup*');
    await page.unroute('**/api/jobs.cancel*');
    app.session.cancelRequested = undefined;
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedText(page)).toBe('Backups...');
  });

  it('puts the version chosen back, and the page shows it', async () => {
    const file = app.session.workspace.file!;
    const page = await app.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Backups...' }).click();
    const dialog = page.getByRole('dialog', { name: 'Backups' });
    const newest = dialog.getByRole('button', { name: /^Restore the version saved / }).first();
    await newest.waitFor();
    const name = await newest.getAttribute('data-backup');
    const chosen = await readFile(path.join(backupsDirOf(file), name!));
    await newest.click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 }).catch(async (e: unknown) => {
      throw new Error(`the dialog stayed open: ${await dialog.innerText().catch(() => '?')}`, { cause: e });
    });
    expect(await readFile(file)).toEqual(chosen);
    expect(listOutcomes(app.session.workspace.db).map((o) => o.title)).toContain('Restore check A');
    expect(listOutcomes(app.session.workspace.db).map((o) => o.title)).not.toContain('Restore check B');
    await expect.poll(() => focusedText(page)).toBe('Backups...');
    // The version replaced is kept: it is the newest backup now.
    await page.getByRole('button', { name: 'Backups...' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Backups' }).getByRole('button', { name: /^Restore the version saved / }).count()).toBe(3);
  });
});
