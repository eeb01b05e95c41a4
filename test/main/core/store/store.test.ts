import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../../main/core/store/migrations';
import { Sqlite } from '../../../../main/core/store/sqlite';
import { Workspace } from '../../../../main/core/store/workspace';
import { addOutcome, listOutcomes } from '../../../../main/core/indicators/repo';

const env = { now: () => new Date('2025-01-31T12:00:00Z'), osUser: 'tester', saveDelayMs: 0 };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-store-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('workspace file', () => {
  it('creates a real SQLite file that reopens with its content and schema version', async () => {
    const file = path.join(dir, 'Board.boardpack');
    const ws = await Workspace.create(file, env);
    ws.mutate(() => addOutcome(ws.db, { title: 'Ongoing reductions in crime' }));
    await ws.close();
    const header = (await readFile(file)).subarray(0, 15).toString('latin1');
    expect(header).toBe('SQLite format 3');
    const again = await Workspace.open(file, env);
    expect(listOutcomes(again.db).map((o) => o.title)).toEqual(['Ongoing reductions in crime']);
    expect(again.db.first<{ id: number }>('SELECT max(id) AS id FROM migrations')?.id).toBe(SCHEMA_VERSION);
    await again.close();
  });

  it('adds the .boardpack extension and refuses to overwrite an existing file', async () => {
    const ws = await Workspace.create(path.join(dir, 'Board'), env);
    expect(ws.file).toBe(path.join(dir, 'Board.boardpack'));
    await ws.close();
    await expect(Workspace.create(path.join(dir, 'Board.boardpack'), env)).rejects.toThrow(/already exists/);
  });

  it('keeps the previous version as a backup on every save', async () => {
    const file = path.join(dir, 'w.boardpack');
    const ws = await Workspace.create(file, env);
    ws.mutate(() => addOutcome(ws.db, { title: 'First' }));
    await ws.flush();
    ws.mutate(() => addOutcome(ws.db, { title: 'Second' }));
    await ws.flush();
    await ws.close();
    const backup = await Workspace.open(`${file}.bak`, env);
    expect(listOutcomes(backup.db).map((o) => o.title)).toEqual(['First']);
    await backup.close();
  });

  it('Ctrl+S (saveChanges) writes what changed at once, writes nothing when nothing changed, and says why it cannot save a workspace with no file', async () => {
    const file = path.join(dir, 'w.boardpack');
    const ws = await Workspace.create(file, { ...env, saveDelayMs: 60_000 });
    ws.mutate(() => addOutcome(ws.db, { title: 'First' }));
    await ws.saveChanges();
    expect(ws.saveState.dirty).toBe(false);
    const onDisk = await Workspace.openForReading(file, env);
    expect(listOutcomes(onDisk.db).map((o) => o.title)).toEqual(['First']);
    await expect(onDisk.saveChanges()).rejects.toThrow('This workspace was opened for reading only; nothing was saved.');
    await onDisk.close();
    // Nothing new: the file and its backup stay as they were (pressing it again rotates no backup).
    const before = { file: await stat(file), backup: await readFile(`${file}.bak`).catch(() => null) };
    await ws.saveChanges();
    expect((await stat(file)).mtimeMs).toBe(before.file.mtimeMs);
    expect(await readFile(`${file}.bak`).catch(() => null)).toEqual(before.backup);
    await ws.close();

    const unsaved = await Workspace.inMemory(env);
    await expect(unsaved.saveChanges()).rejects.toThrow('This workspace has no file yet: use "Save a copy" to choose where to keep it.');
    await unsaved.close();
  });

  it('refuses a workspace made by a newer Boardpack and leaves the file untouched', async () => {
    const file = path.join(dir, 'newer.boardpack');
    const ws = await Workspace.create(file, env);
    ws.mutate(() => ws.db.run("INSERT INTO migrations (id, name, applied_at) VALUES (999, 'from the future', 'x')"));
    await ws.close();
    const before = await readFile(file);
    await expect(Workspace.open(file, env)).rejects.toThrow(/newer version of Boardpack.*has not been changed/);
    expect(Buffer.compare(before, await readFile(file))).toBe(0);
  });

  it('says clearly when a file is not a workspace', async () => {
    const file = path.join(dir, 'notes.boardpack');
    await writeFile(file, 'Outcomes,RAG\nCrime,G\n'.repeat(20));
    await expect(Workspace.open(file, env)).rejects.toThrow(/is not a Boardpack workspace/);
    await expect(Workspace.open(path.join(dir, 'missing.boardpack'), env)).rejects.toThrow(/does not exist/);
  });

  it('a failed save keeps the work in memory, reports why, and succeeds on retry', async () => {
    if (process.getuid?.() === 0) {
      // root ignores folder permissions; simulate the lost folder instead (an unplugged drive).
      const sub = path.join(dir, 'share');
      const ws = await Workspace.create(path.join(sub, 'w.boardpack'), env);
      await rm(sub, { recursive: true });
      ws.mutate(() => addOutcome(ws.db, { title: 'Kept in memory' }));
      await expect(ws.save()).rejects.toThrow(/does not exist/);
      expect(ws.saveState.error).toMatch(/does not exist/);
      expect(listOutcomes(ws.db).map((o) => o.title)).toEqual(['Kept in memory']);
      const copy = await ws.saveCopy(path.join(dir, 'rescued.boardpack'));
      const rescued = await Workspace.open(copy, env);
      expect(listOutcomes(rescued.db).map((o) => o.title)).toEqual(['Kept in memory']);
      await rescued.close();
      await (await import('node:fs/promises')).mkdir(sub);
      await ws.save();
      expect(ws.saveState).toMatchObject({ dirty: false, error: null });
      await ws.close();
      return;
    }
    const file = path.join(dir, 'w.boardpack');
    const ws = await Workspace.create(file, env);
    await chmod(dir, 0o555);
    ws.mutate(() => addOutcome(ws.db, { title: 'Kept in memory' }));
    await expect(ws.save()).rejects.toThrow(/not allowed to write/);
    expect(listOutcomes(ws.db).map((o) => o.title)).toEqual(['Kept in memory']);
    await chmod(dir, 0o755);
    await ws.save();
    await ws.close();
  });

  it('a save asked for during an asynchronous change waits for it, and never writes half of it', async () => {
    const file = path.join(dir, 'Board.boardpack');
    const ws = await Workspace.create(file, env);
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const change = ws.mutateAsync(async () => {
      addOutcome(ws.db, { title: 'First half' });
      await paused;
      addOutcome(ws.db, { title: 'Second half' });
    });
    const saving = ws.save();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await change;
    await saving;
    await ws.close();
    const again = await Workspace.open(file, env);
    expect(listOutcomes(again.db).map((o) => o.title)).toEqual(['First half', 'Second half']);
    await again.close();

    // Rolled back: the file never holds the first half.
    const ws2 = await Workspace.open(file, env);
    const failing = ws2.mutateAsync(async () => {
      addOutcome(ws2.db, { title: 'Never kept' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('cancelled');
    });
    const saved = ws2.save();
    await expect(failing).rejects.toThrow('cancelled');
    await saved;
    await ws2.close();
    const third = await Workspace.open(file, env);
    expect(listOutcomes(third.db).map((o) => o.title)).toEqual(['First half', 'Second half']);
    await third.close();
  });

  it('leaves no temporary file behind', async () => {
    const file = path.join(dir, 'w.boardpack');
    const ws = await Workspace.create(file, env);
    ws.mutate(() => addOutcome(ws.db, { title: 'x' }));
    await ws.close();
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).sort()).toEqual(['w.boardpack', 'w.boardpack.backups', 'w.boardpack.bak']);
    expect((await stat(file)).size).toBeGreaterThan(0);
  });
});

describe('sqlite adapter', () => {
  it('rolls back a failed change completely, and nested changes alone', async () => {
    const db = await Sqlite.open();
    db.exec('CREATE TABLE t (x INTEGER)');
    expect(() =>
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (1)');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.all('SELECT * FROM t')).toEqual([]);
    db.transaction(() => {
      db.run('INSERT INTO t VALUES (1)');
      expect(() =>
        db.transaction(() => {
          db.run('INSERT INTO t VALUES (2)');
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(db.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
    db.close();
  });

  it('an asynchronous change commits or rolls back as a whole, and settled() waits for it', async () => {
    const db = await Sqlite.open();
    db.exec('CREATE TABLE t (x INTEGER)');
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const change = db.transactionAsync(async () => {
      db.run('INSERT INTO t VALUES (1)');
      await paused;
      db.run('INSERT INTO t VALUES (2)');
    });
    let settled = false;
    const waiting = db.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.inTransaction).toBe(true);
    expect(settled).toBe(false);
    release();
    await change;
    await waiting;
    expect(db.inTransaction).toBe(false);
    expect(db.all('SELECT x FROM t')).toEqual([{ x: 1 }, { x: 2 }]);
    await expect(
      db.transactionAsync(async () => {
        db.run('INSERT INTO t VALUES (3)');
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(db.all('SELECT x FROM t')).toEqual([{ x: 1 }, { x: 2 }]);
    await db.settled();
    db.close();
  });

  it('refuses parameters that are not string, number or null', async () => {
    const db = await Sqlite.open();
    db.exec('CREATE TABLE t (x)');
    expect(() => db.run('INSERT INTO t VALUES (?)', [undefined as unknown as null])).toThrow(/only string, number or null/);
    expect(() => db.run('INSERT INTO t VALUES (?)', [Number.NaN])).toThrow(/not a finite number/);
    db.close();
  });
});

describe('migrations from earlier schema versions', () => {
  it('upgrades a real version-1 workspace, keeping the old file as a backup', async () => {
    const { MIGRATIONS } = await import('../../../../main/core/store/migrations');
    const v1 = await Sqlite.open();
    v1.exec('CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    v1.exec(MIGRATIONS[0]!.sql);
    v1.run("INSERT INTO migrations VALUES (1, 'initial schema', '2024-01-01T00:00:00Z')");
    v1.run("INSERT INTO outcomes (title, sort_order) VALUES ('Ongoing reductions in crime', 1)");
    const file = path.join(dir, 'old.boardpack');
    const oldBytes = Buffer.from(v1.export());
    await writeFile(file, oldBytes);
    v1.close();

    const ws = await Workspace.open(file, env);
    expect(ws.db.all<{ id: number }>('SELECT id FROM migrations ORDER BY id').map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(ws.db.first("SELECT name FROM sqlite_master WHERE name = 'import_journal'")).toBeTruthy();
    expect(listOutcomes(ws.db).map((o) => o.title)).toEqual(['Ongoing reductions in crime']);
    await ws.close();
    const { readdir } = await import('node:fs/promises');
    const backups = [path.join(dir, 'old.boardpack.bak'), ...(await readdir(path.join(dir, 'old.boardpack.backups')).catch(() => [] as string[])).map((f) => path.join(dir, 'old.boardpack.backups', f))];
    const contents = await Promise.all(backups.map((b) => readFile(b).catch(() => null)));
    expect(contents.some((c) => c !== null && Buffer.compare(c, oldBytes) === 0)).toBe(true);
  });
});
