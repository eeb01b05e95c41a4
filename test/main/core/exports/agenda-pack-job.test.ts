/**
 * The agenda pack export as a long job (main/core/jobs): it says how far it has got, in order,
 * and Cancel at any point leaves no file (not even a partial or temporary one) and the
 * workspace file as it was.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, createSession, dispatch, type Handlers, type Session } from '../../../../main/core/app';
import { AGENDA_PACK_CANCELLED } from '../../../../shared/api/jobs';
import { renderAppendixPdf } from '../../../../main/core/exports/pdf';
import { writeExportFile } from '../../../../main/core/exports/write-file';
import { cancelJob, watchJobs } from '../../../../main/core/jobs';
import { writeDemoWorkspace } from '../../../../main/core/workspace';
import type { JobProgress } from '../../../../shared/api/types';
import { makePng } from '../../../fixtures/png';
import { env } from '../demo-support';

let dir: string;
let file: string;
let session: Session;
let handlers: Handlers;
let charts: Array<{ indicatorId: number; trendPng: string; districtPng: string }>;
const PERIOD = '2014/15 Q4';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-pack-job-'));
  file = path.join(dir, 'board.boardpack');
  session = createSession({ workspace: await writeDemoWorkspace(file, env), env });
  handlers = createHandlers(session);
  const model = await handlers['dashboard.get']({ period: PERIOD });
  const trendPng = makePng(300, 138).toString('base64');
  const districtPng = makePng(270, 138, [91, 139, 208]).toString('base64');
  charts = model.outcomes.flatMap((o) => o.indicators).map((row) => ({ indicatorId: row.indicatorId, trendPng, districtPng }));
}, 60_000);
afterAll(async () => {
  await session.workspace.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the export, telling `onProgress` each report; returns what was reported and the answer. */
async function exportPack(target: string, onProgress: (p: JobProgress) => void = () => undefined) {
  const seen: JobProgress[] = [];
  watchJobs(session, (p) => {
    seen.push(p);
    onProgress(p);
  });
  const response = await dispatch(handlers, 'export.agendaPack', { period: PERIOD, charts, path: target });
  return { seen, response };
}

const folderHolds = async () => (await readdir(dir)).sort();

describe('the agenda pack export as a long job', () => {
  it('reports its phases in order, each counting up, and says when it has finished', async () => {
    const target = path.join(dir, 'pack.pdf');
    const { seen, response } = await exportPack(target);
    expect(response.ok).toBe(true);
    const running = seen.filter((p) => p.running);
    expect(running.every((p) => p.kind === 'export' && !p.cancelled)).toBe(true);
    // Each phase once, in this order.
    const phases = running.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['preparing', 'laying-out', 'writing']);
    // Within a phase the count and the share only go up.
    for (let i = 1; i < running.length; i += 1) {
      const [a, b] = [running[i - 1]!, running[i]!];
      if (a.phase !== b.phase) continue;
      expect(b.done).toBeGreaterThanOrEqual(a.done);
      expect(b.fraction).toBeGreaterThanOrEqual(a.fraction);
    }
    // Every indicator's page is prepared and counted; every page is laid out and counted.
    // (The job starts uncounted, 0 of 0, before it knows how many indicators the period has.)
    expect(running[0]).toMatchObject({ phase: 'preparing', done: 0, total: 0 });
    const preparing = running.filter((p) => p.phase === 'preparing' && p.total > 0);
    expect(preparing.map((p) => p.done)).toEqual(Array.from({ length: charts.length + 1 }, (_, i) => i));
    expect(preparing.every((p) => p.total === charts.length)).toBe(true);
    const pages = running.filter((p) => p.phase === 'laying-out' && p.total > 0);
    const last = pages[pages.length - 1]!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBeGreaterThan(charts.length);
    expect(running[running.length - 1]).toMatchObject({ phase: 'writing', fraction: 1 });
    // Then nothing is running.
    expect(seen[seen.length - 1]).toMatchObject({ running: false, kind: null });
    expect(await handlers['jobs.progress']({})).toMatchObject({ running: false });
    expect((await readFile(target)).subarray(0, 5).toString()).toBe('%PDF-');
    await rm(target);
  });

  const cancelPoints: Array<[string, (p: JobProgress) => boolean]> = [
    ['while the pages are prepared', (p) => p.phase === 'preparing' && p.done === 3],
    ['while the pages are laid out', (p) => p.phase === 'laying-out' && p.done === 1],
    ['while the file is drawn', (p) => p.phase === 'writing' && p.fraction > 0.3],
  ];
  for (const [when, at] of cancelPoints) {
    it(`cancelled ${when}: says so plainly, writes no file, and leaves the workspace as it was`, async () => {
      await session.workspace.save();
      const before = await readFile(file);
      const folder = await folderHolds();
      const target = path.join(dir, 'cancelled.pdf');
      let cancelledAt: JobProgress | null = null;
      const { seen, response } = await exportPack(target, (p) => {
        if (!cancelledAt && p.running && at(p)) {
          cancelledAt = p;
          expect(cancelJob(session)).toBe(true);
        }
      });
      expect(cancelledAt).not.toBeNull();
      expect(response).toEqual({ ok: false, error: { code: 'conflict', message: AGENDA_PACK_CANCELLED } });
      // The job said it was cancelled, and after that nothing moved on.
      const after = seen.slice(seen.findIndex((p) => p.cancelled));
      expect(after[0]).toMatchObject({ running: true, cancelled: true });
      expect(after.slice(1, -1)).toEqual([]);
      expect(after[after.length - 1]).toMatchObject({ running: false });
      expect(await folderHolds()).toEqual(folder);
      expect((await readFile(file)).equals(before)).toBe(true);
    });
  }

  it('a Cancel pressed in the host (asked for without a message) stops it too', async () => {
    const target = path.join(dir, 'flag.pdf');
    let pressed = false;
    session.cancelRequested = () => pressed;
    try {
      const { response } = await exportPack(target, (p) => {
        if (p.phase === 'laying-out') pressed = true;
      });
      expect(response).toMatchObject({ ok: false, error: { message: AGENDA_PACK_CANCELLED } });
    } finally {
      delete session.cancelRequested;
    }
    expect(await folderHolds()).not.toContain('flag.pdf');
  });

  it('one long job at a time: an import while the export runs is refused, and says why', async () => {
    const csv = path.join(dir, 'one.csv');
    await writeFile(csv, 'indicator,area,period,value\nX,Blaby,2023/24,1\n');
    let refused: unknown = null;
    let progress: unknown = null;
    const { response } = await exportPack(path.join(dir, 'busy.pdf'), (p) => {
      if (refused === null && p.phase === 'preparing' && p.done === 1) {
        refused = 'pending';
        void dispatch(handlers, 'import.files', { paths: [csv], dryRun: true }).then((r) => (refused = r));
        void handlers['jobs.progress']({}).then((r) => (progress = r));
      }
    });
    expect(response.ok).toBe(true);
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: 'An export is running; wait for it to finish, or cancel it.' } });
    expect(progress).toMatchObject({ running: true, kind: 'export' });
    expect(await handlers['import.progress']({})).toMatchObject({ running: false });
    expect(await handlers['jobs.cancel']({})).toEqual({ cancelled: false });
    await rm(path.join(dir, 'busy.pdf'));
    await rm(csv);
  });
});

describe('the PDF laid out in one go by pdfmake', () => {
  it('can be stopped part way through its layout, before any page is finished', async () => {
    const model = await handlers['dashboard.get']({ period: PERIOD });
    let checks = 0;
    let pages = 0;
    const stop = new Error('stopped');
    const rendering = renderAppendixPdf(model, {
      author: 'tester',
      progress: {
        onPlanned: () => undefined,
        check: () => {
          checks += 1;
          if (checks === 20) throw stop;
        },
        onPage: () => (pages += 1),
        onDrawn: () => undefined,
      },
    });
    await expect(rendering).rejects.toBe(stop);
    expect(checks).toBe(20);
    expect(pages).toBe(0);
    // Unstopped, it is asked many times over while the pages are laid out.
    checks = 0;
    const whole = await renderAppendixPdf(model, { author: 'tester', progress: { onPlanned: () => undefined, check: () => (checks += 1), onPage: () => (pages += 1), onDrawn: () => undefined } });
    expect(whole.pageCount).toBeGreaterThan(0);
    expect(checks).toBeGreaterThan(100);
  });
});

describe('writeExportFile stopped before it replaces the target', () => {
  it('removes its temporary file and leaves the old file as it was', async () => {
    const target = path.join(dir, 'old.pdf');
    await writeFile(target, 'the old export');
    const before = await folderHolds();
    const stop = new Error('stopped');
    await expect(
      writeExportFile(target, Buffer.from('new'), undefined, () => {
        throw stop;
      }),
    ).rejects.toBe(stop);
    expect(await readFile(target, 'utf8')).toBe('the old export');
    expect(await folderHolds()).toEqual(before);
    await rm(target);
  });
});
