/** The agenda pack PDF: the appendix, then a page per indicator with its charts and figures. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers, Session } from '../../../../main/core/app';
import { createHandlers } from '../../../../main/core/app';
import { renderAppendixPdf } from '../../../../main/core/exports/pdf';
import { pngSize } from '../../../../main/core/exports/agenda-pack';
import { makePng } from '../../../fixtures/png';
import { demoSession } from '../demo-support';

let session: Session;
let handlers: Handlers;
let dir: string;

beforeAll(async () => {
  session = await demoSession();
  handlers = createHandlers(session);
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-agenda-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await session.workspace.close();
});

const trendPng = makePng(300, 138).toString('base64');
const districtPng = makePng(270, 138, [91, 139, 208]).toString('base64');

function pdfText(file: string, first?: number, last?: number): string {
  const range = first !== undefined ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', [...range, file, '-']).toString().replace(/\s+/g, ' ');
}

function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
}

describe('export.agendaPack', () => {
  for (const periodName of ['2014/15 Q4', '2024/25 Q3']) {
    it(`${periodName}: appendix pages then one page per indicator, with names, figures and comments`, async () => {
      const model = await handlers['dashboard.get']({ period: periodName });
      const rows = model.outcomes.flatMap((o) => o.indicators.map((r) => ({ outcome: o, row: r })));
      const charts = rows.map(({ row }) => ({ indicatorId: row.indicatorId, trendPng, districtPng }));
      const file = path.join(dir, `${periodName.replace('/', '-')}.pdf`);
      const result = await handlers['export.agendaPack']({ period: periodName, charts, path: file });
      expect(result.path).toBe(file);
      expect(result.fileName).toBe(`Appendix 1 - Safer Communities Performance Dashboard ${periodName.replace('/', '-')} agenda pack.pdf`);

      const appendix = await renderAppendixPdf(model, { author: 'tester' });
      const pages = pdfPages(file);
      expect(pages).toBe(appendix.pageCount + rows.length);

      for (const [i, { outcome, row }] of rows.entries()) {
        const page = appendix.pageCount + 1 + i;
        const text = pdfText(file, page);
        expect(text).toContain(row.name.replace(/\s+/g, ' '));
        expect(text).toContain(model.title);
        expect(text).toContain(`Page ${page} of ${pages}`);
        expect(text).toContain('Key:');
        if (row.previous.text) expect(text).toContain(row.previous.text);
        if (row.latest.text) expect(text).toContain(row.latest.text);
        if (outcome.comment.trim()) expect(text).toContain(outcome.comment.trim().split(/\s+/).slice(0, 6).join(' '));
      }
      // The appendix part is the appendix export, page for page.
      const first = pdfText(file, 1);
      expect(first).toContain(model.outcomes[0]!.title.split(/\s+/).slice(0, 3).join(' '));
    });
  }

  it('states the SPC verdict of the county\'s monthly series where there is one', async () => {
    const model = await handlers['dashboard.get']({ period: '2024/25 Q3' });
    const vehicle = model.outcomes.flatMap((o) => o.indicators).find((r) => r.name.startsWith('Vehicle Crime rate'))!;
    const file = path.join(dir, 'vehicle.pdf');
    await handlers['export.agendaPack']({ period: '2024/25 Q3', charts: [{ indicatorId: vehicle.indicatorId, trendPng }], path: file });
    const text = pdfText(file);
    expect(text).toMatch(/Leicestershire, monthly, Jan 2023 to Dec 2024 \(24 months\): (Common cause|Special cause) variation/);
    expect(text).toContain('No district comparison for this indicator.');
  });

  it('without a path, hands the bytes back; images are embedded as sent', async () => {
    const model = await handlers['dashboard.get']({ period: '2014/15 Q4' });
    const id = model.outcomes[0]!.indicators[0]!.indicatorId;
    const result = await handlers['export.agendaPack']({ period: '2014/15 Q4', charts: [{ indicatorId: id, trendPng: makePng(40, 20).toString('base64') }] });
    expect(result.path).toBeNull();
    const bytes = Buffer.from(result.base64!, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'bytes.pdf');
    await writeFile(file, bytes);
    const images = execFileSync('pdfimages', ['-list', file]).toString();
    expect(images).toMatch(/\s40\s+20\s+rgb/);
  });

  it('refuses an image that is not a PNG, an unknown indicator and an oversized image, clearly', async () => {
    const model = await handlers['dashboard.get']({ period: '2014/15 Q4' });
    const id = model.outcomes[0]!.indicators[0]!.indicatorId;
    const { dispatch } = await import('../../../../main/core/app');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).toString('base64');
    const notPng = await dispatch(handlers, 'export.agendaPack', { period: '2014/15 Q4', charts: [{ indicatorId: id, trendPng: jpeg }] });
    expect(notPng).toEqual({ ok: false, error: { code: 'invalid_arguments', message: expect.stringMatching(/^The trend chart for ".+" is not a PNG image/) } });
    const unknown = await dispatch(handlers, 'export.agendaPack', { period: '2014/15 Q4', charts: [{ indicatorId: 99999, trendPng }] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: expect.stringContaining('not in the 2014/15 Q4 appendix') } });
    const huge = await dispatch(handlers, 'export.agendaPack', { period: '2014/15 Q4', charts: [{ indicatorId: id, trendPng: 'A'.repeat(2_900_000) }] });
    expect(huge).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: expect.stringContaining('at most 2 MB') } });
    const dataUrl = await dispatch(handlers, 'export.agendaPack', { period: '2014/15 Q4', charts: [{ indicatorId: id, trendPng: `data:image/png;base64,${trendPng}` }] });
    expect(dataUrl).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: expect.stringContaining('no data: prefix') } });
  });

  it('reads PNG sizes from the header', () => {
    expect(pngSize(makePng(123, 45).toString('base64'))).toEqual({ width: 123, height: 45 });
    expect(pngSize(Buffer.from('GIF89a').toString('base64'))).toBeNull();
  });
});
