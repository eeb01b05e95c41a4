import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { seriousViolations } from './axe-support';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const VEHICLE = 'Vehicle Crime rate (per 1,000 population)';
let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

async function openIndicators(page: Page) {
  await page.getByRole('tab', { name: 'Indicators' }).click();
  await page.getByRole('region', { name: 'Outcome: Ongoing reductions in crime' }).waitFor();
}

const crimeNames = (page: Page) =>
  page
    .getByRole('region', { name: 'Outcome: Ongoing reductions in crime' })
    .locator('.indicator-name')
    .evaluateAll((buttons) => buttons.map((b) => b.firstChild?.textContent ?? ''));

describe('indicators page in Chromium', () => {
  it('edits a definition: a change of decimals says how the appendix prints before saving, and Ctrl+Z undoes it', async () => {
    const page = await app.newPage();
    await openIndicators(page);
    await page.getByRole('button', { name: new RegExp(`^${VEHICLE.replace(/[()]/g, '\\$&')}`) }).click();
    await page.getByRole('grid', { name: `Values of ${VEHICLE}` }).waitFor();
    // A rate per 1,000: derived cells carry the calculation.
    const derived = page.locator('td.derived').first();
    expect(await derived.getAttribute('title')).toMatch(/^Derived: Police recorded crime: Vehicle crime \(count\) [\d,]+ \/ population [\d,]+ \(mid-2023\) x 1,000$/);
    await page.screenshot({ path: path.join(SHOTS, 'indicators-page.png') });

    await page.getByRole('button', { name: 'Edit definition' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit indicator' });
    await drawer.waitFor();
    expect(await drawer.getByRole('combobox', { name: 'Unit' }).isDisabled()).toBe(true);
    const decimals = drawer.getByRole('spinbutton', { name: 'Decimals' });
    await decimals.fill('1');
    await decimals.press('Tab');
    await page.screenshot({ path: path.join(SHOTS, 'indicators-drawer.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await drawer.getByRole('button', { name: 'Save' }).click();

    const confirm = page.getByRole('dialog', { name: 'This changes what the appendix prints' });
    await confirm.waitFor();
    const impacts = await confirm.getByRole('listitem').allInnerTexts();
    expect(impacts).toContain('Changing the decimals from 2 to 1 changes how 2014/15 Q4 prints; that period is locked and keeps its published figures.');
    expect(impacts.find((s) => s.includes('2024/25 Q3'))).toMatch(/^Changing the decimals from 2 to 1 changes how 2024\/25 Q3 prints: previous year 5\.37 becomes 5\.4; latest 5\.11 becomes 5\.1\.$/);
    await page.screenshot({ path: path.join(SHOTS, 'indicators-confirm.png') });
    await confirm.getByRole('button', { name: 'Save the change' }).click();
    await page.getByText(`Saved "${VEHICLE}".`).waitFor();
    await expect.poll(() => page.locator('.definition-facts').innerText()).toMatch(/Decimals\s+1/);

    await page.getByRole('tab', { name: 'Dashboard' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    await expect.poll(() => row.innerText()).toMatch(/5\.4\s+5\.1/);

    await page.keyboard.press('Control+z');
    await expect.poll(() => row.innerText()).toMatch(/5\.37\s+5\.11/);
  });

  it('refuses a duplicate name with a clear message, a target that is not a number beside its field, and adds a new indicator with every property', async () => {
    const page = await app.newPage();
    await openIndicators(page);
    await page.getByRole('button', { name: 'New outcome' }).click();
    const outcomeDialog = page.getByRole('dialog', { name: 'New outcome' });
    await outcomeDialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Reduce the harm caused by drugs and alcohol');
    await outcomeDialog.getByRole('textbox', { name: 'Short title' }).fill('Drugs and alcohol');
    await outcomeDialog.getByRole('button', { name: 'Add outcome' }).click();
    await page.getByRole('region', { name: 'Outcome: Reduce the harm caused by drugs and alcohol' }).waitFor();

    await page.getByRole('button', { name: 'New indicator' }).click();
    const drawer = page.getByRole('dialog', { name: 'New indicator' });
    await drawer.getByRole('textbox', { name: 'Name' }).fill('vehicle crime rate (per 1,000 population)');
    await drawer.getByRole('button', { name: 'Add indicator' }).click();
    await drawer.getByRole('alert').getByText('There is already an indicator called "Vehicle Crime rate (per 1,000 population)". Indicator names must be different.').waitFor();

    await drawer.getByRole('textbox', { name: 'Name' }).fill('Proven re-offending rate (adults)');
    await drawer.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: /^Reduce offending and re-offending/ }).click();
    await drawer.getByRole('combobox', { name: 'Unit' }).click();
    await page.getByRole('option', { name: 'percentage' }).click();
    await drawer.getByRole('spinbutton', { name: 'Decimals' }).fill('1');
    await drawer.getByRole('textbox', { name: 'Source' }).fill('Ministry of Justice');
    await drawer.getByRole('textbox', { name: 'Target' }).fill('twenty');
    await drawer.getByRole('button', { name: 'Add indicator' }).click();
    await drawer.getByText('Write the target as a number, e.g. 25 or 6.5, or leave it empty').waitFor();
    await drawer.getByRole('textbox', { name: 'Target' }).fill('25');
    await drawer.getByRole('textbox', { name: 'Tolerance (%)' }).fill('5');
    await drawer.getByRole('combobox', { name: 'Comparator group' }).fill('Most similar group');
    await drawer.getByRole('textbox', { name: 'Notes' }).fill('Cohort from 12 months earlier');
    await drawer.getByRole('textbox', { name: 'Footnote' }).fill('Provisional figures');
    await drawer.getByRole('button', { name: 'Add indicator' }).click();
    await page.getByText('Added "Proven re-offending rate (adults)".').waitFor();
    const facts = await page.locator('.definition-facts').innerText();
    expect(facts).toMatch(/Unit\s+percentage/);
    expect(facts).toMatch(/Target\s+25/);
    expect(facts).toMatch(/Comparator group\s+Most similar group/);
    expect(await page.getByText('Footnote: Provisional figures').count()).toBe(1);
    const group = page.getByRole('region', { name: /^Outcome: Reduce offending/ });
    expect(await group.locator('.indicator-name').last().innerText()).toMatch(/^Proven re-offending rate \(adults\)/);
  });

  it('reorders by keyboard (Alt+Down, Move up) and by dragging, searches, archives and restores', async () => {
    const page = await app.newPage();
    await openIndicators(page);
    const before = await crimeNames(page);
    expect(before[0]).toBe('Total Crime rate (per 1,000 population)');

    await page.getByRole('button', { name: /^Total Crime rate/ }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => crimeNames(page)).toEqual([before[1], before[0], ...before.slice(2)]);
    await page.getByRole('button', { name: 'Move Total Crime rate (per 1,000 population) up' }).click();
    await expect.poll(() => crimeNames(page)).toEqual(before);

    // Drag the third indicator onto the first.
    const rows = page.getByRole('region', { name: 'Outcome: Ongoing reductions in crime' }).locator('li.indicator-row');
    await rows.nth(2).dragTo(rows.nth(0));
    await expect.poll(() => crimeNames(page)).toEqual([before[2], before[0], before[1], ...before.slice(3)]);
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByRole('table', { name: /2024\/25 Q3/ }).waitFor();
    expect(await page.getByRole('row').nth(1).innerText()).toContain(before[2]!.split(' (')[0]);
    await page.getByRole('tab', { name: 'Indicators' }).click();

    await page.getByRole('searchbox', { name: 'Search outcomes and indicators' }).fill('burglary');
    await expect.poll(() => page.locator('.indicator-name').evaluateAll((b) => b.map((x) => x.firstChild?.textContent))).toEqual(['Domestic Burglary rate (per 1,000 population)', 'Burglary rate (per 1,000 population)', 'Police recorded crime: Burglary (count)']);
    expect(await page.getByText('Clear the search and hide archived items to reorder.').count()).toBe(1);

    await page.getByRole('button', { name: 'Archive Domestic Burglary rate (per 1,000 population)' }).click();
    await page.getByText('Archived "Domestic Burglary rate (per 1,000 population)".').waitFor();
    await expect.poll(() => page.locator('.indicator-name').count()).toBe(2);
    await page.getByRole('switch', { name: 'Show archived' }).click();
    await page.getByRole('button', { name: 'Restore Domestic Burglary rate (per 1,000 population)' }).click();
    await page.getByText('Restored "Domestic Burglary rate (per 1,000 population)".').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'indicators-search.png') });
  });
});
