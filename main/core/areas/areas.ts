/**
 * The workspace's areas as the analyst manages them (the Areas page and `boardpack areas`):
 * list them with their population years, add one from the built-in geography or by hand,
 * rename, retire (kept for history) or bring back, set the board's main area, and keep
 * comparator groups. Each change is one step on the app-wide undo and is audited.
 *
 * Comparator groups decide whom the main area is compared with: the County Comparison
 * (Top/Average/Bottom) and the scorecard's position use the group an indicator names, else the
 * workspace's default group, else (no group) every area of the main area's kind.
 */
import type { Area, AreaListing, AreasPage, ComparatorGroup } from '../../../shared/api/types';
import type { AreaKind } from '../../../shared/domain/types';
import type { History } from '../history';
import { AnalystError } from '../errors';
import type { Sqlite } from '../store/sqlite';
import type { Workspace } from '../store/workspace';
import { recordAudit } from '../audit';
import {
  areaByCode,
  comparatorGroupByName,
  deleteComparatorGroup,
  findArea,
  listAreas,
  listComparatorGroups,
  populationYears,
  renameArea,
  saveComparatorGroup,
  setAreaRetired,
  upsertArea,
  upsertPopulation,
} from './repo';
import { deleteMeta, getMeta, setMeta } from '../store/meta';
import { describeArea, kindWords, type Geography } from './geography';

/** A change to the areas that cannot be made; nothing was changed. */
export class AreaError extends AnalystError {
  constructor(code: 'not_found' | 'invalid_arguments' | 'conflict', message: string) {
    super(code, message);
    this.name = 'AreaError';
  }
}

const AREA_KINDS: readonly AreaKind[] = ['county', 'district', 'unitary', 'region', 'force', 'csp', 'comparator'];

export function areasPage(db: Sqlite): AreasPage {
  const years = populationYears(db);
  const mainAreaCode = getMeta(db, 'dashboard_area_code');
  const areas: AreaListing[] = listAreas(db).map((a) => ({ ...a, populationYears: years.get(a.id) ?? [], main: a.code === mainAreaCode }));
  const groups: ComparatorGroup[] = listComparatorGroups(db).map((g) => ({ name: g.name, memberCodes: g.memberCodes }));
  return { areas, mainAreaCode, groups, defaultGroup: getMeta(db, 'comparator_group') };
}

function requireArea(db: Sqlite, codeOrName: string): Area {
  const area = findArea(db, codeOrName);
  if (!area) throw new AreaError('not_found', `This workspace has no area with the code or name "${codeOrName.trim()}"; "boardpack areas" lists them.`);
  return area;
}

function audit(workspace: Workspace, entityId: number | null, action: 'create' | 'update', field: string | null, oldValue: string | null, newValue: string | null, entity = 'area'): void {
  recordAudit(workspace.db, { action, entity, entityId, field, oldValue, newValue }, workspace.env.now(), workspace.env.osUser);
}

export type AddAreaInput =
  | { from: string; parentCode?: string | null }
  | { code: string; name: string; kind: AreaKind; parentCode?: string | null };

/**
 * Adds an area from the built-in geography (by code or name, with its mid-year populations;
 * its parent is kept when that is in the workspace) or by hand (code, name, kind).
 */
export function addArea(workspace: Workspace, history: History, geography: Geography, input: AddAreaInput): { area: Area; note: string | null } {
  const db = workspace.db;
  let code: string;
  let name: string;
  let kind: AreaKind;
  let parentCode: string | null;
  let populations: Record<string, number> = {};
  let note: string | null = null;
  if ('from' in input) {
    const found = geography.resolve(input.from);
    if (!found.ok) throw new AreaError('not_found', found.error);
    ({ code, name } = found.area);
    kind = found.area.kind;
    populations = found.area.population;
    note = found.note;
    const builtInParent = found.area.parent && areaByCode(db, found.area.parent) ? found.area.parent : null;
    parentCode = input.parentCode === undefined ? builtInParent : input.parentCode;
  } else {
    code = input.code.trim().toUpperCase();
    name = input.name.trim();
    kind = input.kind;
    parentCode = input.parentCode ?? null;
    if (!/^[A-Z0-9][A-Z0-9-]{1,19}$/.test(code)) throw new AreaError('invalid_arguments', `"${input.code}" is not an area code: use the ONS code (e.g. E07000130), or letters, digits and hyphens.`);
    if (name === '') throw new AreaError('invalid_arguments', 'Give the area a name.');
    if (!AREA_KINDS.includes(kind)) throw new AreaError('invalid_arguments', `"${kind}" is not a kind of area; use ${AREA_KINDS.join(', ')}.`);
  }
  const existing = areaByCode(db, code);
  if (existing) throw new AreaError('conflict', `${existing.name} (${existing.code}) is already in this workspace.`);
  if (parentCode && !areaByCode(db, parentCode)) throw new AreaError('not_found', `The parent ${parentCode} is not in this workspace; add it first.`);
  const area = history.record(`Add the area ${name}`, () => {
    const id = upsertArea(db, { code, name, kind, parentCode });
    for (const [year, count] of Object.entries(populations)) upsertPopulation(db, { areaCode: code, year: Number(year), count, source: 'ONS mid-year population estimates (built into Boardpack)' });
    audit(workspace, id, 'create', null, null, `${code} ${name} (${kindWords(kind)})${'from' in input ? ', from the built-in geography' : ', by hand'}${parentCode ? ` under ${parentCode}` : ''}`);
    return areaByCode(db, code)!;
  });
  return { area, note };
}

export function renameAreaNow(workspace: Workspace, history: History, codeOrName: string, newName: string): Area {
  const db = workspace.db;
  const area = requireArea(db, codeOrName);
  const name = newName.trim();
  if (name === '') throw new AreaError('invalid_arguments', 'Give the new name.');
  if (name === area.name) return area;
  history.record(`Rename ${area.name} to ${name}`, () => {
    renameArea(db, area.id, name);
    audit(workspace, area.id, 'update', 'name', area.name, name);
  });
  return areaByCode(db, area.code)!;
}

/** Retires an area (kept with its values; no longer compared, counted into or listed as a district), or brings it back (`on` null). */
export function retireArea(workspace: Workspace, history: History, codeOrName: string, on: string | null): Area {
  const db = workspace.db;
  const area = requireArea(db, codeOrName);
  if (on !== null && area.code === getMeta(db, 'dashboard_area_code')) throw new AreaError('conflict', `${area.name} is the board's main area; make another area the main one before retiring it.`);
  if ((area.retiredOn ?? null) === on) return area;
  history.record(on === null ? `Bring back ${area.name}` : `Retire ${area.name}`, () => {
    setAreaRetired(db, area.id, on);
    audit(workspace, area.id, 'update', 'retired_on', area.retiredOn ?? null, on);
  });
  return areaByCode(db, area.code)!;
}

export function setMainArea(workspace: Workspace, history: History, codeOrName: string): Area {
  const db = workspace.db;
  const area = requireArea(db, codeOrName);
  if (area.retiredOn) throw new AreaError('conflict', `${area.name} was retired on ${area.retiredOn}; bring it back before making it the main area.`);
  const before = getMeta(db, 'dashboard_area_code');
  if (before === area.code) return area;
  history.record(`Make ${area.name} the board's main area`, () => {
    setMeta(db, 'dashboard_area_code', area.code);
    audit(workspace, area.id, 'update', 'main area', before, area.code);
  });
  return area;
}

/**
 * Creates or replaces a comparator group from a list of codes (or names). Areas not yet in the
 * workspace are added from the built-in geography (no parent, with their populations), so the
 * group's values can be imported for them.
 */
export function saveGroup(workspace: Workspace, history: History, geography: Geography, name: string, members: readonly string[], options: { makeDefault?: boolean } = {}): { group: ComparatorGroup; added: string[] } {
  const db = workspace.db;
  const groupName = name.trim();
  if (groupName === '') throw new AreaError('invalid_arguments', 'Give the comparator group a name, e.g. "Most Similar Group".');
  if (members.length < 2) throw new AreaError('invalid_arguments', 'A comparator group needs at least two areas (ONS codes or names).');
  const plan: Array<{ code: string; builtIn: ReturnType<Geography['byCode']> }> = [];
  const unknown: string[] = [];
  for (const m of members) {
    const inWorkspace = findArea(db, m);
    if (inWorkspace) {
      plan.push({ code: inWorkspace.code, builtIn: undefined });
      continue;
    }
    const found = geography.resolve(m);
    if (found.ok) plan.push({ code: found.area.code, builtIn: found.area });
    else unknown.push(found.error);
  }
  if (unknown.length > 0) throw new AreaError('not_found', unknown.join(' '));
  const before = comparatorGroupByName(db, groupName);
  const added: string[] = [];
  history.record(`${before ? 'Change' : 'Create'} the comparator group ${groupName}`, () => {
    for (const p of plan) {
      if (!p.builtIn || areaByCode(db, p.code)) continue;
      const id = upsertArea(db, { code: p.builtIn.code, name: p.builtIn.name, kind: p.builtIn.kind, parentCode: null });
      for (const [year, count] of Object.entries(p.builtIn.population)) upsertPopulation(db, { areaCode: p.builtIn.code, year: Number(year), count, source: 'ONS mid-year population estimates (built into Boardpack)' });
      audit(workspace, id, 'create', null, null, `${describeArea(p.builtIn)}, from the built-in geography, for the comparator group ${groupName}`);
      added.push(describeArea(p.builtIn));
    }
    const ids = plan.map((p) => areaByCode(db, p.code)!.id);
    const id = saveComparatorGroup(db, groupName, ids);
    audit(workspace, id, before ? 'update' : 'create', 'members', before ? before.memberCodes.join(',') : null, [...new Set(plan.map((p) => p.code))].sort().join(','), 'comparator_group');
    if (options.makeDefault) setMeta(db, 'comparator_group', comparatorGroupByName(db, groupName)!.name);
  });
  const saved = comparatorGroupByName(db, groupName)!;
  return { group: { name: saved.name, memberCodes: saved.memberCodes }, added };
}

export function removeGroup(workspace: Workspace, history: History, name: string): void {
  const db = workspace.db;
  const group = comparatorGroupByName(db, name);
  if (!group) throw new AreaError('not_found', `There is no comparator group called "${name.trim()}".`);
  history.record(`Delete the comparator group ${group.name}`, () => {
    deleteComparatorGroup(db, group.id);
    if (getMeta(db, 'comparator_group') === group.name) deleteMeta(db, 'comparator_group');
    audit(workspace, group.id, 'update', 'deleted', group.memberCodes.join(','), null, 'comparator_group');
  });
}

/** Makes a group the workspace's default comparator group (null: none, compare with every area of the main area's kind). */
export function useGroup(workspace: Workspace, history: History, name: string | null): void {
  const db = workspace.db;
  const group = name === null ? null : comparatorGroupByName(db, name);
  if (name !== null && !group) throw new AreaError('not_found', `There is no comparator group called "${name.trim()}".`);
  const before = getMeta(db, 'comparator_group');
  if (before === (group?.name ?? null)) return;
  history.record(group ? `Compare with the group ${group.name}` : 'Compare with every area of the same kind', () => {
    if (group) setMeta(db, 'comparator_group', group.name);
    else deleteMeta(db, 'comparator_group');
    audit(workspace, group?.id ?? null, 'update', 'default comparator group', before, group?.name ?? null, 'comparator_group');
  });
}

/**
 * The areas `area` is compared with, itself included, for an indicator naming a comparator
 * group: that group, else the workspace's default group, else every area of its kind; retired
 * areas are left out. The groups are read once per call of this function.
 */
export function comparatorsFor(db: Sqlite, area: Area): (indicatorGroup: string) => Area[] {
  const areas = listAreas(db);
  const groups = listComparatorGroups(db);
  const byName = (name: string | null) => (name ? groups.find((g) => g.name.toLowerCase() === name.trim().toLowerCase()) : undefined);
  const fallback = byName(getMeta(db, 'comparator_group'));
  const sameKind = areas.filter((a) => a.kind === area.kind && !a.retiredOn);
  return (indicatorGroup) => {
    const group = byName(indicatorGroup) ?? fallback;
    if (!group) return sameKind;
    const members = new Set([...group.memberCodes, area.code]);
    return areas.filter((a) => members.has(a.code) && !a.retiredOn);
  };
}
