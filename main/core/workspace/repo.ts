/** The workspace's SQL: how much it holds, for the title bar and `boardpack info`. */
import type { WorkspaceInfo } from '../../../shared/api/types';
import type { Sqlite } from '../store/sqlite';

export function countContents(db: Sqlite): WorkspaceInfo['counts'] {
  const n = (sql: string) => db.first<{ n: number }>(sql)?.n ?? 0;
  return {
    areas: n('SELECT count(*) AS n FROM areas'),
    outcomes: n('SELECT count(*) AS n FROM outcomes WHERE archived = 0'),
    indicators: n('SELECT count(*) AS n FROM indicators WHERE archived = 0'),
    observations: n('SELECT count(*) AS n FROM observations'),
    reportingPeriods: n('SELECT count(*) AS n FROM reporting_periods'),
    imports: n('SELECT count(*) AS n FROM imports'),
  };
}
