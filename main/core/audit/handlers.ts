/** The audit trail's API methods: read it (optionally for one period or indicator) and export it as CSV. */
import { AnalystError } from '../errors';
import { auditCsv, saveOrReturn, suggestedFileName } from '../exports';
import { indicatorById } from '../indicators';
import { requirePeriod } from '../periods';
import type { FeatureHandlers, Session } from '../session';
import type { Workspace } from '../store/workspace';
import { auditTrail, type AuditFilter } from './trail';

function filterOf(workspace: Workspace, args: { period?: string; indicatorId?: number }): AuditFilter {
  const filter: AuditFilter = {};
  if (args.period) filter.period = requirePeriod(workspace, args.period);
  if (args.indicatorId !== undefined) {
    if (!indicatorById(workspace.db, args.indicatorId)) throw new AnalystError('not_found', 'That indicator is not in this workspace.');
    filter.indicatorId = args.indicatorId;
  }
  return filter;
}

export function auditHandlers(session: Session): FeatureHandlers<'audit.list' | 'export.audit'> {
  const ws = () => session.workspace;
  return {
    'audit.list': async (args) => auditTrail(ws(), filterOf(ws(), args)),
    'export.audit': async ({ path, ...args }) => {
      const filter = filterOf(ws(), args);
      const which = [filter.period?.name.replace('/', '-'), filter.indicatorId !== undefined ? 'one indicator' : ''].filter(Boolean).join(' ');
      return saveOrReturn(Buffer.from(auditCsv(auditTrail(ws(), filter)), 'utf8'), suggestedFileName(`Audit trail${which ? ` ${which}` : ''}`, 'csv'), path);
    },
  };
}
