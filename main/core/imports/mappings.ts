/**
 * Column mappings the analyst chose, remembered per file shape in the workspace's `meta` table
 * (`import_mapping:<signature>`, JSON), and reused when a file of the same shape comes again.
 * Columns are remembered by their normalised header, so a file whose columns moved, or that
 * has one more period column than last quarter, is still read the way the analyst said.
 */
import type { ImportColumnRole } from '../../../shared/api/types';
import { IMPORT_COLUMN_ROLES } from '../../../shared/api/types';
import { getMeta, setMeta } from '../store/meta';
import type { Sqlite } from '../store/sqlite';
import type { TableMappingOverride } from './table-shape';

export interface RememberedMapping {
  headerRow: number;
  columns: Array<{ header: string; role: ImportColumnRole }>;
  fixed: { indicator?: string; area?: string; period?: string };
  /** Rows kept: only those whose column holds the value (one series out of a breakdown). */
  filters?: Array<{ column: string; value: string }>;
  savedAt: string;
}

const key = (signature: string) => `import_mapping:${signature}` as const;
const norm = (h: string) => h.normalize('NFKC').toLowerCase().replace(/[_\s]+/g, ' ').trim();

export function rememberedMapping(db: Sqlite, signature: string): RememberedMapping | null {
  const value = getMeta(db, key(signature));
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value) as RememberedMapping;
    if (!Array.isArray(parsed.columns) || !parsed.columns.every((c) => typeof c.header === 'string' && (IMPORT_COLUMN_ROLES as readonly string[]).includes(c.role))) return null;
    return parsed;
  } catch {
    // A damaged entry is ignored: the file is detected afresh.
    return null;
  }
}

export function rememberMapping(db: Sqlite, signature: string, mapping: RememberedMapping): void {
  setMeta(db, key(signature), JSON.stringify(mapping));
}

/** A remembered mapping as an override for the header in front of us; period columns keep their detected role. */
export function overrideFromRemembered(remembered: RememberedMapping, header: string[]): TableMappingOverride {
  const byHeader = new Map(remembered.columns.map((c) => [norm(c.header), c.role]));
  const columns: Array<{ index: number; role: ImportColumnRole }> = [];
  header.forEach((h, index) => {
    const role = byHeader.get(norm(h));
    if (role !== undefined && role !== 'period_values') columns.push({ index, role });
  });
  const filters = Array.isArray(remembered.filters) ? remembered.filters.filter((f) => typeof f?.column === 'string' && typeof f?.value === 'string') : [];
  return { headerRow: remembered.headerRow, columns, fixed: remembered.fixed, ...(filters.length > 0 ? { filters } : {}) };
}
