/**
 * Schema migrations: numbered, bundled as code (never files read and evaluated at run time),
 * recorded in the `migrations` table. A workspace that records a migration this build does
 * not know was made by a newer Boardpack: it is refused before anything touches it.
 */
import type { Sqlite } from './sqlite';
import { WorkspaceError } from './errors';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const UNITS = `'count','rate_per_1000','percent','ratio'`;
const POLARITIES = `'lower','higher','none'`;
const DIRECTIONS = `'improving','no_change','worsening'`;
const RAGS = `'R','A','G'`;

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE areas (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('county','district','unitary','region','force','csp','comparator')),
        parent_id INTEGER REFERENCES areas(id)
      );

      CREATE TABLE populations (
        area_id INTEGER NOT NULL REFERENCES areas(id),
        year INTEGER NOT NULL,
        count INTEGER NOT NULL CHECK (count > 0),
        source TEXT NOT NULL,
        PRIMARY KEY (area_id, year)
      );

      CREATE TABLE outcomes (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        short_title TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0
      );

      -- An indicator without an outcome is a data series (e.g. monthly counts) that other
      -- indicators are derived from; it is not printed in the appendix.
      CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        outcome_id INTEGER REFERENCES outcomes(id),
        name TEXT NOT NULL UNIQUE,
        unit TEXT NOT NULL CHECK (unit IN (${UNITS})),
        polarity TEXT NOT NULL CHECK (polarity IN (${POLARITIES})),
        decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 6),
        frequency TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        target REAL,
        tolerance_percent REAL CHECK (tolerance_percent IS NULL OR tolerance_percent >= 0),
        comparator_group TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        footnote TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        -- rate_per_1000: value = count of derived_from_id / population x 1000
        derivation TEXT CHECK (derivation IS NULL OR derivation IN ('rate_per_1000')),
        derived_from_id INTEGER REFERENCES indicators(id),
        CHECK ((derivation IS NULL) = (derived_from_id IS NULL))
      );

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        files TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        counts TEXT NOT NULL,
        os_user TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        undone_at TEXT
      );

      CREATE TABLE observations (
        id INTEGER PRIMARY KEY,
        indicator_id INTEGER NOT NULL REFERENCES indicators(id),
        area_id INTEGER NOT NULL REFERENCES areas(id),
        first_month TEXT NOT NULL,
        last_month TEXT NOT NULL,
        value REAL,
        numerator REAL,
        denominator REAL,
        label TEXT,
        footnote_marker TEXT,
        missing TEXT CHECK (missing IS NULL OR missing IN ('NA','-')),
        note TEXT NOT NULL DEFAULT '',
        import_id INTEGER REFERENCES imports(id),
        CHECK (first_month <= last_month),
        CHECK ((value IS NULL) = (missing IS NOT NULL)),
        UNIQUE (indicator_id, area_id, first_month, last_month)
      );
      CREATE INDEX observations_by_series ON observations (indicator_id, area_id, last_month);

      CREATE TABLE reporting_periods (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        last_month TEXT NOT NULL,
        title TEXT,
        locked INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE outcome_assessments (
        period_id INTEGER NOT NULL REFERENCES reporting_periods(id),
        outcome_id INTEGER NOT NULL REFERENCES outcomes(id),
        rag TEXT CHECK (rag IS NULL OR rag IN (${RAGS})),
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (period_id, outcome_id)
      );

      -- The analyst's choices for one indicator in one period; NULL means "use the suggestion".
      CREATE TABLE indicator_assessments (
        period_id INTEGER NOT NULL REFERENCES reporting_periods(id),
        indicator_id INTEGER NOT NULL REFERENCES indicators(id),
        direction TEXT CHECK (direction IS NULL OR direction IN (${DIRECTIONS})),
        direction_reason TEXT NOT NULL DEFAULT '',
        rag TEXT CHECK (rag IS NULL OR rag IN (${RAGS})),
        rag_reason TEXT NOT NULL DEFAULT '',
        county_comparison TEXT,
        county_reason TEXT NOT NULL DEFAULT '',
        district_comparison TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (period_id, indicator_id)
      );

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        field TEXT,
        old_value TEXT,
        new_value TEXT
      );
    `,
  },
  {
    id: 2,
    name: 'import journal for undo',
    sql: `
      -- Before an import writes a row, the row as it was (or NULL when the import adds it), so
      -- the import can be undone exactly.
      CREATE TABLE import_journal (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id),
        table_name TEXT NOT NULL,
        row_key TEXT NOT NULL,
        previous TEXT
      );
      CREATE INDEX import_journal_by_row ON import_journal (table_name, row_key);
      CREATE INDEX import_journal_by_import ON import_journal (import_id);
    `,
  },
  {
    id: 3,
    name: 'action log',
    sql: `
      -- The board's action log. number is the "No." the board knows an action by (kept when
      -- others are deleted); status is the RAG the board last gave it, kept when it is closed
      -- so reopening brings it back; closed_on is NULL while the action is open.
      CREATE TABLE action_log (
        id INTEGER PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE CHECK (number > 0),
        raised_on TEXT NOT NULL CHECK (raised_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        action TEXT NOT NULL CHECK (length(trim(action)) > 0),
        officer TEXT NOT NULL DEFAULT '',
        comments TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN (${RAGS})),
        closed_on TEXT CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 4,
    name: 'one index on observations',
    // The unique key (indicator, area, first month, last month) already serves every lookup
    // by series; a second index only made each stored value about 50% dearer to insert
    // (3.4 s against 2.3 s for 1,000,000 values), which analysts wait for on big imports.
    sql: `DROP INDEX IF EXISTS observations_by_series;`,
  },
  {
    id: 5,
    name: 'measure type of indicators',
    // What each indicator measures (flow: a count of events; stock: a count at a date; rate;
    // percentage; score): Boardpack adds months up only for flows. Indicators already in a
    // workspace take the type their unit implies, and a count whose name says it is held at a
    // date (claimants, caseload, "as at"...) is a stock, as import guesses it
    // (guessMeasureType in shared/domain/definition-words.ts).
    sql: `
      ALTER TABLE indicators ADD COLUMN measure_type TEXT NOT NULL DEFAULT 'flow'
        CHECK (measure_type IN ('flow','stock','rate','percentage','score'));
      UPDATE indicators SET measure_type = CASE unit
        WHEN 'rate_per_1000' THEN 'rate'
        WHEN 'percent' THEN 'percentage'
        WHEN 'ratio' THEN CASE WHEN lower(name) LIKE '%rate%' OR lower(name) LIKE '% per %' THEN 'rate' ELSE 'score' END
        ELSE CASE WHEN lower(name) LIKE '%claimant%' OR lower(name) LIKE '%as at%' OR lower(name) LIKE '%caseload%' OR lower(name) LIKE '%on the register%'
          OR lower(name) LIKE '%looked after%' OR lower(name) LIKE '%population%' THEN 'stock' ELSE 'flow' END
      END;
    `,
  },
];

/** The newest schema this build knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.id));

/** Refuses a workspace made by a newer Boardpack; applies any missing migrations otherwise. */
export function migrate(db: Sqlite, now: () => Date): { applied: number[] } {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const known = new Set(MIGRATIONS.map((m) => m.id));
  const recorded = db.all<{ id: number }>('SELECT id FROM migrations ORDER BY id').map((r) => r.id);
  const unknown = recorded.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new WorkspaceError(
      'newer_version',
      `This workspace was made by a newer version of Boardpack (it has schema version ${Math.max(...unknown)}; this version knows up to ${SCHEMA_VERSION}). ` +
        'Open it with the newer Boardpack; it has not been changed.',
    );
  }
  const done = new Set(recorded);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.run('INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)', [migration.id, migration.name, now().toISOString()]);
    });
    applied.push(migration.id);
  }
  return { applied };
}
