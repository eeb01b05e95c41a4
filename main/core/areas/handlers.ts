/** The areas' API methods, and finding the area an analyst named. */
import type { Area } from '../../../shared/api/types';
import { AnalystError } from '../errors';
import type { FeatureHandlers, Session } from '../session';
import type { Sqlite } from '../store/sqlite';
import { findArea, listAreas } from './repo';

/** The area with this code or name, or a not-found error that says so. */
export function requireArea(db: Sqlite, text: string): Area {
  const area = findArea(db, text);
  if (!area) throw new AnalystError('not_found', `No area has the code or name "${text}".`);
  return area;
}

export function areasHandlers(session: Session): FeatureHandlers<'areas.list'> {
  return {
    'areas.list': async () => listAreas(session.workspace.db),
  };
}
