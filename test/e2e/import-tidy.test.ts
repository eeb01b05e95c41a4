import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
let dir: string;
beforeAll(async () => {
  app = await startApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-e2e-tidy-'));
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

// A partner's file: the figure Boardpack should import is in "Rate"; "Count" is the numerator.
const PARTNER = [
  'Indicator,Area code,Area name,Period,Count,Rate,Notes',
  'Youth re-offending rate (%),E07000129,Blaby,2023/24,31,28.4%,',
  'Youth re-offending rate (%),E07000130,Charnwood,2023/24,58,33.0%,',
  'Youth re-offending rate (%),E07000131,Harborough,2023/24,#N/A,#N/A,awaiting data',
  'Youth re-offending rate (%),E99999999,Rutland,2023/24,9,25.1%,',
].join('\r\n');

describe('importing a tidy table in Chromium', () => {
  it('shows the detected mapping, lets the analyst change a column, previews, imports and undoes', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('tab', { name: 'Import' }).click();
    const file = path.join(dir, 'partner return.csv');
    await writeFile(file, PARTNER);
    await page.getByLabel('Files to import').setInputFiles(file);

    const plan = page.getByRole('region', { name: 'How Boardpack reads partner return.csv' });
    await plan.waitFor();
    expect(await plan.getByRole('heading').first().innerText()).toBe('partner return.csv: a tidy table: one value per row, header on row 1');
    const columns = plan.getByRole('table', { name: 'Columns of partner return.csv' });
    expect(await columns.getByRole('row').filter({ hasText: 'Area code' }).innerText()).toMatch(/column "Area code" holds ONS codes/);
    const countRole = columns.getByRole('combobox', { name: 'What column E (Count) holds' });
    expect(await countRole.innerText()).toBe('Value');
    const problems = plan.getByRole('table', { name: 'Problems in partner return.csv' });
    expect(await problems.innerText()).toMatch(/4\s+Count\s+#N\/A\s+the cell holds the Excel error #N\/A/);
    expect(await plan.innerText()).toMatch(/Rutland \(E99999999\): 1 value/);
    await page.screenshot({ path: path.join(SHOTS, 'import-tidy-detected.png'), fullPage: true });

    // The analyst says: "Count" is the numerator, "Rate" is the value.
    await countRole.click();
    await page.getByRole('option', { name: 'Numerator' }).click();
    await page.getByRole('region', { name: 'How Boardpack reads partner return.csv' }).getByText('Read the way you chose.').waitFor();
    const rateRole = page.getByRole('combobox', { name: 'What column F (Rate) holds' });
    await rateRole.click();
    await page.getByRole('option', { name: 'Value', exact: true }).click();
    const preview = page.getByRole('table', { name: 'First values of partner return.csv' });
    await preview.getByRole('cell', { name: '28.4' }).waitFor();
    expect(await preview.getByRole('row').nth(1).innerText()).toMatch(/2\s+Youth re-offending rate \(%\)\s+Blaby\s+2023-24\s+28\.4\s+31/);
    const newIndicators = page.getByRole('table', { name: 'New indicators from partner return.csv' });
    expect(await newIndicators.innerText()).toMatch(/Youth re-offending rate \(%\)\s+Percentage\s+Lower is better/);
    await page.screenshot({ path: path.join(SHOTS, 'import-tidy-mapped.png'), fullPage: true });

    await page.getByRole('button', { name: 'Import the valid rows' }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await result.getByText('Added 2 values; 0 changed; 0 unchanged.').waitFor();
    expect(await result.innerText()).toMatch(/Left out 1 of the values in partner return\.csv, for areas not in this workspace \(Rutland\)/);
    await page.screenshot({ path: path.join(SHOTS, 'import-tidy-result.png'), fullPage: true });

    // The same kind of file next time is read the way the analyst mapped it.
    await page.getByLabel('Files to import').setInputFiles(file);
    await page.getByRole('region', { name: 'How Boardpack reads partner return.csv' }).getByText('Read the way you mapped a file of this shape before.').waitFor();
    expect(await page.getByRole('combobox', { name: 'What column F (Rate) holds' }).innerText()).toBe('Value');
    await page.getByRole('region', { name: 'What the import will do' }).getByText('Would add 0 values; 0 changed; 2 unchanged.').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: /^Undo import \d+$/ }).first().click();
    await page.getByText(/Undid import \d+ \(partner return\.csv\)/).waitFor();
  });

  it('a wide workbook: the data sheet is picked, the missing area is typed in, #N/A cells are listed', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('tab', { name: 'Import' }).click();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notes').addRow(['Youth offending service return: notes']);
    const ws = book.addWorksheet('Quarterly');
    ws.addRow(['Indicator', 'Q1 2024/25', 'Q2 2024/25', 'Q3 2024/25']);
    ws.addRow(['Number of first time entrants to the youth justice system', 14, 9, { error: '#N/A' }]);
    ws.addRow(['Young people in custody', 2, 3, 1]);
    const file = path.join(dir, 'YOS return.xlsx');
    await book.xlsx.writeFile(file);
    await page.getByLabel('Files to import').setInputFiles(file);
    const plan = page.getByRole('region', { name: 'How Boardpack reads YOS return.xlsx, sheet "Quarterly"' });
    await plan.waitFor();
    expect(await plan.getByRole('heading').first().innerText()).toBe('YOS return.xlsx, sheet "Quarterly": a wide table: periods across, header on row 1');
    await plan.getByText('Boardpack cannot tell this from the table: the area').waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'import-wide-needs-area.png'), fullPage: true });
    await plan.getByRole('textbox', { name: 'Area' }).fill('Charnwood');
    await plan.getByRole('textbox', { name: 'Area' }).press('Enter');
    const preview = page.getByRole('table', { name: 'First values of YOS return.xlsx, sheet "Quarterly"' });
    await preview.waitFor();
    expect(await preview.getByRole('row').nth(1).innerText()).toMatch(/2\s+Number of first time entrants to the youth justice system\s+Charnwood\s+Q1 2024-25\s+14/);
    expect(await page.getByRole('table', { name: 'Problems in YOS return.xlsx, sheet "Quarterly"' }).innerText()).toMatch(/2\s+Q3 2024\/25\s+#N\/A/);
    await page.screenshot({ path: path.join(SHOTS, 'import-wide-mapped.png'), fullPage: true });
    await page.getByRole('button', { name: 'Import the valid rows' }).click();
    await page.getByRole('region', { name: 'Import result' }).getByText('Added 5 values; 0 changed; 0 unchanged.').waitFor();
    await page.getByRole('button', { name: 'Undo this import' }).click();
    await page.getByText(/Undid import \d+ \(YOS return\.xlsx\)/).waitFor();
  });

  it('while a file is read the screen shows its progress, and Cancel asks Boardpack to stop', async () => {
    // The host runs in this test's process, so a real multi-second import would also stall the
    // test: the import's answers are held and progress is played back here instead. Cancelling a
    // real import (nothing changed) is tested through the API in test/main/import-tidy.test.ts.
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 700 });
    await page.getByRole('tab', { name: 'Import' }).click();
    let fraction = 0.1;
    let cancelled = false;
    let releaseUpload: () => void = () => undefined;
    const uploadHeld = new Promise<void>((resolve) => (releaseUpload = resolve));
    await page.route('**/api/import.uploaded*', async (route) => {
      await uploadHeld;
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'invalid_arguments', message: 'The import was cancelled: nothing was changed.' } }) });
    });
    await page.route('**/api/import.progress*', async (route) => {
      fraction = Math.min(0.9, fraction + 0.1);
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { running: true, file: 'big extract.csv', fraction, cancelled } }) });
    });
    const cancelCalls: string[] = [];
    await page.route('**/api/import.cancel*', async (route) => {
      cancelCalls.push(route.request().postData() ?? '');
      cancelled = true;
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { cancelled: true } }) });
    });
    const file = path.join(dir, 'big extract.csv');
    await writeFile(file, PARTNER);
    await page.getByLabel('Files to import').setInputFiles(file);
    const status = page.getByRole('status', { name: 'Import progress' });
    await status.getByText(/Reading big extract\.csv: [2-9]0%/).waitFor();
    expect(await status.getByRole('progressbar').getAttribute('aria-valuenow')).toMatch(/^0\.[2-9]/);
    await page.screenshot({ path: path.join(SHOTS, 'import-progress.png') });
    // By keyboard, as an analyst in Office would: Tab from Choose files (which keeps focus while
    // the file is read) to Cancel, then Enter.
    await page.getByRole('button', { name: 'Choose files...' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel the import');
    await page.keyboard.press('Enter');
    await status.getByText('Cancelling...').waitFor();
    expect(cancelCalls).toEqual(['{}']);
    // Cancel stays where it is, still focused, until the import has stopped.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel the import');
    // Only now does the held import answer (cancelled), however slow the machine.
    releaseUpload();
    await page.getByRole('alert').getByText('The import was cancelled: nothing was changed.').waitFor();
    expect(await status.count()).toBe(0);
    // Cancel has gone with the progress: focus is back on Choose files, not lost to the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Choose files...');
  });

  it('while files are sent to Boardpack the screen says so, and Cancel stops the sending', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Import' }).click();
    // The upload is held here, as a slow one would be; what reaches the host is recorded.
    const sent: string[] = [];
    await page.route('**/upload', async (route) => {
      sent.push((route.request().postDataBuffer() ?? Buffer.alloc(0)).toString('utf8').split('\n')[0]!);
      await new Promise<void>((resolve) => page.once('close', () => resolve()));
      await route.abort().catch(() => undefined);
    });
    const file = path.join(dir, 'sent slowly.csv');
    await writeFile(file, PARTNER);
    await page.getByLabel('Files to import').setInputFiles(file);
    const status = page.getByRole('status', { name: 'Import progress' });
    await status.getByText(/Sending sent slowly\.csv to Boardpack: \d+%/).waitFor();
    // One request: a line naming the file and its size, then its bytes.
    await expect.poll(() => sent).toEqual([JSON.stringify({ files: [{ name: 'sent slowly.csv', size: Buffer.byteLength(PARTNER) }] })]);
    await status.getByRole('button', { name: 'Cancel the import' }).click();
    await page.getByRole('alert').getByText('The import was cancelled: nothing was changed.').waitFor();
    expect(await status.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Choose files...');
    await page.close();
  });

  it('downloads the template', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Import' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the template (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('Boardpack import template.csv');
    const saved = path.join(dir, 'template.csv');
    await download.saveAs(saved);
    expect((await readFile(saved, 'utf8')).split('\r\n')[0]).toBe('\uFEFFindicator,area_code,area_name,period,value,numerator,denominator,unit,note,label');
  });
});
