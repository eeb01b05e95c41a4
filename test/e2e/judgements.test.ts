/**
 * The quarter's judgement work in Chromium: override a suggestion with a reason, write an
 * outcome comment, undo and redo from the keyboard, publish the period and see a later import
 * conflict, unlock with a reason.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { sharedData } from '../shared-folder';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const PERIOD = '2024/25 Q3';
let app: App;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

async function dashboard(page: Page) {
  const table = page.getByRole('table', { name: new RegExp(PERIOD.replace('/', '\\/')) });
  await table.waitFor();
  return table;
}

describe('judging the period in Chromium', () => {
  it('overrides a suggestion with a reason, lists it, and undoes it with Ctrl+Z', async () => {
    const page = await app.newPage();
    const table = await dashboard(page);
    const row = table.getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    const ragButton = row.getByRole('button', { name: /^Progress for Vehicle Crime rate/ });
    const letter = async () => (await ragButton.innerText()).trim().charAt(0);
    const before = await letter();
    await ragButton.click();
    const dialog = page.getByRole('dialog', { name: 'Progress (RAG)' });
    // Not yet overridden, so the dialog suggests what the cell shows, with its calculation.
    expect(await ragButton.innerText()).not.toContain('edited');
    const words: Record<string, string> = { R: 'R Red', A: 'A Amber', G: 'G Green' };
    const word = words[before];
    expect(word).toBeDefined();
    await expect(dialog.getByText(/Boardpack suggests/).innerText()).resolves.toMatch(new RegExp(`^Boardpack suggests ${word}: \\S`));
    const other = before === 'R' ? 'A Amber' : 'R Red';
    await dialog.getByRole('radio', { name: other }).check();
    // No reason yet: Save stays disabled.
    await expect(dialog.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true);
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('Partnership agreed the trend is seasonal');
    await page.screenshot({ path: path.join(SHOTS, 'judgement-dialog.png') });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => ragButton.innerText()).toMatch(new RegExp(`^${other.charAt(0)}`));
    expect(await ragButton.innerText()).toContain('edited');
    const overrides = page.getByRole('region', { name: /Judgements changed by the analyst/ });
    await expect(overrides.getByRole('row').filter({ hasText: 'Vehicle Crime rate' }).innerText()).resolves.toContain('Partnership agreed the trend is seasonal');
    // The toast says what happened.
    const toast = page.getByText(`Set the progress RAG of Vehicle Crime rate (per 1,000 population) to ${other.charAt(0)}`, { exact: true });
    await toast.first().waitFor({ state: 'visible' });
    expect(await toast.count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-override.png'), fullPage: true });

    await page.getByRole('heading', { name: /Appendix 1/ }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(letter).toBe(before);
    expect(await ragButton.innerText()).not.toContain('edited');
    await page.keyboard.press('Control+y');
    await expect.poll(letter).toBe(other.charAt(0));
    await page.keyboard.press('Control+z');
    await expect.poll(letter).toBe(before);
  });

  it('writes an outcome comment with the length guide, by keyboard', async () => {
    const page = await app.newPage();
    const table = await dashboard(page);
    const commentButton = table.getByRole('button', { name: /^Comment for the outcome Ongoing reductions in crime/ });
    await commentButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Outcome RAG and comment' });
    await dialog.getByRole('radio', { name: 'A Amber' }).check();
    const comment = 'Total crime is level with last year; vehicle crime rose in Charnwood and is the focus of the next quarter.';
    await dialog.getByRole('textbox', { name: 'Comment' }).fill(comment);
    await expect(dialog.getByText(`${comment.length} of about 600 characters`).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'outcome-dialog.png') });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => commentButton.innerText()).toBe(comment);
    const rag = table.getByRole('button', { name: /^RAG for the outcome Ongoing reductions in crime/ });
    await expect(rag.innerText()).resolves.toMatch(/^A/);
  });

  it('publishes the period: cells are no longer editable, an import conflicts, unlocking needs a reason', async () => {
    const page = await app.newPage();
    const table = await dashboard(page);
    const editable = await table.getByRole('button', { name: /^Progress for.*\. Change$/ }).count();
    // One progress RAG to change per indicator row while the period is open.
    const indicatorRows = await table.locator('tbody tr').count();
    expect(indicatorRows).toBeGreaterThan(0);
    expect(editable).toBe(indicatorRows);
    await page.getByRole('button', { name: 'Publish (lock)...' }).click();
    const confirm = page.getByRole('dialog', { name: `Publish ${PERIOD}?` });
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Published: figures and judgements are locked').waitFor();
    // Published cells still show their calculation (Enter), but none offers a change.
    await expect.poll(() => table.getByRole('button', { name: /^Progress for.*\. Change$/ }).count()).toBe(0);
    await expect(table.getByRole('button', { name: /^Progress for/ }).count()).resolves.toBeGreaterThan(0);

    // A partner's revised December file arrives after publication: its changes are conflicts.
    const source = sharedData('police-uk', '2024-12-leicestershire-street.csv');
    const lines = (await readFile(source, 'utf8')).split('\n');
    const file = path.join(app.dir, '2024-12-leicestershire-street.csv');
    await writeFile(file, lines.slice(0, Math.floor(lines.length / 2)).join('\n'));
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('Files to import').setInputFiles(file);
    await expect.poll(async () => /values belong to a published \(locked\) period/.test(await page.locator('body').innerText()), { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'import-conflict-locked.png'), fullPage: true });

    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: 'Unlock...' }).click();
    const unlock = page.getByRole('dialog', { name: `Unlock ${PERIOD}?` });
    await expect(unlock.getByRole('button', { name: 'Unlock' }).isDisabled()).resolves.toBe(true);
    await unlock.getByRole('textbox', { name: /Reason for unlocking/ }).fill('December figures corrected by the police');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await unlock.waitFor({ state: 'detached' });
    await expect.poll(() => table.getByRole('button', { name: /^Progress for.*\. Change$/ }).count()).toBe(editable);
  });

  it('starts a new reporting period', async () => {
    const page = await app.newPage();
    await dashboard(page);
    await page.getByRole('button', { name: 'New period...' }).click();
    const dialog = page.getByRole('dialog', { name: 'New reporting period' });
    await dialog.getByRole('textbox', { name: /Reporting period/ }).fill('Q4 2024/25');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('combobox', { name: 'Reporting period' }).innerText()).toContain('2024/25 Q4');
  });
});
