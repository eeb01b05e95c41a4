import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { cellText, openSeries } from './values-grid-support';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

describe('keystrokes in the values grid', () => {
  it('Tab saves and moves right, Shift+Tab left, Enter saves and moves down, as in Excel', async () => {
    const page = await app.newPage();
    const grid = await openSeries(page);
    await grid.getByRole('row', { name: /^Melton/ }).getByRole('gridcell').first().click();
    // Typed at once after each Tab: the next keys belong to the next cell, saved or not yet.
    await page.keyboard.type('100');
    await page.keyboard.press('Tab');
    await page.keyboard.type('101');
    await page.keyboard.press('Tab');
    await page.keyboard.type('102');
    await page.keyboard.press('Enter');
    await expect.poll(() => cellText(page, 'Melton', 'Mar 2023')).toBe('102');
    expect(await cellText(page, 'Melton', 'Jan 2023')).toBe('100');
    expect(await cellText(page, 'Melton', 'Feb 2023')).toBe('101');
    await expect.poll(() => page.locator('.selected-cell').innerText()).toMatch(/^North West Leicestershire, Mar 2023/);

    // Shift+Tab goes back left: Feb 2023 of North West Leicestershire, typed and saved with Tab.
    const before = await cellText(page, 'North West Leicestershire', 'Jan 2023');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('7');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => cellText(page, 'North West Leicestershire', 'Feb 2023')).toBe('7');
    await expect.poll(() => page.locator('.selected-cell').innerText()).toMatch(/^North West Leicestershire, Jan 2023/);
    expect(await cellText(page, 'North West Leicestershire', 'Jan 2023')).toBe(before);
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: path.join(SHOTS, `keystrokes-grid-${width}.png`) });
    }
  });
});

describe('focus after a button or list has done its work', () => {
  /** What has focus, as a screen reader would name it ('page' when focus was lost). */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return !el || el === document.body ? 'page' : (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });

  it('stays on the control the analyst pressed, or moves to its neighbour when the control goes, never to the page', async () => {
    const page = await app.newPage();
    page.on('download', () => undefined);
    // A button disabled while its export runs: focus is back on it afterwards.
    await page.getByRole('tab', { name: 'Action log' }).click();
    await page.getByRole('button', { name: 'Export Excel' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Exported|Saved/).first().waitFor();
    await expect.poll(() => focused(page)).toBe('Export Excel');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Export CSV');

    // Make main goes once its area is the main one: focus moves to the same row's Rename.
    await page.getByRole('tab', { name: 'Areas' }).click();
    // Two areas called Blaby (the district and its partnership): each button says which.
    await page.getByRole('table', { name: "The workspace's areas" }).waitFor();
    expect(await page.getByRole('button', { name: 'Rename Blaby (district)', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Rename Blaby (community safety partnership)', exact: true }).count()).toBe(1);
    // A dialog whose field takes focus as it opens still gives focus back to the button that
    // opened it: after Esc, and after Enter saves.
    const rename = page.getByRole('button', { name: 'Rename Blaby (district)', exact: true });
    await rename.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Rename Blaby (district)' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Rename Blaby (district)');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('textbox').fill('Blaby District');
    await page.keyboard.press('Enter');
    await page.getByText('Renamed Blaby (district) to Blaby District.').waitFor();
    // The same button, now named for the new name.
    await expect.poll(() => focused(page)).toBe('Rename Blaby District');
    const makeMain = page.getByRole('button', { name: /^Make .* the main area$/ }).first();
    const name = /^Make (.*) the main area$/.exec((await makeMain.getAttribute('aria-label'))!)![1]!;
    await makeMain.focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${name} is now the board's main area.`).waitFor();
    await expect.poll(() => focused(page)).toBe(`Rename ${name}`);
    await page.close();
  });

  it("a column's list on the Import page keeps focus while the plan is made again", async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Import' }).click();
    const file = path.join(app.dir, 'partner.csv');
    await writeFile(file, ['Indicator,Area code,Area name,Period,Count,Rate', 'Youth re-offending rate (%),E07000129,Blaby,2023/24,31,28.4%', 'Youth re-offending rate (%),E07000130,Charnwood,2023/24,58,33.0%'].join('\r\n'));
    await page.getByLabel('Files to import').setInputFiles(file);
    const count = page.getByRole('combobox', { name: 'What column E (Count) holds' });
    await count.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => count.innerText()).toBe('Numerator');
    await expect.poll(() => focused(page)).toBe('What column E (Count) holds');
    // Cancel takes the plan away: focus goes back to Choose files.
    await page.getByRole('region', { name: 'What the import will do' }).getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'What the import will do' }).count()).toBe(0);
    expect(await focused(page)).toBe('Choose files...');
    await page.close();
  });

  it('the dashboard: Save title keeps focus, Publish hands it to Unlock and Unlock back to Publish', async () => {
    const page = await app.newPage();
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.waitFor();
    await title.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' (draft)');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Save title');
    await page.keyboard.press('Enter');
    await expect.poll(() => title.inputValue()).toMatch(/ \(draft\)$/);
    await expect.poll(() => page.getByRole('button', { name: 'Save title' }).getAttribute('aria-disabled')).toBe('true');
    expect(await focused(page)).toBe('Save title');

    await page.getByRole('button', { name: 'Publish (lock)...' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Unlock...' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Unlock...');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('textbox').waitFor();
    await page.keyboard.type('Figures corrected by the police');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Publish (lock)...' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Publish (lock)...');
    await page.close();
  });

  it('the Indicators list: Move down keeps focus on the button so it can be pressed again; Archive moves it on to the next row', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Indicators' }).click();
    const rows = page.getByRole('list', { name: 'Indicators' }).first().locator('.indicator-name');
    await rows.first().waitFor();
    const names = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator-id')))) as string[];
    const first = (await rows.first().evaluate((el) => el.firstChild?.textContent ?? '')).trim();
    const down = page.getByRole('button', { name: `Move ${first} down`, exact: true });
    await down.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator-id')))).toEqual([names[1], names[0], ...names.slice(2)]);
    await expect.poll(() => focused(page)).toBe(`Move ${first} down`);
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator-id')))).toEqual([names[1], names[2], names[0], ...names.slice(3)]);
    await expect.poll(() => focused(page)).toBe(`Move ${first} down`);

    // Archived, the row leaves the list: focus goes on to the next row.
    await page.getByRole('button', { name: `Archive ${first}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(names.length - 1);
    const next = (await page.locator(`[data-indicator-id="${names[3]}"]`).evaluate((el) => el.firstChild?.textContent ?? '')).trim();
    await expect.poll(() => focused(page)).toMatch(new RegExp(`^${next.replace(/[()]/g, '\\$&')}`));
    await page.close();
  });

  it('a page opened from a button on another (Import files) takes focus with it; a value\'s history closed by Esc gives it back', async () => {
    const page = await app.newPage();
    await page.locator('.start-here').getByRole('button', { name: 'Import files' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Import', selected: true }).waitFor();
    // Focus is in the Import page, so Tab reaches its first control rather than the top of the app.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-panel');
    // The file box itself is out of the Tab order: the first stop is the visible Choose files... button.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Choose files...');

    await page.getByRole('tab', { name: 'Indicators' }).click();
    await page.getByRole('gridcell').first().click();
    const history = page.getByRole('button', { name: 'History of the selected value' });
    await history.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('History of the selected value');
    await page.close();
  });

  it('Undo that undoes the last change, Redo that redoes it, and Add column that empties its box keep focus, though they are then off', async () => {
    const own = await startApp();
    try {
      const page = await own.newPage();
      const title = page.getByRole('textbox', { name: 'Title' });
      await title.focus();
      await page.keyboard.press('End');
      await page.keyboard.type(' (draft)');
      await page.getByRole('button', { name: 'Save title' }).click();
      await expect.poll(() => title.inputValue()).toMatch(/ \(draft\)$/);
      // The toolbar's buttons, not the Undo offered in the message beside them.
      const undo = page.getByRole('group', { name: 'Undo and redo' }).locator(':scope > button').filter({ hasText: /^Undo$/ });
      await undo.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => title.inputValue()).not.toMatch(/ \(draft\)$/);
      await expect.poll(() => undo.getAttribute('aria-disabled')).toBe('true');
      expect(await focused(page)).toBe('Undo');
      const redo = page.getByRole('group', { name: 'Undo and redo' }).locator(':scope > button').filter({ hasText: /^Redo$/ });
      await redo.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => title.inputValue()).toMatch(/ \(draft\)$/);
      await expect.poll(() => redo.getAttribute('aria-disabled')).toBe('true');
      expect(await focused(page)).toBe('Redo');

      await openSeries(page);
      await page.getByPlaceholder('Add a period, e.g. 2015/16 or Jan 2025').fill('2026/27');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Add column');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByPlaceholder('Add a period, e.g. 2015/16 or Jan 2025').inputValue()).toBe('');
      expect(await focused(page)).toBe('Add column');
      await page.close();
    } finally {
      await own.close();
    }
  });

  it('Ctrl+S saves now and says so, as in Office, instead of the browser saving the page; pressed again, nothing is rewritten', async () => {
    // Changes wait a minute to be saved on their own: what reaches the disk here is Ctrl+S's doing.
    const own = await startApp({ saveDelayMs: 60_000 });
    try {
      const page = await own.newPage();
      const file = own.session.workspace.file!;
      const { Workspace } = await import('../../main/core/store/workspace');
      const { listPeriods } = await import('../../main/core/periods/repo');
      const titlesOnDisk = async () => {
        const onDisk = await Workspace.openForReading(file, { now: () => new Date(), osUser: 'reader' });
        const titles = listPeriods(onDisk.db).map((p) => p.title ?? '');
        await onDisk.close();
        return titles;
      };
      const title = page.getByRole('textbox', { name: 'Title' });
      await title.focus();
      await page.keyboard.press('End');
      await page.keyboard.type(' (for the board)');
      await page.getByRole('button', { name: 'Save title' }).click();
      await expect.poll(() => title.inputValue()).toMatch(/ \(for the board\)$/);
      expect((await titlesOnDisk()).some((t) => t.endsWith('(for the board)'))).toBe(false);
      await page.getByRole('tab', { name: 'Dashboard' }).focus();
      await page.keyboard.press('Control+s');
      const status = page.getByRole('group', { name: 'Undo and redo' }).getByRole('status');
      await expect.poll(() => status.innerText()).toBe(`Saved: every change is in "${path.basename(file)}"`);
      // On disk now: the file another program would open holds the new title.
      expect((await titlesOnDisk()).some((t) => t.endsWith('(for the board)'))).toBe(true);
      const written = (await stat(file)).mtimeMs;
      // In a field, the words say that what is being typed is not yet part of it.
      await title.focus();
      await page.keyboard.press('Control+s');
      await expect.poll(() => status.innerText()).toBe('Saved all but the field you are typing in');
      expect((await stat(file)).mtimeMs).toBe(written);
      expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.close();
    } finally {
      await own.close();
    }
  });
});
