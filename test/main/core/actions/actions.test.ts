/**
 * The action log: migration 3 on an existing workspace, adding, editing, closing, reopening and
 * deleting actions (each audited, each undoable and redoable), and the log exported on its own
 * and as a sheet beside the appendix.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers, createSession } from '../../../../main/core/app';
import { MIGRATIONS } from '../../../../main/core/store/migrations';
import { listOutcomes } from '../../../../main/core/indicators/repo';
import { Sqlite } from '../../../../main/core/store/sqlite';
import { Workspace } from '../../../../main/core/store/workspace';
import { runCli } from '../../../../main/cli';
import { demoHandlers, demoSession, env, publishedAppendix } from '../demo-support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-actions-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function emptyHandlers(): Promise<{ workspace: Workspace; h: Handlers }> {
  const workspace = await Workspace.inMemory(env);
  return { workspace, h: createHandlers(createSession({ workspace, env })) };
}

const auditOf = (workspace: Workspace) =>
  workspace.db.all<{ action: string; entity_id: number; field: string | null; old_value: string | null; new_value: string | null; os_user: string }>(
    "SELECT action, entity_id, field, old_value, new_value, os_user FROM audit WHERE entity = 'action' ORDER BY id",
  );

const first = { raisedOn: '2025-01-20', action: 'Review hate crime reporting with the police', officer: 'Community Safety Manager', comments: '', status: 'A' as const };

describe('migration 3 (the action log) on an existing workspace', () => {
  it('adds the action_log table to a version-2 workspace, keeps its content and its old file as a backup', async () => {
    const v2 = await Sqlite.open();
    v2.exec('CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.id <= 2)) {
      v2.exec(m.sql);
      v2.run('INSERT INTO migrations VALUES (?, ?, ?)', [m.id, m.name, '2024-06-01T00:00:00Z']);
    }
    v2.run("INSERT INTO outcomes (title, sort_order) VALUES ('Ongoing reductions in crime', 1)");
    const file = path.join(dir, 'version2.boardpack');
    const oldBytes = Buffer.from(v2.export());
    await writeFile(file, oldBytes);
    v2.close();

    const ws = await Workspace.open(file, env);
    try {
      expect(ws.db.all<{ id: number }>('SELECT id FROM migrations ORDER BY id').map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
      expect(listOutcomes(ws.db).map((o) => o.title)).toEqual(['Ongoing reductions in crime']);
      const h = createHandlers(createSession({ workspace: ws, env }));
      const added = await h['actions.save'](first);
      expect(added).toMatchObject({ number: 1, raisedOn: '2025-01-20', status: 'A', closedOn: null });
    } finally {
      await ws.close();
    }
    // The upgrade saved at once, keeping the version-2 file among the versions beside it.
    const kept = [`${file}.bak`, ...(await readdir(`${file}.backups`).catch(() => [] as string[])).map((f) => path.join(`${file}.backups`, f))];
    const contents = await Promise.all(kept.map((k) => readFile(k).catch(() => null)));
    expect(contents.some((c) => c !== null && Buffer.compare(c, oldBytes) === 0)).toBe(true);
    const reopened = await Workspace.open(file, env);
    expect(reopened.db.all('SELECT number, action FROM action_log')).toEqual([{ number: 1, action: first.action }]);
    await reopened.close();
  });

  it('refuses an action row the schema cannot hold (bad status, blank action)', async () => {
    const { workspace } = await emptyHandlers();
    const insert = (status: string, action: string) =>
      workspace.db.run("INSERT INTO action_log (number, raised_on, action, status, created_at, updated_at) VALUES (1, '2025-01-01', ?, ?, 'x', 'x')", [action, status]);
    expect(() => insert('Purple', 'Do something')).toThrow(/CHECK/);
    expect(() => insert('R', '   ')).toThrow(/CHECK/);
  });
});

describe('managing actions', () => {
  it('adds with the next free No., edits, closes, reopens and deletes, auditing each change', async () => {
    const { workspace, h } = await emptyHandlers();
    const one = await h['actions.save'](first);
    const two = await h['actions.save']({ raisedOn: '2025-01-20', action: 'Report ASB hotspots by ward', officer: 'ASB Coordinator', comments: 'Data from the police', status: 'R' });
    expect([one.number, two.number]).toEqual([1, 2]);
    const ten = await h['actions.save']({ ...first, number: 10, action: 'Bring the domestic abuse needs assessment' });
    expect(ten.number).toBe(10);
    expect((await h['actions.save']({ ...first, action: 'Next one' })).number).toBe(11);

    const edited = await h['actions.save']({ id: two.id, raisedOn: '2025-01-20', action: two.action, officer: 'ASB Coordinator', comments: 'Ward maps shared 30 Jan', status: 'G' });
    expect(edited).toMatchObject({ number: 2, comments: 'Ward maps shared 30 Jan', status: 'G' });

    const closed = await h['actions.close']({ id: two.id });
    expect(closed.closedOn).toBe('2025-01-31'); // the session's today
    expect((await h['actions.list']({ openOnly: true })).map((a) => a.number)).toEqual([1, 10, 11]);
    expect((await h['actions.list']({})).map((a) => a.number)).toEqual([1, 2, 10, 11]);
    const reopened = await h['actions.reopen']({ id: two.id });
    expect(reopened).toMatchObject({ closedOn: null, status: 'G' });
    expect(await h['actions.delete']({ id: ten.id })).toEqual({ deleted: 10 });
    expect((await h['actions.list']({})).map((a) => a.number)).toEqual([1, 2, 11]);

    const audit = auditOf(workspace).filter((a) => a.entity_id === two.id || a.entity_id === ten.id);
    expect(audit.map((a) => [a.action, a.field, a.old_value, a.new_value])).toEqual([
      ['create', null, null, 'No. 2: Report ASB hotspots by ward'],
      ['create', null, null, 'No. 10: Bring the domestic abuse needs assessment'],
      ['update', 'comments', 'Data from the police', 'Ward maps shared 30 Jan'],
      ['update', 'status', 'R', 'G'],
      ['update', 'closed_on', null, '2025-01-31'],
      ['update', 'closed_on', '2025-01-31', null],
      ['delete', null, expect.stringContaining('"number":10'), null],
    ]);
    expect(new Set(audit.map((a) => a.os_user))).toEqual(new Set(['tester']));
  });

  it('answers mistakes with messages an analyst can act on', async () => {
    const { h } = await emptyHandlers();
    const one = await h['actions.save'](first);
    const call = (method: Parameters<typeof dispatch>[1], args: unknown) => dispatch(h, method, args);
    expect(await call('actions.save', { ...first, number: 1 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^No\. 1 is already used by another action .*the next free one is 2/) } });
    expect(await call('actions.save', { ...first, raisedOn: '2025-02-30' })).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: expect.stringMatching(/"raisedOn": a date that exists/) } });
    expect(await call('actions.save', { ...first, raisedOn: '20/01/2025' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/a date written YYYY-MM-DD/) } });
    expect(await call('actions.save', { ...first, action: '   ' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/"action": what the action is/) } });
    expect(await call('actions.save', { ...first, status: 'Purple' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/R \(Red\), A \(Amber\) or G \(Green\)/) } });
    expect(await call('actions.close', { id: one.id, closedOn: '2025-01-01' })).toMatchObject({ ok: false, error: { message: 'Action 1 was raised on 20 Jan 2025, so it cannot be closed earlier (1 Jan 2025).' } });
    await h['actions.close']({ id: one.id, closedOn: '2025-01-25' });
    expect(await call('actions.close', { id: one.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Action 1 is already closed (on 25 Jan 2025).' } });
    expect(await call('actions.reopen', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('undo and redo of action log changes', () => {
  it('undoes and redoes add, edit, close and delete through the app-wide history, keeping the audit trail', async () => {
    const { workspace, h } = await emptyHandlers();
    const one = await h['actions.save'](first);
    await h['actions.save']({ ...first, id: one.id, comments: 'Met 28 Jan' });
    await h['actions.close']({ id: one.id });
    expect((await h['history.get']({})).undo?.label).toBe('Close action 1');

    await h['history.undo']({});
    expect((await h['actions.list']({}))[0]).toMatchObject({ closedOn: null, comments: 'Met 28 Jan' });
    const state = await h['history.undo']({});
    expect(state.undo?.label).toBe('Add action 1');
    expect(state.redo?.label).toBe('Edit action 1');
    expect((await h['actions.list']({}))[0]!.comments).toBe('');
    await h['history.redo']({});
    await h['history.redo']({});
    expect((await h['actions.list']({}))[0]).toMatchObject({ comments: 'Met 28 Jan', closedOn: '2025-01-31' });

    await h['actions.delete']({ id: one.id });
    expect(await h['actions.list']({})).toEqual([]);
    await h['history.undo']({});
    expect((await h['actions.list']({})).map((a) => [a.id, a.number, a.closedOn])).toEqual([[one.id, 1, '2025-01-31']]);

    // Undoing the add removes it; the audit rows of everything stay as the record.
    await h['history.undo']({});
    await h['history.undo']({});
    await h['history.undo']({});
    expect(await h['actions.list']({})).toEqual([]);
    expect(auditOf(workspace).map((a) => a.action)).toEqual(['create', 'update', 'update', 'delete']);
    const undos = workspace.db.all<{ new_value: string }>("SELECT new_value FROM audit WHERE action = 'undo' ORDER BY id").map((r) => r.new_value);
    expect(undos).toEqual(['Close action 1', 'Edit action 1', 'Delete action 1', 'Close action 1', 'Edit action 1', 'Add action 1']);
  });
});

async function readWorkbook(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

describe('exporting the action log', () => {
  it('adds an "Action log" sheet to the appendix workbook, leaving the appendix sheet as published', async () => {
    const { handlers: h } = await demoHandlers();
    const one = await h['actions.save']({ ...first, comments: '=HYPERLINK("http://example.invalid")' });
    await h['actions.save']({ raisedOn: '2025-01-20', action: 'Report ASB hotspots by ward', officer: 'ASB Coordinator', comments: '', status: 'R' });
    await h['actions.close']({ id: one.id, closedOn: '2025-01-30' });

    const file = await h['export.appendix']({ period: '2014/15 Q4', format: 'xlsx' });
    const workbook = await readWorkbook(file.base64!);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Appendix', 'Action log']);
    const appendix = workbook.getWorksheet('Appendix')!;
    expect(appendix.getCell('A1').text).toBe('Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4');
    const published = publishedAppendix();
    expect(appendix.getRow(2).values).toEqual([undefined, ...published[0]!.map((c) => c.trim())]);

    const log = workbook.getWorksheet('Action log')!;
    expect(log.getCell('A1').text).toBe('Action log - Safer Communities Performance Dashboard');
    expect(log.getCell('A2').text).toMatch(/^As at 31 Jan 2025\./);
    expect((log.getRow(3).values as unknown[]).slice(1)).toEqual(['No.', 'Date raised', 'Action', 'Responsible officer', 'Comments', 'Status', 'Date closed']);
    const row1 = log.getRow(4);
    expect(row1.getCell(1).value).toBe(1);
    expect(row1.getCell(2).value).toEqual(new Date(Date.UTC(2025, 0, 20)));
    expect(row1.getCell(2).numFmt).toBe('d mmm yyyy');
    expect(row1.getCell(5).value).toBe('=HYPERLINK("http://example.invalid")'); // text, not a formula
    expect(row1.getCell(5).formula).toBeUndefined();
    expect(row1.getCell(6).value).toBe('Closed');
    expect(row1.getCell(7).value).toEqual(new Date(Date.UTC(2025, 0, 30)));
    const row2 = log.getRow(5);
    expect([row2.getCell(1).value, row2.getCell(3).value, row2.getCell(6).value]).toEqual([2, 'Report ASB hotspots by ward', 'Red']);
    expect((row2.getCell(6).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC00000');
    expect(log.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('leaves the appendix workbook with one sheet while the log is empty', async () => {
    const { handlers: h } = await demoHandlers();
    const workbook = await readWorkbook((await h['export.appendix']({ period: '2014/15 Q4', format: 'xlsx' })).base64!);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Appendix']);
  });

  it('exports the log on its own as CSV (formula-safe), Excel and PDF, or only its open actions', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const one = await h['actions.save']({ ...first, comments: '+44 rota, see =notes' });
    await h['actions.save']({ raisedOn: '2025-01-21', action: 'Report ASB hotspots by ward', officer: 'ASB Coordinator', comments: 'Due March', status: 'G' });
    await h['actions.close']({ id: one.id });

    const csv = await h['export.actions']({ format: 'csv' });
    expect(csv.fileName).toBe('Action log - Safer Communities Performance Dashboard 2025-01-31.csv');
    const text = Buffer.from(csv.base64!, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows).toEqual([
      { 'No.': '1', 'Date raised': '20 Jan 2025', Action: first.action, 'Responsible officer': first.officer, Comments: "'+44 rota, see =notes", Status: 'Closed', 'Date closed': '31 Jan 2025' },
      { 'No.': '2', 'Date raised': '21 Jan 2025', Action: 'Report ASB hotspots by ward', 'Responsible officer': 'ASB Coordinator', Comments: 'Due March', Status: 'Green', 'Date closed': '' },
    ]);

    const open = await readWorkbook((await h['export.actions']({ format: 'xlsx', openOnly: true })).base64!);
    const sheet = open.getWorksheet('Action log')!;
    expect(sheet.getCell('A2').text).toMatch(/open actions only/);
    expect([sheet.getCell('A4').value, sheet.getCell('C4').value, sheet.getCell('F4').value, sheet.getCell('A5').value]).toEqual([2, 'Report ASB hotspots by ward', 'Green', null]);

    const pdfPath = path.join(dir, 'actions.pdf');
    const pdf = await h['export.actions']({ format: 'pdf', path: pdfPath });
    expect(pdf.path).toBe(pdfPath);
    const pdfText = execFileSync('pdftotext', [pdfPath, '-']).toString().replace(/\s+/g, ' ');
    for (const expected of ['Action log - Safer Communities Performance Dashboard', 'As at 31 Jan 2025', 'Responsible officer', 'Report ASB hotspots by ward', 'Green', 'Closed', 'Page 1 of 1']) {
      expect(pdfText).toContain(expected);
    }
  });

  it('boardpack export actions writes the log from the command line', async () => {
    const file = path.join(dir, 'cli.boardpack');
    const ws = await Workspace.create(file, env);
    await createHandlers(createSession({ workspace: ws, env }))['actions.save'](first);
    await ws.close();
    const out = path.join(dir, 'cli-actions.csv');
    const code = await runCli(['export', 'actions', '--workspace', file, '--format', 'csv', '--out', out]);
    expect(code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('Review hate crime reporting with the police,Community Safety Manager,,Amber,');
  });
});
