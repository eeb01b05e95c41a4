/** A new, empty workspace: every page says what to do first instead of showing nothing. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp({ demo: false });
});
afterAll(() => app?.close());

describe('a new workspace', () => {
  it('greets the analyst with a next step on every page, and can start a period', async () => {
    const page = await app.newPage();
    await page.getByText('No reporting periods yet').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'empty-dashboard.png'), fullPage: true });
    const tabs = await page.getByRole('tablist', { name: 'Pages' }).getByRole('tab').allInnerTexts();
    for (const name of tabs) {
      await page.getByRole('tab', { name }).click();
      await page.waitForLoadState('networkidle');
      const panel = page.locator('#page-panel');
      // Wait for the page to settle (pages load their code and data after the click).
      await expect.poll(async () => /Loading|Opening|Building/.test(await panel.innerText()), { timeout: 15_000 }).toBe(false);
      const text = await panel.innerText();
      // Something to read and act on, not a blank panel or an error.
      expect(text.trim().length, `the ${name} page is empty`).toBeGreaterThan(20);
      expect(text, `the ${name} page shows an error`).not.toMatch(/Something went wrong/);
      await page.screenshot({ path: path.join(SHOTS, `empty-${name.toLowerCase().replace(/\s+/g, '-')}.png`), fullPage: true });
    }
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'New period...' }).click();
    const dialog = page.getByRole('dialog', { name: 'New reporting period' });
    await dialog.getByRole('textbox').fill('2025/26 Q1');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Reporting period' }).innerText()).toContain('2025/26 Q1');
    // The period's dashboard loads after the picker changes: wait for it, then check it says so once.
    await page.getByText(/No figures for 2025\/26 Q1 yet/).first().waitFor();
    await expect(page.getByText(/No figures for 2025\/26 Q1 yet/).count()).resolves.toBe(1);
  });
});
