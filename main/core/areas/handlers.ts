/** The areas' API methods (New workspace for a board, the Areas page), joined into the handler table by api.ts. */
import path from 'node:path';
import type { AreasResults } from '../../../shared/api/areas-contract';
import type { ApiArgs, ApiResult, MethodName } from '../../../shared/api/contract';
import type { GeographyMatch } from '../../../shared/api/types';
import type { Workspace, WorkspaceEnv } from '../store/workspace';
import { buildScorecard } from '../scorecard';
import { addArea, AreaError, areasPage, removeGroup, renameAreaNow, retireArea, saveGroup, setMainArea, useGroup } from './areas';
import { createBoardWorkspace, describeNewBoard } from './board';
import { kindWords, loadGeography, type Geography, type GeographyArea } from './geography';

type AreasHandlers = { [M in keyof AreasResults & MethodName]: (args: ApiArgs<M>) => Promise<ApiResult<M>> };

export interface AreasHost {
  workspace: () => Workspace;
  env: WorkspaceEnv;
  /** Makes a new workspace the session's (saving and closing the one open). */
  switchTo: (next: Workspace) => Promise<void>;
  /** Information about the open workspace, as workspace.info returns it. */
  info: (workspace: Workspace) => ApiResult<'workspace.info'>;
}

/** "county, 7 districts, East Midlands" */
function matchOf(geography: Geography, a: GeographyArea): GeographyMatch {
  const parts: string[] = [kindWords(a.kind)];
  const covered = a.kind === 'district' || a.kind === 'unitary' ? [] : geography.coveredBy(a);
  if (covered.length > 0) parts.push(`${covered.length} ${covered.length === 1 ? 'district' : 'districts'}`);
  const parent = geography.byCode(a.parent ?? '');
  if (parent) parts.push(parent.name);
  if (a.retired) parts.push(`replaced on ${a.retired.on}`);
  return { code: a.code, name: a.name, kind: a.kind, description: parts.join(', '), retired: Boolean(a.retired) };
}

export function areasHandlers(host: AreasHost): AreasHandlers {
  const ws = host.workspace;
  return {
    'workspace.createForBoard': async ({ path: file, area, indicatorsFrom }) => {
      const board = await createBoardWorkspace(path.resolve(file), host.env, { area, ...(indicatorsFrom ? { indicatorsFrom } : {}) });
      await host.switchTo(board.workspace);
      return { info: host.info(board.workspace), messages: describeNewBoard(board) };
    },
    'geography.search': async ({ text, limit }) => {
      const geography = await loadGeography();
      return geography.search(text, limit ?? 12).map((a) => matchOf(geography, a));
    },
    'areas.page': async () => areasPage(ws().db),
    'areas.add': async (input) => {
      const { note } = addArea(ws(), await loadGeography(), input);
      return { ...areasPage(ws().db), messages: note ? [note] : [] };
    },
    'areas.rename': async ({ area, name }) => {
      renameAreaNow(ws(), area, name);
      return areasPage(ws().db);
    },
    'areas.retire': async ({ area, on }) => {
      retireArea(ws(), area, on);
      return areasPage(ws().db);
    },
    'areas.setMain': async ({ area }) => {
      setMainArea(ws(), area);
      return areasPage(ws().db);
    },
    'areas.saveGroup': async ({ name, members, makeDefault }) => {
      const { added } = saveGroup(ws(), await loadGeography(), name, members, { makeDefault });
      return { ...areasPage(ws().db), messages: added.length > 0 ? [`Added to the workspace for the group: ${added.join('; ')}.`] : [] };
    },
    'areas.deleteGroup': async ({ name }) => {
      removeGroup(ws(), name);
      return areasPage(ws().db);
    },
    'areas.useGroup': async ({ name }) => {
      useGroup(ws(), name);
      return areasPage(ws().db);
    },
    'scorecard.get': async ({ period, baseline, projectTo }) => {
      try {
        return buildScorecard(ws().db, { period, baseline, ...(projectTo ? { projectTo } : {}) });
      } catch (error) {
        // Every error buildScorecard throws is a message for the analyst (an unknown period, a bad year).
        throw new AreaError('invalid_arguments', (error as Error).message);
      }
    },
  };
}
