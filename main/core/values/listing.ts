/** The stored and derived values of a workspace, as `boardpack values` and the API list them. */
import type { Area, Indicator, ValueRow } from '../../../shared/api/types';
import type { Month, Span } from '../../../shared/domain/types';
import type { Sqlite } from '../store/sqlite';
import { listAreas } from '../areas';
import { listIndicators, listOutcomes } from '../indicators';
import { ValueResolver } from './series';

export interface ValueFilter {
  indicators?: Indicator[];
  area?: Area;
  from?: Month;
  to?: Month;
}

export function listValues(db: Sqlite, filter: ValueFilter): ValueRow[] {
  const all = listIndicators(db);
  const resolver = new ValueResolver(db, new Map(all.map((i) => [i.id, i])));
  const outcomeTitles = new Map(listOutcomes(db).map((o) => [o.id, o.title]));
  const areas = filter.area ? [filter.area] : listAreas(db);
  const inRange = (s: Span) => (!filter.from || s.first >= filter.from) && (!filter.to || s.last <= filter.to);
  const rows: ValueRow[] = [];

  for (const indicator of filter.indicators ?? all) {
    for (const area of areas) {
      const seen = new Set<string>();
      const push = (span: Span) => {
        const key = `${span.first}/${span.last}`;
        if (seen.has(key) || !inRange(span)) return;
        const v = resolver.valueFor(indicator, area, span);
        if (!v) return;
        seen.add(key);
        rows.push({
          indicator: indicator.name,
          outcome: indicator.outcomeId !== null ? (outcomeTitles.get(indicator.outcomeId) ?? '') : '',
          areaCode: area.code,
          areaName: area.name,
          periodStart: span.first,
          periodEnd: span.last,
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
          label: v.label ?? v.missing ?? '',
          derived: v.derived,
        });
      };
      for (const o of resolver.storedValues(indicator.id, area.id)) push(o.span);
      for (const span of resolver.derivableSpans(indicator, area)) push(span);
    }
  }
  return rows;
}
