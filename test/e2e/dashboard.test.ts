import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText, startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

describe('dashboard in Chromium', () => {
  it('shows the demo 2014/15 Q4 appendix with outcomes, values, RAG letters and arrows', async () => {
    const page = await app.newPage();
    // The demo workspace is open and says so: its title and the Demo badge in the app bar.
    const banner = page.getByRole('banner');
    const badge = banner.getByText('Demo', { exact: true });
    await badge.waitFor({ state: 'visible' });
    expect(await badge.isVisible()).toBe(true);
    expect(await banner.locator('.workspace-name').innerText()).toMatch(/^Demo: Leicestershire Safer Communities\s*Demo$/);
    const picker = page.getByRole('combobox', { name: 'Reporting period' });
    await picker.click();
    await page.getByRole('option', { name: /2014\/15 Q4/ }).click();
    const table = page.getByRole('table', { name: 'Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4' });
    await table.waitFor();
    const headers = (await table.locator('thead th:not(.spark)').allInnerTexts()).map(plainText);
    expect(headers.map((h) => h.replace(/\s+/g, ' '))).toEqual([
      'Outcomes', 'Overall Progress RAG', 'Overall Comment', 'Supporting Indicators', 'Previous Year (2013-14)',
      'Latest Data (12 months to Mar 2015 unless stated)', 'Current Direction of Travel', 'Progress', 'County Comparison', 'District Comparison',
    ]);
    const outcomes = (await table.locator('td.outcome').allInnerTexts()).map(plainText);
    expect(outcomes).toHaveLength(4);
    expect(outcomes[0]).toBe('Ongoing reductions in crime');

    const vehicle = table.getByRole('row').filter({ hasText: 'Vehicle Crime rate' });
    // The ten published columns; the sparkline cell after the indicator's name is checked below.
    const cells = await vehicle.locator('td:not(.spark)').allInnerTexts();
    expect(cells.slice(1, 4)).toEqual(['5.71', '6.35', expect.stringMatching(/^↓/)]);
    expect(cells[4]).toMatch(/^R/);
    await expect(vehicle.locator('td.rag-R').count()).resolves.toBe(1);
    const iom = table.getByRole('row').filter({ hasText: 'IOM & PPO' });
    expect(await iom.locator('td:not(.spark)').allInnerTexts()).toContain('55.4% (Q3 2014-15)');
    // The calculation (here the analyst's override) is the arrow's description, shown in its tooltip.
    const describedBy = await iom.locator('td.arrow button').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^Override:/);
    expect(await table.getByRole('cell', { name: '1,259*' }).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-2014-15-Q4.png'), fullPage: true });
  });

  it('switches to the police.uk period and shows derived rates with district notes', async () => {
    const page = await app.newPage();
    const table = page.getByRole('table', { name: /2024\/25 Q3/ });
    await table.waitFor();
    const headers = (await table.locator('thead th:not(.spark)').allInnerTexts()).map(plainText);
    expect(headers[4]).toBe('Previous Year (2023-24)');
    const total = table.getByRole('row').filter({ hasText: 'Total Crime rate' });
    const text = plainText(await total.innerText());
    expect(text).toMatch(/Highest: Charnwood/);
    // A sparkline per row: the county's 24 months, with the first and last values in its name.
    await expect(table.locator('thead th.spark').innerText()).resolves.toBe('Trend');
    const rows = await table.locator('tbody tr').count();
    await expect.poll(() => table.locator('td.spark svg.sparkline').count()).toBe(rows);
    const spark = total.locator('td.spark .sparkline');
    await expect(spark.getAttribute('aria-label')).resolves.toMatch(/^Trend of Total Crime rate \(per 1,000 population\), 24 months: first [\d.]+ \(Jan 2023\), last [\d.]+ \(Dec 2024\)$/);
    // One point per month drawn, and the Making Data Count icon of the county's series: its
    // total crime rate shows special cause improvement on the low side (lower is better).
    await expect(spark.locator('polyline').getAttribute('points').then((p) => p?.trim().split(' ').length)).resolves.toBe(24);
    await expect(total.locator('td.spark').getByRole('img', { name: 'Special cause variation: improvement (low)' }).getAttribute('data-letter')).resolves.toBe('L');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-2024-25-Q3.png'), fullPage: true });
  });

  it('makes no request outside the app itself', () => {
    expect(app.requests.length).toBeGreaterThan(0);
    expect(app.requests.filter((u) => !u.startsWith(app.host.origin))).toEqual([]);
  });

  it('shows a clear empty state for a new workspace', async () => {
    const empty = await startApp({ demo: false });
    try {
      const page = await empty.newPage();
      await page.getByText('No reporting periods yet').waitFor();
    } finally {
      await empty.close();
    }
  });
});
