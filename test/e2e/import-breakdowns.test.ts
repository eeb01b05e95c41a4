/**
 * Issue 15 in Chromium: a table with a breakdown column (offence group) shows each series it
 * would create; the analyst filters it to one value on the mapping and imports that series. The
 * definition editor shows and changes an indicator's measure type.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

let app: App;
let dir: string;
beforeAll(async () => {
  app = await startApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-e2e-breakdowns-'));
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

const CSPS = [
  ['E22000164', 'Blaby'],
  ['E22000165', 'Charnwood'],
  ['E22000166', 'Harborough'],
];
const GROUPS = ['Violence against the person', 'Robbery', 'Theft offences'];

/** ONS's CSP crime-rate table shape: title, blank line, area, 12 months ending, offence group, rate. */
function cspCsv(): { text: string; robbery: number[] } {
  const robbery: number[] = [];
  const lines = ['Offence rate', '', 'Area Code,Area Name,12 months ending,Offence group,"Rate per 1,000 population"'];
  CSPS.forEach(([code, name], a) => {
    GROUPS.forEach((group, g) => {
      const rate = Math.round((a * 3.1 + g * 5.7 + 2.2) * 10) / 10;
      if (group === 'Robbery') robbery.push(rate);
      lines.push(`${code},${name},Mar-24,${group},${rate.toFixed(1)}`);
    });
  });
  return { text: lines.join('\r\n'), robbery };
}

describe('breakdowns and measure type in Chromium', () => {
  it('lists the series a breakdown makes, filters to one offence group and imports it', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('tab', { name: 'Import' }).click();
    const file = path.join(dir, 'csp rates.csv');
    const { text, robbery } = cspCsv();
    await writeFile(file, text);
    await page.getByLabel('Files to import').setInputFiles(file);
    const plan = page.getByRole('region', { name: 'How Boardpack reads csp rates.csv' });
    await plan.waitFor();
    const series = plan.getByRole('list', { name: 'Series from csp rates.csv' });
    await expect.poll(() => series.getByRole('listitem').allInnerTexts()).toEqual(GROUPS.map((g) => `Offence rate: ${g}: ${CSPS.length} values (new)`));
    expect(await plan.getByRole('combobox', { name: 'What column D (Offence group) holds' }).innerText()).toBe('Breakdown (a series for each value)');

    await plan.getByRole('combobox', { name: 'Rows of Offence group to import' }).click();
    await page.getByRole('option', { name: 'Only "Robbery"' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Series from csp rates.csv' }).getByRole('listitem').allInnerTexts()).toEqual([`Offence rate: ${CSPS.length} values (new)`]);
    await page.getByText(`${CSPS.length * (GROUPS.length - 1)} rows left out by the filter.`).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await result.getByText(`Added ${robbery.length} values; 0 changed; 0 unchanged.`).waitFor();
  });

  it('the definition editor shows a count as a count of events and changes it to a count at a date', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('tab', { name: 'Indicators' }).click();
    const series = 'Police recorded crime: Drugs (count)';
    const button = page.getByRole('button', { name: new RegExp(`^${series.replace(/[()]/g, '\\$&')}`) });
    expect(await button.innerText()).toMatch(/count \(count of events\)/);
    await button.click();
    await expect.poll(() => page.locator('.definition-facts').innerText()).toMatch(/Measure type\s+count of events \(months add up\)/);
    await page.getByRole('button', { name: 'Edit definition' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit indicator' });
    await drawer.waitFor();
    await drawer.getByRole('combobox', { name: 'Measure type' }).click();
    await page.getByRole('option', { name: 'count at a date' }).click();
    await drawer.getByText('Never added up over months').waitFor();
    await drawer.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Saved "${series}".`).waitFor();
    await expect.poll(() => page.locator('.definition-facts').innerText()).toMatch(/Measure type\s+count at a date \(never added up over months\)/);
  });
});
