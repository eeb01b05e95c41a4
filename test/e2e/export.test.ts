import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

async function exportFrom(button: string): Promise<string> {
  const page = await app.newPage();
  await page.getByRole('combobox', { name: 'Reporting period' }).click();
  await page.getByRole('option', { name: /2014\/15 Q4/ }).click();
  await page.getByRole('table', { name: /2014\/15 Q4/ }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const file = path.join(app.dir, download.suggestedFilename());
  await download.saveAs(file);
  await page.getByRole('status').filter({ hasText: 'Exported' }).waitFor();
  return file;
}

describe('export from the dashboard', () => {
  it('downloads the PDF named after title and period, with the same text as the screen', async () => {
    const file = await exportFrom('Export PDF');
    expect(path.basename(file)).toBe('Appendix 1 - Safer Communities Performance Dashboard 2014-15 Q4.pdf');
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    for (const expected of ['Ongoing reductions in crime', 'Vehicle Crime rate (per 1,000 population)', '55.4% (Q3 2014-15)', '1,259*', '↓', '↑', '→']) {
      expect(text).toContain(expected);
    }
  });

  it('downloads the xlsx whose cells show what the screen shows', async () => {
    const file = await exportFrom('Export Excel');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const texts: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    expect(texts).toContain('Previous Year (2013-14)');
    expect(texts).toContain('1,259*');
  });
});

describe('the appendix title and the values CSV', () => {
  it('edits the title of an open period and exports the underlying values', async () => {
    const page = await app.newPage();
    await page.getByRole('table', { name: /2024\/25 Q3/ }).waitFor();
    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await title.fill('Appendix 3 - Community Safety Dashboard 2024/25 Q3');
    await page.getByRole('button', { name: 'Save title' }).click();
    await page.getByRole('table', { name: 'Appendix 3 - Community Safety Dashboard 2024/25 Q3' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export values (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/values\.csv$/);
    const file = path.join(app.dir, download.suggestedFilename());
    await download.saveAs(file);
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(file, 'utf8')).split('\n')[0]).toMatch(/indicator,outcome,area_code,area_name,period_start,period_end,value,numerator,denominator,label,derived/);
    await page.getByRole('combobox', { name: 'Reporting period' }).click();
    await page.getByRole('option', { name: /2014\/15 Q4/ }).click();
    await page.getByRole('table', { name: /2014\/15 Q4/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Title', exact: true }).isDisabled()).toBe(true);
  });
});
