/**
 * The exceptions panel on the dashboard, in Chromium: the drafted sentences for the period on
 * screen, "Copy text" putting the whole panel on the clipboard for the covering report, and
 * "Nothing exceptional to report." when nothing needs mentioning.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { seriousViolations } from './axe-support';
import { createHandlers } from '../../main/core/app';
import { upsertArea } from '../../main/core/areas/repo';
import { addIndicator, addOutcome } from '../../main/core/indicators/repo';
import { setMeta } from '../../main/core/store/meta';
import { upsertObservations } from '../../main/core/values/repo';
import { addPeriod } from '../../main/core/periods/repo';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

describe('the exceptions panel', () => {
  it('lists the period\'s exceptions with drafted sentences and copies them as text', async () => {
    const page = await app.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    await page.getByRole('combobox', { name: 'Reporting period' }).click();
    await page.getByRole('option', { name: /2014\/15 Q4/ }).click();
    const panel = page.getByRole('region', { name: 'Exceptions for 2014/15 Q4' });
    await panel.waitFor();
    const vehicle = 'Vehicle Crime rate rose from 5.71 to 6.35 per 1,000 (+11.2%), beyond its 10% tolerance: worsening (Red).';
    await panel.getByText(vehicle).waitFor();
    const item = panel.getByRole('listitem').filter({ hasText: vehicle });
    // The reasons are words, not colours.
    expect(await item.locator('.exception-tag').allInnerTexts()).toEqual(['Worsening', 'Red', 'Beyond tolerance']);
    await expect(panel.getByText(/^\d+ of 12 indicators to mention$/).count()).resolves.toBe(1);

    await panel.getByRole('button', { name: 'Copy text' }).click();
    await panel.getByText(/^Copied \d+ sentences for the covering report\.$/).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const expected = await createHandlers(app.session)['dashboard.exceptions']({ period: '2014/15 Q4' });
    expect(copied).toBe(expected.text);
    expect(copied.split('\n').slice(0, 2)).toEqual(['Ongoing reductions in crime', vehicle]);

    expect(await seriousViolations(page, '.exceptions-panel')).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS, 'exceptions-2014-15-Q4.png') });
  });

  it('shows every outcome of 2024/25 Q3 with its sentences', async () => {
    const page = await app.newPage();
    const panel = page.getByRole('region', { name: 'Exceptions for 2024/25 Q3' });
    await panel.waitFor();
    await panel.getByText(/^Anti-social behaviour incidents rate rose from 5\.79 to 7\.68 per 1,000 \(\+32\.6%\)/).waitFor();
    const expected = await createHandlers(app.session)['dashboard.exceptions']({ period: '2024/25 Q3' });
    expect(await panel.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual(expected.outcomes.map((o) => o.title));
    expect(await panel.locator('.exception-sentence').allInnerTexts()).toEqual(expected.outcomes.flatMap((o) => o.items.map((i) => i.sentence)));
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS, 'exceptions-2024-25-Q3.png') });
  });

  it('follows the analyst\'s override of a direction against the figures, and gives the reason', async () => {
    const page = await app.newPage();
    const table = page.getByRole('table', { name: /2024\/25 Q3/ });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    await row.getByRole('button', { name: /^Direction of travel for Vehicle Crime rate/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Direction of travel' });
    await dialog.getByRole('radio', { name: '↓ Worsening' }).check();
    const reason = 'Thefts from vans rose in the last two months';
    await dialog.getByRole('textbox', { name: /Reason/ }).fill(reason);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const panel = page.getByRole('region', { name: 'Exceptions for 2024/25 Q3' });
    const sentence = panel.locator('.exception-sentence').filter({ hasText: /^Vehicle Crime rate/ });
    await sentence.waitFor();
    const text = await sentence.innerText();
    // The figures fell (lower is better), so the sentence must say the judgement is the analyst's, and why.
    expect(text).toMatch(/^Vehicle Crime rate fell from [\d.]+ to [\d.]+ per 1,000 \(-[\d.]+%\)/);
    expect(text).toContain(`: judged worsening (`);
    expect(text).toContain(`by the analyst: ${reason}.`);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS, 'exceptions-override.png') });
    await page.keyboard.press('Control+z');
  });

  it('says "Nothing exceptional to report." when nothing moved, and copies just that', async () => {
    const quiet = await startApp({ demo: false });
    try {
      const { workspace } = quiet.session;
      workspace.mutate(() => {
        const db = workspace.db;
        const areaId = upsertArea(db, { code: 'E10000099', name: 'Testshire', kind: 'county', parentCode: null });
        setMeta(db, 'dashboard_area_code', 'E10000099');
        const outcomeId = addOutcome(db, { title: 'Fewer burglaries' });
        const indicatorId = addIndicator(db, { outcomeId, name: 'Number of burglaries', unit: 'count', polarity: 'lower', decimals: 0, tolerancePercent: 10 });
        upsertObservations(db, [
          { indicatorId, areaId, span: { first: '2023-04', last: '2024-03' }, value: 100 },
          { indicatorId, areaId, span: { first: '2024-01', last: '2024-12' }, value: 103 },
        ]);
        addPeriod(db, { name: '2024/25 Q3', lastMonth: '2024-12' });
      });
      const page = await quiet.newPage();
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: quiet.host.origin });
      const panel = page.getByRole('region', { name: 'Exceptions for 2024/25 Q3' });
      await panel.getByText('Nothing exceptional to report.', { exact: true }).waitFor();
      await expect(panel.getByText('0 of 1 indicators to mention').count()).resolves.toBe(1);
      await panel.getByRole('button', { name: 'Copy text' }).click();
      await panel.getByText('Copied "Nothing exceptional to report."').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Nothing exceptional to report.');
      await panel.screenshot({ path: path.join(SHOTS, 'exceptions-nothing.png') });
    } finally {
      await quiet.close();
    }
  });
});
