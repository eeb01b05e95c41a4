/** The agenda pack PDF exported from the dashboard: charts drawn in Chromium, the PDF made by the host. */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAppendixPdf } from '../../main/core/exports/pdf';
import { buildAppendix } from '../../main/core/dashboard/appendix';
import { periodByName } from '../../main/core/periods/repo';
import { startApp, type App } from './harness';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
let app: App;
beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
});
afterAll(() => app?.close());

const pdfText = (file: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']).toString().replace(/\s+/g, ' ');

describe('agenda pack from the dashboard', () => {
  it('downloads the appendix followed by a page per indicator with both charts, the figures and the comment', async () => {
    const page = await app.newPage();
    const table = page.getByRole('table', { name: /2024\/25 Q3/ });
    await table.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Export agenda pack (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe('Appendix 1 - Safer Communities Performance Dashboard 2024-25 Q3 agenda pack.pdf');
    const file = path.join(SHOTS, 'agenda-pack-2024-25-Q3.pdf');
    await download.saveAs(file);
    await page.getByRole('status').filter({ hasText: /^Exported .*agenda pack\.pdf": the appendix and a page for each of \d+ indicators \(charts for \d+\)\.$/ }).waitFor();

    const db = app.session.workspace.db;
    const model = buildAppendix(db, periodByName(db, '2024/25 Q3')!);
    const rows = model.outcomes.flatMap((o) => o.indicators.map((row) => ({ outcome: o, row })));
    const appendix = await renderAppendixPdf(model, { author: 'analyst' });
    const info = execFileSync('pdfinfo', [file]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBe(appendix.pageCount + rows.length);
    expect(info).toMatch(/Subject:\s+Agenda pack: performance dashboard 2024\/25 Q3/);

    for (const [i, { outcome, row }] of rows.entries()) {
      const n = appendix.pageCount + 1 + i;
      const text = pdfText(file, n);
      expect(text).toContain(row.name);
      expect(text).toContain(row.previous.text);
      expect(text).toContain(row.latest.text);
      expect(text).toContain(`Page ${n} of ${pages}`);
      expect(text).toMatch(/Leicestershire, monthly, Jan 2023 to Dec 2024 \(24 months\)/);
      if (outcome.comment.trim()) expect(text).toContain(outcome.comment.trim().split(/\s+/).slice(0, 5).join(' '));
      expect(text).not.toContain('No monthly series to chart');
      expect(text).not.toContain('No district comparison');
    }
    // Two images (trend, districts) on every indicator page.
    const images = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').slice(2);
    const perPage = new Map<number, number>();
    for (const line of images) {
      const [pageNo, , type] = line.trim().split(/\s+/);
      if (type === 'image') perPage.set(Number(pageNo), (perPage.get(Number(pageNo)) ?? 0) + 1);
    }
    for (let n = appendix.pageCount + 1; n <= pages; n += 1) expect(perPage.get(n)).toBe(2);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(appendix.pageCount + 2), file, path.join(SHOTS, 'agenda-pack-page')]);
  });
});
