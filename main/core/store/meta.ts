/** Workspace settings kept in the `meta` table (title, demo flag, attribution). */
import type { Sqlite } from './sqlite';

export type MetaKey =
  | 'title'
  | 'dashboard_title'
  | 'is_demo'
  | 'attribution'
  | 'dashboard_area_code'
  /** The appendix as published, kept when a period is locked (judgements.ts). */
  | `published_appendix:${number}`
  /** The action log as it stood when the period was published. */
  | `published_actions:${number}`
  /** A column mapping the analyst chose for a file shape (imports/mappings.ts). */
  | `import_mapping:${string}`;

export function getMeta(db: Sqlite, key: MetaKey): string | null {
  return db.first<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value ?? null;
}

export function setMeta(db: Sqlite, key: MetaKey, value: string): void {
  db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

export function deleteMeta(db: Sqlite, key: MetaKey): void {
  db.run('DELETE FROM meta WHERE key = ?', [key]);
}
