/**
 * Puts an ONS district -> Community Safety Partnership -> police force area lookup into a
 * workspace. Only new areas are added (each journalled, so undoing the import removes them):
 * police force areas, CSPs under their force, and districts under their CSP. Areas the
 * workspace already has are linked as they are (a district already under its county stays
 * there, so the dashboard's county totals do not move).
 *
 * When the workspace has districts, only the lookup's rows for those districts are used (a
 * national lookup has over 300); an empty workspace takes the whole lookup.
 */
import type { Sqlite } from '../store/sqlite';
import { areaByCode, listAreas, upsertArea } from '../areas';
import { journalBefore } from './journal-repo';
import type { AppliedValues } from './apply-counts';
import type { AreaLookupRow } from './ons';
import { kindOfCode } from './apply-table';

export interface AppliedLookup extends AppliedValues {
  rowsUsed: number;
  notInWorkspace: number;
  forces: number;
  csps: number;
  districts: number;
}

export function applyAreaLookup(db: Sqlite, rows: readonly AreaLookupRow[], importId: number): AppliedLookup {
  const result: AppliedLookup = { added: 0, unchanged: 0, changed: [], conflicts: [], created: [], rowsUsed: 0, notInWorkspace: 0, forces: 0, csps: 0, districts: 0 };
  const districts = new Set(listAreas(db).filter((a) => a.kind === 'district' || a.kind === 'unitary').map((a) => a.code));
  const used = districts.size === 0 ? rows : rows.filter((r) => districts.has(r.districtCode));
  result.notInWorkspace = rows.length - used.length;
  result.rowsUsed = used.length;
  const ensure = (code: string, name: string, kind: 'force' | 'csp' | 'district' | 'unitary', parentCode: string | null): void => {
    if (areaByCode(db, code)) {
      result.unchanged++;
      return;
    }
    journalBefore(db, importId, 'areas', { code });
    upsertArea(db, { code, name, kind, parentCode });
    result.added++;
    result[kind === 'force' ? 'forces' : kind === 'csp' ? 'csps' : 'districts']++;
  };
  for (const r of used) {
    ensure(r.forceCode, r.forceName, 'force', null);
    ensure(r.cspCode, r.cspName, 'csp', r.forceCode);
    ensure(r.districtCode, r.districtName, kindOfCode(r.districtCode) === 'unitary' ? 'unitary' : 'district', r.cspCode);
  }
  const parts = [
    result.forces > 0 ? `${result.forces} police force area${result.forces > 1 ? 's' : ''}` : '',
    result.csps > 0 ? `${result.csps} community safety partnership${result.csps > 1 ? 's' : ''}` : '',
    result.districts > 0 ? `${result.districts} district${result.districts > 1 ? 's' : ''}` : '',
  ].filter((p) => p !== '');
  if (parts.length > 0) result.created.push(parts.join(', '));
  return result;
}
