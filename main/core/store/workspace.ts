/**
 * An open workspace: the in-memory SQLite database plus where it is saved.
 *
 * Every change goes through `mutate`, which runs it as one transaction and schedules a
 * debounced save. A failed save keeps the in-memory work, records a clear error for the user,
 * and is retried on the next change or an explicit save; `flush` is called on quit.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Sqlite } from './sqlite';
import { migrate, SCHEMA_VERSION } from './migrations';
import { WorkspaceError } from './errors';
import { readWorkspaceBytes, writeWorkspaceBytes, WORKSPACE_EXTENSION } from './workspace-file';

export interface WorkspaceEnv {
  /** The clock (injected so tests are repeatable). */
  now: () => Date;
  /** The OS user name, recorded in the audit trail and imports. */
  osUser: string;
  /** Debounce for automatic saves; 0 saves after every change (tests, CLI). */
  saveDelayMs?: number;
}

export interface SaveState {
  dirty: boolean;
  lastSavedAt: string | null;
  error: string | null;
}

export class Workspace {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  private state: SaveState = { dirty: false, lastSavedAt: null, error: null };

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
    const workspace = await Workspace.inMemory(env);
    workspace.filePath = target;
    await workspace.save();
    return workspace;
  }

  /** Opens an existing workspace file, upgrading its schema if it is older. */
  static async open(file: string, env: WorkspaceEnv): Promise<Workspace> {
    const bytes = await readWorkspaceBytes(file);
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
    try {
      const { applied } = migrate(db, env.now);
      if (applied.length > 0) {
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
    const result = this.db.transaction(work);
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

  /** Saves now. Throws a WorkspaceError (and keeps it in saveState) if the disk refuses. */
  async save(): Promise<void> {
    if (!this.filePath) throw new WorkspaceError('invalid', 'This workspace has no file yet: use "Save a copy" to choose where to keep it.');
    if (this.saving) await this.saving.catch(() => undefined);
    const bytes = this.db.export();
    const file = this.filePath;
    this.saving = writeWorkspaceBytes(file, bytes);
    try {
      await this.saving;
      this.state = { dirty: false, lastSavedAt: this.env.now().toISOString(), error: null };
    } catch (error) {
      this.state = { ...this.state, error: (error as Error).message };
      throw error;
    } finally {
      this.saving = null;
    }
  }

  /** Saves pending changes now (on quit, before exports of the file, in the CLI). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.state.dirty && this.filePath) await this.save();
  }

  /** Writes a copy elsewhere; the open workspace stays where it was. */
  async saveCopy(file: string): Promise<string> {
    const target = withExtension(file);
    if (this.filePath && path.resolve(target) === path.resolve(this.filePath)) {
      await this.save();
      return target;
    }
    await writeWorkspaceBytes(target, this.db.export());
    return target;
  }

  /** Makes the workspace live at `file` from now on (first save of an in-memory workspace). */
  async saveAs(file: string): Promise<void> {
    this.filePath = withExtension(file);
    await fs.mkdir(path.dirname(this.filePath), { recursive: true });
    await this.save();
  }

  async close(): Promise<void> {
    await this.flush();
    this.db.close();
  }
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
