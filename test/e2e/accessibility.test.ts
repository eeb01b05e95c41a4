/**
 * axe-core on every page of the app, and on the dialogs an analyst opens most: no serious or
 * critical violations (WCAG 2.1 A and AA rules).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

/**
 * Fluent UI's focus manager (tabster) puts aria-hidden focus sentinels around dialogs, toasts
 * and toolbars that move focus on at once; axe flags them, a known false positive
 * (microsoft/tabster#288). Only that rule, only on those sentinels, is set aside.
 */
const isTabsterSentinel = (html: string) => /data-tabster-dummy|data-is-focus-trap-zone-bumper/.test(html);

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .map((v) => (v.id === 'aria-hidden-focus' ? { ...v, nodes: v.nodes.filter((n) => !isTabsterSentinel(n.html)) } : v))
    .filter((v) => v.nodes.length > 0)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

describe('accessibility (axe-core)', () => {
  it('every page has no serious or critical violations', async () => {
    const page = await app.newPage();
    await page.getByRole('table', { name: /Appendix 1/ }).waitFor();
    const tabs = await page.getByRole('tablist', { name: 'Pages' }).getByRole('tab').allInnerTexts();
    expect(tabs.length).toBeGreaterThanOrEqual(3);
    const found: Record<string, string[]> = {};
    for (const name of tabs) {
      await page.getByRole('tab', { name }).click();
      await page.waitForLoadState('networkidle');
      // Let charts and lists settle before the scan.
      await page.waitForTimeout(400);
      found[name] = await seriousViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(tabs.map((t) => [t, []])));
  });

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
