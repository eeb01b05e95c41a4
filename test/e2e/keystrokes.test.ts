import path from 'node:path';
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
