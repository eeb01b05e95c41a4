/** The imports feature's own records: each import (its files, their sha256, who, when, what it did), and the pragmas an import runs under. */
import type { Sqlite } from '../store/sqlite';

export interface NewImportRecord {
  files: ReadonlyArray<{ file: string; sheet: string }>;
  sha256: readonly string[];
  formats: readonly string[];
  osUser: string;
  importedAt: string;
}

/** Records an import (its counts filled in once known); returns its id. */
export function insertImportRecord(db: Sqlite, r: NewImportRecord): number {
  return db.insert('INSERT INTO imports (files, sha256, format, counts, os_user, imported_at) VALUES (?, ?, ?, ?, ?, ?)', [
    JSON.stringify(r.files),
    r.sha256.join(','),
    r.formats.join(','),
    '{}',
    r.osUser,
    r.importedAt,
  ]);
}

export function setImportCounts(db: Sqlite, importId: number, counts: { added: number; changed: number; unchanged: number; conflicts: number }): void {
  db.run('UPDATE imports SET counts = ? WHERE id = ?', [JSON.stringify(counts), importId]);
}

/**
 * The rollback journal and temporary tables (the import's staging table) kept in memory, and
 * foreign keys not checked, for an import's own transaction (see importing.ts for why).
 */
export function startImportPragmas(db: Sqlite): void {
  db.exec('PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF');
}

export function endImportPragmas(db: Sqlite): void {
  db.exec('PRAGMA foreign_keys = ON');
}
