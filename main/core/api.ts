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
  type MethodName,
} from '../../shared/api/contract';
import type { Area, Indicator, WorkspaceInfo, WorkspaceOverview } from '../../shared/api/types';
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
import { listValues } from './value-listing';
import { renderAppendix } from './exporting';
import { districtComparison, trend } from './charts';
import { writeExportFile } from './export/write-file';

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

export function createHandlers(session: Session): Handlers {
  const ws = () => session.workspace;
  return {
    'workspace.info': async () => workspaceInfo(ws()),
    'workspace.overview': async () => overview(ws()),
    'workspace.create': async ({ path }) => {
      const created = await Workspace.create(path, session.env);
      await ws().flush().catch(() => undefined);
      session.workspace = created;
      return workspaceInfo(created);
    },
    'workspace.open': async ({ path }) => {
      const opened = await Workspace.open(path, session.env);
      await ws().flush().catch(() => undefined);
      session.workspace = opened;
      return workspaceInfo(opened);
    },
    'workspace.saveCopy': async ({ path }) => ({ path: await ws().saveCopy(path) }),
    'workspace.save': async () => {
      await ws().save();
      return workspaceInfo(ws());
    },
    'areas.list': async () => listAreas(ws().db),
    'periods.list': async () => listPeriods(ws().db),
    'dashboard.get': async ({ period }) => buildAppendix(ws().db, requirePeriod(ws(), period)),
    'values.list': async ({ indicator, area, from, to }) => {
      const db = ws().db;
      const indicators = indicator ? [requireIndicator(db, indicator)] : undefined;
      const foundArea = area ? requireArea(db, area) : undefined;
      if (from && to && from > to) throw new UserError('invalid_arguments', `--from ${from} is after --to ${to}.`);
      return listValues(db, { indicators, area: foundArea, from, to });
    },
    'chart.trend': async ({ indicator, area, from, to, rebase }) => trend(ws().db, requireIndicator(ws().db, indicator), requireArea(ws().db, area), { from, to, rebase }),
    'chart.districts': async ({ indicator, period }) => {
      const db = ws().db;
      const code = getMeta(db, 'dashboard_area_code');
      const county = code ? findArea(db, code) : undefined;
      if (!county) throw new UserError('not_found', 'This workspace has no dashboard area (county) to compare districts with.');
      return districtComparison(db, requireIndicator(db, indicator), county, requirePeriod(ws(), period).name);
    },
    'export.appendix': async ({ period, format, variant, path }) => {
      const model = buildAppendix(ws().db, requirePeriod(ws(), period));
      const { bytes, fileName } = await renderAppendix(model, format, { author: session.env.osUser, variant });
      if (!path) return { fileName, path: null, bytes: bytes.length, base64: bytes.toString('base64') };
      const written = await writeExportFile(path, bytes);
      if (!written.ok) throw new UserError('io', written.error);
      return { fileName, path: written.value.path, bytes: written.value.bytes, base64: null };
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
  if (error instanceof UserError) return { code: error.code, message: error.message };
  if (error instanceof WorkspaceError) return { code: error.code === 'save_failed' ? 'io' : 'workspace', message: error.message };
  // Unexpected: keep the message, never the stack.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Boardpack: ${message}` };
}
