/** The values' API methods: list them, the values grid of one indicator, set values, a value's history. */
import { requireArea } from '../areas';
import { AnalystError } from '../errors';
import { requireIndicatorNamed } from '../indicators';
import type { FeatureHandlers, Session } from '../session';
import { coverageNotesOf, setValues, valueHistory, valuesGrid } from './editing';
import { listValues } from './listing';

export function valuesHandlers(session: Session): FeatureHandlers<'values.list' | 'values.coverage' | 'values.grid' | 'values.set' | 'values.history'> {
  const ws = () => session.workspace;
  return {
    'values.list': async ({ indicator, area, from, to }) => {
      const db = ws().db;
      const indicators = indicator ? [requireIndicatorNamed(db, indicator)] : undefined;
      const foundArea = area ? requireArea(db, area) : undefined;
      if (from && to && from > to) throw new AnalystError('invalid_arguments', `--from ${from} is after --to ${to}.`);
      return listValues(db, { indicators, area: foundArea, from, to });
    },
    'values.coverage': async ({ indicator, area }) => {
      const db = ws().db;
      const found = requireIndicatorNamed(db, indicator);
      const foundArea = area ? requireArea(db, area) : undefined;
      return coverageNotesOf(ws(), found, foundArea);
    },
    'values.grid': async ({ indicatorId }) => valuesGrid(ws(), indicatorId),
    'values.set': async (input) => setValues(ws(), session.history, input),
    'values.history': async (input) => valueHistory(ws(), input),
  };
}
