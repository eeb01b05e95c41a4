/**
 * The history's SQL: capturing each row an action inserts, updates or deletes through
 * temporary triggers (made for the action and dropped with it, so they never reach the saved
 * file), and writing a captured row back.
 */
import type { Sqlite, SqlValue } from '../store/sqlite';

/** One row an action changed: its table, what it did, and the row before and after (column values in order). */
export interface RowChange {
  table: string;
  op: 'insert' | 'update' | 'delete';
  rowid: number;
  before: SqlValue[] | null;
  after: SqlValue[] | null;
}

/** Tables whose rows are the record of what happened, not content: never rolled back. */
const NOT_TRACKED = new Set(['audit', 'migrations']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
function trackedTables(db: Sqlite): Array<{ name: string; columns: string[] }> {
  return db
    .all<{ name: string }>("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .filter((t) => !NOT_TRACKED.has(t.name))
    .map((t) => ({ name: t.name, columns: columnsOf(db, t.name) }));
}

export function installCapture(db: Sqlite): string[] {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS bp_changes (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, rid INTEGER NOT NULL, before TEXT, after TEXT)');
  db.exec('DELETE FROM temp.bp_changes');
  const triggers: string[] = [];
  for (const table of trackedTables(db)) {
    const cols = (row: 'NEW' | 'OLD') => `json_array(${table.columns.map((c) => `${row}.${quote(c)}`).join(', ')})`;
    const name = (op: string) => `bp_capture_${table.name}_${op}`;
    const lit = `'${table.name.replace(/'/g, "''")}'`;
    db.exec(`CREATE TEMP TRIGGER ${quote(name('ins'))} AFTER INSERT ON main.${quote(table.name)} BEGIN
      INSERT INTO temp.bp_changes (tbl, op, rid, before, after) VALUES (${lit}, 'insert', NEW.rowid, NULL, ${cols('NEW')}); END`);
    db.exec(`CREATE TEMP TRIGGER ${quote(name('upd'))} AFTER UPDATE ON main.${quote(table.name)} BEGIN
      INSERT INTO temp.bp_changes (tbl, op, rid, before, after) VALUES (${lit}, 'update', NEW.rowid, ${cols('OLD')}, ${cols('NEW')}); END`);
    db.exec(`CREATE TEMP TRIGGER ${quote(name('del'))} AFTER DELETE ON main.${quote(table.name)} BEGIN
      INSERT INTO temp.bp_changes (tbl, op, rid, before, after) VALUES (${lit}, 'delete', OLD.rowid, ${cols('OLD')}, NULL); END`);
    triggers.push(name('ins'), name('upd'), name('del'));
  }
  return triggers;
}

export function removeCapture(db: Sqlite, triggers: string[]): RowChange[] {
  for (const name of triggers) db.exec(`DROP TRIGGER IF EXISTS temp.${quote(name)}`);
  const rows = db.all<{ tbl: string; op: RowChange['op']; rid: number; before: string | null; after: string | null }>('SELECT tbl, op, rid, before, after FROM temp.bp_changes ORDER BY seq');
  db.exec('DELETE FROM temp.bp_changes');
  return rows.map((r) => ({
    table: r.tbl,
    op: r.op,
    rowid: r.rid,
    before: r.before === null ? null : (JSON.parse(r.before) as SqlValue[]),
    after: r.after === null ? null : (JSON.parse(r.after) as SqlValue[]),
  }));
}

export function columnsOf(db: Sqlite, table: string): string[] {
  return db.all<{ name: string }>(`PRAGMA main.table_info("${table}")`).map((c) => c.name);
}

export function rowNow(db: Sqlite, table: string, columns: string[], rowid: number): SqlValue[] | null {
  const row = db.first<Record<string, SqlValue>>(`SELECT ${columns.map(quote).join(', ')} FROM main.${quote(table)} WHERE rowid = ?`, [rowid]);
  return row ? columns.map((c) => row[c] ?? null) : null;
}

/** Puts one row of a table to `wanted` (null: deletes it), given what it holds now. */
export function writeRow(db: Sqlite, table: string, columns: string[], rowid: number, current: SqlValue[] | null, wanted: SqlValue[] | null): void {
  if (wanted === null) db.run(`DELETE FROM main.${quote(table)} WHERE rowid = ?`, [rowid]);
  else if (current === null) db.run(`INSERT INTO main.${quote(table)} (rowid, ${columns.map(quote).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`, [rowid, ...wanted]);
  else db.run(`UPDATE main.${quote(table)} SET ${columns.map((n) => `${quote(n)} = ?`).join(', ')} WHERE rowid = ?`, [...wanted, rowid]);
}
