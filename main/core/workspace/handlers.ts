/** The workspace's API methods: what is open, open another, create, save, backups. */
import type { WorkspaceInfo, WorkspaceOverview } from '../../../shared/api/types';
import { resolve as resolvePath } from 'node:path';
import { createBoardWorkspace, describeNewBoard, listAreas, listPopulations, titleFromFile } from '../areas';
import { appendixIndicatorCount } from '../dashboard';
import { AnalystError } from '../errors';
import { listIndicators, listOutcomes } from '../indicators';
import { runJob, type JobControls } from '../jobs';
import { listPeriods } from '../periods';
import { ValueResolver } from '../values';
import type { FeatureHandlers, Session } from '../session';
import { listBackups, restoreBackup } from '../store/backups';
import { getMeta, setMeta } from '../store/meta';
import { Workspace } from '../store/workspace';
import { countContents } from './repo';
import { writeDemoWorkspace } from './starting';

export function workspaceInfo(workspace: Workspace): WorkspaceInfo {
  const db = workspace.db;
  const areaCode = getMeta(db, 'dashboard_area_code');
  const area = areaCode ? listAreas(db).find((a) => a.code === areaCode) : undefined;
  return {
    file: workspace.file,
    // A workspace made before titles were set is called by its file's name.
    title: getMeta(db, 'title') ?? (workspace.file ? titleFromFile(workspace.file) : 'New workspace'),
    dashboardTitle: getMeta(db, 'dashboard_title') ?? 'Performance Dashboard',
    isDemo: getMeta(db, 'is_demo') === '1',
    attribution: (getMeta(db, 'attribution') ?? '').split('\n').filter(Boolean),
    schemaVersion: workspace.schemaVersion,
    dashboardArea: area ? { code: area.code, name: area.name } : null,
    counts: countContents(db),
    save: workspace.saveState,
  };
}

function overview(workspace: Workspace): WorkspaceOverview {
  const db = workspace.db;
  const indicators = listIndicators(db);
  // Counting the rows each period's appendix prints, not building it; one resolver reads each series once for every period.
  const shared = { resolver: new ValueResolver(db, new Map(indicators.map((i) => [i.id, i]))) };
  return {
    ...workspaceInfo(workspace),
    areas: listAreas(db),
    outcomes: listOutcomes(db).map((o) => ({ ...o, indicators: indicators.filter((i) => i.outcomeId === o.id) })),
    dataSeries: indicators.filter((i) => i.outcomeId === null),
    reportingPeriods: listPeriods(db).map((p) => ({
      ...p,
      indicatorCount: appendixIndicatorCount(db, p, shared),
    })),
    populations: listPopulations(db),
  };
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
    throw new AnalystError('io', `The open workspace could not be saved, so it stays open: ${(error as Error).message} Use "Save a copy" to keep it elsewhere first.`);
  }
  session.workspace = next;
  // Remembering is a convenience: failing to write the setting must not fail the switch.
  await session.onWorkspaceChanged?.(next.file).catch(() => undefined);
}

type Methods =
  | 'workspace.info'
  | 'workspace.overview'
  | 'workspace.create'
  | 'workspace.createForBoard'
  | 'workspace.createDemo'
  | 'workspace.open'
  | 'workspace.saveCopy'
  | 'workspace.save'
  | 'workspace.backups'
  | 'workspace.restoreBackup';

export function workspaceHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  return {
    'workspace.info': async () => workspaceInfo(ws()),
    'workspace.overview': async () => overview(ws()),
    'workspace.create': async ({ path }) => {
      const created = await Workspace.create(path, session.env);
      created.mutate(() => setMeta(created.db, 'title', titleFromFile(created.file ?? path)));
      await replaceWorkspace(session, created);
      return workspaceInfo(created);
    },
    // A workspace for a board: its areas and populations from the built-in geography (areas/board.ts).
    'workspace.createForBoard': async ({ path, area, indicatorsFrom }) => {
      const board = await createBoardWorkspace(resolvePath(path), session.env, { area, ...(indicatorsFrom ? { indicatorsFrom } : {}) });
      await replaceWorkspace(session, board.workspace);
      return { info: workspaceInfo(board.workspace), messages: describeNewBoard(board) };
    },
    'workspace.createDemo': async ({ path }) => {
      const demo = await writeDemoWorkspace(resolvePath(path), session.env);
      await replaceWorkspace(session, demo);
      return workspaceInfo(demo);
    },
    'workspace.open': async ({ path }) => {
      const opened = await Workspace.open(path, session.env);
      await replaceWorkspace(session, opened);
      return workspaceInfo(opened);
    },
    'workspace.saveCopy': async ({ path }) => ({ path: await ws().saveCopy(path) }),
    'workspace.save': async () => {
      await ws().saveChanges();
      return workspaceInfo(ws());
    },
    'workspace.backups': async ({ path }) => {
      const file = path ? resolvePath(path) : ws().file;
      return file ? (await listBackups(file)).map((b) => ({ name: b.name, savedAt: b.savedAt, size: b.size })) : [];
    },
    'workspace.restoreBackup': ({ name, path }) =>
      runJob(session, 'restore', (job) => restoreAndOpen(session, name, path, job), { cancelled: 'The restore was cancelled: the workspace is exactly as it was.' }),
  };
}

/**
 * Puts a backup back and opens the workspace restored (the open one, or the file `path`, which
 * then becomes the open one). The open workspace is saved and closed first (the restore keeps
 * it as a backup too); if the restore is cancelled or fails, it is opened again as it was.
 */
async function restoreAndOpen(session: Session, name: string, path: string | undefined, job: JobControls): Promise<WorkspaceInfo> {
  const current = session.workspace;
  const file = path ? resolvePath(path) : current.file;
  if (!file) throw new AnalystError('not_found', 'This workspace has no file, so it has no backups.');
  if (!(await listBackups(file)).some((b) => b.name === name)) throw new AnalystError('not_found', `There is no backup called "${name}" for this workspace.`);
  const isOpen = current.file !== null && resolvePath(current.file) === file;
  if (isOpen) await current.close();
  try {
    await restoreBackup(file, name, undefined, { report: (fraction) => job.report({ phase: 'restoring', fraction }), throwIfCancelled: () => job.throwIfCancelled() });
  } catch (error) {
    if (isOpen) session.workspace = await Workspace.open(file, session.env);
    throw error;
  }
  const restored = await Workspace.open(file, session.env);
  if (isOpen) session.workspace = restored;
  else await replaceWorkspace(session, restored);
  return workspaceInfo(restored);
}
