/**
 * The import journal: before an import writes a row, the row as it was is kept (or NULL when
 * the import adds it). Undoing an import puts every row back in reverse order, so values,
 * judgements and periods return exactly to what they were before it.
 */
import type { Sqlite, SqlValue } from '../store/sqlite';

export type JournalTable = 'observations' | 'outcome_assessments' | 'indicator_assessments' | 'reporting_periods' | 'populations' | 'areas';

type Key = Record<string, SqlValue>;

const canonical = (key: Key) => JSON.stringify(Object.keys(key).sort().map((k) => [k, key[k]]));

function where(key: Key): { sql: string; params: SqlValue[] } {
  const cols = Object.keys(key).sort();
  return { sql: cols.map((c) => `${c} = ?`).join(' AND '), params: cols.map((c) => key[c] ?? null) };
}

/** Keeps the row `key` names in `table` as it is now, before import `importId` writes it. */
export function journalBefore(db: Sqlite, importId: number, table: JournalTable, key: Key): void {
  const w = where(key);
  const row = db.first(`SELECT * FROM ${table} WHERE ${w.sql}`, w.params);
  db.run('INSERT INTO import_journal (import_id, table_name, row_key, previous) VALUES (?, ?, ?, ?)', [importId, table, JSON.stringify(key), row ? JSON.stringify(row) : null]);
}

/** Imports after `importId`, still in force, that wrote any row this one wrote. */
export function laterImportsTouchingSameRows(db: Sqlite, importId: number): number[] {
  return db
    .all<{ id: number }>(
      `SELECT DISTINCT later.import_id AS id FROM import_journal mine
       JOIN import_journal later ON later.table_name = mine.table_name AND later.row_key = mine.row_key AND later.import_id > mine.import_id
       JOIN imports i ON i.id = later.import_id AND i.undone_at IS NULL
       WHERE mine.import_id = ? ORDER BY later.import_id`,
      [importId],
    )
    .map((r) => r.id);
}

/** Puts back every row import `importId` wrote, newest first. */
export function revertImport(db: Sqlite, importId: number): number {
  const entries = db.all<{ table_name: JournalTable; row_key: string; previous: string | null }>(
    'SELECT table_name, row_key, previous FROM import_journal WHERE import_id = ? ORDER BY id DESC',
    [importId],
  );
  const rows = new Set<string>();
  // Newest first: a row written twice in one import ends at its state before the first write.
  for (const e of entries) {
    const key = JSON.parse(e.row_key) as Key;
    rows.add(`${e.table_name}|${canonical(key)}`);
    const w = where(key);
    db.run(`DELETE FROM ${e.table_name} WHERE ${w.sql}`, w.params);
    if (e.previous !== null) {
      const row = JSON.parse(e.previous) as Record<string, SqlValue>;
      const cols = Object.keys(row);
      db.run(`INSERT INTO ${e.table_name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c] ?? null));
    }
  }
  return rows.size;
}
