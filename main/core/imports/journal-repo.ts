/**
 * The import journal: before an import writes a row, the row as it was is kept (or NULL when
 * the import adds it). Undoing an import puts every row back in reverse order, so values,
 * judgements and periods return exactly to what they were before it.
 */
import type { Row, Sqlite, SqlValue } from '../store/sqlite';

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

/** A journal entry whose row as it was is already known: `previous` null when the import adds the row. */
export interface KnownJournalEntry {
  table: JournalTable;
  key: Key;
  /** The row as it was; undefined reads it now (as journalBefore does). */
  previous: Row | null | undefined;
}

/**
 * As journalBefore for many rows at once, in order, with one prepared statement: a row the
 * caller knows the import adds (`previous: null`) is not looked up. Same entries, same order.
 */
export function journalMany(db: Sqlite, importId: number, entries: readonly KnownJournalEntry[]): void {
  db.many(
    'INSERT INTO import_journal (import_id, table_name, row_key, previous) VALUES (?, ?, ?, ?)',
    entries.map((e) => {
      let previous = e.previous;
      if (previous === undefined) {
        const w = where(e.key);
        previous = db.first(`SELECT * FROM ${e.table} WHERE ${w.sql}`, w.params) ?? null;
      }
      return [importId, e.table, JSON.stringify(e.key), previous ? JSON.stringify(previous) : null];
    }),
  );
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

/** The newest import not yet undone, if any. */
export function latestImportInForce(db: Sqlite): number | undefined {
  return db.first<{ id: number | null }>('SELECT max(id) AS id FROM imports WHERE undone_at IS NULL')?.id ?? undefined;
}

export function importRecordRow(db: Sqlite, importId: number): { id: number; files: string; undone_at: string | null } | undefined {
  return db.first<{ id: number; files: string; undone_at: string | null }>('SELECT id, files, undone_at FROM imports WHERE id = ?', [importId]) ?? undefined;
}

/** Every import recorded, newest first. */
export function importRows(db: Sqlite): Array<{ id: number; files: string; format: string; counts: string; os_user: string; imported_at: string; undone_at: string | null }> {
  return db.all('SELECT * FROM imports ORDER BY id DESC');
}

/**
 * Later imports in force that changed a value `importId` added. Values an import added are
 * journalled in bulk (key {import_id}), so a later import that changed one of them journalled
 * it with this import's id, which is what is looked for here.
 */
export function laterImportsChangingWhatItAdded(db: Sqlite, importId: number): number[] {
  return db
    .all<{ id: number }>(
      `SELECT DISTINCT j.import_id AS id FROM import_journal j JOIN imports i ON i.id = j.import_id AND i.undone_at IS NULL
       WHERE j.import_id > ? AND j.table_name = 'observations' AND j.previous IS NOT NULL AND json_extract(j.previous, '$.import_id') = ?`,
      [importId, importId],
    )
    .map((r) => r.id);
}

/** A locked period whose judgements or definition the import wrote, if any. */
export function lockedPeriodTheImportSet(db: Sqlite, importId: number): { name: string } | undefined {
  return (
    db.first<{ name: string }>(
      `SELECT p.name FROM import_journal j JOIN reporting_periods p ON p.locked = 1 AND (
         (j.table_name IN ('outcome_assessments', 'indicator_assessments') AND p.id = json_extract(j.row_key, '$.period_id'))
         OR (j.table_name = 'reporting_periods' AND p.name = json_extract(j.row_key, '$.name')))
       WHERE j.import_id = ? LIMIT 1`,
      [importId],
    ) ?? undefined
  );
}

/** Per indicator, the earliest month whose value the import changed or added. */
export function firstMonthsTheImportSet(db: Sqlite, importId: number): Array<{ ind: number; m: string }> {
  return [
    ...db.all<{ ind: number; m: string }>(
      `SELECT json_extract(row_key, '$.indicator_id') AS ind, min(json_extract(row_key, '$.last_month')) AS m FROM import_journal
       WHERE import_id = ? AND table_name = 'observations' AND json_extract(row_key, '$.indicator_id') IS NOT NULL GROUP BY ind`,
      [importId],
    ),
    ...db.all<{ ind: number; m: string }>('SELECT indicator_id AS ind, min(last_month) AS m FROM observations WHERE import_id = ? GROUP BY indicator_id', [importId]),
  ];
}

/** How many bulk journal entries (added values, keyed by import id) the import has. */
export function bulkJournalledCount(db: Sqlite, importId: number): number {
  return db.first<{ n: number }>("SELECT count(*) AS n FROM import_journal WHERE import_id = ? AND table_name = 'observations' AND json_extract(row_key, '$.import_id') IS NOT NULL", [importId])?.n ?? 0;
}

/** Rows still carrying the import's id that no single journal entry restores: the ones it added. */
export function rowsAddedNotJournalled(db: Sqlite, importId: number): number {
  return (
    db.first<{ n: number }>(
      `SELECT count(*) AS n FROM observations o WHERE o.import_id = ? AND NOT EXISTS (SELECT 1 FROM import_journal j WHERE j.import_id = ? AND j.table_name = 'observations'
         AND j.row_key = json_object('indicator_id', o.indicator_id, 'area_id', o.area_id, 'first_month', o.first_month, 'last_month', o.last_month))`,
      [importId, importId],
    )?.n ?? 0
  );
}

export function markImportUndone(db: Sqlite, importId: number, at: string): void {
  db.run('UPDATE imports SET undone_at = ? WHERE id = ?', [at, importId]);
}

/** How many values an import added or changed, from its record. */
export function importSize(db: Sqlite, importId: number): number {
  const counts = db.first<{ counts: string }>('SELECT counts FROM imports WHERE id = ?', [importId])?.counts;
  const parsed = counts ? (JSON.parse(counts) as { added?: number; changed?: number }) : {};
  return (parsed.added ?? 0) + (parsed.changed ?? 0);
}
