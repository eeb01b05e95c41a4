import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { cellText, openSeries } from './values-grid-support';
import { seriousViolations } from './axe-support';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

async function undoKey(page: Page, key: 'Control+z' | 'Control+y') {
  await page.keyboard.press(key);
}

describe('values grid in Chromium', () => {
  it('edits a value by keyboard, refuses derived cells, shows its history, and undoes and redoes with Ctrl+Z / Ctrl+Y', async () => {
    const page = await app.newPage();
    const grid = await openSeries(page);
    expect(await grid.getByRole('columnheader').nth(1).innerText()).toBe('Jan 2023');
    const before = await cellText(page, 'Blaby', 'Jun 2024');
    expect(before).toMatch(/^\d+$/);

    // Click Blaby, Jan 2023; move right 17 months to Jun 2024 with the arrows; type and Enter.
    await grid.getByRole('row', { name: /^Blaby/ }).getByRole('gridcell').first().click();
    for (let i = 0; i < 17; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await page.getByText(`Blaby, Jun 2024: ${before} → 1,234. Ctrl+Z undoes it.`).waitFor();
    await expect.poll(() => cellText(page, 'Blaby', 'Jun 2024')).toBe('1,234');
    // Enter moved down a row, to Charnwood.
    expect(await page.locator('td.active').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('.selected-cell').innerText()).toMatch(/^Charnwood, Jun 2024/);

    // F2 edits, Esc cancels.
    await page.keyboard.press('F2');
    await page.keyboard.type('9');
    await page.keyboard.press('Escape');
    expect(await page.locator('.cell-editor').count()).toBe(0);

    // The county is derived from the districts: not editable, and it says why.
    await page.keyboard.press('Control+ArrowUp');
    await expect.poll(() => page.locator('.selected-cell').innerText()).toMatch(/^Leicestershire, Jun 2024: [\d,]+ \(Derived: the sum of the 7 districts' counts for Jun 2024\)/);
    await page.keyboard.type('5');
    expect(await page.getByRole('alert').innerText()).toMatch(/Leicestershire, Jun 2024 cannot be edited\. Derived: the sum of the 7 districts' counts/);
    expect(await page.locator('td.active').evaluate((td) => getComputedStyle(td).fontStyle)).toBe('italic');

    // History of Blaby, Jun 2024: one click from the selected cell.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: 'History of the selected value' }).click();
    const history = page.getByRole('table', { name: 'Changes to Blaby, Jun 2024' });
    await history.waitFor();
    expect(await history.getByRole('row').nth(1).innerText()).toMatch(new RegExp(`analyst\\s+edited\\s+${before}\\s+1,234`));
    await page.waitForTimeout(500); // the dialog fades in: scan and shoot it when fully drawn
    await page.screenshot({ path: path.join(SHOTS, 'values-history.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close' }).click();

    await page.locator('td.active').focus();
    await undoKey(page, 'Control+z');
    await expect.poll(() => cellText(page, 'Blaby', 'Jun 2024')).toBe(before);
    await undoKey(page, 'Control+y');
    await expect.poll(() => cellText(page, 'Blaby', 'Jun 2024')).toBe('1,234');
    await page.screenshot({ path: path.join(SHOTS, 'values-grid.png') });
  });

  it('pastes a block copied from Excel, previews what changes, applies it, and copies out tab-separated', async () => {
    const page = await app.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
    const grid = await openSeries(page);
    await grid.getByRole('row', { name: /^Charnwood/ }).getByRole('gridcell').first().click();
    // Excel's clipboard: rows end in CRLF, a trailing line break, a thousands separator.
    const block = '101\t102\r\n1,201\t202\r\n';
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, block);
    const preview = page.getByRole('dialog', { name: 'Paste preview' });
    await preview.waitFor();
    expect(await preview.getByRole('status').innerText()).toBe('Would change 4 values.');
    const rows = await preview.getByRole('table', { name: 'Values that would change' }).getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').slice(0, 2).concat(r.split('\t')[3]!).join(' | '))).toEqual([
      'Charnwood | Jan 2023 | 101',
      'Charnwood | Feb 2023 | 102',
      'Harborough | Jan 2023 | 1,201',
      'Harborough | Feb 2023 | 202',
    ]);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'values-paste-preview.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await preview.getByRole('button', { name: 'Change 4 values' }).click();
    await page.getByText('Pasted 4 values. Ctrl+Z undoes the paste.').waitFor();
    // The grid reloads after the paste: wait for it rather than read it mid-reload.
    await expect.poll(() => cellText(page, 'Harborough', 'Jan 2023')).toBe('1,201');
    // The preview leaves no hidden focus stops behind it (a dialog kept mounted made tabster put
    // two at the top and bottom of the page).
    await expect.poll(() => page.locator('i[data-tabster-dummy]').count()).toBe(0);

    // Select the pasted block with Shift+arrows and copy it for Excel.
    await grid.getByRole('row', { name: /^Charnwood/ }).getByRole('gridcell').first().click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+c');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('101\t102\r\n1,201\t202\r\n');

    // One Ctrl+Z takes the whole paste back.
    await page.keyboard.press('Control+z');
    await expect.poll(() => cellText(page, 'Harborough', 'Jan 2023')).not.toBe('1,201');
    await expect.poll(() => cellText(page, 'Charnwood', 'Jan 2023')).not.toBe('101');
  });

  it('transposes, and refuses edits to figures a locked period published', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Indicators' }).click();
    await page.getByRole('button', { name: /^Number of first time entrants/ }).click();
    const grid = page.getByRole('grid', { name: /^Values of Number of first time entrants/ });
    await grid.waitFor();
    const published = grid.getByRole('gridcell', { name: '185' });
    expect(await published.getAttribute('aria-readonly')).toBe('true');
    await published.click();
    await page.keyboard.type('190');
    expect(await page.getByRole('alert').innerText()).toMatch(/Leicestershire, 2014-15 cannot be edited\. Published: "2014\/15 Q4" is locked, so values up to Mar 2015 keep their published figures\./);
    await page.getByRole('button', { name: 'Transpose' }).click();
    expect(await grid.getByRole('columnheader').allInnerTexts()).toEqual(['Period', 'Leicestershire', 'Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston']);
    expect(await grid.getByRole('rowheader').allInnerTexts()).toEqual(['2013-14', '2014-15']);
    // A new year's column, then its value typed in.
    await page.getByPlaceholder('Add a period, e.g. 2015/16 or Jan 2025').fill('2015/16');
    await page.getByRole('button', { name: 'Add column' }).click();
    await grid.getByRole('row', { name: /^2015-16/ }).getByRole('gridcell').first().click();
    await page.keyboard.type('124');
    await page.keyboard.press('Tab');
    await page.getByText('Leicestershire, 2015-16: empty → 124. Ctrl+Z undoes it.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'values-transposed.png') });
  });
});
