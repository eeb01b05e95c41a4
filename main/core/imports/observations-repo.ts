/**
 * The SQL of storing a table's values (apply-table.ts): straight into `observations` with
 * prepared statements when none of its indicators has values yet, else through the temporary
 * staging table `temp.import_stage`, compared with what is stored in one join and written with
 * two INSERT ... SELECT statements. Statements are prepared once and run per value: a million
 * values store in about the time SQLite takes to insert them.
 */
import type { Sqlite, SqlValue } from '../store/sqlite';

/**
 * The columns of one value, in the order its parameters are bound (`VALUE_PARAMS` of them):
 * indicator_id, area_id, first_month, last_month, value, numerator, denominator, label,
 * footnote_marker, missing, note.
 */
const VALUE_COLUMNS = 'indicator_id, area_id, first_month, last_month, value, numerator, denominator, label, footnote_marker, missing, note';
export const VALUE_PARAMS = 11;

const OBSERVATION_KEY = ['indicator_id', 'area_id', 'first_month', 'last_month'] as const;
const keyJoin = (a: string, b: string) => OBSERVATION_KEY.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');

/** The id of an indicator an earlier file of this import created, by its name. */
export function indicatorIdNamed(db: Sqlite, name: string): number | undefined {
  return db.first<{ id: number }>('SELECT id FROM indicators WHERE name = ?', [name])?.id;
}

/** Whether the import already has its one journal entry for the values it adds (key `bulkKey`). */
export function hasBulkJournalEntry(db: Sqlite, importId: number, bulkKey: string): boolean {
  return db.first("SELECT 1 AS x FROM import_journal WHERE import_id = ? AND table_name = 'observations' AND row_key = ?", [importId, bulkKey]) !== undefined;
}

/** Whether any of these indicators has a stored value. */
export function anyValueStored(db: Sqlite, indicatorIds: readonly number[]): boolean {
  return indicatorIds.length > 0 && db.first(`SELECT 1 AS x FROM observations WHERE indicator_id IN (${indicatorIds.map(Number).join(', ')}) LIMIT 1`) !== undefined;
}

/** Prepared inserts of new values, each ignored when its key is already stored; `free` when done. */
export interface NewValueInserts {
  /** A value with every column: the `VALUE_PARAMS` parameters, then the import's id. True when it was added. */
  full(params: SqlValue[]): boolean;
  /**
   * Most values have no numerator, denominator, label, footnote or note: indicator id, area id,
   * first month, last month (null when the same as the first), value, missing. Binds half the
   * parameters. True when it was added.
   */
  plain(params: SqlValue[]): boolean;
  free(): void;
}

export function prepareNewValueInserts(db: Sqlite, importId: number): NewValueInserts {
  const stmt = db.db.prepare(`INSERT INTO observations (${VALUE_COLUMNS}, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const plainStmt = db.db.prepare(
    `INSERT INTO observations (indicator_id, area_id, first_month, last_month, value, missing, note, import_id)
     VALUES (?1, ?2, ?3, coalesce(?4, ?3), ?5, ?6, '', ${Number(importId)}) ON CONFLICT DO NOTHING`,
  );
  const raw = db.db;
  return {
    full(params) {
      stmt.run(params);
      return raw.getRowsModified() === 1;
    },
    plain(params) {
      plainStmt.run(params);
      return raw.getRowsModified() === 1;
    },
    free() {
      stmt.free();
      plainStmt.free();
    },
  };
}

/** Creates the empty staging table; its key is the observation's, so a second value for one key is caught there. */
export function createStage(db: Sqlite): void {
  db.exec('DROP TABLE IF EXISTS temp.import_stage');
  db.exec(`CREATE TEMP TABLE import_stage (
    indicator_id INTEGER NOT NULL, area_id INTEGER NOT NULL, first_month TEXT NOT NULL, last_month TEXT NOT NULL,
    value REAL, numerator REAL, denominator REAL, label TEXT, footnote_marker TEXT, missing TEXT, note TEXT NOT NULL,
    src_row INTEGER NOT NULL, src_idx INTEGER NOT NULL, dups TEXT, st INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (indicator_id, area_id, first_month, last_month)) WITHOUT ROWID`);
}

/** Prepared insert into the stage: the `VALUE_PARAMS` parameters, then the file's row and the value's index. A value whose key is staged already is listed in its `dups`. */
export function prepareStageInsert(db: Sqlite): { run(params: SqlValue[]): void; free(): void } {
  const stmt = db.db.prepare(
    `INSERT INTO import_stage (${VALUE_COLUMNS}, src_row, src_idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET dups = coalesce(dups || ',', '') || excluded.src_idx`,
  );
  return { run: (params) => void stmt.run(params), free: () => stmt.free() };
}

/** Staged values with others for the same key: the first value's index, and the others' (comma separated). */
export function stagedDuplicates(db: Sqlite): Array<{ src_idx: number; dups: string }> {
  return db.all<{ src_idx: number; dups: string }>('SELECT src_idx, dups FROM import_stage WHERE dups IS NOT NULL ORDER BY src_idx');
}

/** Staged state: 0 added, 1 changed, 2 unchanged, 3 conflict (a locked period's month). */
export type StagedState = 0 | 1 | 2 | 3;

/** Marks each staged value that is stored already as unchanged (2) or changed (1). */
export function markStagedAgainstStored(db: Sqlite): void {
  const same = ['value', 'numerator', 'denominator', 'label', 'footnote_marker', 'missing', 'note'].map((c) => `o.${c} IS import_stage.${c}`).join(' AND ');
  db.run(`UPDATE import_stage SET st = CASE WHEN ${same} THEN 2 ELSE 1 END
     FROM observations o WHERE ${keyJoin('o', 'import_stage')}`);
}

/** Marks the indicator's staged values up to `lastMonth` that are not unchanged as conflicts (3). */
export function markStagedLocked(db: Sqlite, indicatorId: number, lastMonth: string): void {
  db.run('UPDATE import_stage SET st = 3 WHERE st <> 2 AND indicator_id = ? AND last_month <= ?', [indicatorId, lastMonth]);
}

export function stagedCounts(db: Sqlite): Array<{ st: StagedState; n: number }> {
  return db.all<{ st: StagedState; n: number }>('SELECT st, count(*) AS n FROM import_stage GROUP BY st');
}

/** The changed (1) and conflicting (3) staged values, with what is stored, in the file's order. */
export function stagedChanges(db: Sqlite): Array<{ st: StagedState; indicator: string; area: string; first_month: string; last_month: string; value: number | null; missing: string | null; old_value: number | null; old_missing: string | null; had: number | null }> {
  return db.all(
    `SELECT s.st, i.name AS indicator, a.name AS area, s.first_month, s.last_month, s.value, s.missing, o.value AS old_value, o.missing AS old_missing, o.id AS had
     FROM import_stage s JOIN indicators i ON i.id = s.indicator_id JOIN areas a ON a.id = s.area_id LEFT JOIN observations o ON ${keyJoin('o', 's')}
     WHERE s.st IN (1, 3) ORDER BY s.src_row`,
  );
}

/**
 * Journals the stored rows the staged values change (added ones are covered by the import's
 * bulk entry), writes the added and changed values, and drops the stage.
 */
export function writeStaged(db: Sqlite, importId: number): void {
  const columns = db.all<{ name: string }>('PRAGMA table_info(observations)').map((c) => c.name);
  db.run(
    `INSERT INTO import_journal (import_id, table_name, row_key, previous)
     SELECT ?, 'observations', json_object(${OBSERVATION_KEY.map((c) => `'${c}', s.${c}`).join(', ')}), json_object(${columns.map((c) => `'${c}', o.${c}`).join(', ')})
     FROM import_stage s JOIN observations o ON ${keyJoin('o', 's')} WHERE s.st = 1`,
    [importId],
  );
  db.run(
    `INSERT INTO observations (${VALUE_COLUMNS}, import_id)
     SELECT ${VALUE_COLUMNS}, ? FROM import_stage WHERE st IN (0, 1)
     ON CONFLICT (indicator_id, area_id, first_month, last_month) DO UPDATE SET
       value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator, label = excluded.label,
       footnote_marker = excluded.footnote_marker, missing = excluded.missing, note = excluded.note, import_id = excluded.import_id`,
    [importId],
  );
  db.exec('DROP TABLE temp.import_stage');
}
