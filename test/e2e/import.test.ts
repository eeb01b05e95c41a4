import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { appendixTsv } from '../shared-folder';

const TSV = appendixTsv();
const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  app = await startApp({ demo: false });
});
afterAll(() => app?.close());

describe('import screen in Chromium', () => {
  it('previews, imports, shows the period on the dashboard, and undoes', async () => {
    const page = await app.newPage();
    await page.getByText('No reporting periods yet').waitFor();
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByText('Nothing has been imported into this workspace yet.').waitFor();
    await page.getByLabel('Files to import').setInputFiles(TSV);
    const preview = page.getByRole('region', { name: 'What the import will do' });
    await preview.getByText('Would add 24 values; 0 changed; 0 unchanged.').waitFor();
    expect(await preview.innerText()).toMatch(/appendix-2014-15-Q4\.tsv: the appendix layout for 2014\/15 Q4, 12 indicators/);
    await page.screenshot({ path: path.join(SHOTS, 'import-preview.png'), fullPage: true });
    await preview.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('region', { name: 'Import result' }).getByText('Added 24 values; 0 changed; 0 unchanged.').waitFor();
    await page.getByRole('table', { name: 'Recent imports' }).getByRole('cell', { name: 'appendix-2014-15-Q4.tsv' }).waitFor();

    await page.getByRole('tab', { name: 'Dashboard' }).click();
    const table = page.getByRole('table', { name: /2014\/15 Q4/ });
    await table.waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Vehicle Crime rate' }).innerText()).toMatch(/5\.71\s+6\.35\s+↓/);

    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Undo import 1' }).click();
    await page.getByText(/Undid import 1 \(appendix-2014-15-Q4\.tsv\)/).waitFor();
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByText('No reporting periods yet').waitFor();
  });

  it('files dropped anywhere open the import, and a wrong format is explained', async () => {
    const page = await app.newPage();
    await page.getByText(/No reporting periods yet|Appendix 1/).first().waitFor();
    const transfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['not really'], 'partner figures.xls', { type: 'application/vnd.ms-excel' }));
      return dt;
    });
    await page.locator('.app').dispatchEvent('drop', { dataTransfer: transfer });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/"partner figures\.xls" is an old-style Excel workbook \(\.xls\); open it in Excel or LibreOffice and save it as \.xlsx/);
    expect(await page.getByRole('tab', { name: 'Import' }).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: path.join(SHOTS, 'import-error.png'), fullPage: true });
  });
});
