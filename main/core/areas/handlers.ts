/**
 * The areas' API methods (the Areas page, the "whose board?" typeahead), and finding the area
 * an analyst named. Creating a board's workspace is the workspace feature's
 * (workspace.createForBoard), built on board.ts here.
 */
import type { Area, GeographyMatch } from '../../../shared/api/types';
import { AnalystError } from '../errors';
import type { FeatureHandlers, Session } from '../session';
import type { Sqlite } from '../store/sqlite';
import { addArea, areasPage, removeGroup, renameAreaNow, retireArea, saveGroup, setMainArea, useGroup } from './areas';
import { kindWords, loadGeography, type Geography, type GeographyArea } from './geography';
import { findArea, listAreas } from './repo';

/** The area with this code or name, or a not-found error that says so. */
export function requireArea(db: Sqlite, text: string): Area {
  const area = findArea(db, text);
  if (!area) throw new AnalystError('not_found', `No area has the code or name "${text}".`);
  return area;
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

type Methods = 'areas.list' | 'geography.search' | 'areas.page' | 'areas.add' | 'areas.rename' | 'areas.retire' | 'areas.setMain' | 'areas.saveGroup' | 'areas.deleteGroup' | 'areas.useGroup';

export function areasHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  return {
    'areas.list': async () => listAreas(ws().db),
    'geography.search': async ({ text, limit }) => {
      const geography = await loadGeography();
      return geography.search(text, limit ?? 12).map((a) => matchOf(geography, a));
    },
    'areas.page': async () => areasPage(ws().db),
    'areas.add': async (input) => {
      const { note } = addArea(ws(), session.history, await loadGeography(), input);
      return { ...areasPage(ws().db), messages: note ? [note] : [] };
    },
    'areas.rename': async ({ area, name }) => {
      renameAreaNow(ws(), session.history, area, name);
      return areasPage(ws().db);
    },
    'areas.retire': async ({ area, on }) => {
      retireArea(ws(), session.history, area, on);
      return areasPage(ws().db);
    },
    'areas.setMain': async ({ area }) => {
      setMainArea(ws(), session.history, area);
      return areasPage(ws().db);
    },
    'areas.saveGroup': async ({ name, members, makeDefault }) => {
      const { added } = saveGroup(ws(), session.history, await loadGeography(), name, members, { makeDefault });
      return { ...areasPage(ws().db), messages: added.length > 0 ? [`Added to the workspace for the group: ${added.join('; ')}.`] : [] };
    },
    'areas.deleteGroup': async ({ name }) => {
      removeGroup(ws(), session.history, name);
      return areasPage(ws().db);
    },
    'areas.useGroup': async ({ name }) => {
      useGroup(ws(), session.history, name);
      return areasPage(ws().db);
    },
  };
}
