/**
 * axe-core on every page of the app, and on the dialogs an analyst opens most: no serious or
 * critical violations (WCAG 2.1 A and AA rules).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { seriousViolations } from './axe-support';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

describe('accessibility (axe-core)', () => {
  it('every page has no serious or critical violations, with all of axe\'s rules, in a draft and a published period', async () => {
    const page = await app.newPage();
    await page.getByRole('table', { name: /Appendix 1/ }).waitFor();
    const tabs = await page.getByRole('tablist', { name: 'Pages' }).getByRole('tab').allInnerTexts();
    expect(tabs.length).toBeGreaterThanOrEqual(3);
    const found: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const period of ['2024/25 Q3', '2014/15 Q4']) {
      await page.getByRole('tab', { name: 'Dashboard' }).click();
      await page.getByRole('combobox', { name: 'Reporting period' }).click();
      await page.getByRole('option', { name: new RegExp(period.replace('/', '\\/')) }).click();
      await page.getByRole('table', { name: new RegExp(period.replace('/', '\\/')) }).waitFor();
      for (const name of tabs) {
        await page.getByRole('tab', { name }).click();
        await page.waitForLoadState('networkidle');
        // Let charts and lists settle before the scan.
        await page.waitForTimeout(400);
        found[`${period} ${name}`] = await seriousViolations(page, undefined, { allRules: true });
        // No hidden focus stops anywhere in the document: Fluent's Toolbar and closed dialogs left
        // them in the pages, and a mounted dialog (even closed) made tabster put two at the top and
        // bottom of the body. axe's aria-hidden-focus reports those too; this names them plainly.
        const stops = await page.locator('i[data-tabster-dummy]').count();
        if (stops > 0) found[`${period} ${name}`]!.push(`${stops} hidden focus stops in the page`);
        expected[`${period} ${name}`] = [];
      }
    }
    expect(found).toEqual(expected);
  }, 600_000); // 18 scans with every rule: over four minutes on a busy machine

  it('the judgement and outcome dialogs have none either', async () => {
    const page = await app.newPage();
    const table = page.getByRole('table', { name: /2024\/25 Q3/ });
    await table.waitFor();
    await table.getByRole('button', { name: /^Progress for Vehicle Crime rate/ }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(600); // the dialog fades in: scan it when fully drawn
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await table.getByRole('button', { name: /^Comment for the outcome/ }).first().click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(600); // the dialog fades in: scan it when fully drawn
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('Ctrl+1, Ctrl+2... open the pages in the order of the tabs', async () => {
    const page = await app.newPage();
    await page.getByRole('table', { name: /Appendix 1/ }).waitFor();
    const tabs = page.getByRole('tablist', { name: 'Pages' }).getByRole('tab');
    const names = await tabs.allInnerTexts();
    for (const [i, name] of [...names.entries()].reverse()) {
      await page.keyboard.press(`Control+${i + 1}`);
      await expect.poll(() => page.getByRole('tab', { name, selected: true }).count()).toBe(1);
    }
  });
});
