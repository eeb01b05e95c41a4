/**
 * The handler table: one async function per API method. Every host (Electron IPC, the
 * browser host, the CLI) calls `dispatch`, which checks the method and its arguments against
 * the contract and turns every error a user can meet into a typed value.
 */
import {
  isMethodName,
  parseArguments,
  type ApiArgs,
  type ApiError,
  type ApiResponse,
  type ApiResult,
  type ExportedFile,
  type MethodName,
} from '../../shared/api/contract';
import type { Area, ImportReport, Indicator, WorkspaceInfo, WorkspaceOverview } from '../../shared/api/types';
import type { Sqlite } from './store/sqlite';
import { parseReportingPeriodName } from '../../shared/domain/periods';
import { buildAppendix } from './dashboard';
import { WorkspaceError } from './store/errors';
import { findArea, listAreas, listPopulations } from './store/repo/areas';
import { findIndicator, listIndicators, listOutcomes } from './store/repo/indicators';
import { getMeta } from './store/repo/meta';
import { countObservations } from './store/repo/observations';
import { listPeriods, periodByName } from './store/repo/periods';
import { Workspace, type WorkspaceEnv } from './store/workspace';
import { listBackups, restoreBackup } from './store/backups';
import { listValues } from './value-listing';
import { renderAppendix } from './exporting';
import { valuesCsvFile } from './export/values-csv';
import { suggestedFileName } from './export/filename';
import { recordAudit } from './store/repo/audit';
import { buildScorecard } from './scorecard';
import { renderScorecard } from './export/scorecard-render';
import { ImportError, importFiles, importUploaded, listImports, undoImport, undoImportNow, UndoError } from './importing';
import { TEMPLATE_FILE_NAME, tidyTemplateCsv } from './import/template';
import { discardUploads, uploadedFiles, UploadError } from './import/uploads';
import { cancelImport, ImportBusyError, importProgress, trackImport } from './import/running';
import { actionLogFor, createPeriod, JudgementError, lockPeriod, setIndicatorJudgement, setOutcomeJudgement, unlockPeriod } from './judgements';
import { forgetImport, HistoryError, historyState, recordChange, recordImport, redo, undo } from './history';
import { LockedPeriodError } from './import/apply-appendix';
import { editingHandlers } from './editing/handlers';
import { EditError } from './editing/errors';
import { districtComparison, seriesContext, sparklines, trend } from './charts';
import { AgendaPackError, renderAgendaPack } from './export/agenda-pack';
import { writeExportFile } from './export/write-file';
import { ActionLogError, closeAction, removeAction, reopenAction, saveAction, today } from './action-log';
import { listActions } from './store/repo/actions';
import { renderActionLog } from './export/actions';
import { findExceptions } from './exceptions';

/** A user-facing failure: the message is shown as it is. */
export class UserError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The open workspace; `open` and `create` replace it. */
export interface Session {
  workspace: Workspace;
  env: WorkspaceEnv;
  /** Where the browser host puts uploaded files (`<uploadDir>/<handle>/<name>`); none in Electron and the CLI. */
  uploadDir?: string;
  /** True once Cancel was pressed in the host, asked while a long step runs without a break (see import/running.ts). */
  cancelRequested?: () => boolean;
  /** Told when the user switches to another workspace (the app remembers it for next time). */
  onWorkspaceChanged?(file: string | null): Promise<void>;
}

export type Handlers = { [M in MethodName]: (args: ApiArgs<M>) => Promise<ApiResult<M>> };

export function workspaceInfo(workspace: Workspace): WorkspaceInfo {
  const db = workspace.db;
  const n = (sql: string) => db.first<{ n: number }>(sql)?.n ?? 0;
  const areaCode = getMeta(db, 'dashboard_area_code');
  const area = areaCode ? listAreas(db).find((a) => a.code === areaCode) : undefined;
  return {
    file: workspace.file,
    title: getMeta(db, 'title') ?? 'Untitled workspace',
    dashboardTitle: getMeta(db, 'dashboard_title') ?? 'Performance Dashboard',
    isDemo: getMeta(db, 'is_demo') === '1',
    attribution: (getMeta(db, 'attribution') ?? '').split('\n').filter(Boolean),
    schemaVersion: workspace.schemaVersion,
    dashboardArea: area ? { code: area.code, name: area.name } : null,
    counts: {
      areas: n('SELECT count(*) AS n FROM areas'),
      outcomes: n('SELECT count(*) AS n FROM outcomes WHERE archived = 0'),
      indicators: n('SELECT count(*) AS n FROM indicators WHERE archived = 0'),
      observations: countObservations(db),
      reportingPeriods: n('SELECT count(*) AS n FROM reporting_periods'),
      imports: n('SELECT count(*) AS n FROM imports'),
    },
    save: workspace.saveState,
  };
}

function overview(workspace: Workspace): WorkspaceOverview {
  const db = workspace.db;
  const indicators = listIndicators(db);
  return {
    ...workspaceInfo(workspace),
    areas: listAreas(db),
    outcomes: listOutcomes(db).map((o) => ({ ...o, indicators: indicators.filter((i) => i.outcomeId === o.id) })),
    dataSeries: indicators.filter((i) => i.outcomeId === null),
    reportingPeriods: listPeriods(db).map((p) => ({
      ...p,
      indicatorCount: buildAppendix(db, p).outcomes.reduce((sum, o) => sum + o.indicators.length, 0),
    })),
    populations: listPopulations(db),
  };
}

function requirePeriod(workspace: Workspace, name: string) {
  const parsed = parseReportingPeriodName(name);
  if (!parsed.ok) throw new UserError('invalid_arguments', parsed.error);
  const period = periodByName(workspace.db, parsed.value.name);
  if (!period) {
    const known = listPeriods(workspace.db).map((p) => `"${p.name}"`).join(', ');
    throw new UserError('not_found', `There is no reporting period "${parsed.value.name}" in this workspace${known ? `; it has ${known}` : ''}.`);
  }
  return period;
}

/**
 * Switches the session to another workspace. The previous one is saved and closed (releasing
 * its lock); if it cannot be saved, the switch is refused and nothing is lost.
 */
async function replaceWorkspace(session: Session, next: Workspace): Promise<void> {
  try {
    await session.workspace.close();
  } catch (error) {
    await next.close({ discardUnsaved: true }).catch(() => undefined);
    throw new UserError('io', `The open workspace could not be saved, so it stays open: ${(error as Error).message} Use "Save a copy" to keep it elsewhere first.`);
  }
  session.workspace = next;
  // Remembering is a convenience: failing to write the setting must not fail the switch.
  await session.onWorkspaceChanged?.(next.file).catch(() => undefined);
}

/** Writes an export where the user asked, or hands the bytes back for the renderer to save. */
async function saveOrReturn(bytes: Buffer, fileName: string, path: string | undefined): Promise<ExportedFile> {
  if (!path) return { fileName, path: null, bytes: bytes.length, base64: bytes.toString('base64') };
  const written = await writeExportFile(path, bytes);
  if (!written.ok) throw new UserError('io', written.error);
  return { fileName, path: written.value.path, bytes: written.value.bytes, base64: null };
}

function requireIndicator(db: Sqlite, text: string): Indicator {
  const found = findIndicator(db, text);
  if (!found) throw new UserError('not_found', `No indicator is called "${text}" (or has it in its name).`);
  if (Array.isArray(found)) {
    throw new UserError('invalid_arguments', `"${text}" matches ${found.length} indicators: ${found.slice(0, 5).map((i) => `"${i.name}"`).join(', ')}${found.length > 5 ? ', ...' : ''}. Give more of the name.`);
  }
  return found;
}

function requireArea(db: Sqlite, text: string): Area {
  const area = findArea(db, text);
  if (!area) throw new UserError('not_found', `No area has the code or name "${text}".`);
  return area;
}

/** Puts a committed import on the undo stack, labelled with its files. */
function remembered(workspace: Workspace, report: ImportReport): ImportReport {
  if (report.importId !== null) {
    const names = report.files.map((f) => f.file);
    const label = names.length === 1 ? `Import ${names[0]}` : `Import ${names.length} files`;
    recordImport(workspace, label, report.importId);
  }
  return report;
}

export function createHandlers(session: Session): Handlers {
  const ws = () => session.workspace;
  return {
    'workspace.info': async () => workspaceInfo(ws()),
    'workspace.overview': async () => overview(ws()),
    'workspace.create': async ({ path }) => {
      const created = await Workspace.create(path, session.env);
      await replaceWorkspace(session, created);
      return workspaceInfo(created);
    },
    'workspace.open': async ({ path }) => {
      const opened = await Workspace.open(path, session.env);
      await replaceWorkspace(session, opened);
      return workspaceInfo(opened);
    },
    'workspace.saveCopy': async ({ path }) => ({ path: await ws().saveCopy(path) }),
    'workspace.save': async () => {
      await ws().save();
      return workspaceInfo(ws());
    },
    'workspace.backups': async () => {
      const file = ws().file;
      return file ? (await listBackups(file)).map((b) => ({ name: b.name, savedAt: b.savedAt, size: b.size })) : [];
    },
    'workspace.restoreBackup': async ({ name }) => {
      const current = ws();
      const file = current.file;
      if (!file) throw new UserError('not_found', 'This workspace has no file, so it has no backups.');
      if (!(await listBackups(file)).some((b) => b.name === name)) throw new UserError('not_found', `There is no backup called "${name}" for this workspace.`);
      // Save what is open first: restoring keeps the current version as a backup too.
      await current.close();
      await restoreBackup(file, name);
      session.workspace = await Workspace.open(file, session.env);
      return workspaceInfo(session.workspace);
    },
    'areas.list': async () => listAreas(ws().db),
    'periods.list': async () => listPeriods(ws().db),
    'dashboard.get': async ({ period, sparklines: withSparklines }) => {
      const db = ws().db;
      const found = requirePeriod(ws(), period);
      if (!withSparklines) return buildAppendix(db, found);
      // One pass: the appendix and the sparklines read the same series through one resolver.
      const shared = seriesContext(db);
      const code = getMeta(db, 'dashboard_area_code');
      return { ...buildAppendix(db, found, shared), sparklines: sparklines(db, found, code ? findArea(db, code) : undefined, shared) };
    },
    'export.values': async ({ indicator, area, from, to, path }) => {
      const db = ws().db;
      const rows = listValues(db, {
        indicators: indicator ? [requireIndicator(db, indicator)] : undefined,
        area: area ? requireArea(db, area) : undefined,
        from,
        to,
      });
      const title = getMeta(db, 'dashboard_title') ?? 'Performance Dashboard';
      return saveOrReturn(Buffer.from(valuesCsvFile(rows), 'utf8'), suggestedFileName(`${title} values`, 'csv'), path);
    },
    'periods.setTitle': async ({ period, title }) => {
      const found = requirePeriod(ws(), period);
      if (found.locked) throw new UserError('conflict', `"${found.name}" is locked (published): its title stays as published.`);
      recordChange(ws(), `Change the title of ${found.name}`, () => {
        ws().db.run('UPDATE reporting_periods SET title = ? WHERE id = ?', [title, found.id]);
        recordAudit(ws().db, { action: 'update', entity: 'reporting_period', entityId: found.id, field: 'title', oldValue: found.title, newValue: title }, session.env.now(), session.env.osUser);
      });
      return requirePeriod(ws(), found.name);
    },
    'values.list': async ({ indicator, area, from, to }) => {
      const db = ws().db;
      const indicators = indicator ? [requireIndicator(db, indicator)] : undefined;
      const foundArea = area ? requireArea(db, area) : undefined;
      if (from && to && from > to) throw new UserError('invalid_arguments', `--from ${from} is after --to ${to}.`);
      return listValues(db, { indicators, area: foundArea, from, to });
    },
    'chart.trend': async ({ indicator, area, from, to, rebase, view }) => trend(ws().db, requireIndicator(ws().db, indicator), requireArea(ws().db, area), { from, to, rebase, view }),
    'chart.sparklines': async ({ period }) => {
      const db = ws().db;
      const code = getMeta(db, 'dashboard_area_code');
      return sparklines(db, requirePeriod(ws(), period), code ? findArea(db, code) : undefined);
    },
    'export.agendaPack': async ({ period, charts, path }) => {
      const rendered = await renderAgendaPack(ws().db, requirePeriod(ws(), period), charts, { author: session.env.osUser }).catch((error: unknown) => {
        throw error instanceof AgendaPackError ? new UserError('invalid_arguments', error.message) : error;
      });
      const { bytes, fileName } = rendered;
      if (!path) return { fileName, path: null, bytes: bytes.length, base64: bytes.toString('base64') };
      const written = await writeExportFile(path, bytes);
      if (!written.ok) throw new UserError('io', written.error);
      return { fileName, path: written.value.path, bytes: written.value.bytes, base64: null };
    },
    'export.scorecard': async ({ period, baseline, projectTo, format, path }) => {
      let model;
      try {
        model = buildScorecard(ws().db, { period, baseline, projectTo });
      } catch (error) {
        throw new UserError('invalid_arguments', (error as Error).message);
      }
      const { bytes, fileName } = await renderScorecard(model, format, { author: session.env.osUser });
      return saveOrReturn(bytes, fileName, path);
    },
    'import.files': async ({ paths, ...choices }) => remembered(ws(), await trackImport(session, (controls) => importFiles(ws(), paths, { ...choices, ...controls }))),
    'import.uploaded': async ({ uploads, ...choices }) => {
      const paths = await uploadedFiles(session.uploadDir, uploads);
      const report = remembered(ws(), await trackImport(session, (controls) => importFiles(ws(), paths, { ...choices, ...controls })));
      // Imported: the uploads are done with (a plan keeps them for the next change of mapping).
      if (!choices.dryRun) await discardUploads(session.uploadDir!, uploads);
      return report;
    },
    'import.upload': async ({ files, ...choices }) => remembered(ws(), await trackImport(session, (controls) => importUploaded(ws(), files, { ...choices, ...controls }))),
    'import.progress': async () => importProgress(session),
    'import.cancel': async () => ({ cancelled: cancelImport(session) }),
    'import.template': async ({ path }) => saveOrReturn(Buffer.from(tidyTemplateCsv(ws().db), 'utf8'), TEMPLATE_FILE_NAME, path),
    'imports.list': async () => listImports(ws()),
    'imports.undo': async ({ id }) => {
      const undone = await undoImport(ws(), id);
      forgetImport(ws(), undone.importId);
      return undone;
    },
    'periods.create': async ({ name, title }) => createPeriod(ws(), name, title ?? null),
    'periods.lock': async ({ period }) => lockPeriod(ws(), requirePeriod(ws(), period)),
    'periods.unlock': async ({ period, reason }) => unlockPeriod(ws(), requirePeriod(ws(), period), reason),
    'judgements.setIndicator': async ({ period, ...input }) => {
      const found = requirePeriod(ws(), period);
      setIndicatorJudgement(ws(), found, input);
      return buildAppendix(ws().db, found);
    },
    'judgements.setOutcome': async ({ period, ...input }) => {
      const found = requirePeriod(ws(), period);
      setOutcomeJudgement(ws(), found, input);
      return buildAppendix(ws().db, found);
    },
    'actions.list': async ({ openOnly }) => listActions(ws().db, { openOnly }),
    'actions.save': async (input) => saveAction(ws(), input),
    'actions.close': async ({ id, closedOn }) => closeAction(ws(), id, closedOn),
    'actions.reopen': async ({ id }) => reopenAction(ws(), id),
    'actions.delete': async ({ id }) => removeAction(ws(), id),
    'export.actions': async ({ format, openOnly, path }) => {
      const heading = getMeta(ws().db, 'dashboard_title') ?? 'Performance Dashboard';
      const { bytes, fileName } = await renderActionLog(listActions(ws().db, { openOnly }), format, { author: session.env.osUser, heading, asAt: today(ws()), openOnly });
      return saveOrReturn(bytes, fileName, path);
    },
    'dashboard.exceptions': async ({ period }) => findExceptions(ws().db, requirePeriod(ws(), period)),
    'history.get': async () => historyState(ws()),
    'history.undo': async () => undo(ws(), (importId) => undoImportNow(ws(), importId)),
    'history.redo': async () => redo(ws()),
    ...editingHandlers(ws),
    'chart.districts': async ({ indicator, period }) => {
      const db = ws().db;
      const code = getMeta(db, 'dashboard_area_code');
      const county = code ? findArea(db, code) : undefined;
      if (!county) throw new UserError('not_found', 'This workspace has no dashboard area (county) to compare districts with.');
      return districtComparison(db, requireIndicator(db, indicator), county, requirePeriod(ws(), period).name);
    },
    'export.appendix': async ({ period, format, variant, path }) => {
      const found = requirePeriod(ws(), period);
      const model = buildAppendix(ws().db, found);
      const log = actionLogFor(ws(), found);
      const actionLog = log.entries.length > 0 ? { ...log, heading: getMeta(ws().db, 'dashboard_title') ?? 'Performance Dashboard' } : undefined;
      const { bytes, fileName } = await renderAppendix(model, format, { author: session.env.osUser, variant, actionLog });
      return saveOrReturn(bytes, fileName, path);
    },
  };
}

/** Calls a method by name with raw (untrusted) arguments. Never throws. */
export async function dispatch(handlers: Handlers, method: unknown, rawArgs: unknown): Promise<ApiResponse<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `There is no API method called ${JSON.stringify(method)}.` } };
  }
  const args = parseArguments(method, rawArgs);
  if (!args.ok) return args;
  try {
    const handler = handlers[method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(args.value) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof UserError || error instanceof EditError) return { code: error.code, message: error.message };
  if (error instanceof ActionLogError) return { code: error.code, message: error.message };
  if (error instanceof ImportError) return { code: 'invalid_arguments', message: error.message };
  if (error instanceof UploadError) return { code: 'not_found', message: error.message };
  if (error instanceof LockedPeriodError || error instanceof UndoError || error instanceof HistoryError || error instanceof JudgementError) return { code: 'conflict', message: error.message };
  if (error instanceof ImportBusyError) return { code: 'conflict', message: error.message };
  if (error instanceof WorkspaceError) {
    const code = error.code === 'save_failed' ? 'io' : error.code === 'locked' || error.code === 'changed_on_disk' ? 'conflict' : 'workspace';
    return { code, message: error.message };
  }
  // Unexpected: keep the message, never the stack.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Boardpack: ${message}` };
}
