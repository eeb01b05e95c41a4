/**
 * Issue 14, "trust in every keystroke", in Chromium at 1366x768 (a council laptop): focus comes
 * back to the cell that opened a dialog; messages go when the state they describe goes; a
 * published period is unmistakable and clean under axe (all rules); the Start here panel speaks
 * of the period on screen; the calculation behind a cell is a real tooltip; Compact layout is
 * disabled with its reason for a published period; header words never break inside.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { cellText, openSeries } from './values-grid-support';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const DRAFT = '2024/25 Q3';
const PUBLISHED = '2014/15 Q4';
let app: App;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

/** A page at 1366x768, with the console errors it logged from its first load. */
async function laptopPage(): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await app.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.reload();
  await appendix(page, DRAFT).waitFor();
  return { page, consoleErrors };
}

function appendix(page: Page, period: string): Locator {
  return page.getByRole('table', { name: new RegExp(`${period.replace('/', '\\/')}$`) });
}

async function showPeriod(page: Page, period: string) {
  await page.locator('#period-picker').click();
  await page.getByRole('option', { name: new RegExp(`^${period.replace('/', '\\/')}`) }).click();
  await appendix(page, period).waitFor();
}

/** The accessible name of the focused element (its aria-label or its text). */
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

/** axe-core with every rule (not only the WCAG tags): serious and critical findings, nothing filtered out. */
async function axeAllRules(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/**
 * How the words of a table's cells are laid out: `broken`, words split across lines anywhere but
 * at a soft hyphen or after a hyphen between letters ("anti- / social"); `hyphenated`, words split
 * at a soft hyphen, shown with "-" where the line ends. A word's pieces between those points must
 * each sit on one line (a piece split across lines has boxes on two lines).
 */
async function wordBreaks(table: Locator, cells = 'th, td.outcome, td:first-child, td.arrow, td.rag, td.center, td.num, td:last-child'): Promise<{ broken: string[]; hyphenated: string[] }> {
  return table.evaluate((t, selector) => {
    const SHY = '\u00AD';
    const broken: string[] = [];
    const hyphenated: string[] = [];
    for (const cell of t.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if ((node.parentElement as HTMLElement).closest('.sr-only')) continue;
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const word = m[0];
          // Pieces: [start, end, after a soft hyphen] in the text node.
          const pieces: Array<[number, number, boolean]> = [];
          let from = 0;
          let afterShy = false;
          for (let i = 0; i <= word.length; i++) {
            const shy = word[i] === SHY;
            const hard = word[i - 1] === '-' && /\p{L}/u.test(word[i - 2] ?? '') && /\p{L}/u.test(word[i] ?? '');
            if (i === word.length || shy || hard) {
              if (i > from) pieces.push([m.index + from, m.index + i, afterShy]);
              afterShy = shy;
              from = shy ? i + 1 : i;
            }
          }
          const lines: number[] = [];
          for (const [a, b, shy] of pieces) {
            const range = document.createRange();
            range.setStart(node, a);
            range.setEnd(node, b);
            let rects = [...range.getClientRects()].filter((r) => r.width > 0);
            // After a soft hyphen at a line's end, the range's first box is the hyphen drawn there.
            if (shy && rects.length > 1) rects = rects.slice(1);
            const tops = new Set(rects.map((r) => Math.round(r.top)));
            if (tops.size > 1) broken.push(word.replaceAll(SHY, ''));
            lines.push(Math.min(...tops));
          }
          if (word.includes(SHY) && new Set(lines).size > 1) {
            hyphenated.push(pieces.map(([a, b], i) => (i > 0 && lines[i] !== lines[i - 1] ? '-' : '') + text.slice(a, b)).join(''));
          }
        }
      }
    }
    return { broken: [...new Set(broken)], hyphenated };
  }, cells);
}

/** Relative luminance contrast of two CSS rgb() colours, as WCAG defines it. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = css.match(/[\d.]+/g)!.slice(0, 3).map((x) => Number(x) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('issue 14 in Chromium at 1366x768', () => {
  it('returns focus to the cell or button that opened a dialog; Ctrl+Enter saves the outcome comment, Enter makes a new line', async () => {
    const { page } = await laptopPage();
    const table = appendix(page, DRAFT);
    const row = table.getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    const rag = row.getByRole('button', { name: /^Progress for Vehicle Crime rate/ });

    // Open with Enter, cancel with Esc: focus is back on the RAG cell.
    await rag.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Progress (RAG)' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedName(page)).toMatch(/^Progress for Vehicle Crime rate/);

    // Save an override: focus is back on the same cell, now edited, and Ctrl+Z undoes it from there.
    const before = (await rag.innerText()).trim().charAt(0);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: before === 'R' ? 'A Amber' : 'R Red' }).check();
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('Seasonal rise agreed by the partnership');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedName(page)).toMatch(/^Progress for Vehicle Crime rate \(per 1,000 population\): \w+ \(edited\)\. Change$/);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await rag.innerText()).trim().charAt(0)).toBe(before);

    // The outcome comment: Enter is a new line, Ctrl+Enter saves, focus is back on the comment.
    const comment = table.getByRole('button', { name: /^Comment for the outcome Ongoing reductions in crime/ });
    await comment.focus();
    await page.keyboard.press('Enter');
    const outcome = page.getByRole('dialog', { name: 'Outcome RAG and comment' });
    const box = outcome.getByRole('textbox', { name: 'Comment' });
    await box.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Total crime is level.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Vehicle crime is the focus.');
    await expect(box.inputValue()).resolves.toBe('Total crime is level.\nVehicle crime is the focus.');
    await expect(outcome.count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'trust-outcome-dialog-1366.png') });
    await page.keyboard.press('Control+Enter');
    await outcome.waitFor({ state: 'detached' });
    await expect.poll(() => comment.innerText()).toBe('Total crime is level.\nVehicle crime is the focus.');
    await expect.poll(() => focusedName(page)).toMatch(/^Comment for the outcome Ongoing reductions in crime/);
    await page.screenshot({ path: path.join(SHOTS, 'trust-focus-returned-1366.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(() => comment.innerText()).not.toContain('Vehicle crime is the focus.');

    // The definition drawer on the Indicators page: Esc brings focus back to "Edit definition".
    await page.keyboard.press('Control+2');
    const edit = page.getByRole('button', { name: 'Edit definition' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => focusedName(page)).toBe('Edit definition');
  });

  it('drops messages whose state has gone: exports on period change, saves on undo; undo notices are short, one at a time, off the table; undoing a new period shows one that exists', async () => {
    const { page } = await laptopPage();
    // "Exported ..." belongs to the period it was exported from.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/2024-25 Q3\.csv$/);
    const exported = page.getByRole('status').filter({ hasText: /^Exported/ });
    await exported.waitFor();
    await showPeriod(page, PUBLISHED);
    await expect.poll(() => exported.count()).toBe(0);
    await showPeriod(page, DRAFT);

    // Undo and redo notices: in the app bar, short, one at a time, never over the table.
    const table = appendix(page, DRAFT);
    const row = table.getByRole('row').filter({ hasText: 'Burglary rate' });
    const direction = row.getByRole('button', { name: /^Direction of travel for Burglary rate/ });
    await direction.click();
    const dialog = page.getByRole('dialog', { name: 'Direction of travel' });
    await dialog.getByRole('radio', { name: '↓ Worsening' }).check();
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('x'.repeat(20) + ' a long reason that the notice must not repeat in full '.repeat(4));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const notices = page.getByRole('banner').locator('.undo-notice');
    await expect.poll(() => notices.innerText()).toMatch(/^Set the direction of travel of Burglary rate/);
    for (const key of ['Control+z', 'Control+y', 'Control+z']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(150);
    }
    await expect.poll(() => notices.innerText()).toMatch(/^Undone: /);
    await expect(page.locator('.undo-notice-text').count()).resolves.toBe(1);
    const text = await page.locator('.undo-notice-text').innerText();
    expect(text.length).toBeLessThanOrEqual(70);
    const notice = (await page.locator('.undo-notice-text').boundingBox())!;
    const tableBox = (await table.boundingBox())!;
    expect(notice.y + notice.height).toBeLessThanOrEqual(tableBox.y);
    await page.screenshot({ path: path.join(SHOTS, 'trust-undo-notice-1366.png') });

    // "New period" undone: the page goes to a period that exists, with no error.
    await page.getByRole('button', { name: 'New period...' }).click();
    const create = page.getByRole('dialog', { name: 'New reporting period' });
    await create.getByRole('textbox').fill('2024/25 Q4');
    await page.keyboard.press('Enter');
    await create.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('#period-picker').innerText()).toBe('2024/25 Q4');
    await page.locator('.app-name').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('#period-picker').innerText()).toBe(DRAFT);
    await appendix(page, DRAFT).waitFor();
    await expect(page.locator('.fui-MessageBar[class*="error"], [role="alert"]').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'trust-new-period-undone-1366.png') });
    await page.keyboard.press('Control+y');
    await expect.poll(() => page.locator('#period-picker').innerText()).toBe(DRAFT);
    await page.keyboard.press('Control+z');

    // "Saved ..." on the Indicators page goes when that save is undone.
    await page.keyboard.press('Control+2');
    await page.getByRole('button', { name: 'Edit definition' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('textbox', { name: /^Notes/ }).fill('Checked with the partnership in February.');
    await drawer.getByRole('button', { name: /^Save/ }).click();
    const saved = page.getByText(/^Saved "/);
    await saved.waitFor();
    await page.locator('.app-name').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => saved.count()).toBe(0);

    // The values grid's line about an edit goes when the edit is undone.
    const grid = await openSeries(page);
    const before = await cellText(page, 'Blaby', 'Jan 2023');
    await grid.getByRole('row', { name: /^Blaby/ }).getByRole('gridcell').first().click();
    await page.keyboard.type('4321');
    await page.keyboard.press('Enter');
    const edited = page.getByText(`Blaby, Jan 2023: ${before} → 4,321. Ctrl+Z undoes it.`);
    await edited.waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cellText(page, 'Blaby', 'Jan 2023')).toBe(before);
    await expect.poll(() => edited.count()).toBe(0);
  });

  it('makes a published period unmistakable and clean under axe with all its rules; no failed request while loading', async () => {
    const { page, consoleErrors } = await laptopPage();
    expect(await axeAllRules(page)).toEqual([]);
    await showPeriod(page, PUBLISHED);
    const badge = page.getByText('Published: figures and judgements are locked');
    await badge.waitFor();
    const colours = await badge.evaluate((el) => {
      const s = getComputedStyle(el);
      return { fg: s.color, bg: s.backgroundColor };
    });
    expect(contrast(colours.fg, colours.bg)).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: path.join(SHOTS, 'trust-published-1366.png') });
    expect(await axeAllRules(page)).toEqual([]);
    // Focusable aria-hidden sentinels (the two `i` elements axe found) are gone.
    await expect(page.locator('[aria-hidden="true"][tabindex="0"]').count()).resolves.toBe(0);
    expect(consoleErrors.filter((e) => /Failed to load resource|404/.test(e))).toEqual([]);
  });

  it('speaks of the period on screen in Start here, and says where the data end for a period with none yet', async () => {
    const { page } = await laptopPage();
    const panel = page.locator('.start-here');
    await expect(panel.innerText()).resolves.toContain(`On screen: ${DRAFT}`);
    expect(await panel.innerText()).not.toContain(`On screen: ${PUBLISHED}`);
    await expect(panel.getByRole('button', { name: `Show ${DRAFT}` }).count()).resolves.toBe(0);
    await showPeriod(page, PUBLISHED);
    await expect.poll(() => panel.innerText()).toContain(`On screen: ${PUBLISHED}`);
    await panel.getByRole('button', { name: `Show ${DRAFT}` }).click();
    await appendix(page, DRAFT).waitFor();
    await expect.poll(() => panel.getByRole('button', { name: `Show ${DRAFT}` }).count()).toBe(0);

    // A new quarter past the data: where the data end and what is needed, not a bare NA.
    await page.getByRole('button', { name: 'New period...' }).click();
    const create = page.getByRole('dialog', { name: 'New reporting period' });
    await create.getByRole('textbox').fill('2024/25 Q4');
    await create.getByRole('button', { name: 'Create' }).click();
    const note = page.locator('.data-end');
    await note.waitFor();
    // The demo's police.uk months run to 2024-12 (assets/demo), the quarter to March 2025.
    expect(await note.innerText()).toMatch(/The data end in December 2024; 2024\/25 Q4 runs to March 2025\./);
    expect(await note.innerText()).toMatch(/need the figures for January 2025 to March 2025: import/);
    await page.screenshot({ path: path.join(SHOTS, 'trust-new-period-data-end-1366.png') });
    await page.locator('.app-name').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('#period-picker').innerText()).toBe(DRAFT);
    await expect(note.count()).resolves.toBe(0);
  });

  it('shows the calculation behind a cell in a tooltip on hover, focus and Enter, described to screen readers; the trend icons have a key', async () => {
    const { page } = await laptopPage();
    const row = appendix(page, DRAFT).getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    const rag = row.getByRole('button', { name: /^Progress for Vehicle Crime rate/ });
    const describedBy = await rag.getAttribute('aria-describedby');
    const why = (await page.locator(`[id="${describedBy}"]`).textContent())!;
    expect(why.length).toBeGreaterThan(20);
    const tooltip = page.getByRole('tooltip');
    await rag.hover();
    await expect.poll(() => tooltip.innerText()).toBe(why);
    await page.mouse.move(5, 700);
    await expect.poll(() => tooltip.count()).toBe(0);
    await rag.focus();
    await expect.poll(() => tooltip.innerText()).toBe(why);
    await page.screenshot({ path: path.join(SHOTS, 'trust-tooltip-1366.png') });
    await page.keyboard.press('Escape');

    // The sparkline icons: each one in the table is in the key, by its words.
    const iconNames = new Set(await appendix(page, DRAFT).locator('td.spark .mdc-icon').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')));
    expect(iconNames.size).toBeGreaterThan(0);
    expect([...iconNames].every((n) => n.length > 0)).toBe(true);
    const key = page.getByRole('group', { name: 'Key to the icons under the trend lines' });
    for (const name of iconNames) await expect(key.getByText(name, { exact: true }).count()).resolves.toBe(1);

    // Published: the cells are not editable, and Enter shows (and hides) the calculation.
    await showPeriod(page, PUBLISHED);
    const published = appendix(page, PUBLISHED).getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    const pubRag = published.getByRole('button', { name: /^Progress for Vehicle Crime rate/ });
    const pubWhy = (await page.locator(`[id="${await pubRag.getAttribute('aria-describedby')}"]`).textContent())!;
    await pubRag.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => tooltip.count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => tooltip.innerText()).toBe(pubWhy);
    await page.screenshot({ path: path.join(SHOTS, 'trust-tooltip-published-1366.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => tooltip.count()).toBe(0);
  });

  it('disables Compact layout for a published period with its reason; the override reason says where it is printed', async () => {
    const { page } = await laptopPage();
    const compact = page.getByRole('checkbox', { name: /Compact layout/ });
    await expect(compact.isDisabled()).resolves.toBe(false);
    await showPeriod(page, PUBLISHED);
    await expect.poll(() => compact.isDisabled()).toBe(true);
    const reasonId = await compact.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${reasonId}"]`).innerText()).resolves.toBe('Not for a published period: it prints exactly as it was published.');
    await page.screenshot({ path: path.join(SHOTS, 'trust-compact-disabled-1366.png') });

    await showPeriod(page, DRAFT);
    const row = appendix(page, DRAFT).getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    await row.getByRole('button', { name: /^County comparison for Vehicle Crime rate/ }).click();
    const dialog = page.getByRole('dialog', { name: 'County comparison' });
    const other = (await dialog.getByRole('radio').allInnerTexts()).length;
    expect(other).toBeGreaterThan(1);
    await dialog.getByRole('radio').nth(1).check();
    const reason = dialog.getByRole('textbox', { name: /Reason/ });
    const hintId = (await reason.getAttribute('aria-describedby'))!.split(' ');
    const hint = (await Promise.all(hintId.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' ');
    expect(hint).toContain("in the agenda pack's page for this indicator");
    expect(hint).toContain('The appendix PDF and Excel print the judgement only, not the reason.');
    await page.keyboard.press('Escape');
  });

  it('lays out at 1366: header words break only between words, columns hold their words, the toolbar wraps as a whole', async () => {
    const { page } = await laptopPage();
    for (const period of [DRAFT, PUBLISHED]) {
      if (period === PUBLISHED) await showPeriod(page, PUBLISHED);
      // Each word of every header and judgement cell on one line, or broken only where British
      // English hyphenates it (a soft hyphen).
      const { broken, hyphenated } = await wordBreaks(appendix(page, period));
      expect(broken).toEqual([]);
      // At 1366 every word fits its column whole: none is hyphenated.
      expect(hyphenated).toEqual([]);
      // No cell's content runs into the next column ("1.00 (Apr-Dec 2014)" into the arrows).
      const overflowing = await appendix(page, period).evaluate((table) =>
        [...table.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => (c.textContent ?? '').slice(0, 40)),
      );
      expect(overflowing).toEqual([]);
    }
    // The published period: Unlock stays with New period, the badge beside the appendix's title; the title box is not cut off.
    const unlock = (await page.getByRole('button', { name: 'Unlock...' }).boundingBox())!;
    expect(unlock.y).toBe((await page.getByRole('button', { name: 'New period...' }).boundingBox())!.y);
    const badge = (await page.getByText('Published: figures and judgements are locked').boundingBox())!;
    const heading = (await page.getByRole('heading', { name: /^Appendix 1/ }).boundingBox())!;
    expect(Math.abs(heading.y + heading.height / 2 - (badge.y + badge.height / 2))).toBeLessThan(6);
    expect(badge.x + badge.width).toBeLessThanOrEqual(1366);
    const title = page.locator('#appendix-title');
    const fits = await title.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'trust-layout-published-1366.png') });
    await showPeriod(page, DRAFT);
    const publish = (await page.getByRole('button', { name: 'Publish (lock)...' }).boundingBox())!;
    const newPeriod = (await page.getByRole('button', { name: 'New period...' }).boundingBox())!;
    expect(publish.y).toBe(newPeriod.y);
    await page.screenshot({ path: path.join(SHOTS, 'trust-layout-draft-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join(SHOTS, 'trust-layout-draft-1920.png') });
    await showPeriod(page, PUBLISHED);
    await page.screenshot({ path: path.join(SHOTS, 'trust-layout-published-1920.png') });
  });

  it('hyphenates long words where British English allows, in columns too narrow for them, and copies them whole', async () => {
    const { page } = await laptopPage();
    const table = appendix(page, DRAFT);
    // The appendix squeezed to 1,000 px inside the 1366 px window: the County and District
    // Comparison columns are too narrow for "Comparison", which breaks where British English
    // hyphenates it, with a hyphen shown; words that fit stay whole.
    await page.addStyleTag({ content: 'table.appendix { min-width: 0 !important; width: 1000px !important; }' });
    await expect.poll(async () => (await wordBreaks(table, 'th')).hyphenated).toContain('Compar-ison');
    const { broken, hyphenated } = await wordBreaks(table, 'th');
    expect(broken).toEqual([]);
    // The District Comparison column (wider) holds "Comparison" whole.
    expect(hyphenated.filter((w) => w.replace('-', '') === 'Comparison')).toEqual(['Compar-ison']);
    const overflowing = await table.locator('th').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
    expect(overflowing).toEqual([]);
    await page.locator('.appendix-head').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'trust-hyphenated-1366.png') });
    // Copied, the words are whole (no soft hyphen for Excel to keep).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
    await table.locator('thead').evaluate((head) => {
      const range = document.createRange();
      range.selectNodeContents(head);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await page.keyboard.press('Control+c');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('County Comparison');
    expect(copied).not.toContain('\u00AD');
  });
});
