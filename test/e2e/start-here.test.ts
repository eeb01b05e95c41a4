/** First day: the demo's "start here" panel shows the latest quarter, opens the import, and creates the analyst's own workspace. */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());
// (Hide runs first: the next test replaces the demo with a new workspace, which has no panel.)

describe('start here', () => {
  it('Hide by keyboard takes the panel away and focus on to the next control, not the top of the page', async () => {
    const page = await app.newPage();
    const panel = page.locator('.start-here');
    await panel.getByRole('button', { name: 'Hide' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.count()).toBe(0);
    const focused = await page.evaluate(() => (document.activeElement === document.body ? 'page' : document.activeElement?.tagName));
    expect(focused).toBe('BUTTON');
    await page.close();
  });

  it('offers the latest period, the import and a new workspace', async () => {
    const page = await app.newPage();
    const panel = page.locator('.start-here');
    await panel.getByText('Start here').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'start-here.png') });

    await panel.getByRole('button', { name: 'Import files' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Import', selected: true }).count()).toBe(1);
    await page.getByRole('tab', { name: 'Dashboard' }).click();

    await page.locator('.start-here').getByRole('button', { name: 'New workspace...' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workspace' });
    const file = path.join(app.dir, 'Safer Communities Board.boardpack');
    await dialog.getByRole('textbox', { name: /File/ }).fill(file);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByText('No reporting periods yet').waitFor();
    // Titled by its file's name (issue 11: never "Untitled workspace").
    await page.locator('.workspace-name').getByText('Safer Communities Board').waitFor();
    await expect(page.getByText('Untitled workspace').count()).resolves.toBe(0);
    expect((await stat(file)).size).toBeGreaterThan(0);
    expect(app.session.workspace.file).toBe(file);
    await expect(page.locator('.start-here').count()).resolves.toBe(0);
  });

});
