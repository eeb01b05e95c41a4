import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictComparison, Trend } from '../../shared/api/types';
import { formatNumber } from '../../shared/domain/format';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const VEHICLE_COUNTS = 'Police recorded crime: Vehicle crime (count)';
const TOTAL_RATE = 'Total Crime rate (per 1,000 population)';
const DISTRICT = 'Hinckley and Bosworth';
const LEICESTERSHIRE_DISTRICTS = ['Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston'];

let app: App;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

/** Calls the app's own API from the page, as the renderer does (same origin, same token). */
async function api<T>(page: Page, method: string, args: unknown): Promise<T> {
  return page.evaluate(
    async ([m, a]) => {
      const token = new URLSearchParams(window.location.search).get('token') ?? '';
      const r = await fetch(`./api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Boardpack-Token': token }, body: JSON.stringify(a) });
      const body = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message);
      return body.value;
    },
    [method, args] as const,
  ) as Promise<T>;
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openCharts(page: Page) {
  // Keyboard: focus the Dashboard tab, arrow along to Charts, select it.
  const dashboardTab = page.getByRole('tab', { name: 'Dashboard' });
  await dashboardTab.waitFor();
  await dashboardTab.focus();
  const tabs = await page.getByRole('tab').allInnerTexts();
  for (let i = 0; i < tabs.findIndex((t) => t.trim() === 'Charts'); i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Charts' }).getAttribute('aria-selected')).resolves.toBe('true');
  await page.getByRole('combobox', { name: 'Indicator' }).waitFor();
}

describe('charts in Chromium', () => {
  it('draws the XmR chart of a district\'s vehicle crime counts with figures that match the API and the SPC arithmetic', async () => {
    const page = await app.newPage();
    await openCharts(page);
    await page.locator('.trend-canvas').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'charts-page.png'), fullPage: true });
    await choose(page, 'Indicator', VEHICLE_COUNTS);
    await choose(page, 'Area', DISTRICT);

    const card = page.locator('section.chart-card').filter({ has: page.locator('#trend-heading') });
    // The figures sit in a closed <details> until asked for: hidden from the accessibility tree.
    const table = card.getByRole('table', { includeHidden: true, name: new RegExp(`^${VEHICLE_COUNTS.replace(/[()]/g, '\\$&')}, ${DISTRICT}: monthly values`) });
    await table.waitFor({ state: 'attached' });
    await expect(card.getByRole('img', { name: /^Statistical process control chart/ }).getAttribute('aria-label')).resolves.toMatch(/^Statistical process control chart of Police recorded crime: Vehicle crime \(count\) for Hinckley and Bosworth, monthly from Jan 2023 to Dec 2024\./);
    await page.waitForTimeout(200);
    await card.screenshot({ path: path.join(SHOTS, 'charts-trend.png') });

    await card.getByText('Show the figures').click();
    const rows = table.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(24);
    const months = await rows.locator('th').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-month')));
    const column = (i: number) => rows.evaluateAll((trs, n) => trs.map((tr) => Number(tr.querySelectorAll('td')[n]!.getAttribute('data-value'))), i);
    const columnText = (i: number) => rows.evaluateAll((trs, n) => trs.map((tr) => tr.querySelectorAll('td')[n]!.textContent), i);
    const values = await column(0);
    const means = await column(1);
    const uppers = await column(3);

    const expectedMonths = Array.from({ length: 24 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    expect(months).toEqual(expectedMonths);
    const trend = await api<Trend>(page, 'chart.trend', { indicator: VEHICLE_COUNTS, area: DISTRICT });
    expect(trend.points.map((p) => p.periodStart)).toEqual(expectedMonths);
    expect(values).toEqual(trend.points.map((p) => p.value));
    expect(await columnText(0)).toEqual(trend.points.map((p) => formatNumber(p.value, trend.decimals)));

    // By hand: the mean of the 24 values, and mean + 2.66 x the mean moving range.
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
    const meanRange = ranges.reduce((a, b) => a + b, 0) / ranges.length;
    const upper = mean + 2.66 * meanRange;
    for (const m of means) expect(m).toBeCloseTo(mean, 9);
    for (const u of uppers) expect(u).toBeCloseTo(upper, 9);
    expect(new Set(await columnText(1))).toEqual(new Set([formatNumber(mean, trend.decimals)]));
    expect(new Set(await columnText(3))).toEqual(new Set([formatNumber(upper, trend.decimals)]));

    const side = card.getByRole('complementary', { name: 'What the chart shows' });
    const verdict = { common_cause: 'Common cause variation', special_cause_improvement: 'Special cause variation: improvement', special_cause_concern: 'Special cause variation: concern', special_cause_neutral: 'Special cause variation: neither better nor worse' }[trend.variation];
    await expect(side.innerText()).resolves.toContain(verdict);
    await expect(card.innerText()).resolves.toContain('XmR chart: centre line the mean');
  });

  it('shows the Making Data Count variation icon for a known special cause: Melton\'s vehicle crime, Dec 2024 above the upper limit', async () => {
    const page = await app.newPage();
    await openCharts(page);
    await choose(page, 'Indicator', VEHICLE_COUNTS);
    await choose(page, 'Area', 'Melton');
    const card = page.locator('section.chart-card').filter({ has: page.locator('#trend-heading') });
    const table = card.getByRole('table', { includeHidden: true, name: /^Police recorded crime: Vehicle crime \(count\), Melton: monthly values/ });
    await table.waitFor({ state: 'attached' });

    // By hand from the figures shown: the last month lies above mean + 2.66 x mean moving range.
    const values = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td')!.getAttribute('data-value'))));
    expect(values).toHaveLength(24);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const meanRange = values.slice(1).reduce((a, v, i) => a + Math.abs(v - values[i]!), 0) / (values.length - 1);
    expect(values[23]).toBeGreaterThan(mean + 2.66 * meanRange);

    // Fewer vehicle crimes are better, so a point high above the limit is concern, high: an H.
    const side = card.getByRole('complementary', { name: 'What the chart shows' });
    const icon = side.getByRole('img', { name: 'Special cause variation: concern (high)' });
    await expect(icon.getAttribute('data-letter')).resolves.toBe('H');
    await expect(icon.locator('title').textContent()).resolves.toBe('Special cause variation: concern (high)');
    await expect(side.innerText()).resolves.toContain('Special cause variation: concern (high)');
    // No target for this series: no assurance icon, and the panel says why.
    await expect(side.locator('svg.mdc-assurance').count()).resolves.toBe(0);
    await expect(side.innerText()).resolves.toContain('No target: no assurance to judge.');
    const trend = await api<Trend>(page, 'chart.trend', { indicator: VEHICLE_COUNTS, area: 'Melton' });
    expect([trend.variation, trend.points[23]!.side]).toEqual(['special_cause_concern', 'high']);
    await page.waitForTimeout(200);
    await card.screenshot({ path: path.join(SHOTS, 'charts-trend-melton.png') });

    // A common cause series gets the grey icon with no letter.
    await choose(page, 'Area', 'Hinckley and Bosworth');
    const hinckley = await api<Trend>(page, 'chart.trend', { indicator: VEHICLE_COUNTS, area: DISTRICT });
    expect(hinckley.variation).toBe('common_cause');
    const common = side.getByRole('img', { name: 'Common cause variation' });
    await expect(common.getAttribute('data-letter')).resolves.toBe('');
  });

  it('compares the seven Leicestershire districts for total crime with the county line', async () => {
    const page = await app.newPage();
    await openCharts(page);
    await choose(page, 'Indicator', TOTAL_RATE);
    const period = await page.getByRole('combobox', { name: 'Reporting period' }).innerText();

    const card = page.locator('section.chart-card').filter({ has: page.locator('#districts-heading') });
    const table = card.getByRole('table', { includeHidden: true, name: /^Total Crime rate \(per 1,000 population\): districts, 12 months to / });
    await table.waitFor({ state: 'attached' });
    const comparison = await api<DistrictComparison>(page, 'chart.districts', { indicator: TOTAL_RATE, period: period.trim() });
    const countyLabel = `Leicestershire ${formatNumber(comparison.county.value!, comparison.decimals)}`;
    const alt = await card.getByRole('img').getAttribute('aria-label');
    expect(alt).toContain(countyLabel);
    expect(alt).toContain('District average');
    await page.waitForTimeout(200);
    await card.screenshot({ path: path.join(SHOTS, 'charts-districts.png') });

    await card.getByText('Show the figures').click();
    const names = await table.locator('tbody th').allInnerTexts();
    expect([...names].sort()).toEqual(LEICESTERSHIRE_DISTRICTS);
    expect(names).toEqual(comparison.districts.map((d) => d.name));
    await expect(table.locator('tfoot').innerText()).resolves.toContain('Leicestershire');
  });

  it('shows an API error in a message bar, as text', async () => {
    const page = await app.newPage();
    const message = 'No indicator is called "Vehicle <b>crime</b>" (or has it in its name).';
    await page.route('**/api/chart.trend', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'not_found', message } }) }));
    await openCharts(page);
    const card = page.locator('section.chart-card').filter({ has: page.locator('#trend-heading') });
    await card.getByText(message, { exact: true }).waitFor();
    await expect(card.locator('b').count()).resolves.toBe(0);
    // The districts chart does not depend on the failed call.
    await page.locator('.district-canvas').waitFor();
  });

  it('makes no request outside the app itself', () => {
    expect(app.requests.length).toBeGreaterThan(0);
    expect(app.requests.filter((u) => !u.startsWith(app.host.origin))).toEqual([]);
  });
});
