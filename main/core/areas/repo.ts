/** Areas (ONS codes) and their mid-year populations. */
import type { Area, Population } from '../../../shared/api/types';
import type { AreaKind } from '../../../shared/domain/types';
import type { Sqlite } from '../store/sqlite';

interface AreaRow {
  id: number;
  code: string;
  name: string;
  kind: AreaKind;
  parent_code: string | null;
}

const SELECT_AREAS = `
  SELECT a.id, a.code, a.name, a.kind, p.code AS parent_code
  FROM areas a LEFT JOIN areas p ON p.id = a.parent_id`;

const toArea = (r: AreaRow): Area => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentCode: r.parent_code });

export function listAreas(db: Sqlite): Area[] {
  return db.all<AreaRow>(`${SELECT_AREAS} ORDER BY CASE a.kind WHEN 'region' THEN 0 WHEN 'force' THEN 1 WHEN 'county' THEN 2 ELSE 3 END, a.name`).map(toArea);
}

export function areaByCode(db: Sqlite, code: string): Area | undefined {
  const row = db.first<AreaRow>(`${SELECT_AREAS} WHERE a.code = ?`, [code]);
  return row && toArea(row);
}

/** Finds an area by ONS code or by name, forgiving case and spacing. */
export function findArea(db: Sqlite, codeOrName: string): Area | undefined {
  const wanted = codeOrName.trim();
  // A code wins over a name; among areas sharing a name (Leicestershire the county and the
  // police force area), the local-government one is what analysts mean.
  const row = db.first<AreaRow>(
    `${SELECT_AREAS} WHERE upper(a.code) = upper(?) OR lower(a.name) = lower(?)
     ORDER BY upper(a.code) = upper(?) DESC,
       CASE a.kind WHEN 'county' THEN 0 WHEN 'unitary' THEN 1 WHEN 'district' THEN 2 WHEN 'csp' THEN 3 WHEN 'force' THEN 4 WHEN 'region' THEN 5 ELSE 6 END`,
    [wanted, wanted.replace(/\s+/g, ' '), wanted],
  );
  return row && toArea(row);
}

export function childAreas(db: Sqlite, areaId: number): Area[] {
  return db.all<AreaRow>(`${SELECT_AREAS} WHERE a.parent_id = ? ORDER BY a.name`, [areaId]).map(toArea);
}

/** Inserts or updates an area by code; the parent must already exist. */
export function upsertArea(db: Sqlite, area: { code: string; name: string; kind: AreaKind; parentCode: string | null }): number {
  const parent = area.parentCode ? areaByCode(db, area.parentCode) : undefined;
  if (area.parentCode && !parent) throw new Error(`Area ${area.code}: its parent ${area.parentCode} is not in the workspace.`);
  db.run(
    `INSERT INTO areas (code, name, kind, parent_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id`,
    [area.code, area.name, area.kind, parent?.id ?? null],
  );
  return areaByCode(db, area.code)!.id;
}

export function upsertPopulation(db: Sqlite, p: Population): void {
  const area = areaByCode(db, p.areaCode);
  if (!area) throw new Error(`Population for ${p.areaCode}: that area is not in the workspace.`);
  db.run(
    `INSERT INTO populations (area_id, year, count, source) VALUES (?, ?, ?, ?)
     ON CONFLICT (area_id, year) DO UPDATE SET count = excluded.count, source = excluded.source`,
    [area.id, p.year, p.count, p.source],
  );
}

export function listPopulations(db: Sqlite): Population[] {
  return db.all<{ code: string; year: number; count: number; source: string }>(
    'SELECT a.code, p.year, p.count, p.source FROM populations p JOIN areas a ON a.id = p.area_id ORDER BY a.code, p.year',
  ).map((r) => ({ areaCode: r.code, year: r.year, count: r.count, source: r.source }));
}

/**
 * The population used for a rate: the mid-year estimate of the year the span ends in, or
 * the nearest year available (estimates are published late, so recent periods use the
 * latest estimate). Returns which year was used, so the method can say so.
 */
/** Every mid-year estimate of the given areas, newest year first. */
export function populationsOf(db: Sqlite, areaIds: readonly number[]): Array<{ areaId: number; year: number; count: number }> {
  if (areaIds.length === 0) return [];
  return db.all<{ areaId: number; year: number; count: number }>(
    `SELECT area_id AS areaId, year, count FROM populations WHERE area_id IN (${areaIds.map((id) => Number(id)).join(', ')}) ORDER BY year DESC, area_id`,
  );
}

export function populationFor(db: Sqlite, areaId: number, year: number): { count: number; year: number } | undefined {
  return db.first<{ count: number; year: number }>(
    'SELECT count, year FROM populations WHERE area_id = ? ORDER BY abs(year - ?), year DESC LIMIT 1',
    [areaId, year],
  );
}

/** The mid-year estimate stored for exactly this area and year, if there is one. */
export function storedPopulation(db: Sqlite, areaId: number, year: number): { count: number } | undefined {
  return db.first<{ count: number }>('SELECT count FROM populations WHERE area_id = ? AND year = ?', [areaId, year]);
}
