/** Reporting periods and the judgements made in them: create, title, lock, unlock, judge. */
import type { ReportingPeriod } from '../../../shared/api/types';
import { parseReportingPeriodName } from '../../../shared/domain/periods';
import { recordAudit } from '../audit';
import { buildAppendix } from '../dashboard';
import { AnalystError } from '../errors';
import type { FeatureHandlers, Session } from '../session';
import type { Workspace } from '../store/workspace';
import { createPeriod, lockPeriod, setIndicatorJudgement, setOutcomeJudgement, unlockPeriod } from './judgements';
import { listPeriods, periodByName, setPeriodTitle } from './repo';

/** The reporting period with this name (in any label style), or an error listing the ones there are. */
export function requirePeriod(workspace: Workspace, name: string): ReportingPeriod {
  const parsed = parseReportingPeriodName(name);
  if (!parsed.ok) throw new AnalystError('invalid_arguments', parsed.error);
  const period = periodByName(workspace.db, parsed.value.name);
  if (!period) {
    const known = listPeriods(workspace.db).map((p) => `"${p.name}"`).join(', ');
    throw new AnalystError('not_found', `There is no reporting period "${parsed.value.name}" in this workspace${known ? `; it has ${known}` : ''}.`);
  }
  return period;
}

type Methods = 'periods.list' | 'periods.setTitle' | 'periods.create' | 'periods.lock' | 'periods.unlock' | 'judgements.setIndicator' | 'judgements.setOutcome';

export function periodsHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  return {
    'periods.list': async () => listPeriods(ws().db),
    'periods.setTitle': async ({ period, title }) => {
      const found = requirePeriod(ws(), period);
      if (found.locked) throw new AnalystError('conflict', `"${found.name}" is locked (published): its title stays as published.`);
      session.history.record(`Change the title of ${found.name}`, () => {
        setPeriodTitle(ws().db, found.id, title);
        recordAudit(ws().db, { action: 'update', entity: 'reporting_period', entityId: found.id, field: 'title', oldValue: found.title, newValue: title }, session.env.now(), session.env.osUser);
      });
      return requirePeriod(ws(), found.name);
    },
    'periods.create': async ({ name, title }) => createPeriod(ws(), session.history, name, title ?? null),
    'periods.lock': async ({ period }) => lockPeriod(ws(), session.history, requirePeriod(ws(), period)),
    'periods.unlock': async ({ period, reason }) => unlockPeriod(ws(), session.history, requirePeriod(ws(), period), reason),
    'judgements.setIndicator': async ({ period, ...input }) => {
      const found = requirePeriod(ws(), period);
      setIndicatorJudgement(ws(), session.history, found, input);
      return buildAppendix(ws().db, found);
    },
    'judgements.setOutcome': async ({ period, ...input }) => {
      const found = requirePeriod(ws(), period);
      setOutcomeJudgement(ws(), session.history, found, input);
      return buildAppendix(ws().db, found);
    },
  };
}
