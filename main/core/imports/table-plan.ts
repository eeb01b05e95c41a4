/** The plan the Import screen shows for a table: its mapping, its first values as they will be held, its problems. */
import path from 'node:path';
import type { ImportProblem, ImportTablePlan } from '../../../shared/api/types';
import { guessMeasureType, MEASURE_TYPES_OF } from '../../../shared/domain/definition-words';
import { formatSpanLabel } from '../../../shared/domain/periods';
import type { IndicatorChoice } from './apply-table';
import { guessIndicator, indicatorKey } from './cells';
import type { RecognisedTable } from './shapes/table';
import type { ReadTable } from './table-rows';

/** The plan the analyst sees for a table: mapping, first values as they will be held, problems. */
export function tablePlan(t: RecognisedTable, read: ReadTable, extraProblems: ImportProblem[], extraCount: number, createAreas: boolean, choices: readonly IndicatorChoice[], refused: string | null): ImportTablePlan {
  const v = read.values;
  const perIndicator = new Array<number>(read.indicators.length).fill(0);
  for (const i of v.indicator) perIndicator[i]!++;
  const preview: ImportTablePlan['preview'] = [];
  for (let i = 0; i < v.value.length && preview.length < 20; i++) {
    const area = read.areas[v.area[i]!]!;
    const areaName = area.existing ? area.existing.name : `${area.name ?? area.text} (${createAreas ? 'new area' : 'not in this workspace: left out'})`;
    const missing = v.missing[i]!;
    preview.push({
      row: v.row[i]!,
      indicator: read.indicators[v.indicator[i]!]!.name,
      area: areaName,
      period: formatSpanLabel({ first: v.first[i]!, last: v.last[i]! }),
      first: v.first[i]!,
      last: v.last[i]!,
      value: missing === 0 ? String(v.value[i]) + (v.footnote.get(i) ?? '') : missing === 1 ? 'NA' : '-',
      numerator: Number.isNaN(v.numerator[i]!) ? '' : String(v.numerator[i]),
      denominator: Number.isNaN(v.denominator[i]!) ? '' : String(v.denominator[i]),
      label: v.label.get(i) ?? '',
      note: v.note.get(i) ?? '',
    });
  }
  const chosen = new Map(choices.map((c) => [indicatorKey(c.name), c]));
  return {
    file: path.basename(t.file),
    sheet: t.sheet,
    sheets: t.sheets,
    shape: t.layout.shape,
    headerRow: t.layout.headerIndex + 1,
    signature: t.signature,
    mappingSource: t.mappingSource,
    columns: shownColumns(t.layout.columns),
    fixed: t.layout.fixed,
    blocking: t.layout.blocking ?? refused,
    preview,
    problems: [...read.problems, ...extraProblems].slice(0, 300),
    problemCount: read.problemCount + extraCount,
    rowsRead: read.rowsRead,
    valuesRead: v.value.length,
    unmatchedAreas: read.areas.filter((a) => !a.existing && a.rows > 0).map((a) => ({ name: a.name ?? a.text, code: a.code, rows: a.rows })),
    breakdowns: [...read.breakdownValues].map(([index, values]) => ({
      index,
      column: t.layout.header[index] ?? '',
      values,
      filter: t.layout.filters.find((f) => f.index === index)?.value ?? null,
    })),
    rowsFilteredOut: read.rowsFilteredOut,
    series: read.indicators.slice(0, 500).map((i, k) => ({ name: i.name, values: perIndicator[k]!, isNew: i.existingId === null })),
    newIndicators: read.indicators
      .filter((i) => i.existingId === null)
      .map((i) => {
        const guess = guessIndicator(i.name, { percent: i.percent, unitText: i.unitText, wholeNumbers: i.decimals === 0 });
        const c = chosen.get(indicatorKey(i.name));
        const unit = c?.unit ?? guess.unit;
        const measure = c?.measureType && MEASURE_TYPES_OF[unit].includes(c.measureType) ? { type: c.measureType, reason: 'as you chose' } : guessMeasureType(i.name, unit);
        return {
          name: i.name,
          unit,
          polarity: c?.polarity ?? guess.polarity,
          decimals: i.decimals,
          reason: c ? 'as you chose' : guess.reason,
          measureType: measure.type,
          measureTypeReason: measure.reason,
        };
      }),
  };
}

/** Columns sent to the Import screen: all that hold something, and at most a few hundred of the rest (a row of a million blank cells makes a million columns). */
const MAX_PLAN_COLUMNS = 500;
function shownColumns(columns: ImportTablePlan['columns']): ImportTablePlan['columns'] {
  if (columns.length <= MAX_PLAN_COLUMNS) return columns;
  const used = columns.filter((c) => c.role !== 'ignore');
  const rest = columns.filter((c) => c.role === 'ignore' && c.header !== '').slice(0, Math.max(0, MAX_PLAN_COLUMNS - used.length));
  return [...used, ...rest].sort((x, y) => x.index - y.index);
}
