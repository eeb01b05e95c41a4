/**
 * The audit trail as the analyst reads it: each row of the audit table (and each import)
 * turned into who, when, what, before and after, in the words the screens use, and filtered
 * to one reporting period or one indicator.
 */
import type { AuditTrailRow, ReportingPeriod } from '../../../shared/api/types';
import { addMonths, formatSpanLabel } from '../../../shared/domain/periods';
import type { Month, Span } from '../../../shared/domain/types';
import { DIRECTION_WORDS, JUDGEMENT_WORDS, RAG_WORDS } from '../../../shared/domain/vocabulary';
import { listActions } from '../actions';
import { listAreas } from '../areas';
import { listImports } from '../imports';
import { listIndicators, listOutcomes } from '../indicators';
import { listPeriods } from '../periods';
import type { Workspace } from '../store/workspace';
import { listAuditRows, type AuditRow } from './repo';

export interface AuditFilter {
  /** Only what concerns this period: the period itself, its judgements, and values its figures use. */
  period?: ReportingPeriod;
  /** Only what concerns this indicator: its definition, its judgements and its values. */
  indicatorId?: number;
}

const ACTION_WORDS: Record<string, string> = {
  create: 'Added',
  update: 'Changed',
  delete: 'Deleted',
  archive: 'Archived',
  restore: 'Restored',
  lock: 'Published',
  unlock: 'Unlocked',
  undo: 'Undone',
  redo: 'Redone',
  import: 'Imported',
};

/** The judgements an audit row's field names: an indicator's three, and an outcome's RAG and comment. */
const JUDGEMENT_NAMES: Record<string, string> = { ...JUDGEMENT_WORDS, rag: 'outcome RAG', comment: 'outcome comment' };
const CHOICE_WORDS: Record<string, string> = { ...DIRECTION_WORDS, ...RAG_WORDS };

/** "worsening (Thefts rose)" from the stored "worsening (Thefts rose)" or "R (reason)": choices in words. */
function choiceText(value: string | null): string {
  if (value === null) return '';
  const m = /^(\S+)( \(.*\))?$/s.exec(value);
  return m && CHOICE_WORDS[m[1]!] ? `${CHOICE_WORDS[m[1]!]}${m[2] ?? ''}` : value;
}

/** A value's audit field: "E07000129 2024-06" or "E07000129 2024-04..2024-06". */
function cellOf(field: string | null): { areaCode: string; span: Span } | null {
  const m = /^(\S+) (\d{4}-\d{2})(?:\.\.(\d{4}-\d{2}))?$/.exec(field ?? '');
  return m ? { areaCode: m[1]!, span: { first: m[2] as Month, last: (m[3] ?? m[2]) as Month } } : null;
}

/** "2014/15 Q4 direction" -> the period's name and the judgement. */
function judgementOf(field: string | null, periods: readonly ReportingPeriod[]): { period: string; judgement: string } | null {
  for (const p of periods) {
    if (field?.startsWith(`${p.name} `)) return { period: p.name, judgement: field.slice(p.name.length + 1) };
  }
  return null;
}

export function auditTrail(workspace: Workspace, filter: AuditFilter = {}): AuditTrailRow[] {
  const db = workspace.db;
  const indicators = new Map(listIndicators(db, { includeArchived: true }).map((i) => [i.id, i.name]));
  const outcomes = new Map(listOutcomes(db, { includeArchived: true }).map((o) => [o.id, o.shortTitle || o.title]));
  const periods = listPeriods(db);
  const periodById = new Map(periods.map((p) => [p.id, p.name]));
  const areas = new Map(listAreas(db).map((a) => [a.code, a.name]));
  const actions = new Map(listActions(db).map((a) => [a.id, a.number]));
  const indicatorName = (id: number | null) => (id !== null ? (indicators.get(id) ?? `indicator ${id}`) : 'an indicator');

  const { period, indicatorId } = filter;
  // The months a period's figures use: the 12 months to its last month.
  const firstMonth = period ? addMonths(period.lastMonth, -11) : null;

  const concerns = (row: AuditRow): boolean => {
    if (indicatorId !== undefined) {
      if (!['indicator', 'indicator_assessment', 'value'].includes(row.entity) || row.entityId !== indicatorId) return false;
    }
    if (period) {
      if (row.entity === 'reporting_period') return row.entityId === period.id;
      if (row.entity === 'indicator_assessment' || row.entity === 'outcome_assessment') return judgementOf(row.field, periods)?.period === period.name;
      if (row.entity === 'value') {
        const cell = cellOf(row.field);
        return cell !== null && cell.span.last >= firstMonth! && cell.span.last <= period.lastMonth;
      }
      return false;
    }
    return true;
  };

  const describe = (row: AuditRow): AuditTrailRow => {
    const base = { at: row.at, who: row.osUser, action: ACTION_WORDS[row.action] ?? row.action, before: row.oldValue ?? '', after: row.newValue ?? '' };
    switch (row.entity) {
      case 'indicator':
        return { ...base, what: `Indicator "${indicatorName(row.entityId)}"${row.field && row.action === 'update' ? `: ${row.field}` : ''}` };
      case 'indicator_assessment': {
        const j = judgementOf(row.field, periods);
        return { ...base, what: `${indicatorName(row.entityId)}: ${JUDGEMENT_NAMES[j?.judgement ?? ''] ?? j?.judgement ?? row.field}, ${j?.period ?? ''}`.replace(/, $/, ''), before: choiceText(row.oldValue), after: choiceText(row.newValue) };
      }
      case 'outcome':
        return { ...base, what: `Outcome "${row.entityId !== null ? (outcomes.get(row.entityId) ?? row.newValue ?? '') : ''}"${row.field && row.action === 'update' ? `: ${row.field}` : ''}` };
      case 'outcome_assessment': {
        const j = judgementOf(row.field, periods);
        const outcome = row.entityId !== null ? (outcomes.get(row.entityId) ?? 'an outcome') : 'an outcome';
        return { ...base, what: `${outcome}: ${JUDGEMENT_NAMES[j?.judgement ?? ''] ?? row.field}, ${j?.period ?? ''}`.replace(/, $/, ''), before: choiceText(row.oldValue), after: choiceText(row.newValue) };
      }
      case 'reporting_period': {
        const name = row.entityId !== null ? (periodById.get(row.entityId) ?? row.newValue ?? '') : '';
        if (row.action === 'lock') return { ...base, what: `Reporting period ${name}`, before: 'draft', after: 'published (locked)' };
        if (row.action === 'unlock') return { ...base, what: `Reporting period ${name}`, before: 'published (locked)', after: `draft${(row.newValue ?? '').replace(/^0/, '')}` };
        return { ...base, what: `Reporting period ${name}${row.field && row.action === 'update' ? `: ${row.field}` : ''}` };
      }
      case 'value': {
        const cell = cellOf(row.field);
        const where = cell ? `${areas.get(cell.areaCode) ?? cell.areaCode}, ${formatSpanLabel(cell.span)}` : (row.field ?? '');
        return { ...base, action: row.action === 'delete' ? 'Cleared' : base.action, what: `${indicatorName(row.entityId)}: ${where}` };
      }
      case 'action': {
        const number = row.entityId !== null ? actions.get(row.entityId) : undefined;
        return { ...base, what: `Action log: action${number !== undefined ? ` No. ${number}` : ''}${row.field && row.action === 'update' ? `, ${row.field.replace(/_/g, ' ')}` : ''}` };
      }
      case 'workspace':
        return { ...base, what: row.newValue ?? '', before: '', after: '' };
      default:
        return { ...base, what: `${row.entity}${row.field ? `: ${row.field}` : ''}` };
    }
  };

  const rows = listAuditRows(db).filter(concerns).map(describe);
  if (!period && indicatorId === undefined) {
    // Imports are recorded in their own journal; they belong on the trail too.
    for (const imp of listImports(workspace)) {
      const files = imp.files.length === 1 ? imp.files[0]! : `${imp.files.length} files`;
      const counts = Object.entries(imp.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n.toLocaleString('en-GB')} ${k}`).join(', ');
      rows.push({ at: imp.importedAt, who: imp.osUser, action: 'Imported', what: files, before: '', after: counts });
      if (imp.undoneAt) rows.push({ at: imp.undoneAt, who: imp.osUser, action: 'Import undone', what: files, before: counts, after: '' });
    }
    rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }
  return rows;
}
