/**
 * An indicator's values as a grid (areas down, periods across) and edits to it: one typed
 * cell or a pasted block, as one undoable action with an audit row per cell.
 *
 * Only stored values are edited. A value Boardpack derives (a rate from counts and
 * population, a rolling 12 months, a county from its districts) is shown but refused: the
 * analyst edits what it comes from. Values up to the end of the latest locked (published)
 * period are refused too, as imports leave them.
 */
import type { Area, Indicator } from '../../../shared/api/types';
import type { CellChange, GridCell, GridPeriod, ValueHistory, ValuesGrid, ValuesSetResult } from '../../../shared/api/editing-types';
import type { Month, Span } from '../../../shared/domain/types';
import { formatMonthLong, formatSpanLabel, monthCount } from '../../../shared/domain/periods';
import { formatNumber } from '../../../shared/domain/format';
import type { History } from '../history';
import { LockedPeriodRule, publishedValueReason } from '../periods';
import { listImports } from '../imports';
import { areaByCode, childAreas, listAreas } from '../areas';
import { auditFor, recordAudit, undoRedoOf } from '../audit';
import { listIndicators } from '../indicators';
import { getMeta } from '../store/meta';
import { deleteObservation, storedObservation, upsertObservations } from './repo';
import type { Workspace } from '../store/workspace';
import { ValueResolver, type ResolvedValue } from './series';
import { EditError } from '../errors';
import { requireIndicator } from '../indicators';
import { entryText, printedFromEntryText, printedText, readCellText, type CellEntry } from './cell-text';

const spanKey = (s: Span) => `${s.first}/${s.last}`;
/** How the audit trail names a cell of an indicator: "E07000129 2024-06" or "E10000018 2013-04..2014-03". */
const cellKey = (areaCode: string, s: Span) => `${areaCode} ${s.first === s.last ? s.first : `${s.first}..${s.last}`}`;

function resolverFor(workspace: Workspace): ValueResolver {
  const all = listIndicators(workspace.db, { includeArchived: true });
  return new ValueResolver(workspace.db, new Map(all.map((i) => [i.id, i])));
}

/** The locked period that published this indicator's values, and the month they run to (the locked-period rule). */
function publishedThrough(workspace: Workspace, indicatorId: number): { month: Month; period: string } | null {
  const ref = LockedPeriodRule.of(workspace.db).through(indicatorId);
  return ref ? { month: ref.lastMonth, period: ref.name } : null;
}

function frozenReason(published: { month: Month; period: string }): string {
  return publishedValueReason({ name: published.period, lastMonth: published.month });
}

/** "Derived: Police recorded crime: Vehicle crime (count) 1,234 / population 105,278 (mid-2023) x 1,000". */
function howDerived(workspace: Workspace, resolver: ValueResolver, indicator: Indicator, area: Area, v: ResolvedValue, indicators: ReadonlyMap<number, Indicator>): string {
  if (indicator.derivation) {
    const source = indicators.get(indicator.derivation.fromIndicatorId);
    const count = v.numerator === null ? 'count' : formatNumber(v.numerator, 0);
    const population = v.denominator === null ? 'population' : `population ${formatNumber(v.denominator, 0)}`;
    return `Derived: ${source?.name ?? 'the count'} ${count} / ${population}${v.populationYear ? ` (mid-${v.populationYear})` : ''} x 1,000`;
  }
  const kids = childAreas(workspace.db, area.id);
  const fromKids = resolver.monthlyCounts(indicator, area).derived && kids.length > 0;
  const parts = kids.every((k) => k.kind === 'district') ? 'districts' : 'areas within it';
  const months = monthCount(v.span);
  if (months === 1) return `Derived: the sum of the ${kids.length} ${parts}' counts for ${formatMonthLong(v.span.first)}`;
  return `Derived: the sum of the ${months} monthly counts, ${formatMonthLong(v.span.first)} to ${formatMonthLong(v.span.last)}${fromKids ? `, each the sum of the ${kids.length} ${parts}` : ''}`;
}

/**
 * Areas shown: those with stored values, and always the dashboard area and its districts. A
 * higher area (the region) is left out unless it has its own figures: summed from one county
 * it would pass the county's total off as the region's.
 */
function gridAreas(workspace: Workspace, resolver: ValueResolver, indicator: Indicator): Array<{ area: Area; spans: Span[] }> {
  const db = workspace.db;
  const dashboard = getMeta(db, 'dashboard_area_code');
  const dashboardArea = dashboard ? areaByCode(db, dashboard) : undefined;
  const always = new Set<number>(dashboardArea ? [dashboardArea.id, ...childAreas(db, dashboardArea.id).map((a) => a.id)] : []);
  const rows: Array<{ area: Area; spans: Span[] }> = [];
  for (const area of listAreas(db)) {
    const stored = resolver.storedValues(indicator.id, area.id).map((o) => o.span);
    if (stored.length === 0 && !always.has(area.id)) continue;
    rows.push({ area, spans: [...stored, ...resolver.derivableSpans(indicator, area)] });
  }
  return rows;
}

export function valuesGrid(workspace: Workspace, indicatorId: number): ValuesGrid {
  const indicator = requireIndicator(workspace, indicatorId);
  const resolver = resolverFor(workspace);
  const indicators = new Map(listIndicators(workspace.db, { includeArchived: true }).map((i) => [i.id, i]));
  const published = publishedThrough(workspace, indicator.id);
  const rows = gridAreas(workspace, resolver, indicator);

  const spans = new Map<string, Span>();
  for (const r of rows) for (const s of r.spans) spans.set(spanKey(s), s);
  const hasMonths = [...spans.values()].some((s) => s.first === s.last);
  // Any 12 months counts as a rolling 12 (one ending in March is also a financial year).
  const kindOf = (s: Span): GridPeriod['kind'] => (s.first === s.last ? 'month' : monthCount(s) === 12 ? 'rolling_12' : 'other');
  // Rolling 12 months go after the months, so the months read as one run.
  const rank = (s: Span) => (hasMonths && kindOf(s) === 'rolling_12' ? 1 : 0);
  const ordered = [...spans.values()].sort((a, b) => rank(a) - rank(b) || a.last.localeCompare(b.last) || b.first.localeCompare(a.first));
  const periods: GridPeriod[] = ordered.map((s) => ({
    first: s.first,
    last: s.last,
    label: formatSpanLabel(s),
    kind: kindOf(s),
    frozen: published !== null && s.last <= published.month,
  }));

  const areas = rows.map(({ area }) => ({
    code: area.code,
    name: area.name,
    kind: area.kind,
    cells: periods.map((p): GridCell => {
      const v = resolver.valueFor(indicator, area, p);
      if (v?.derived) {
        const how = howDerived(workspace, resolver, indicator, area, v, indicators);
        return { text: printedText(v, indicator), edit: entryText(v), derived: true, how, editable: false, readOnlyReason: `${how}. Edit the values it comes from instead.` };
      }
      const frozen = p.frozen && published ? frozenReason(published) : null;
      return { text: printedText(v, indicator), edit: entryText(v), derived: false, how: null, editable: frozen === null, readOnlyReason: frozen };
    }),
  }));

  const derivedFrom = indicator.derivation ? (indicators.get(indicator.derivation.fromIndicatorId)?.name ?? null) : null;
  return { indicator, derivedFrom, frozenThrough: published?.month ?? null, lockedPeriod: published?.period ?? null, periods, areas, coverageNotes: coverageNotes(workspace, resolver, indicator, indicators) };
}

/** The coverage notes of one indicator (for one area, when given): what `boardpack values` prints beside its figures. */
export function coverageNotesOf(workspace: Workspace, indicator: Indicator, area?: Area): string[] {
  const resolver = resolverFor(workspace);
  const indicators = new Map(listIndicators(workspace.db, { includeArchived: true }).map((i) => [i.id, i]));
  return coverageNotes(workspace, resolver, indicator, indicators, area);
}

/**
 * Why an area gets no figure worked out from the areas within it (where they hold counts of
 * this series): they do not cover it (by population), or, for a rate, that cannot be checked.
 * Figures stored for the area itself are shown as they are.
 */
function coverageNotes(workspace: Workspace, resolver: ValueResolver, indicator: Indicator, indicators: ReadonlyMap<number, Indicator>, only?: Area): string[] {
  const base = indicator.derivation ? indicators.get(indicator.derivation.fromIndicatorId) : indicator;
  if (!base || base.unit !== 'count') return [];
  const notes: string[] = [];
  for (const area of only ? [only] : listAreas(workspace.db)) {
    const kids = childAreas(workspace.db, area.id);
    if (!kids.some((k) => resolver.monthlyCounts(base, k).months.size > 0)) continue;
    const coverage = resolver.coverage(area);
    if (coverage.covered === false || (indicator.derivation && coverage.covered === null)) {
      notes.push(`${area.name} (${area.code}): no ${indicator.derivation ? 'rate' : 'count'} is worked out from the areas within it, because ${coverage.reason}.`);
    }
  }
  return notes;
}

export interface CellInput {
  areaCode: string;
  first: Month;
  last: Month;
  text: string;
}

interface PlannedWrite {
  area: Area;
  span: Span;
  entry: CellEntry;
  before: ResolvedValue | null;
  change: CellChange;
}

/**
 * Checks a batch of cells and, unless it is a dry run, writes those that can be written as one
 * undoable action. Cells that cannot be written are listed with the reason; when none can, the
 * edit is refused with those reasons.
 */
export function setValues(workspace: Workspace, history: History, input: { indicatorId: number; cells: CellInput[]; dryRun?: boolean; pasted?: boolean }): ValuesSetResult {
  const db = workspace.db;
  const indicator = requireIndicator(workspace, input.indicatorId);
  const resolver = resolverFor(workspace);
  const published = publishedThrough(workspace, indicator.id);
  const result: ValuesSetResult = { saved: false, changes: [], unchanged: 0, refused: [] };
  const writes = new Map<string, PlannedWrite>();
  let refusalCode: EditError['code'] = 'invalid_arguments';

  for (const cell of input.cells) {
    const span = { first: cell.first, last: cell.last };
    const period = formatSpanLabel(span);
    const area = areaByCode(db, cell.areaCode);
    const refuse = (reason: string, code: EditError['code'] = 'invalid_arguments') => {
      if (result.refused.length === 0) refusalCode = code;
      result.refused.push({ areaName: area?.name ?? cell.areaCode, period, text: cell.text, reason });
    };
    if (!area) {
      refuse(`there is no area with the code ${cell.areaCode} in this workspace`, 'not_found');
      continue;
    }
    if (span.first > span.last) {
      refuse(`the period ends (${span.last}) before it starts (${span.first})`);
      continue;
    }
    const before = resolver.valueFor(indicator, area, span);
    if (before?.derived) {
      refuse(`${howDerived(workspace, resolver, indicator, area, before, new Map(listIndicators(db, { includeArchived: true }).map((i) => [i.id, i])))}, so it cannot be typed over; edit the values it comes from`, 'conflict');
      continue;
    }
    if (published && span.last <= published.month) {
      refuse(frozenReason(published), 'conflict');
      continue;
    }
    const read = readCellText(cell.text, indicator);
    if (!read.ok) {
      refuse(read.error);
      continue;
    }
    const entry = read.value;
    const oldText = entryText(before);
    const newText = entry.kind === 'clear' ? '' : entryText(entry);
    const key = spanKey(span) + area.code;
    writes.delete(key);
    if (oldText === newText) {
      result.unchanged++;
      continue;
    }
    writes.set(key, {
      area,
      span,
      entry,
      before,
      change: { areaCode: area.code, areaName: area.name, first: span.first, last: span.last, period, old: printedText(before, indicator), new: entry.kind === 'clear' ? '' : printedText(entry, indicator) },
    });
  }
  result.changes = [...writes.values()].map((w) => w.change);

  if (input.dryRun) return result;
  if (writes.size === 0) {
    if (result.refused.length > 0) {
      throw new EditError(refusalCode, result.refused.map((r) => `${r.areaName}, ${r.period}: ${r.reason}`).join(' '));
    }
    return result;
  }
  const list = [...writes.values()];
  const only = list.length === 1 ? list[0]! : null;
  const clearing = list.every((w) => w.entry.kind === 'clear');
  const label = only
    ? cellEditLabel(clearing ? 'Clear' : 'Edit', only.area, only.change.period, indicator)
    : `${input.pasted ? 'Paste' : clearing ? 'Clear' : 'Edit'} ${list.length} values of ${indicator.name}`;
  history.record(label, () => {
    for (const w of list) writeCell(workspace, indicator, w);
  });
  result.saved = true;
  return result;
}

/** "Edit Blaby, Jun 2024 of Vehicle crimes": the undo stack's words for a one-cell edit. */
function cellEditLabel(verb: 'Edit' | 'Clear', area: Area, period: string, indicator: Indicator): string {
  return `${verb} ${area.name}, ${period} of ${indicator.name}`;
}

function writeCell(workspace: Workspace, indicator: Indicator, w: PlannedWrite): void {
  const db = workspace.db;
  const stored = storedObservation(db, indicator.id, w.area.id, w.span);
  const field = cellKey(w.area.code, w.span);
  const oldValue = stored ? entryText(stored) : null;
  if (w.entry.kind === 'clear') {
    if (!stored) return;
    deleteObservation(db, stored.id);
    recordAudit(db, { action: 'delete', entity: 'value', entityId: indicator.id, field, oldValue, newValue: null }, workspace.env.now(), workspace.env.osUser);
    return;
  }
  const e = w.entry;
  // The figure is now the analyst's, not the import's; its period label and note stay.
  upsertObservations(db, [{ indicatorId: indicator.id, areaId: w.area.id, span: w.span, value: e.value, missing: e.missing, footnoteMarker: e.footnoteMarker, label: stored?.label ?? null, note: stored?.note ?? '', importId: null }]);
  recordAudit(db, { action: stored ? 'update' : 'create', entity: 'value', entityId: indicator.id, field, oldValue, newValue: entryText(e) }, workspace.env.now(), workspace.env.osUser);
}

const ACTION_WORDS: Record<string, string> = { create: 'added', update: 'edited', delete: 'cleared' };

/** A cell's story: each edit (old, new, when, who), and the import its stored value came from. */
export function valueHistory(workspace: Workspace, input: { indicatorId: number; areaCode: string; first: Month; last: Month }): ValueHistory {
  const db = workspace.db;
  const indicator = requireIndicator(workspace, input.indicatorId);
  const area = areaByCode(db, input.areaCode);
  if (!area) throw new EditError('not_found', `There is no area with the code ${input.areaCode} in this workspace.`);
  const span = { first: input.first, last: input.last };
  const field = cellKey(area.code, span);
  const entries = auditFor(db, 'value', indicator.id)
    .filter((r) => r.field === field)
    .map((r) => ({ at: r.at, osUser: r.osUser, action: ACTION_WORDS[r.action] ?? r.action, old: printedFromEntryText(r.oldValue, indicator) || null, new: printedFromEntryText(r.newValue, indicator) || null }));
  // Undoing or redoing an edit of this cell (alone or in a pasted block) is part of its story too.
  for (const u of undoRedoOf(db, 'value', indicator.id, field)) {
    const what = u.of === 'delete' ? 'clearing' : 'edit';
    entries.push({ at: u.at, osUser: u.osUser, action: `${u.action === 'undo' ? 'undid' : 'redid'} the ${what}`, old: null, new: null });
  }
  const stored = storedObservation(db, indicator.id, area.id, span);
  if (stored?.importId) {
    const record = listImports(workspace).find((i) => i.id === stored.importId);
    if (record) entries.push({ at: record.importedAt, osUser: record.osUser, action: `imported from ${record.files.join(', ')}`, old: null, new: printedText(stored, indicator) });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  const current = resolverFor(workspace).valueFor(indicator, area, span);
  return { cell: `${area.name}, ${formatSpanLabel(span)}`, indicator: indicator.name, current: printedText(current, indicator), entries };
}
