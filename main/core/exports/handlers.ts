/** The export API methods: the appendix, the agenda pack, the scorecard, the action log and values. */
import type { ExportedFile } from '../../../shared/api/contract';
import type { ReportingPeriod } from '../../../shared/api/types';
import { AGENDA_PACK_CANCELLED } from '../../../shared/api/jobs';
import { listActions, today } from '../actions';
import { findArea, requireArea } from '../areas';
import { seriesContext, trend } from '../charts';
import { buildAppendix } from '../dashboard';
import { AnalystError } from '../errors';
import { requireIndicatorNamed } from '../indicators';
import { runJob } from '../jobs';
import { actionLogFor, requirePeriod } from '../periods';
import { buildScorecard } from '../scorecard';
import type { FeatureHandlers, Session } from '../session';
import type { Sqlite } from '../store/sqlite';
import { getMeta } from '../store/meta';
import { listValues } from '../values';
import { renderActionLog } from './action-log';
import { renderAgendaPack, type AgendaPackInput } from './agenda-pack';
import { renderAppendix } from './appendix';
import { suggestedFileName } from './filename';
import { renderScorecard } from './scorecard-render';
import { valuesCsvFile } from './values-csv';
import { writeExportFile } from './write-file';

/**
 * Writes an export where the user asked, or hands the bytes back for the renderer to save.
 * `beforeReplace` may stop the save (Cancel) after the bytes are on disk beside the target and
 * before they replace it: nothing is left behind (see writeExportFile).
 */
export async function saveOrReturn(bytes: Buffer, fileName: string, path: string | undefined, beforeReplace?: () => void): Promise<ExportedFile> {
  if (!path) return { fileName, path: null, bytes: bytes.length, base64: bytes.toString('base64') };
  const written = await writeExportFile(path, bytes, undefined, beforeReplace);
  if (!written.ok) throw new AnalystError('io', written.error);
  return { fileName, path: written.value.path, bytes: written.value.bytes, base64: null };
}

/** The agenda pack's appendix, and a reader of each indicator's trend for the dashboard's area. */
function agendaPackInput(db: Sqlite, period: ReportingPeriod): AgendaPackInput {
  const model = buildAppendix(db, period);
  const code = getMeta(db, 'dashboard_area_code');
  const area = code ? findArea(db, code) : undefined;
  const shared = seriesContext(db);
  return {
    model,
    trendOf: (indicatorId) => {
      const indicator = shared.indicators.get(indicatorId);
      return area && indicator ? trend(db, indicator, area, { to: period.lastMonth, shared }) : null;
    },
  };
}

type Methods = 'export.values' | 'export.agendaPack' | 'export.scorecard' | 'export.actions' | 'export.appendix';

export function exportsHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  const heading = () => getMeta(ws().db, 'dashboard_title') ?? 'Performance Dashboard';
  return {
    'export.values': async ({ indicator, area, from, to, path }) => {
      const db = ws().db;
      const rows = listValues(db, {
        indicators: indicator ? [requireIndicatorNamed(db, indicator)] : undefined,
        area: area ? requireArea(db, area) : undefined,
        from,
        to,
      });
      return saveOrReturn(Buffer.from(valuesCsvFile(rows), 'utf8'), suggestedFileName(`${heading()} values`, 'csv'), path);
    },
    // A long job (jobs.progress, jobs.cancel): Cancel at any point leaves no file behind.
    'export.agendaPack': async ({ period, charts, path }) =>
      runJob(
        session,
        'export',
        async (job) => {
          const { bytes, fileName } = await renderAgendaPack(agendaPackInput(ws().db, requirePeriod(ws(), period)), charts, { author: session.env.osUser, job });
          job.throwIfCancelled();
          job.report({ phase: 'writing', fraction: 1 });
          return saveOrReturn(bytes, fileName, path, job.throwIfCancelled);
        },
        { cancelled: AGENDA_PACK_CANCELLED },
      ),
    'export.scorecard': async ({ period, baseline, projectTo, format, path }) => {
      let model;
      try {
        model = buildScorecard(ws().db, { period, baseline, projectTo });
      } catch (error) {
        throw new AnalystError('invalid_arguments', (error as Error).message);
      }
      const { bytes, fileName } = await renderScorecard(model, format, { author: session.env.osUser });
      return saveOrReturn(bytes, fileName, path);
    },
    'export.actions': async ({ format, openOnly, path }) => {
      const { bytes, fileName } = await renderActionLog(listActions(ws().db, { openOnly }), format, { author: session.env.osUser, heading: heading(), asAt: today(ws()), openOnly });
      return saveOrReturn(bytes, fileName, path);
    },
    'export.appendix': async ({ period, format, variant, path }) => {
      const found = requirePeriod(ws(), period);
      const model = buildAppendix(ws().db, found);
      const log = actionLogFor(ws(), found);
      const actionLog = log.entries.length > 0 ? { ...log, heading: heading() } : undefined;
      const { bytes, fileName } = await renderAppendix(model, format, { author: session.env.osUser, variant, actionLog });
      return saveOrReturn(bytes, fileName, path);
    },
  };
}
