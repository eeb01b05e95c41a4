/**
 * The core in a process of its own (main/process): a real Node child process running the
 * handler table and a real workspace, driven through the message protocol as the browser host
 * and Electron's main process drive it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkCore, type CoreClient } from '../../../main/process/core-client';
import { parseCoreMessage, parseHostMessage } from '../../../main/process/protocol';
import { writeDemoWorkspace } from '../../../main/core/workspace';
import { createHandlers, createSession } from '../../../main/core/app';
import { startHost } from '../../../main/host/server';
import { exportToSave, relayCall } from '../../../main/process/relay';
import type { ImportReport, JobProgress, WorkspaceInfo } from '../../../shared/api/types';
import type { AppendixModel } from '../../../shared/domain/appendix';
import { AGENDA_PACK_CANCELLED } from '../../../shared/api/jobs';
import { makePng } from '../../fixtures/png';
import { sharedData } from '../../shared-folder';
import { env } from '../core/demo-support';

let dir: string;
let demo: string;
let policeFiles: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-core-process-'));
  demo = path.join(dir, 'demo.boardpack');
  await (await writeDemoWorkspace(demo, env)).close();
  const folder = sharedData('police-uk');
  policeFiles = (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(folder, f));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function startCore(workspace = demo): Promise<CoreClient> {
  const core = forkCore({ dataDir: path.join(dir, 'data'), workspace, osUser: 'analyst', saveDelayMs: 0 });
  await core.ready;
  return core;
}

describe('the protocol', () => {
  it('accepts only its own messages, on both sides', () => {
    expect(parseHostMessage({ type: 'call', id: 1, method: 'workspace.info', params: {} })).toEqual({ type: 'call', id: 1, method: 'workspace.info', params: {} });
    expect(parseHostMessage({ type: 'cancel', id: 3 })).toEqual({ type: 'cancel', id: 3 });
    for (const junk of [null, 'call', [], { type: 'call', id: 0, method: 'x' }, { type: 'call', id: 1.5, method: 'x' }, { type: 'call', id: 1 }, { type: 'eval', code: '1' }, { type: 'start', config: { dataDir: 1, osUser: 'x' } }]) {
      expect(parseHostMessage(junk)).toBeNull();
    }
    expect(parseCoreMessage({ type: 'result', id: 2, response: { ok: true, value: 1 } })).not.toBeNull();
    expect(parseCoreMessage({ type: 'result', id: 2, response: { ok: false } })).toBeNull();
    expect(parseCoreMessage({ type: 'progress', id: 2, progress: { running: true, file: 'a', fraction: 'half', cancelled: false } })).toBeNull();
  });
});

describe('the core in a child process', () => {
  it('opens the workspace it is given, answers calls, names the workspace, and releases its lock when stopped', async () => {
    const core = await startCore();
    expect(core.workspace).toMatchObject({ file: demo, title: expect.any(String) });
    expect(core.workspace!.recent).toEqual([demo]);
    expect(await stat(`${demo}.lock`).then(() => true)).toBe(true);
    const info = await core.call('workspace.info', {});
    expect(info.ok && (info.value as WorkspaceInfo).isDemo).toBe(true);
    const wrong = await core.call('no.such.method', {});
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const invalid = await core.call('dashboard.get', { period: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(await core.stop()).toBeNull();
    expect(await stat(`${demo}.lock`).then(() => true, () => false)).toBe(false);
  });

  it('answers another call while a 24-month police.uk import runs, and reports the import\'s progress', async () => {
    const core = await startCore();
    const order: string[] = [];
    const seen: number[] = [];
    const importing = core.call('import.files', { paths: policeFiles, dryRun: true }).then((r) => {
      order.push('import');
      return r;
    });
    // Progress as the renderer polls it, answered by the host side from the core's events.
    const poll = setInterval(() => {
      void core.call('import.progress', {}).then((r) => {
        if (r.ok) seen.push((r.value as { fraction: number }).fraction);
      });
    }, 20);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const info = await core.call('workspace.info', {}).then((r) => {
      order.push('info');
      return r;
    });
    const report = await importing;
    clearInterval(poll);
    expect(info.ok).toBe(true);
    expect(order).toEqual(['info', 'import']);
    if (!report.ok) throw new Error(report.error.message);
    expect((report.value as ImportReport).files).toHaveLength(24);
    expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
    await core.stop();
  }, 60_000);

  it('holds a call that changes the workspace until the running import has ended (it would land inside the import\'s transaction), and keeps that change', async () => {
    const copy = path.join(dir, 'held.boardpack');
    await (await writeDemoWorkspace(copy, env)).close();
    const core = await startCore(copy);
    const listed = await core.call('periods.list', {});
    const draft = listed.ok ? (listed.value as Array<{ name: string; locked: boolean }>).find((p) => !p.locked)!.name : '';
    const order: string[] = [];
    const importing = core.call('import.files', { paths: policeFiles, dryRun: true }).then((r) => (order.push('import'), r));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [periods, titled] = await Promise.all([
      core.call('periods.list', {}).then((r) => (order.push('periods.list'), r)),
      core.call('periods.setTitle', { period: draft, title: 'Held until the import ended' }).then((r) => (order.push('periods.setTitle'), r)),
    ]);
    expect((await importing).ok).toBe(true);
    expect(order).toEqual(['periods.list', 'import', 'periods.setTitle']);
    expect(periods.ok).toBe(true);
    expect(titled).toMatchObject({ ok: true, value: { title: 'Held until the import ended' } });
    // The plan rolled back its own work only: the change made after it is kept.
    const after = await core.call('periods.list', {});
    expect(after.ok && (after.value as Array<{ name: string; title: string | null }>).find((p) => p.name === draft)?.title).toBe('Held until the import ended');
    await core.stop();
  }, 60_000);

  it('answers a call that only reads with what the workspace held before the import, never half of it, while the import stores its values', async () => {
    const copy = path.join(dir, 'reads.boardpack');
    await (await writeDemoWorkspace(copy, env)).close();
    const core = await startCore(copy);
    // A new board's workspace has no crime series: the import makes one per crime type.
    const board = path.join(dir, 'reads-board.boardpack');
    expect((await core.call('workspace.createForBoard', { path: board, area: 'Leicestershire' })).ok).toBe(true);
    const series = async () => {
      const r = await core.call('indicators.list', {});
      return r.ok ? (r.value as { dataSeries: Array<{ name: string }> }).dataSeries.map((d) => d.name).sort() : null;
    };
    const before = await series();
    let ended = false;
    // A plan: it stores everything in its transaction, then rolls it back.
    const importing = core.call('import.files', { paths: policeFiles, dryRun: true }).finally(() => (ended = true));
    const seen: Array<string[] | null> = [];
    while (!ended) {
      seen.push(await series());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await importing).ok).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    for (const answer of seen) expect(answer).toEqual(before);
    await core.stop();
  }, 120_000);

  it('cancels a running import at the user\'s word, leaving the workspace file byte for byte as it was', async () => {
    const copy = path.join(dir, 'cancel.boardpack');
    await (await writeDemoWorkspace(copy, env)).close();
    const before = await readFile(copy);
    const core = await startCore(copy);
    const importing = core.call('import.files', { paths: policeFiles });
    // Wait until reading is under way, then press Cancel as the Import screen does.
    for (;;) {
      const p = await core.call('import.progress', {});
      if (p.ok && (p.value as { fraction: number }).fraction > 0.1) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await core.call('import.cancel', {})).toEqual({ ok: true, value: { cancelled: true } });
    expect((await core.call('import.progress', {})).ok).toBe(true);
    const result = await importing;
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cancelled: nothing was changed/) } });
    expect(await core.stop()).toBeNull();
    expect((await readFile(copy)).equals(before)).toBe(true);
  }, 60_000);

  it('the agenda pack export: the host answers jobs.progress while the core works, and Cancel leaves no file and the workspace as it was', async () => {
    const copy = path.join(dir, 'pack.boardpack');
    await (await writeDemoWorkspace(copy, env)).close();
    const before = await readFile(copy);
    const core = await startCore(copy);
    const model = await core.call('dashboard.get', { period: '2014/15 Q4' });
    if (!model.ok) throw new Error(model.error.message);
    const png = makePng(300, 138).toString('base64');
    const charts = (model.value as AppendixModel).outcomes.flatMap((o) => o.indicators).map((row) => ({ indicatorId: row.indicatorId, trendPng: png, districtPng: png }));
    const target = path.join(dir, 'pack.pdf');
    const exporting = core.call('export.agendaPack', { period: '2014/15 Q4', charts, path: target });
    // Answered by the host side from the core's events (the core itself may be busy).
    const seen: JobProgress[] = [];
    for (;;) {
      const p = await core.call('jobs.progress', {});
      if (p.ok) seen.push(p.value as JobProgress);
      if (p.ok && (p.value as JobProgress).running) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen.at(-1)).toMatchObject({ running: true, kind: 'export' });
    expect(await core.call('import.progress', {})).toMatchObject({ ok: true, value: { running: false } });
    expect(await core.call('jobs.cancel', {})).toEqual({ ok: true, value: { cancelled: true } });
    expect(await core.call('jobs.progress', {})).toMatchObject({ ok: true, value: { running: true, cancelled: true } });
    expect(await exporting).toEqual({ ok: false, error: { code: 'conflict', message: AGENDA_PACK_CANCELLED } });
    expect(await stat(target).then(() => true, () => false)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.startsWith('pack.pdf'))).toEqual([]);
    // Not cancelled: the same export writes its file.
    const done = await core.call('export.agendaPack', { period: '2014/15 Q4', charts, path: target });
    expect(done).toMatchObject({ ok: true, value: { path: target } });
    expect(await core.stop()).toBeNull();
    expect((await readFile(copy)).equals(before)).toBe(true);
  }, 120_000);

  it('says so when the core process dies, instead of leaving a call waiting', async () => {
    const core = await startCore();
    const importing = core.call('import.files', { paths: policeFiles, dryRun: true });
    core.kill();
    expect(await importing).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/core stopped unexpectedly/) } });
    expect(await core.call('workspace.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  }, 30_000);
});

describe('the browser host with the core in its own process', () => {
  it('answers another API call over HTTP while an import runs, and serves the page', async () => {
    const page = path.join(dir, 'renderer');
    await mkdir(page, { recursive: true });
    await writeFile(path.join(page, 'index.html'), '<!doctype html><title>Boardpack</title>');
    const core = await startCore();
    const host = await startHost({ core: (method, args) => core.call(method, args), rendererDir: page });
    const api = (method: string, body: unknown) =>
      fetch(`${host.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-boardpack-token': host.token }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ ok: boolean; value?: unknown }>);
    try {
      const order: string[] = [];
      const importing = api('import.files', { paths: policeFiles, dryRun: true }).then((r) => (order.push('import'), r));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const [info, index, progress] = await Promise.all([
        api('periods.list', {}).then((r) => (order.push('periods'), r)),
        fetch(`${host.origin}/`).then((r) => r.text()),
        api('import.progress', {}),
      ]);
      const report = await importing;
      expect(order).toEqual(['periods', 'import']);
      expect(info.ok).toBe(true);
      expect((info.value as Array<{ name: string }>).map((p) => p.name)).toContain('2014/15 Q4');
      expect(index).toContain('<title>Boardpack</title>');
      expect(progress).toMatchObject({ ok: true, value: { running: true } });
      expect(report.ok).toBe(true);
    } finally {
      await host.close();
      await core.stop();
    }
  }, 60_000);
});

describe('files sent once by the browser version, then named by handle', () => {
  it('streams a file to the host as bytes, plans it twice and imports it by its handle, then lets it go', async () => {
    const page = path.join(dir, 'renderer-upload');
    await mkdir(page, { recursive: true });
    await writeFile(path.join(page, 'index.html'), '<!doctype html><title>Boardpack</title>');
    const copy = path.join(dir, 'upload.boardpack');
    const source = policeFiles[0]!;
    {
      // The demo already holds this month: clear Blaby's count so the import has a value to add
      // (an import that changes nothing is not recorded).
      const demo = await writeDemoWorkspace(copy, env);
      const h = createHandlers(createSession({ workspace: demo, env }));
      const allCrime = (await h['indicators.list']({})).dataSeries.find((i) => i.name === 'Police recorded crime: all crime excluding anti-social behaviour (count)')!;
      const month = path.basename(source).slice(0, 7);
      const cleared = await h['values.set']({ indicatorId: allCrime.id, cells: [{ areaCode: 'E07000129', first: month, last: month, text: '' }] });
      expect(cleared.saved).toBe(true);
      await demo.close();
    }
    const core = await startCore(copy);
    const { uploadDir } = await core.ready;
    const host = await startHost({ core: (method, args) => core.call(method, args), rendererDir: page, uploadDir });
    const headers = { 'x-boardpack-token': host.token };
    const api = (method: string, body: unknown) =>
      fetch(`${host.origin}/api/${method}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ ok: boolean; value?: ImportReport; error?: { code: string; message: string } }>);
    try {
      const bytes = await readFile(source);
      // As the page sends files: a line listing them, then their bytes.
      const sent = await fetch(`${host.origin}/upload`, { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: Buffer.concat([Buffer.from(JSON.stringify({ files: [{ name: path.basename(source), size: bytes.length }] }) + '\n'), bytes]) });
      const uploaded = { value: ((await sent.json()) as { ok: true; value: { files: Array<{ handle: string; name: string; bytes: number }> } }).value.files[0]! };
      expect(uploaded.value).toMatchObject({ name: path.basename(source), bytes: bytes.length });
      expect(uploaded.value.handle).toMatch(/^[0-9a-f]{32}$/);
      // The bytes arrived as sent (no base64, nothing changed on the way).
      expect((await readFile(path.join(uploadDir, uploaded.value.handle, path.basename(source)))).equals(bytes)).toBe(true);

      const plan = await api('import.uploaded', { uploads: [uploaded.value.handle], dryRun: true });
      const again = await api('import.uploaded', { uploads: [uploaded.value.handle], dryRun: true });
      expect(plan.ok).toBe(true);
      expect(plan.value!.files[0]!.summary).toMatch(/police\.uk street-level crime/);
      expect(again.value!.files).toEqual(plan.value!.files);
      const done = await api('import.uploaded', { uploads: [uploaded.value.handle] });
      expect(done.ok).toBe(true);
      expect(done.value!.importId).not.toBeNull();
      // Imported: the upload is gone, and naming it again says what to do.
      expect(await stat(path.join(uploadDir, uploaded.value.handle)).then(() => true, () => false)).toBe(false);
      const gone = await api('import.uploaded', { uploads: [uploaded.value.handle], dryRun: true });
      expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/Choose the files again/) } });

      // Without the token nothing is written.
      const forged = await fetch(`${host.origin}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: '{"files":[{"name":"x.csv","size":4}]}\na,b\n' });
      expect(forged.status).toBe(401);
    } finally {
      await host.close();
      await core.stop();
    }
    // Stopping the core removes its upload folder.
    expect(await stat(uploadDir).then(() => true, () => false)).toBe(false);
  }, 60_000);
});

describe('the Electron relay, in plain Node, with the core in a real child process', () => {
  it('passes on only checked calls from the trusted window, and the core\'s answer as it is', async () => {
    const core = await startCore();
    const reached: string[] = [];
    const toCore = (method: string, args: unknown) => {
      reached.push(method);
      return core.call(method, args);
    };
    try {
      expect(await relayCall(toCore, false, 'workspace.info', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not come from the Boardpack window/) } });
      expect(await relayCall(toCore, true, 'process.exit', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(await relayCall(toCore, true, 'dashboard.get', { period: '2014/15 Q4', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
      expect(await relayCall(toCore, true, 'import.files', { paths: [] })).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
      expect(reached).toEqual([]);
      const periods = await relayCall(toCore, true, 'periods.list', {});
      expect(periods.ok && (periods.value as Array<{ name: string }>).map((p) => p.name)).toContain('2014/15 Q4');
      expect(reached).toEqual(['periods.list']);
    } finally {
      await core.stop();
    }
  });

  it('offers export file names (the workspace a launch names and the title: desktop.test.ts)', () => {
    expect(exportToSave('export.appendix', { period: '2014/15 Q4', format: 'pdf' })).toEqual({ defaultName: 'Appendix 2014-15 Q4.pdf', extension: 'pdf' });
    expect(exportToSave('export.appendix', { period: '2014/15 Q4', format: 'pdf', path: '/x.pdf' })).toBeNull();
    expect(exportToSave('dashboard.get', { period: '2014/15 Q4' })).toBeNull();
  });
});
