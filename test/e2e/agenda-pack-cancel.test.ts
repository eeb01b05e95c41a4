/**
 * The agenda pack's progress and Cancel, from the keyboard: the export shows how far it has got
 * at once, Cancel is the next Tab stop, pressing it says plainly that nothing was saved, no file
 * is downloaded, and focus goes back to the button that started it.
 *
 * The export's request to the host is held until Cancel has been pressed, so the test does not
 * race the PDF (which takes about a second): the job then starts, hears the Cancel the window
 * sends again (or finishes first, when the window throws the bytes away), and either way nothing
 * is saved. That the core stops at each step is in test/main/core/exports/agenda-pack-job.test.ts.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobProgress } from '../../main/core/jobs';
import { AGENDA_PACK_CANCELLED } from '../../shared/api/jobs';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

describe('agenda pack progress and Cancel', () => {
  it('shows progress at once, cancels from the keyboard, says so plainly, saves nothing and gives focus back', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('table', { name: /2024\/25 Q3/ }).waitFor();
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    let held: (route: Route) => void = () => undefined;
    const exportRequest = new Promise<Route>((resolve) => (held = resolve));
    await page.route('**/api/export.agendaPack', (route) => held(route));

    const start = page.getByRole('button', { name: 'Export agenda pack (PDF)' });
    await start.focus();
    const pressed = Date.now();
    await page.keyboard.press('Enter');
    const progress = page.getByRole('group', { name: 'Agenda pack progress' });
    await progress.getByRole('status').filter({ hasText: /^(Drawing the charts|Making the PDF)/ }).waitFor();
    console.log(`agenda pack: progress shown ${Date.now() - pressed} ms after Enter`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Export agenda pack (PDF)');

    // The charts are drawn; the PDF is asked for (and held here).
    const route = await exportRequest;
    await progress.getByRole('status').filter({ hasText: 'Making the PDF' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'agenda-pack-progress-1366x768.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(SHOTS, 'agenda-pack-progress-1920x1080.png') });

    // Cancel is the next Tab stop after the button that started the export.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel the export');
    await page.keyboard.press('Enter');
    await progress.getByRole('status').filter({ hasText: 'Cancelling...' }).waitFor();
    await route.continue();

    const said = page.getByRole('status').filter({ hasText: AGENDA_PACK_CANCELLED });
    await said.waitFor({ timeout: 60_000 });
    await progress.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export agenda pack (PDF)');
    expect(await start.isEnabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'agenda-pack-cancelled-1920x1080.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: path.join(SHOTS, 'agenda-pack-cancelled-1366x768.png') });
    // Nothing was downloaded, and no job is left running.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(downloads).toEqual([]);
    expect(jobProgress(app.session)).toMatchObject({ running: false });
  }, 120_000);

  it('cancelled while the charts are drawn: no PDF is asked for, and the same plain message', async () => {
    const page = await app.newPage();
    await page.getByRole('table', { name: /2024\/25 Q3/ }).waitFor();
    // The figures for the charts arrive slowly, so the drawing is still going on when Cancel is pressed.
    await page.route('**/api/chart.trend', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue().catch(() => undefined);
    });
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/export.agendaPack')) asked.push(r.url());
    });
    await page.getByRole('button', { name: 'Export agenda pack (PDF)' }).focus();
    await page.keyboard.press('Enter');
    const progress = page.getByRole('group', { name: 'Agenda pack progress' });
    await progress.getByRole('status').filter({ hasText: /^Drawing the charts/ }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel the export');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: AGENDA_PACK_CANCELLED }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export agenda pack (PDF)');
    await page.unroute('**/api/chart.trend');
    expect(asked).toEqual([]);
  }, 120_000);
});
