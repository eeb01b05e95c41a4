/**
 * An open workspace: the in-memory SQLite database plus where it is saved.
 *
 * Every change goes through `mutate`, which runs it as one transaction and schedules a
 * debounced save. A failed save keeps the in-memory work, records a clear error for the user,
 * and is retried on the next change or an explicit save; `flush` is called on quit.
 *
 * Guards against other programs and other Boardpack windows:
 * - a lock file beside the workspace (see lock.ts) refuses a second Boardpack opening it;
 * - the file's size and modification time are recorded at open and after each save; if they
 *   differ at the next save, another program changed the file, and Boardpack refuses to
 *   overwrite it (the work stays in memory; "Save a copy" keeps it elsewhere);
 * - before each save, the version on disk is kept in `<name>.boardpack.backups/` (the newest
 *   `backupsKept`, default 5; see backups.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadSqlEngine, Sqlite } from './sqlite';
import { migrate, SCHEMA_VERSION } from './migrations';
import { WorkspaceError, describeFileError } from './errors';
import { backUpCurrentVersion, DEFAULT_BACKUPS_KEPT } from './backups';
import { acquireLock, type WorkspaceLock } from './lock';
import {
  fileFingerprint,
  readWorkspaceBytes,
  removeLeftoverTempFiles,
  writeWorkspaceBytes,
  WORKSPACE_EXTENSION,
  type FileFingerprint,
} from './workspace-file';

export interface WorkspaceEnv {
  /** The clock (injected so tests are repeatable). */
  now: () => Date;
  /** The OS user name, recorded in the audit trail and imports. */
  osUser: string;
  /** Debounce for automatic saves; 0 saves after every change (tests, CLI). */
  saveDelayMs?: number;
  /** How many earlier versions to keep in `<name>.boardpack.backups/`; 0 keeps none. Default 5. */
  backupsKept?: number;
}

export interface SaveOptions {
  /** Overwrite even if another program changed the file since it was opened (the user said so). */
  overwriteExternalChanges?: boolean;
}

export interface SaveState {
  dirty: boolean;
  lastSavedAt: string | null;
  error: string | null;
}

export class Workspace {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Saves run one after another: two at once would race for the same temporary file. */
  private saveQueue: Promise<void> = Promise.resolve();
  private state: SaveState = { dirty: false, lastSavedAt: null, error: null };
  private lock: WorkspaceLock | null = null;
  /** The file as this workspace last read or wrote it; null when it did not exist. */
  private fingerprint: FileFingerprint | null = null;

  /** Opened to read only (CLI reports and exports): no lock taken, never saved. */
  private readOnly = false;

  private constructor(
    readonly db: Sqlite,
    private filePath: string | null,
    readonly env: WorkspaceEnv,
  ) {}

  /** A new, empty workspace, saved at once to `file` (refuses to overwrite). */
  static async create(file: string, env: WorkspaceEnv): Promise<Workspace> {
    const target = withExtension(file);
    if (await fileExists(target)) {
      throw new WorkspaceError('already_exists', `"${target}" already exists. Choose another name, or open it instead.`);
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    const lock = await acquireLock(target);
    try {
      const workspace = await Workspace.inMemory(env);
      workspace.filePath = target;
      workspace.lock = lock;
      await workspace.save();
      return workspace;
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  /** Opens an existing workspace file, upgrading its schema if it is older. */
  static async open(file: string, env: WorkspaceEnv): Promise<Workspace> {
    const lock = await acquireLock(file);
    try {
      return await Workspace.openLocked(file, env, lock);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  /**
   * Opens a workspace to read it, even while a Boardpack window has it open: no lock is taken,
   * an older schema is upgraded in memory only, and it can never be saved.
   */
  static async openForReading(file: string, env: WorkspaceEnv): Promise<Workspace> {
    return Workspace.openLocked(file, env, null, true);
  }

  private static async openLocked(file: string, env: WorkspaceEnv, lock: WorkspaceLock | null, readOnly = false): Promise<Workspace> {
    // Holding the lock, no other Boardpack is saving this file: temporary files are leftovers.
    if (lock) await removeLeftoverTempFiles(file);
    const fingerprint = await fileFingerprint(file);
    const bytes = await readWorkspaceBytes(file);
    await loadSqlEngine();
    let db: Sqlite;
    try {
      db = await Sqlite.open(bytes);
      db.first("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1");
    } catch {
      throw new WorkspaceError('not_a_workspace', `"${path.basename(file)}" could not be read as a Boardpack workspace; it may be damaged. Try its backup (${path.basename(file)}.bak).`);
    }
    if (!db.first("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")) {
      db.close();
      throw new WorkspaceError('not_a_workspace', `"${path.basename(file)}" is a SQLite database but not a Boardpack workspace.`);
    }
    const workspace = new Workspace(db, file, env);
    workspace.fingerprint = fingerprint;
    workspace.lock = lock;
    workspace.readOnly = readOnly;
    try {
      const { applied } = migrate(db, env.now);
      if (applied.length > 0 && !readOnly) {
        // Upgrading keeps the old file as the .bak written by the save.
        await workspace.save();
      }
    } catch (error) {
      db.close();
      throw error;
    }
    return workspace;
  }

  /** A workspace that lives only in memory until `saveAs` (tests, demo building). */
  static async inMemory(env: WorkspaceEnv): Promise<Workspace> {
    const db = await Sqlite.open();
    migrate(db, env.now);
    return new Workspace(db, null, env);
  }

  get file(): string | null {
    return this.filePath;
  }

  get schemaVersion(): number {
    return SCHEMA_VERSION;
  }

  get saveState(): SaveState {
    return { ...this.state };
  }

  /** Runs one change as a single transaction and schedules a save. */
  mutate<T>(work: () => T): T {
    if (this.readOnly) throw new WorkspaceError('invalid', 'This workspace was opened for reading only; it cannot be changed.');
    const result = this.db.transaction(work);
    this.state.dirty = true;
    this.scheduleSave();
    return result;
  }

  /** As `mutate`, for a change that pauses between slices (`Sqlite.transactionAsync`). */
  async mutateAsync<T>(work: () => Promise<T>): Promise<T> {
    if (this.readOnly) throw new WorkspaceError('invalid', 'This workspace was opened for reading only; it cannot be changed.');
    const result = await this.db.transactionAsync(work);
    this.state.dirty = true;
    this.scheduleSave();
    return result;
  }

  private scheduleSave(): void {
    if (!this.filePath) return;
    if (this.timer) clearTimeout(this.timer);
    const delay = this.env.saveDelayMs ?? 500;
    this.timer = setTimeout(() => {
      this.timer = null;
      // The error is kept in saveState for the UI; nothing is lost in memory.
      void this.save().catch(() => undefined);
    }, delay);
  }

  /**
   * Saves now. Throws a WorkspaceError (and keeps it in saveState) if the disk refuses, or
   * if another program changed the file since this workspace read or wrote it.
   */
  async save(options: SaveOptions = {}): Promise<void> {
    if (this.readOnly) throw new WorkspaceError('invalid', 'This workspace was opened for reading only; nothing was saved.');
    if (!this.filePath) throw new WorkspaceError('invalid', 'This workspace has no file yet: use "Save a copy" to choose where to keep it.');
    const run = this.saveQueue.then(() => this.saveNow(options));
    this.saveQueue = run.catch(() => undefined);
    return run;
  }

  private async saveNow(options: SaveOptions): Promise<void> {
    const file = this.filePath;
    if (!file) return;
    // Never half an import: a save waits for a change still in progress.
    await this.db.settled();
    const bytes = this.db.export();
    try {
      await this.writeChecked(file, bytes, options);
      this.state = { dirty: false, lastSavedAt: this.env.now().toISOString(), error: null };
    } catch (error) {
      this.state = { ...this.state, error: (error as Error).message };
      throw error;
    }
  }

  private async writeChecked(file: string, bytes: Uint8Array, options: SaveOptions): Promise<void> {
    const onDisk = await fileFingerprint(file);
    if (!options.overwriteExternalChanges && onDisk && !sameFingerprint(onDisk, this.fingerprint)) {
      throw new WorkspaceError(
        'changed_on_disk',
        `"${path.basename(file)}" was changed by another program since Boardpack opened it, so Boardpack has not saved over it. ` +
          'Your work is kept: use "Save a copy" to keep it in another file.',
      );
    }
    try {
      await backUpCurrentVersion(file, this.env.backupsKept ?? DEFAULT_BACKUPS_KEPT);
    } catch (error) {
      throw new WorkspaceError('save_failed', describeFileError(error, file, 'back up'));
    }
    await writeWorkspaceBytes(file, bytes);
    this.fingerprint = await fileFingerprint(file);
  }

  /**
   * Ctrl+S: saves what changed since the last save, now. A workspace with nothing new is not
   * written again, so pressing it twice does not push an older version out of the backups.
   * Refuses as `save` does (read only, no file yet), and retries a save that failed.
   */
  async saveChanges(): Promise<void> {
    if (this.readOnly || !this.filePath) return this.save();
    await this.flush();
  }

  /** Saves pending changes now (on quit, before exports of the file, in the CLI). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.saveQueue; // an automatic save already under way
    if (this.state.dirty && this.filePath) await this.save();
  }

  /** Writes a copy elsewhere; the open workspace stays where it was. */
  async saveCopy(file: string): Promise<string> {
    const target = withExtension(file);
    if (this.filePath && path.resolve(target) === path.resolve(this.filePath)) {
      await this.save();
      return target;
    }
    await this.db.settled();
    await writeWorkspaceBytes(target, this.db.export());
    return target;
  }

  /** Makes the workspace live at `file` from now on (first save of an in-memory workspace). */
  async saveAs(file: string): Promise<void> {
    const target = withExtension(file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const lock = await acquireLock(target);
    const previous = { filePath: this.filePath, lock: this.lock, fingerprint: this.fingerprint };
    this.filePath = target;
    this.lock = lock;
    // Choosing the name is the user's consent to replace what is there.
    this.fingerprint = await fileFingerprint(target);
    try {
      await this.save();
    } catch (error) {
      Object.assign(this, previous);
      await lock?.release();
      throw error;
    }
    await previous.lock?.release();
  }

  /**
   * Saves pending changes, closes the database and releases the lock file. If the save fails
   * it throws and stays open (the work is still there), unless `discardUnsaved` says the user
   * chose to close without saving.
   */
  async close(options: { discardUnsaved?: boolean } = {}): Promise<void> {
    // A change in progress (an import between its slices) ends first, committed or rolled back.
    await this.db.settled();
    if (options.discardUnsaved) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      await this.saveQueue;
    } else {
      await this.flush();
    }
    this.db.close();
    await this.lock?.release();
    this.lock = null;
  }
}

function sameFingerprint(a: FileFingerprint, b: FileFingerprint | null): boolean {
  return b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function withExtension(file: string): string {
  return path.extname(file) ? file : `${file}${WORKSPACE_EXTENSION}`;
}

async function fileExists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
