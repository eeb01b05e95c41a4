/** Undo and redo across the app: edits, deletions and imports, and what cannot be undone. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, createSession, dispatch, type Session } from '../../../../main/core/app';
import type { Undoable } from '../../../../main/core/history';
import { demoHandlers } from '../demo-support';
import { appendixTsv } from '../../../shared-folder';

const APPENDIX = appendixTsv();

describe('undo and redo', () => {
  it('puts back every row an action inserted, changed or deleted, and redoes it', async () => {
    const { session, handlers } = await demoHandlers();
    const ws = session.workspace;
    const db = ws.db;
    const snapshot = () => JSON.stringify([db.all('SELECT * FROM outcomes ORDER BY id'), db.all('SELECT * FROM observations ORDER BY id'), db.all('SELECT * FROM meta ORDER BY key')]);
    const before = snapshot();
    session.history.record('Tidy the workspace', () => {
      db.run("INSERT INTO outcomes (title, sort_order) VALUES ('A new outcome', 99)");
      db.run("UPDATE meta SET value = 'Renamed' WHERE key = 'title'");
      db.run('DELETE FROM observations WHERE id IN (SELECT id FROM observations ORDER BY id LIMIT 5)');
    });
    const after = snapshot();
    expect(after).not.toBe(before);

    expect((await handlers['history.get']({})).undo?.label).toBe('Tidy the workspace');
    await handlers['history.undo']({});
    expect(snapshot()).toBe(before);
    await handlers['history.redo']({});
    expect(snapshot()).toBe(after);
  });

  it('a new action clears what could be redone; an action that changed nothing is not kept', async () => {
    const { session, handlers } = await demoHandlers();
    const ws = session.workspace;
    session.history.record('First', () => ws.db.run("UPDATE meta SET value = 'One' WHERE key = 'title'"));
    await handlers['history.undo']({});
    expect((await handlers['history.get']({})).redo?.label).toBe('First');
    session.history.record('Nothing', () => ws.db.run("UPDATE meta SET value = value WHERE key = 'no such key'"));
    expect((await handlers['history.get']({})).redo?.label).toBe('First');
    session.history.record('Second', () => ws.db.run("UPDATE meta SET value = 'Two' WHERE key = 'title'"));
    const state = await handlers['history.get']({});
    expect(state.undo?.label).toBe('Second');
    expect(state.redo).toBeNull();
    expect(await dispatch(handlers, 'history.redo', {})).toMatchObject({ ok: false, error: { message: 'There is nothing to redo.' } });
  });

  it('refuses to undo over a change made outside the history, changing nothing', async () => {
    const { session, handlers } = await demoHandlers();
    const ws = session.workspace;
    session.history.record('Rename', () => ws.db.run("UPDATE meta SET value = 'Mine' WHERE key = 'title'"));
    ws.mutate(() => ws.db.run("UPDATE meta SET value = 'Theirs' WHERE key = 'title'"));
    const refused = await dispatch(handlers, 'history.undo', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('"Rename" cannot be undone') } });
    expect(ws.db.first<{ value: string }>("SELECT value FROM meta WHERE key = 'title'")?.value).toBe('Theirs');
  });

  it('undoes an import through its journal, then redoes and undoes it again', async () => {
    const { session, handlers } = await demoHandlers();
    const db = session.workspace.db;
    // Unlock the published period so the appendix can be imported over it.
    await handlers['periods.unlock']({ period: '2014/15 Q4', reason: 'Re-import the published table' });
    db.run("UPDATE observations SET value = 1.5 WHERE id = (SELECT o.id FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.name LIKE 'Total Crime rate%' AND o.first_month = '2014-04' LIMIT 1)");
    const values = () => JSON.stringify(db.all('SELECT indicator_id, area_id, first_month, last_month, value FROM observations ORDER BY id'));
    const before = values();
    const report = await handlers['import.files']({ paths: [APPENDIX] });
    expect(report.changed.length).toBeGreaterThan(0);
    const imported = values();
    expect((await handlers['history.get']({})).undo?.label).toBe('Import appendix-2014-15-Q4.tsv');

    await handlers['history.undo']({});
    expect(values()).toBe(before);
    expect((await handlers['imports.list']({}))[0]!.undoneAt).not.toBeNull();
    await handlers['history.redo']({});
    expect(values()).toBe(imported);
    expect((await handlers['imports.list']({}))[0]!.undoneAt).toBeNull();
    await handlers['history.undo']({});
    expect(values()).toBe(before);
  });
});

describe('an import undone from the undo stack or from Recent imports: one history', () => {
  const FILE = 'blaby-june.csv';
  async function importOne(handlers: Awaited<ReturnType<typeof demoHandlers>>['handlers'], dir: string, value = 77): Promise<number> {
    const file = path.join(dir, FILE);
    await writeFile(file, `indicator,area_code,period,value\nPolice recorded crime: Vehicle crime (count),E07000129,Jun 2024,${value}\n`);
    const report = await handlers['import.files']({ paths: [file] });
    expect(report.importId).not.toBeNull();
    return report.importId!;
  }
  const stored = (session: Session) =>
    session.workspace.db.first<{ value: number }>("SELECT o.value FROM observations o JOIN areas a ON a.id = o.area_id WHERE o.indicator_id = 26 AND a.code = 'E07000129' AND o.first_month = '2024-06' AND o.last_month = '2024-06'")?.value;
  const undoneAt = async (handlers: Awaited<ReturnType<typeof demoHandlers>>['handlers'], id: number) => (await handlers['imports.list']({})).find((i) => i.id === id)!.undoneAt;

  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'boardpack-history-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('Recent imports, then the stack: the latest import is undone as Ctrl+Z would, so Redo brings it back', async () => {
    const { session, handlers } = await demoHandlers();
    const before = stored(session);
    const id = await importOne(handlers, dir);
    expect(stored(session)).toBe(77);

    await handlers['imports.undo']({ id });
    expect(stored(session)).toBe(before);
    const state = await handlers['history.get']({});
    // The stack no longer offers to undo it; it offers to redo it.
    expect(state.done.map((e) => e.label)).not.toContain(`Import ${FILE}`);
    expect(state.redo).toMatchObject({ label: `Import ${FILE}`, canRedo: true });
    await handlers['history.redo']({});
    expect(stored(session)).toBe(77);
    expect(await undoneAt(handlers, id)).toBeNull();
    // And Ctrl+Z undoes it again, which Recent imports shows.
    await handlers['history.undo']({});
    expect(stored(session)).toBe(before);
    expect(await undoneAt(handlers, id)).not.toBeNull();
  });

  it('the stack, then Recent imports: Ctrl+Z shows in Recent imports, which then refuses to undo it twice', async () => {
    const { session, handlers } = await demoHandlers();
    const before = stored(session);
    const id = await importOne(handlers, dir);
    await handlers['history.undo']({});
    expect(stored(session)).toBe(before);
    expect(await undoneAt(handlers, id)).not.toBeNull();
    const again = await dispatch(handlers, 'imports.undo', { id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`Import ${id} (${FILE}) was already undone`) } });
    // The refusal changed neither the values nor the stack: Redo still brings the import back.
    expect((await handlers['history.get']({})).redo?.label).toBe(`Import ${FILE}`);
    await handlers['history.redo']({});
    expect(stored(session)).toBe(77);
    expect(await undoneAt(handlers, id)).toBeNull();
  });

  it('an older import undone from Recent imports is a new step: the stack drops the import, and Ctrl+Z brings it back', async () => {
    const { session, handlers } = await demoHandlers();
    const before = stored(session);
    const id = await importOne(handlers, dir);
    recordTitle(session, 'Later change');
    await handlers['imports.undo']({ id });
    expect(stored(session)).toBe(before);
    let state = await handlers['history.get']({});
    expect(state.done.map((e) => e.label)).toEqual([`Undo the import of ${FILE}`, 'Later change']);

    // Ctrl+Z takes the undo back: the import is in force again, and Recent imports says so.
    await handlers['history.undo']({});
    expect(stored(session)).toBe(77);
    expect(await undoneAt(handlers, id)).toBeNull();
    state = await handlers['history.get']({});
    expect(state.undo?.label).toBe('Later change');
    // Redo undoes the import again; Recent imports shows it undone.
    await handlers['history.redo']({});
    expect(stored(session)).toBe(before);
    expect(await undoneAt(handlers, id)).not.toBeNull();
  });

  it('an import from before this session (the CLI, another run) undone from Recent imports can be taken back too', async () => {
    const first = await demoHandlers();
    const id = await importOne(first.handlers, dir);
    // Another session on the same workspace: its history starts empty.
    const session = createSession({ workspace: first.session.workspace, env: first.session.env });
    const handlers = createHandlers(session);
    expect((await handlers['history.get']({})).undo).toBeNull();
    const undone = await handlers['imports.undo']({});
    expect(undone).toMatchObject({ importId: id, files: [FILE], rowsRestored: 1 });
    expect((await handlers['history.get']({})).undo?.label).toBe(`Undo the import of ${FILE}`);
    await handlers['history.undo']({});
    expect(stored(session)).toBe(77);
    expect(await undoneAt(handlers, id)).toBeNull();
  });
});

describe('the session owns the history and the running import', () => {
  it('each session has its own stacks, and opening another workspace starts them afresh', async () => {
    const a = await demoHandlers();
    const b = await demoHandlers();
    recordTitle(a.session, 'In a');
    expect((await a.handlers['history.get']({})).undo?.label).toBe('In a');
    expect((await b.handlers['history.get']({})).undo).toBeNull();
    const kept = a.session.history;
    a.session.workspace = b.session.workspace;
    expect(a.session.history).not.toBe(kept);
    expect((await a.handlers['history.get']({})).done).toEqual([]);
    // Setting the same workspace again keeps what is there.
    recordTitle(a.session, 'In b, through a');
    a.session.workspace = b.session.workspace;
    expect((await a.handlers['history.get']({})).undo?.label).toBe('In b, through a');
  });

  it('one long job at a time per session, not per process', async () => {
    const a = await demoHandlers();
    const b = await demoHandlers();
    let release: () => void = () => undefined;
    const job = { cancelled: 'Cancelled.' };
    const held = a.session.running.run('import', () => new Promise<void>((resolve) => (release = resolve)), job);
    expect(a.session.running.progress().running).toBe(true);
    expect(b.session.running.progress().running).toBe(false);
    await expect(a.session.running.run('import', async () => undefined, job)).rejects.toThrow('Another import is running');
    await expect(b.session.running.run('import', async () => 'ran', job)).resolves.toBe('ran');
    release();
    await held;
    expect(a.session.running.progress().running).toBe(false);
  });
});

function recordTitle(session: Session, label: string): void {
  session.history.record(label, () => session.workspace.db.run('UPDATE meta SET value = ? WHERE key = ?', [label, 'title']));
}

describe("an action a feature puts on the stack itself (History.add)", () => {
  /** A feature's action the history knows only by its undo: here, setting the title. */
  function titled(session: Session, key: string, title: string, keep = true): Undoable<string> {
    return {
      key,
      label: `Title ${title}`,
      undoLabel: `Undo the title ${title}`,
      undo: () => {
        session.workspace.db.run("UPDATE meta SET value = 'Untitled' WHERE key = 'title'");
        return `undid ${title}`;
      },
      keepForRedo: () => keep,
      cannotRedo: `"Title ${title}" was too large to keep.`,
    };
  }
  const title = (session: Session) => session.workspace.db.first<{ value: string }>("SELECT value FROM meta WHERE key = 'title'")?.value;
  const setTitle = (session: Session, value: string) => session.workspace.mutate(() => session.workspace.db.run("UPDATE meta SET value = ? WHERE key = 'title'", [value]));

  it('undoes it by its own undo, redoes what that undo wrote, and undoes it the same way again', async () => {
    const { session } = await demoHandlers();
    setTitle(session, 'Mine');
    session.history.add(titled(session, 'title 1', 'Mine'));
    session.history.undo();
    expect(title(session)).toBe('Untitled');
    session.history.redo();
    expect(title(session)).toBe('Mine');
    session.history.undo();
    expect(title(session)).toBe('Untitled');
  });

  it('out of turn: the latest is undone as Ctrl+Z would; an older one becomes a new step; one not kept cannot come back', async () => {
    const { session } = await demoHandlers();
    setTitle(session, 'Mine');
    session.history.add(titled(session, 'title 1', 'Mine'));
    expect(session.history.undoOutOfTurn(titled(session, 'title 1', 'Mine'))).toBe('undid Mine');
    expect(session.history.state()).toMatchObject({ undo: null, redo: { label: 'Title Mine', canRedo: true } });
    session.history.redo();
    recordTitle(session, 'Later');
    setTitle(session, 'Mine again');
    session.history.undoOutOfTurn(titled(session, 'title 1', 'Mine'));
    expect(session.history.state().done.map((e) => e.label)).toEqual(['Undo the title Mine', 'Later']);
    session.history.undo();
    expect(title(session)).toBe('Mine again');

    const big = await demoHandlers();
    big.session.history.add(titled(big.session, 'title 2', 'Big', false));
    big.session.history.undo();
    expect(big.session.history.state().redo).toMatchObject({ label: 'Title Big', canRedo: false });
    expect(() => big.session.history.redo()).toThrow('"Title Big" was too large to keep.');
  });
});
