/**
 * The analyst's work on a reporting period: creating it, judging each indicator (overriding a
 * suggestion, always with a reason), the outcome's RAG and comment, and publishing (locking).
 *
 * Publishing keeps a snapshot of the appendix (buildAppendix returns it) and of the action log
 * as published, so a locked period prints the same later whatever happens to definitions or data; unlocking needs a reason and is audited.
 * Every change is one undoable action (history.ts) with its audit rows.
 */
import type { Direction, Rag } from '../../../shared/domain/types';
import type { ActionLogEntry, IndicatorAssessment, ReportingPeriod } from '../../../shared/api/types';
import { parseReportingPeriodName } from '../../../shared/domain/periods';
import { JUDGEMENT_WORDS } from '../../../shared/domain/vocabulary';
import { buildAppendix } from '../dashboard';
import type { History } from '../history';
import { recordAudit } from '../audit';
import { deleteMeta, getMeta, setMeta } from '../store/meta';
import { listActions, today } from '../actions';
import { addPeriod, indicatorAssessments, outcomeAssessments, periodByName, setIndicatorAssessment, setOutcomeAssessment, setPeriodLocked } from './repo';
import { indicatorById, outcomeById } from '../indicators';
import type { Workspace } from '../store/workspace';
import { AnalystError } from '../errors';
import { LockedPeriodRule, lockedPeriodReason } from './locked';

/** A change the period's state does not allow (e.g. it is locked); nothing was changed. */
export class JudgementError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'JudgementError';
  }
}

export type Judgement = 'direction' | 'progress' | 'county';

const DIRECTIONS: readonly Direction[] = ['improving', 'no_change', 'worsening'];
const RAGS: readonly Rag[] = ['R', 'A', 'G'];
const COUNTY = ['Top', 'Average', 'Bottom', '-'];

const snapshotKey = (periodId: number) => `published_appendix:${periodId}` as const;
const actionsKey = (periodId: number) => `published_actions:${periodId}` as const;

export interface PublishedActionLog {
  entries: ActionLogEntry[];
  asAt: string;
}

/**
 * The action log to print with a period's appendix: as it stood when the period was
 * published, so a locked period's export stays the same; the current log otherwise.
 */
export function actionLogFor(workspace: Workspace, period: ReportingPeriod): PublishedActionLog {
  const published = period.locked ? getMeta(workspace.db, actionsKey(period.id)) : null;
  return published ? (JSON.parse(published) as PublishedActionLog) : { entries: listActions(workspace.db), asAt: today(workspace) };
}

function audit(workspace: Workspace, entry: Parameters<typeof recordAudit>[1]): void {
  recordAudit(workspace.db, entry, workspace.env.now(), workspace.env.osUser);
}

function requireOpen(workspace: Workspace, period: ReportingPeriod, what: string): void {
  if (period.locked || LockedPeriodRule.of(workspace.db).lockedPeriod(period.name)) throw new JudgementError(lockedPeriodReason(period.name, what));
}

export function createPeriod(workspace: Workspace, history: History, name: string, title: string | null): ReportingPeriod {
  const parsed = parseReportingPeriodName(name);
  if (!parsed.ok) throw new JudgementError(parsed.error);
  const { name: canonical, lastMonth } = parsed.value;
  if (periodByName(workspace.db, canonical)) throw new JudgementError(`There is already a reporting period "${canonical}".`);
  return history.record(`Create the reporting period ${canonical}`, () => {
    const id = addPeriod(workspace.db, { name: canonical, lastMonth, title });
    audit(workspace, { action: 'create', entity: 'reporting_period', entityId: id, field: 'name', newValue: canonical });
    return periodByName(workspace.db, canonical)!;
  });
}

function validChoice(judgement: Judgement, choice: string): boolean {
  if (judgement === 'direction') return (DIRECTIONS as readonly string[]).includes(choice);
  if (judgement === 'progress') return (RAGS as readonly string[]).includes(choice);
  return COUNTY.includes(choice);
}

/**
 * Sets the analyst's choice for one judgement of one indicator; `choice` null goes back to the
 * suggestion. A choice needs a reason: it is printed on hover and listed with the overrides.
 */
export function setIndicatorJudgement(
  workspace: Workspace,
  history: History,
  period: ReportingPeriod,
  input: { indicatorId: number; judgement: Judgement; choice: string | null; reason: string },
): void {
  requireOpen(workspace, period, 'judgements');
  const { indicatorId, judgement, choice } = input;
  const reason = input.reason.trim();
  const indicator = indicatorById(workspace.db, indicatorId);
  if (!indicator) throw new JudgementError(`There is no indicator number ${indicatorId}.`);
  if (choice !== null && !validChoice(judgement, choice)) throw new JudgementError(`"${choice}" is not a ${JUDGEMENT_WORDS[judgement]}.`);
  if (choice !== null && reason.length < 3) throw new JudgementError(`Say briefly why you are changing the ${JUDGEMENT_WORDS[judgement]} (it is shown beside the figure).`);
  const before = indicatorAssessments(workspace.db, period.id).get(indicatorId);
  const next: IndicatorAssessment = before ?? {
    periodId: period.id,
    indicatorId,
    direction: null,
    directionReason: '',
    rag: null,
    ragReason: '',
    countyComparison: null,
    countyReason: '',
    districtComparison: '',
  };
  const old = judgement === 'direction' ? next.direction : judgement === 'progress' ? next.rag : next.countyComparison;
  if (judgement === 'direction') Object.assign(next, { direction: choice as Direction | null, directionReason: choice ? reason : '' });
  if (judgement === 'progress') Object.assign(next, { rag: choice as Rag | null, ragReason: choice ? reason : '' });
  if (judgement === 'county') Object.assign(next, { countyComparison: choice, countyReason: choice ? reason : '' });
  const label = choice === null ? `Use the suggested ${JUDGEMENT_WORDS[judgement]} for ${indicator.name}` : `Set the ${JUDGEMENT_WORDS[judgement]} of ${indicator.name} to ${choice}`;
  history.record(label, () => {
    setIndicatorAssessment(workspace.db, next);
    audit(workspace, { action: 'update', entity: 'indicator_assessment', entityId: indicatorId, field: `${period.name} ${judgement}`, oldValue: old, newValue: choice === null ? null : `${choice} (${reason})` });
  });
}

export function setOutcomeJudgement(workspace: Workspace, history: History, period: ReportingPeriod, input: { outcomeId: number; rag: Rag | null; comment: string }): void {
  requireOpen(workspace, period, 'outcome RAGs and comments');
  const outcome = outcomeById(workspace.db, input.outcomeId);
  if (!outcome) throw new JudgementError(`There is no outcome number ${input.outcomeId}.`);
  const before = outcomeAssessments(workspace.db, period.id).get(input.outcomeId);
  const comment = input.comment.trim();
  const changedRag = (before?.rag ?? null) !== input.rag;
  const changedComment = (before?.comment ?? '') !== comment;
  if (!changedRag && !changedComment) return;
  const label = changedComment ? `Edit the comment for ${outcome.title}` : `Set the RAG of ${outcome.title} to ${input.rag ?? 'none'}`;
  history.record(label, () => {
    setOutcomeAssessment(workspace.db, { periodId: period.id, outcomeId: input.outcomeId, rag: input.rag, comment });
    if (changedRag) audit(workspace, { action: 'update', entity: 'outcome_assessment', entityId: input.outcomeId, field: `${period.name} rag`, oldValue: before?.rag ?? null, newValue: input.rag });
    if (changedComment) audit(workspace, { action: 'update', entity: 'outcome_assessment', entityId: input.outcomeId, field: `${period.name} comment`, oldValue: before?.comment ?? '', newValue: comment });
  });
}

/** Publishes the period: keeps the appendix exactly as it is now, and refuses later changes. */
export function lockPeriod(workspace: Workspace, history: History, period: ReportingPeriod): ReportingPeriod {
  if (period.locked) throw new JudgementError(`"${period.name}" is already published (locked).`);
  return history.record(`Publish (lock) ${period.name}`, () => {
    const snapshot = buildAppendix(workspace.db, period);
    setPeriodLocked(workspace.db, period.id, true);
    setMeta(workspace.db, snapshotKey(period.id), JSON.stringify({ ...snapshot, locked: true }));
    const published: PublishedActionLog = { entries: listActions(workspace.db), asAt: today(workspace) };
    setMeta(workspace.db, actionsKey(period.id), JSON.stringify(published));
    audit(workspace, { action: 'lock', entity: 'reporting_period', entityId: period.id, field: 'locked', oldValue: '0', newValue: '1' });
    return periodByName(workspace.db, period.name)!;
  });
}

/** Unlocks a published period; the reason is kept in the audit trail. */
export function unlockPeriod(workspace: Workspace, history: History, period: ReportingPeriod, reason: string): ReportingPeriod {
  if (!period.locked) throw new JudgementError(`"${period.name}" is not published (locked).`);
  const why = reason.trim();
  if (why.length < 3) throw new JudgementError(`Give a reason for unlocking "${period.name}": it is kept in the audit trail.`);
  return history.record(`Unlock ${period.name}`, () => {
    setPeriodLocked(workspace.db, period.id, false);
    deleteMeta(workspace.db, snapshotKey(period.id));
    deleteMeta(workspace.db, actionsKey(period.id));
    audit(workspace, { action: 'unlock', entity: 'reporting_period', entityId: period.id, field: 'locked', oldValue: '1', newValue: `0 (${why})` });
    return periodByName(workspace.db, period.name)!;
  });
}
