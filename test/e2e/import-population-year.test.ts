/**
 * The Import screen asks for the year of ONS population estimates when the file does not say
 * it (a plain "Area code, Area name, Population" table), and imports with the year typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

const ROWS: Array<[string, string, number]> = [['E07000129', 'Blaby', 101_526], ['E07000130', 'Charnwood', 183_971]];

describe('population year on the Import screen', () => {
  it('asks for the year, reads the file again with it, and imports', async () => {
    const page = await app.newPage();
    await page.getByRole('tab', { name: 'Import' }).click();
    const csv = ['Area code,Area name,Population', ...ROWS.map(([c, n, p]) => `${c},${n},${p}`)].join('\n');
    await page.getByLabel('Files to import').setInputFiles({ name: 'la-population.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Cannot tell which year's estimates la-population\.csv holds/);
    const year = page.getByRole('group', { name: 'Year of the population estimates' });
    await year.getByRole('spinbutton').fill('2021');
    await year.getByRole('button', { name: 'Read again with this year' }).click();
    const preview = page.getByRole('region', { name: 'What the import will do' });
    await preview.getByText(`la-population.csv: ONS mid-year population estimates (2021), ${ROWS.length} areas`).waitFor();
    await preview.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('region', { name: 'Import result' }).getByText(`Added ${ROWS.length} values; 0 changed; 0 unchanged.`).waitFor();
    const stored = app.session.workspace.db.all<{ code: string; count: number }>('SELECT a.code, p.count FROM populations p JOIN areas a ON a.id = p.area_id WHERE p.year = 2021 ORDER BY a.code');
    expect(stored).toEqual(ROWS.map(([code, , count]) => ({ code, count })));
  });
});
