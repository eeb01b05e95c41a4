/** Trend chart options (rolling 12 months, rebase, projection) and charts saved or copied as PNG. */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trend } from '../../shared/api/types';
import { variationIcon } from '../../shared/domain/mdcIcons';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const VEHICLE_COUNTS = 'Police recorded crime: Vehicle crime (count)';
let app: App;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openCharts(page: Page) {
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.getByRole('combobox', { name: 'Indicator' }).waitFor();
  await page.locator('.trend-canvas').waitFor();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const trendCard = (page: Page) => page.locator('section.chart-card').filter({ has: page.locator('#trend-heading') });

describe('trend chart options in Chromium', () => {
  it('shows the year-earlier line and a projection with its method, and rebases the limits', async () => {
    const page = await app.newPage();
    await openCharts(page);
    await choose(page, 'Indicator', VEHICLE_COUNTS);
    await choose(page, 'Area', 'Charnwood');
    const card = trendCard(page);
    await expect.poll(() => card.locator('.trend-canvas').getAttribute('aria-label')).toContain('Charnwood');
    await expect(card.getByRole('list', { name: 'Key' }).innerText()).resolves.toContain('Same months a year earlier');

    await choose(page, 'Project to', 'End of 2025/26');
    await card.locator(".chart-method").getByText(/Projection: a straight line fitted by least squares to the 24 values shown/).waitFor();
    await expect(card.locator('.trend-canvas').getAttribute('aria-label')).resolves.toMatch(/Straight-line projection to Mar 2026: /);

    const upperBefore = await card.locator('table.figures tbody tr').last().locator('td').nth(3).getAttribute('data-value');
    await choose(page, 'Recalculate limits from', 'Jan 2024');
    await card.getByText(/Limits recalculated from 2024-01/).waitFor();
    const upperAfter = await card.locator('table.figures tbody tr').last().locator('td').nth(3).getAttribute('data-value');
    expect(upperAfter).not.toBe(upperBefore);
    await page.waitForTimeout(150);
    await card.screenshot({ path: path.join(SHOTS, 'charts-trend-projection-rebase.png') });
  });

  it('rolling 12 months: 13 rolling totals, no SPC, and says why', async () => {
    const page = await app.newPage();
    await openCharts(page);
    await choose(page, 'Indicator', VEHICLE_COUNTS);
    await choose(page, 'Area', 'Charnwood');
    await choose(page, 'Series', 'Rolling 12 months');
    const card = trendCard(page);
    await card.getByText('No SPC in this view.').waitFor();
    await expect(card.getByRole('combobox', { name: 'Recalculate limits from' }).isDisabled()).resolves.toBe(true);
    await expect(card.locator('table.figures tbody tr').count()).resolves.toBe(13);
    await expect(card.locator('.chart-method').innerText()).resolves.toContain('No statistical process control');
    await page.waitForTimeout(150);
    await card.screenshot({ path: path.join(SHOTS, 'charts-trend-rolling12.png') });
  });
});

describe('charts as images', () => {
  it('saves the trend and the district chart as PNGs at print resolution (3x)', async () => {
    const page = await app.newPage();
    await openCharts(page);
    const card = trendCard(page);
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Save as PNG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Vehicle Crime rate \(per 1,000 population\), Charnwood\.png$/);
    const file = path.join(SHOTS, 'chart-trend-print.png');
    await download.saveAs(file);
    expect(pngSize(await readFile(file))).toEqual({ width: 3000, height: 1380 });
    await card.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    // The file carries the chart's alt text (what a screen reader hears on the page) and title.
    const saved = await readFile(file);
    const pngText = (keyword: string) => {
      const at = saved.indexOf(Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1'));
      if (at < 0) return null;
      const length = saved.readUInt32BE(at - 8);
      return saved.toString('utf8', at + keyword.length + 5, at + length);
    };
    const alt = await card.getByRole('img', { name: /^Statistical process control chart/ }).getAttribute('aria-label');
    expect(pngText('Description')).toBe(alt);
    expect(pngText('Title')).toBe('Vehicle Crime rate (per 1,000 population), Charnwood');
    // The variation icon is drawn in the top right corner, in its colour (as on the page).
    const verdict = await card.getByRole('complementary', { name: 'What the chart shows' }).locator('svg.mdc-variation').getAttribute('aria-label');
    const trend = await page.evaluate(async () => {
      const token = new URLSearchParams(window.location.search).get('token') ?? '';
      const r = await fetch('./api/chart.trend', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Boardpack-Token': token }, body: JSON.stringify({ indicator: 'Vehicle Crime rate (per 1,000 population)', area: 'Charnwood' }) });
      return ((await r.json()) as { value: Trend }).value;
    });
    const icon = variationIcon(trend.variation, trend.points[trend.points.length - 1]!.side);
    expect(verdict).toBe(icon.label);
    const inCorner = await page.evaluate(
      async ({ base64, colour }) => {
        // Decoded by the browser from the bytes (the page's CSP allows no data: fetch).
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(image.width, image.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(image, 0, 0);
        const count = (x: number, y: number, w: number, h: number) => {
          const { data } = ctx.getImageData(x, y, w, h);
          const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
          let n = 0;
          for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) < 10 && Math.abs(data[i + 1]! - g!) < 10 && Math.abs(data[i + 2]! - b!) < 10) n += 1;
          return n;
        };
        // The top right corner (3x: 130 x 47 CSS pixels), and the same band's far left for contrast
        // (the title's anti-aliased text may hold a few pixels of a grey).
        return { corner: count(image.width - 390, 0, 390, 140), left: count(0, 0, 390, 140) };
      },
      { base64: saved.toString('base64'), colour: icon.colour },
    );
    expect(inCorner.corner).toBeGreaterThan(500);
    expect(inCorner.corner).toBeGreaterThan(inCorner.left * 3);

    const districts = page.locator('section.chart-card').filter({ has: page.locator('#districts-heading') });
    await districts.locator('.district-canvas').waitFor();
    const [d2] = await Promise.all([page.waitForEvent('download'), districts.getByRole('button', { name: 'Save as PNG' }).click()]);
    const file2 = path.join(SHOTS, 'chart-districts-print.png');
    await d2.saveAs(file2);
    expect(pngSize(await readFile(file2))).toEqual({ width: 2700, height: (7 * 40 + 90 + 40) * 3 });
  });

  it('copies a chart to the clipboard as a PNG', async () => {
    const page = await app.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    await openCharts(page);
    const card = trendCard(page);
    await card.getByRole('button', { name: 'Copy chart' }).click();
    await card.getByRole('status').filter({ hasText: 'Chart copied to the clipboard' }).waitFor();
    const copied = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const blob = await items[0]!.getType('image/png');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return { type: blob.type, width: new DataView(bytes.buffer).getUint32(16) };
    });
    expect(copied).toEqual({ type: 'image/png', width: 3000 });
  });

  it('says clearly when the clipboard is not available', async () => {
    const page = await app.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'ClipboardItem', { value: undefined });
    });
    await page.reload();
    await openCharts(page);
    const card = trendCard(page);
    await card.getByRole('button', { name: 'Copy chart' }).click();
    await card.getByRole('status').filter({ hasText: 'Copying images to the clipboard is not available here' }).waitFor();
  });
});
