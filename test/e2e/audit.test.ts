/**
 * The Audit page in Chromium: every change with who, when, before and after and the analyst's
 * reasons (an override, an unlock), filtered by period and by indicator, exported to CSV.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/core/app';
import { seriousViolations } from './axe-support';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const OPEN = '2024/25 Q3';
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
  // What an analyst did this quarter, through the same handlers the screens use.
  const h = createHandlers(app.session);
  const model = await h['dashboard.get']({ period: OPEN });
  const vehicle = model.outcomes.flatMap((o) => o.indicators).find((r) => r.name.startsWith('Vehicle Crime rate'))!;
  await h['judgements.setIndicator']({ period: OPEN, indicatorId: vehicle.indicatorId, judgement: 'direction', choice: 'worsening', reason: 'Thefts from vans rose in the last two months' });
  await h['periods.lock']({ period: OPEN });
  await h['periods.unlock']({ period: OPEN, reason: 'December figures corrected by the police' });
});
afterAll(() => app?.close());

describe('the Audit page', () => {
  it('shows who changed what, with the reasons, filters by period and indicator, and exports CSV', async () => {
    const page = await app.newPage();
    await page.getByRole('table', { name: /Appendix 1/ }).waitFor();
    // Keyboard first, as in Office: Ctrl+6 is the sixth tab.
    await page.keyboard.press('Control+6');
    const table = page.getByRole('table', { name: 'Audit trail' });
    await table.waitFor();
    const rowTexts = async () => (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    const rows = await rowTexts();
    expect(rows[0]).toContain('Unlocked');
    expect(rows[0]).toContain('draft (December figures corrected by the police)');
    expect(rows[0]).toContain('analyst');
    expect(rows.some((r) => r.includes('direction of travel, 2024/25 Q3') && r.includes('worsening (Thefts from vans rose in the last two months)'))).toBe(true);

    await page.getByLabel('Reporting period').selectOption(OPEN);
    await expect.poll(async () => (await rowTexts()).length).toBe(3);
    await page.getByLabel('Indicator').selectOption({ label: 'Vehicle Crime rate (per 1,000 population)' });
    await expect.poll(rowTexts).toEqual([expect.stringContaining('Vehicle Crime rate (per 1,000 population): direction of travel, 2024/25 Q3')]);
    await expect(page.getByRole('status').filter({ hasText: /^1 change$/ }).count()).resolves.toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const file = path.join(app.dir, download.suggestedFilename());
    await download.saveAs(file);
    const csv = Papa.parse<string[]>((await readFile(file, 'utf8')).replace(/^\uFEFF/, '').trim()).data;
    expect(csv[0]).toEqual(['When', 'Who', 'Action', 'What', 'Before', 'After']);
    expect(csv.slice(1).map((r) => r.slice(1))).toEqual([['analyst', 'Changed', 'Vehicle Crime rate (per 1,000 population): direction of travel, 2024/25 Q3', '', 'worsening (Thefts from vans rose in the last two months)']]);
    await page.getByText(`Exported "${download.suggestedFilename()}".`).waitFor();
    // The message was about that list: it goes when the filter changes.
    await page.getByLabel('Indicator').selectOption('');
    await expect(page.getByText(`Exported "${download.suggestedFilename()}".`).count()).resolves.toBe(0);

    expect(await seriousViolations(page)).toEqual([]);
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: path.join(SHOTS, `audit-${width}x${height}.png`) });
    }
  });
});
