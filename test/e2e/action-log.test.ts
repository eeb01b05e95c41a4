/**
 * Managing the board's action log in Chromium: add (mouse and keyboard), edit, close, filter
 * to open actions, undo, delete after confirming, export to Excel; axe-core finds no serious
 * or critical problems on the page with its form open.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { seriousViolations } from './axe-support';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());


/** The visible cells of each row of the log, without the buttons column. */
async function logRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('table', { name: /Action log|Open actions/ }).locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = await rows.nth(i).locator('td:not(.row-buttons)').allInnerTexts();
    out.push(cells.map((c) => c.replace(/\s+/g, ' ').trim()));
  }
  return out;
}

describe('the action log page', () => {
  it('adds, edits, closes, filters, undoes, deletes and exports actions', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Action log' }).click();
    await page.getByText('No actions yet').waitFor();

    // Add with the mouse.
    await page.getByRole('button', { name: 'Add action' }).click();
    let form = page.getByRole('form', { name: 'Add an action' });
    await form.getByLabel('Date raised').fill('2025-01-20');
    await form.getByRole('textbox', { name: 'Responsible officer' }).fill('Community Safety Manager');
    await form.getByRole('radio', { name: 'Red' }).check();
    await form.getByRole('textbox', { name: /^Action/ }).fill('Review hate crime reporting with the police');
    await form.getByRole('textbox', { name: 'Comments' }).fill('Police lead to attend March board');
    await form.getByRole('button', { name: 'Add action' }).click();
    await expect.poll(() => logRows(page)).toEqual([['1', '20 Jan 2025', 'Review hate crime reporting with the police', 'Community Safety Manager', 'Police lead to attend March board', 'Red']]);

    // Add with the keyboard only: Enter on the toolbar button opens the form with the cursor in
    // its first field; Tab through the date (today by default) to the officer; arrows choose the
    // status; Tab to the button and Enter saves.
    await page.getByRole('button', { name: 'Add action' }).focus();
    await page.keyboard.press('Enter');
    form = page.getByRole('form', { name: 'Add an action' });
    await expect.poll(() => form.getByRole('textbox', { name: 'No.' }).evaluate((el) => el === document.activeElement)).toBe(true);
    const officer = form.getByRole('textbox', { name: 'Responsible officer' });
    for (let i = 0; i < 6 && !(await officer.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.type('ASB Coordinator');
    await page.keyboard.press('Tab'); // status: Amber is chosen
    await page.keyboard.press('ArrowRight'); // Green
    await page.keyboard.press('Tab');
    await page.keyboard.type('Report ASB hotspots by ward');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ward maps from the police');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const now = new Date();
    const today = `${now.getDate()} ${now.toLocaleString('en-GB', { month: 'short' })} ${now.getFullYear()}`;
    await expect.poll(async () => (await logRows(page))[1]).toEqual(['2', today, 'Report ASB hotspots by ward', 'ASB Coordinator', 'Ward maps from the police', 'Green']);
    // Saved: the form goes and focus is back on the button that opened it, as after Esc.
    const focusedName = () => page.evaluate(() => (document.activeElement === document.body ? 'page' : (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '')));
    await expect.poll(focusedName).toBe('Add action');
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Add an action' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('form', { name: 'Add an action' }).count()).toBe(0);
    await expect.poll(focusedName).toBe('Add action');

    // Edit: the comment and the status.
    await page.getByRole('button', { name: 'Edit action 1' }).click();
    form = page.getByRole('form', { name: 'Edit action 1' });
    await form.getByRole('textbox', { name: 'Comments' }).fill('Police lead attended; reporting route agreed');
    await form.getByRole('radio', { name: 'Amber' }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await logRows(page))[0]!.slice(4)).toEqual(['Police lead attended; reporting route agreed', 'Amber']);

    // Close action 1: the status says Closed and the date (the session's today).
    // By keyboard: focus passes from Close to the Reopen that takes its place.
    await page.getByRole('button', { name: 'Close action 1' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await logRows(page))[0]![5]).toBe('Closed 10 Feb 2025');
    await page.getByRole('button', { name: 'Reopen action 1' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reopen action 1');

    // Open actions only.
    await page.getByRole('checkbox', { name: 'Open actions only' }).check();
    await expect.poll(async () => (await logRows(page)).map((r) => r[0])).toEqual(['2']);
    await expect(page.locator('.action-count').innerText()).resolves.toBe('2 actions, 1 open');
    await page.screenshot({ path: path.join(SHOTS, 'action-log-open-only.png'), fullPage: true });
    await page.getByRole('checkbox', { name: 'Open actions only' }).uncheck();

    // Export to Excel: the sheet holds what the page shows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('Action log - Safer Communities Performance Dashboard 2025-02-10.xlsx');
    const file = path.join(app.dir, download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('Action log')!;
    expect([4, 5].map((r) => [sheet.getCell(r, 1).text, sheet.getCell(r, 3).text, sheet.getCell(r, 6).text])).toEqual([
      ['1', 'Review hate crime reporting with the police', 'Closed'],
      ['2', 'Report ASB hotspots by ward', 'Green'],
    ]);

    // Delete asks first; Undo brings the action back.
    await page.getByRole('button', { name: 'Delete action 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete action 2?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await logRows(page)).map((r) => r[0])).toEqual(['1']);
    // The app's toast says what happened; Ctrl+Z (the app-wide undo) brings the action back.
    await page.getByText('Delete action 2', { exact: true }).waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await logRows(page)).map((r) => r[0])).toEqual(['1', '2']);
    await page.screenshot({ path: path.join(SHOTS, 'action-log.png'), fullPage: true });

    await page.getByRole('button', { name: 'Edit action 2' }).click();
    await page.getByRole('form', { name: 'Edit action 2' }).waitFor();
    expect(await seriousViolations(page, '.action-log-page')).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'action-log-edit.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.getByRole('form', { name: 'Edit action 2' }).waitFor({ state: 'detached' });
  });

  it('shows the message from Boardpack when a No. is already taken', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Action log' }).click();
    await page.getByRole('table', { name: 'Action log' }).waitFor();
    await page.getByRole('button', { name: 'Add action' }).click();
    const form = page.getByRole('form', { name: 'Add an action' });
    await form.getByRole('textbox', { name: 'No.' }).fill('1');
    await form.getByRole('textbox', { name: /^Action/ }).fill('A duplicate');
    await form.getByRole('button', { name: 'Add action' }).click();
    await page.getByText(/^No\. 1 is already used by another action/).waitFor();
    expect(await form.isVisible()).toBe(true);
  });

  it('moves focus on to the next row once a row is deleted by keyboard, and back a row for the last one', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Action log' }).click();
    await page.getByRole('table', { name: 'Action log' }).waitFor();
    expect((await logRows(page)).map((r) => r[0])).toEqual(['1', '2']);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
    const deleteByKeyboard = async (n: number) => {
      await page.getByRole('button', { name: `Delete action ${n}` }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `Delete action ${n}?` });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Delete' }).focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
    };

    // The first row goes: focus moves to the row that takes its place, not to the top of the page.
    await deleteByKeyboard(1);
    await expect.poll(async () => (await logRows(page)).map((r) => r[0])).toEqual(['2']);
    await expect.poll(focused).toBe('Edit action 2');
    // The last row goes: focus moves back to the control before it.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await logRows(page)).map((r) => r[0])).toEqual(['1', '2']);
    await deleteByKeyboard(2);
    await expect.poll(async () => (await logRows(page)).map((r) => r[0])).toEqual(['1']);
    await expect.poll(focused).toBe('Delete action 1');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await logRows(page)).map((r) => r[0])).toEqual(['1', '2']);
  });
});
