/**
 * Outcomes and indicators as the analyst keeps them: create, edit, archive, restore, reorder.
 * Each change is one undoable action (history.record) with its audit rows; the checks a schema
 * cannot make (unique names, an archived outcome, a rate's unit) are made here, in words an
 * analyst understands.
 */
import type { Indicator, Outcome } from '../../../shared/api/types';
import type { DefinitionSaved, IndicatorCatalogue } from '../../../shared/api/editing-types';
import { COMMON_FREQUENCIES, guessMeasureType, MEASURE_TYPE_NAMES, MEASURE_TYPES_OF } from '../../../shared/domain/definition-words';
import { UNIT_NAMES } from '../../../shared/domain/vocabulary';
import type { History } from '../history';
import { recordAudit, type AuditEntry } from '../audit';
import {
  addIndicator,
  addOutcome,
  indicatorById,
  listIndicators,
  listOutcomes,
  nextSortOrder,
  outcomeById,
  setArchived,
  setSortOrder,
  updateIndicator,
  updateOutcome,
  type IndicatorDefinition,
} from './repo';
import type { Workspace } from '../store/workspace';
import { EditError } from '../errors';
import { changedFields, definitionImpacts } from '../values';

export interface OutcomeInput {
  id?: number;
  title: string;
  shortTitle: string;
}

export type IndicatorInput = IndicatorDefinition & { id?: number };

function audit(workspace: Workspace, entry: AuditEntry): void {
  recordAudit(workspace.db, entry, workspace.env.now(), workspace.env.osUser);
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function catalogue(workspace: Workspace): IndicatorCatalogue {
  const db = workspace.db;
  const indicators = listIndicators(db, { includeArchived: true });
  const used = (values: string[]) => [...new Set(values.filter((v) => v.trim() !== ''))].sort((a, b) => a.localeCompare(b));
  return {
    outcomes: listOutcomes(db, { includeArchived: true }).map((o) => ({ ...o, indicators: indicators.filter((i) => i.outcomeId === o.id) })),
    dataSeries: indicators.filter((i) => i.outcomeId === null),
    frequencies: used([...COMMON_FREQUENCIES, ...indicators.map((i) => i.frequency)]),
    comparatorGroups: used(indicators.map((i) => i.comparatorGroup)),
  };
}

function requireOutcome(workspace: Workspace, id: number): Outcome {
  const found = outcomeById(workspace.db, id);
  if (!found) throw new EditError('not_found', 'That outcome is no longer in this workspace.');
  return found;
}

export function requireIndicator(workspace: Workspace, id: number): Indicator {
  const found = indicatorById(workspace.db, id);
  if (!found) throw new EditError('not_found', 'That indicator is no longer in this workspace.');
  return found;
}

export function saveOutcome(workspace: Workspace, history: History, input: OutcomeInput): Outcome {
  const db = workspace.db;
  const title = input.title.trim();
  const shortTitle = input.shortTitle.trim();
  const clash = listOutcomes(db, { includeArchived: true }).find((o) => o.id !== input.id && sameText(o.title, title));
  if (clash) throw new EditError('invalid_arguments', `There is already an outcome called "${clash.title}"${clash.archived ? ' (archived: restore it instead)' : ''}.`);
  if (input.id === undefined) {
    return history.record(`Add the outcome "${title}"`, () => {
      const id = addOutcome(db, { title, shortTitle });
      audit(workspace, { action: 'create', entity: 'outcome', entityId: id, field: 'title', newValue: title });
      return outcomeById(db, id)!;
    });
  }
  const before = requireOutcome(workspace, input.id);
  return history.record(`Edit the outcome "${title}"`, () => {
    updateOutcome(db, before.id, { title, shortTitle });
    if (before.title !== title) audit(workspace, { action: 'update', entity: 'outcome', entityId: before.id, field: 'title', oldValue: before.title, newValue: title });
    if (before.shortTitle !== shortTitle) audit(workspace, { action: 'update', entity: 'outcome', entityId: before.id, field: 'short title', oldValue: before.shortTitle, newValue: shortTitle });
    return outcomeById(db, before.id)!;
  });
}

export function setOutcomeArchived(workspace: Workspace, history: History, id: number, archived: boolean): Outcome {
  const outcome = requireOutcome(workspace, id);
  if (outcome.archived === archived) return outcome;
  return history.record(`${archived ? 'Archive' : 'Restore'} the outcome "${outcome.title}"`, () => {
    setArchived(workspace.db, 'outcomes', id, archived);
    audit(workspace, { action: archived ? 'archive' : 'restore', entity: 'outcome', entityId: id, newValue: outcome.title });
    return requireOutcome(workspace, id);
  });
}

/**
 * Puts the given items in the given order, reusing the sort positions they already hold, so
 * anything not listed keeps its place.
 */
function reorder(workspace: Workspace, history: History, table: 'outcomes' | 'indicators', items: Array<{ id: number; order: number }>, ids: number[], label: string): void {
  const byId = new Map(items.map((i) => [i.id, i]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0 || new Set(ids).size !== ids.length) throw new EditError('invalid_arguments', 'The new order does not match the list on screen; reload and try again.');
  const slots = ids.map((id) => byId.get(id)!.order).sort((a, b) => a - b);
  // Equal positions (e.g. from an older workspace) would keep their tie: spread them out.
  const distinct = slots.every((s, i) => i === 0 || s > slots[i - 1]!) ? slots : slots.map((s, i) => (slots[0] ?? 0) + i);
  history.record(label, () => {
    ids.forEach((id, i) => {
      const before = byId.get(id)!.order;
      if (before === distinct[i]) return;
      setSortOrder(workspace.db, table, id, distinct[i]!);
      audit(workspace, { action: 'update', entity: table === 'outcomes' ? 'outcome' : 'indicator', entityId: id, field: 'order', oldValue: String(before), newValue: String(distinct[i]) });
    });
  });
}

export function reorderOutcomes(workspace: Workspace, history: History, ids: number[]): void {
  reorder(workspace, history, 'outcomes', listOutcomes(workspace.db, { includeArchived: true }), ids, 'Reorder the outcomes');
}

export function reorderIndicators(workspace: Workspace, history: History, outcomeId: number | null, ids: number[]): void {
  const within = listIndicators(workspace.db, { includeArchived: true }).filter((i) => i.outcomeId === outcomeId);
  const label = outcomeId === null ? 'Reorder the data series' : `Reorder the indicators of "${requireOutcome(workspace, outcomeId).title}"`;
  reorder(workspace, history, 'indicators', within, ids, label);
}

function normalised(input: IndicatorInput, before: Indicator | undefined): Required<IndicatorDefinition> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  // Not given: kept, unless the unit changed (then guessed again for the new unit).
  const measureType = input.measureType ?? (before && before.unit === input.unit ? before.measureType : guessMeasureType(name, input.unit).type);
  return {
    outcomeId: input.outcomeId,
    name,
    unit: input.unit,
    measureType,
    polarity: input.polarity,
    decimals: input.decimals,
    frequency: (input.frequency ?? '').trim(),
    source: (input.source ?? '').trim(),
    target: input.target ?? null,
    tolerancePercent: input.tolerancePercent ?? null,
    comparatorGroup: (input.comparatorGroup ?? '').trim(),
    notes: (input.notes ?? '').trim(),
    footnote: (input.footnote ?? '').trim(),
  };
}

/** The checks a schema cannot make. */
function checkIndicator(workspace: Workspace, id: number | undefined, def: Required<IndicatorDefinition>, before: Indicator | undefined): void {
  const db = workspace.db;
  const clash = listIndicators(db, { includeArchived: true }).find((i) => i.id !== id && sameText(i.name, def.name));
  if (clash) throw new EditError('invalid_arguments', `There is already an indicator called "${clash.name}"${clash.archived ? ' (archived: restore it instead)' : ''}. Indicator names must be different.`);
  if (def.outcomeId !== null) {
    const outcome = requireOutcome(workspace, def.outcomeId);
    if (outcome.archived && before?.outcomeId !== def.outcomeId) throw new EditError('invalid_arguments', `The outcome "${outcome.title}" is archived; restore it first or choose another outcome.`);
  }
  if (before?.derivation && def.unit !== 'rate_per_1000') {
    const source = indicatorById(db, before.derivation.fromIndicatorId);
    throw new EditError('invalid_arguments', `Boardpack works this indicator out as a rate per 1,000 population from "${source?.name ?? 'its counts'}", so its unit stays rate per 1,000.`);
  }
  const allowed = MEASURE_TYPES_OF[def.unit];
  if (!allowed.includes(def.measureType)) {
    throw new EditError('invalid_arguments', `A ${UNIT_NAMES[def.unit]} cannot be a ${MEASURE_TYPE_NAMES[def.measureType]}; choose ${allowed.map((t) => MEASURE_TYPE_NAMES[t]).join(' or ')}.`);
  }
  if (def.target !== null && def.polarity === 'none') throw new EditError('invalid_arguments', 'A target needs a polarity: say whether lower or higher is better, or clear the target.');
  if (def.unit === 'percent' && def.target !== null && (def.target < -100 || def.target > 100)) throw new EditError('invalid_arguments', `A percentage target of ${def.target} is outside -100 to 100.`);
}

/**
 * Creates or changes an indicator. A dry run saves nothing and says how the change would
 * print differently (the screen asks before saving such a change).
 */
export function saveIndicator(workspace: Workspace, history: History, input: IndicatorInput, options: { dryRun?: boolean } = {}): DefinitionSaved<Indicator> {
  const db = workspace.db;
  const before = input.id === undefined ? undefined : requireIndicator(workspace, input.id);
  const def = normalised(input, before);
  checkIndicator(workspace, input.id, def, before);
  const impacts = before ? definitionImpacts(db, before, def) : [];
  if (options.dryRun) return { saved: false, item: before ?? null, impacts };

  if (!before) {
    const item = history.record(`Add the indicator "${def.name}"`, () => {
      const id = addIndicator(db, def);
      audit(workspace, { action: 'create', entity: 'indicator', entityId: id, field: 'name', newValue: def.name });
      return indicatorById(db, id)!;
    });
    return { saved: true, item, impacts };
  }
  const changes = changedFields(db, before, def);
  if (changes.length === 0) return { saved: false, item: before, impacts: [] };
  const item = history.record(`Edit the indicator "${def.name}"`, () => {
    // Moved to another outcome: it goes to the end of that outcome's list.
    const order = def.outcomeId !== before.outcomeId ? nextSortOrder(db, 'indicators') : before.order;
    updateIndicator(db, before.id, { ...def, order });
    for (const { field } of changes) {
      const old = before[field];
      const next = def[field];
      audit(workspace, { action: 'update', entity: 'indicator', entityId: before.id, field, oldValue: old === null ? null : String(old), newValue: next === null || next === undefined ? null : String(next) });
    }
    return indicatorById(db, before.id)!;
  });
  return { saved: true, item, impacts };
}

export function setIndicatorArchived(workspace: Workspace, history: History, id: number, archived: boolean): Indicator {
  const db = workspace.db;
  const indicator = requireIndicator(workspace, id);
  if (indicator.archived === archived) return indicator;
  if (archived) {
    const users = listIndicators(db).filter((i) => i.derivation?.fromIndicatorId === id);
    if (users.length > 0) throw new EditError('conflict', `${users.map((u) => `"${u.name}"`).join(', ')} ${users.length > 1 ? 'are' : 'is'} worked out from "${indicator.name}"; archive ${users.length > 1 ? 'them' : 'it'} first.`);
  } else if (indicator.outcomeId !== null) {
    const outcome = requireOutcome(workspace, indicator.outcomeId);
    if (outcome.archived) throw new EditError('conflict', `Its outcome "${outcome.title}" is archived; restore the outcome first.`);
  }
  return history.record(`${archived ? 'Archive' : 'Restore'} the indicator "${indicator.name}"`, () => {
    setArchived(db, 'indicators', id, archived);
    audit(workspace, { action: archived ? 'archive' : 'restore', entity: 'indicator', entityId: id, newValue: indicator.name });
    return requireIndicator(workspace, id);
  });
}
