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
  retired_on: string | null;
}

const SELECT_AREAS = `
  SELECT a.id, a.code, a.name, a.kind, p.code AS parent_code, a.retired_on
  FROM areas a LEFT JOIN areas p ON p.id = a.parent_id`;

const toArea = (r: AreaRow): Area => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentCode: r.parent_code, ...(r.retired_on ? { retiredOn: r.retired_on } : {}) });

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

export function renameArea(db: Sqlite, id: number, name: string): void {
  db.run('UPDATE areas SET name = ? WHERE id = ?', [name, id]);
}

export function setAreaRetired(db: Sqlite, id: number, on: string | null): void {
  db.run('UPDATE areas SET retired_on = ? WHERE id = ?', [on, id]);
}

export function setAreaParent(db: Sqlite, id: number, parentId: number | null): void {
  db.run('UPDATE areas SET parent_id = ? WHERE id = ?', [parentId, id]);
}

export function populationYears(db: Sqlite): Map<number, number[]> {
  const years = new Map<number, number[]>();
  for (const r of db.all<{ area_id: number; year: number }>('SELECT area_id, year FROM populations ORDER BY area_id, year')) years.set(r.area_id, [...(years.get(r.area_id) ?? []), r.year]);
  return years;
}

export interface ComparatorGroupRow {
  id: number;
  name: string;
  memberCodes: string[];
}

export function listComparatorGroups(db: Sqlite): ComparatorGroupRow[] {
  const members = new Map<number, string[]>();
  for (const r of db.all<{ group_id: number; code: string }>('SELECT m.group_id, a.code FROM comparator_group_members m JOIN areas a ON a.id = m.area_id ORDER BY a.code')) {
    members.set(r.group_id, [...(members.get(r.group_id) ?? []), r.code]);
  }
  return db.all<{ id: number; name: string }>('SELECT id, name FROM comparator_groups ORDER BY name').map((g) => ({ id: g.id, name: g.name, memberCodes: members.get(g.id) ?? [] }));
}

export function comparatorGroupByName(db: Sqlite, name: string): ComparatorGroupRow | undefined {
  return listComparatorGroups(db).find((g) => g.name.toLowerCase() === name.trim().toLowerCase());
}

/** Creates or replaces a group's members (area ids, already in the workspace). */
export function saveComparatorGroup(db: Sqlite, name: string, areaIds: readonly number[]): number {
  const existing = comparatorGroupByName(db, name);
  const id = existing?.id ?? db.insert('INSERT INTO comparator_groups (name) VALUES (?)', [name.trim()]);
  db.run('DELETE FROM comparator_group_members WHERE group_id = ?', [id]);
  for (const areaId of new Set(areaIds)) db.run('INSERT INTO comparator_group_members (group_id, area_id) VALUES (?, ?)', [id, areaId]);
  return id;
}

export function deleteComparatorGroup(db: Sqlite, id: number): void {
  db.run('DELETE FROM comparator_group_members WHERE group_id = ?', [id]);
  db.run('DELETE FROM comparator_groups WHERE id = ?', [id]);
}

/** The mid-year estimate stored for exactly this area and year, if there is one. */
export function storedPopulation(db: Sqlite, areaId: number, year: number): { count: number } | undefined {
  return db.first<{ count: number }>('SELECT count FROM populations WHERE area_id = ? AND year = ?', [areaId, year]);
}
