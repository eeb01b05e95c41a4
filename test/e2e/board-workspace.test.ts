/**
 * Issue 11 in Chromium, from a fresh data folder: New workspace -> "Leicestershire" -> the 24
 * police.uk months and the ONS file -> import -> the dashboard of a new period shows rates per
 * 1,000 equal to a direct count of the raw rows over the ONS population; the Areas page lists
 * the county and its districts; the Scorecard page ranks the county among them. Screenshots at
 * 1366x768 in test-results/board-*.png.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText, startApp, type App } from './harness';
import { sharedData } from '../shared-folder';

const POLICE = sharedData('police-uk');
const ONS = sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv');
const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

describe('a board workspace from nothing, in Chromium', () => {
  it('New workspace -> Leicestershire -> police.uk and ONS files -> rates per 1,000 on the dashboard, the Areas page, the Scorecard page', async () => {
    // Expected figures, straight from the files: crimes (not anti-social behaviour) in 2024 by district.
    const ons = Papa.parse<Record<string, string>>((await readFile(ONS, 'utf8')).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const at = ons.findIndex((r) => r.Code === 'E10000018');
    const county = ons[at]!;
    const districts = ons.slice(at + 1, at + 8);
    const months = (await readdir(POLICE)).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(POLICE, f));
    const crimes = new Map<string, number>();
    const crimeTypes = new Set<string>();
    for (const f of months.filter((m) => path.basename(m).startsWith('2024'))) {
      for (const row of Papa.parse<Record<string, string>>(await readFile(f, 'utf8'), { header: true, skipEmptyLines: true }).data) {
        if (row['Crime type']) crimeTypes.add(row['Crime type']);
        const district = (row['LSOA name'] ?? '').split(' ').slice(0, -1).join(' ');
        if (row['Crime type'] !== 'Anti-social behaviour' && districts.some((d) => d.Name === district)) crimes.set(district, (crimes.get(district) ?? 0) + 1);
      }
    }
    const rate = (count: number, people: string) => ((count / Number(people)) * 1000).toFixed(2);
    const countyCount = [...crimes.values()].reduce((a, b) => a + b, 0);
    const byRate = districts.map((d) => ({ name: d.Name!, rate: rate(crimes.get(d.Name!) ?? 0, d['All ages']!) })).sort((a, b) => Number(b.rate) - Number(a.rate));

    const page = await app.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.start-here').getByRole('button', { name: 'New workspace...' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workspace' });
    const file = path.join(app.dir, 'Leicestershire Safer Communities.boardpack');
    await dialog.getByRole('textbox', { name: /File/ }).fill(file);
    await dialog.getByRole('combobox', { name: /Whose board/ }).pressSequentially('leicestersh', { delay: 30 });
    await page.getByRole('option').filter({ hasText: 'Leicestershire (E10000018): county, 7 districts, East Midlands' }).click();
    await dialog.getByText('Leicestershire: county, 7 districts, East Midlands').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'board-new-workspace.png') });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.locator('.workspace-name').getByText('Leicestershire Safer Communities', { exact: true }).waitFor();
    expect(await page.getByText('Untitled workspace').count()).toBe(0);
    expect(app.session.workspace.file).toBe(file);

    // The files, chosen on the Import page (as dropping them does).
    await page.getByRole('tab', { name: 'Import' }).click();
    // A council laptop's screen: the decision must be visible without scrolling (issue 14).
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('Files to import').setInputFiles([...months, ONS]);
    const preview = page.getByRole('region', { name: 'What the import will do' });
    await preview.getByText(/Would add 2,520 values/).waitFor({ timeout: 120_000 });
    // 25 files in one line, the list on demand; the Import button in view, not 2,000 px down.
    await preview.getByText('24 police.uk street-level crime files, Jan 2023 to Dec 2024; 1 ONS population file.').waitFor();
    expect(await preview.getByRole('listitem').filter({ hasText: '2023-01-leicestershire-street.csv' }).isVisible()).toBe(false);
    // What will be counted (issue 14): the workspace's seven districts by name, the crime types
    // (each its own series, with All crime) and the months.
    const districtNames = districts.map((d) => d.Name!).sort();
    await preview.getByText(`Would count police.uk crimes for 7 districts: ${districtNames.join(', ')}.`, { exact: true }).waitFor();
    const types = ['All crime', ...crimeTypes].sort();
    await preview.getByText(`${types.length} crime types, each its own series: ${types.slice(0, 7).join(', ')} and ${types.length - 7} more.`, { exact: true }).waitFor();
    expect(await preview.getByText(`${types.join(', ')}.`, { exact: true }).isVisible()).toBe(false);
    await preview.getByText(`Show all ${types.length} crime types`).click();
    expect(await preview.getByText(`${types.join(', ')}.`, { exact: true }).isVisible()).toBe(true);
    await preview.getByText(`Show all ${types.length} crime types`).click();
    await preview.getByText('Months: Jan 2023 to Dec 2024 (24 months).', { exact: true }).waitFor();
    await preview.getByText('Show all 25 files').click();
    expect(await preview.getByRole('listitem').filter({ hasText: '2023-01-leicestershire-street.csv' }).isVisible()).toBe(true);
    await preview.getByText('Show all 25 files').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    const importButton = await preview.getByRole('button', { name: 'Import' }).boundingBox();
    expect(importButton!.y + importButton!.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: path.join(SHOTS, 'board-import-preview.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(SHOTS, 'board-import-preview-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await preview.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('region', { name: 'Import result' }).getByText(/Added 2,520 values/).waitFor({ timeout: 120_000 });
    // Recent imports: what the files were, not 25 names in one cell.
    await page.getByRole('table', { name: 'Recent imports' }).getByText('24 police.uk files, Jan 2023 to Dec 2024 and 1 other file').waitFor();
    await page.setViewportSize({ width: 1400, height: 900 });

    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'New period...' }).click();
    const period = page.getByRole('dialog', { name: 'New reporting period' });
    await period.getByRole('textbox').fill('2024/25 Q3');
    await period.getByRole('button', { name: 'Create' }).click();
    // Role queries after New period: the dialog's close leaves the page visible to screen readers.
    const table = page.getByRole('table', { name: /2024\/25 Q3/ });
    await table.waitFor();
    const row = plainText(await table.getByRole('row').filter({ hasText: 'All crime excluding anti-social behaviour rate' }).innerText());
    expect(row).toContain(rate(countyCount, county['All ages']!));
    expect(row).toContain(`Highest: ${byRate[0]!.name} ${byRate[0]!.rate}; lowest: ${byRate[6]!.name} ${byRate[6]!.rate}`);
    await page.screenshot({ path: path.join(SHOTS, 'board-dashboard.png') });

    await page.getByRole('tab', { name: 'Areas' }).click();
    const areas = page.getByRole('table', { name: "The workspace's areas" });
    await areas.waitFor();
    for (const d of [county, ...districts]) await areas.getByRole('row').filter({ hasText: new RegExp(`^${d.Code}\\s*${d.Name}`) }).waitFor();
    expect(await areas.getByRole('row').count()).toBe(9);
    await page.getByRole('button', { name: 'New comparator group...' }).click();
    const group = page.getByRole('dialog', { name: 'Comparator group' });
    await group.getByRole('textbox', { name: 'Name' }).fill('County and districts');
    await group.getByRole('textbox', { name: 'Areas' }).fill([county, ...districts].map((d) => d.Code).join(', '));
    await group.getByRole('button', { name: 'Save' }).click();
    await page.locator('li').filter({ hasText: 'County and districts' }).filter({ hasText: 'Leicestershire (E10000018)' }).filter({ hasText: 'Blaby (E07000129)' }).waitFor();
    // An area the built-in geography does not hold, entered by hand (a partnership's own area).
    await page.getByRole('button', { name: 'Add area...' }).click();
    const add = page.getByRole('dialog', { name: 'Add an area' });
    await add.getByRole('checkbox', { name: /enter it by hand/ }).check();
    await add.getByRole('textbox', { name: 'Code' }).fill('LOCAL-NWL-RURAL');
    await add.getByRole('textbox', { name: 'Name' }).fill('North West Leicestershire rural villages');
    await add.getByRole('combobox', { name: 'Kind' }).selectOption('comparator');
    await add.getByRole('textbox', { name: /Parent/ }).fill('E07000134');
    await add.getByRole('button', { name: 'Add' }).click();
    await areas.getByRole('row').filter({ hasText: /^LOCAL-NWL-RURAL\s*North West Leicestershire rural villages/ }).waitFor();
    expect(await areas.getByRole('row').filter({ hasText: 'LOCAL-NWL-RURAL' }).innerText()).toContain('North West Leicestershire (E07000134)');
    await page.screenshot({ path: path.join(SHOTS, 'board-areas.png') });

    await page.getByRole('tab', { name: 'Scorecard' }).click();
    const scorecard = page.getByRole('table', { name: 'Crime and anti-social behaviour (police.uk)' });
    await scorecard.waitFor();
    const line = await scorecard.getByRole('row').filter({ hasText: 'All crime excluding anti-social behaviour rate' }).innerText();
    expect(line).toContain(rate(countyCount, county['All ages']!));
    // The county's rate ranked among its seven districts' (lower is better).
    const rates = [Number(rate(countyCount, county['All ages']!)), ...byRate.map((d) => Number(d.rate))].sort((a, b) => a - b);
    const rank = rates.indexOf(Number(rate(countyCount, county['All ages']!))) + 1;
    expect(line).toMatch(new RegExp(`${rank}(st|nd|rd|th) of 8`));
    await page.getByRole('group', { name: 'Export the scorecard' }).getByRole('button', { name: /Excel/ }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'board-scorecard.png') });
  }, 300_000);
});
