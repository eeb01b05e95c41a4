/** Undo and redo across the app: edits, deletions and imports, and what cannot be undone. */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/core/app';
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
