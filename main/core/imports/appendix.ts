/**
 * Reads a published appendix table (the 2014/15 layout: 10 columns, outcome cells blank or
 * merged below their first row) into outcomes, indicators, values and judgements for one
 * reporting period, and applies it to a workspace.
 */
import { parseDisplayedValue } from '../../../shared/domain/format';
import {
  parsePeriodLabel,
  parseReportingPeriodName,
  reportingPeriodName,
  financialYearOf,
  rollingTwelveMonths,
} from '../../../shared/domain/periods';
import type { Direction, Month, Rag, Result, Span } from '../../../shared/domain/types';
import { fail, ok } from '../../../shared/domain/types';

export interface AppendixCell {
  value: number | null;
  missing: 'NA' | '-' | null;
  percent: boolean;
  decimals: number;
  footnoteMarker: string | null;
  label: string | null;
  span: Span;
}

export interface AppendixIndicatorEntry {
  name: string;
  previous: AppendixCell;
  latest: AppendixCell;
  direction: Direction | null;
  progress: Rag | null;
  countyComparison: string;
  districtComparison: string;
  row: number;
}

export interface AppendixTable {
  periodName: string;
  lastMonth: Month;
  previousSpan: Span;
  latestSpan: Span;
  outcomes: Array<{ title: string; rag: Rag | null; comment: string; indicators: AppendixIndicatorEntry[] }>;
}

const ARROW_DIRECTIONS: Record<string, Direction> = { '↑': 'improving', '→': 'no_change', '↓': 'worsening' };

/** Reads the rows of an appendix table (header first). Errors name the row and column. */
export function readAppendixTable(rows: string[][], source = 'the table'): Result<AppendixTable> {
  const header = rows[0]?.map((c) => c.trim()) ?? [];
  if (header.length < 8 || !/^outcomes?$/i.test(header[0] ?? '') || !/supporting indicators/i.test(header[3] ?? '')) {
    return fail(`${source} is not an appendix table: its first row should start "Outcomes, Overall Progress RAG, Overall Comment, Supporting Indicators".`);
  }
  const prevMatch = /previous year\s*\(([^)]+)\)/i.exec(header[4] ?? '');
  const latestMatch = /latest data\s*\((.+?)(?:\s+unless stated)?\)/i.exec(header[5] ?? '');
  if (!prevMatch || !latestMatch) {
    return fail(`${source}, row 1: columns 5 and 6 should be headed like "Previous Year (2013-14)" and "Latest Data (12 months to Mar 2015 unless stated)".`);
  }
  const prev = parsePeriodLabel(prevMatch[1]!);
  if (!prev.ok) return fail(`${source}, row 1, column 5: ${prev.error}`);
  const latestDefault = parsePeriodLabel(latestMatch[1]!);
  if (!latestDefault.ok) return fail(`${source}, row 1, column 6: ${latestDefault.error}`);
  const lastMonth = latestDefault.value.last;
  const fy = financialYearOf(lastMonth);
  const quarterIndex = Math.floor(((Number(lastMonth.slice(5, 7)) + 8) % 12) / 3) + 1;
  const periodName = reportingPeriodName(fy, quarterIndex as 1 | 2 | 3 | 4);
  if (!parseReportingPeriodName(periodName).ok) return fail(`${source}: cannot tell the reporting period from "${header[5]}".`);

  const table: AppendixTable = {
    periodName,
    lastMonth,
    previousSpan: prev.value,
    latestSpan: rollingTwelveMonths(lastMonth),
    outcomes: [],
  };
  for (let r = 1; r < rows.length; r++) {
    const cells = (rows[r] ?? []).map((c) => (c ?? '').trim());
    if (cells.every((c) => c === '')) continue;
    const where = `${source}, row ${r + 1}`;
    if (cells[0]) {
      const rag = cells[1] ? parseRag(cells[1]) : null;
      if (cells[1] && !rag) return fail(`${where}, column 2: "${cells[1]}" is not a RAG rating; use R, A or G.`);
      table.outcomes.push({ title: cells[0], rag, comment: cells[2] ?? '', indicators: [] });
    }
    const outcome = table.outcomes[table.outcomes.length - 1];
    if (!outcome) return fail(`${where}: an indicator comes before any outcome; the first row must name its outcome.`);
    const name = cells[3] ?? '';
    if (!name) return fail(`${where}, column 4: the indicator name is blank.`);
    const previous = readValue(cells[4] ?? '', table.previousSpan, `${where}, column 5`);
    if (!previous.ok) return previous;
    const latest = readValue(cells[5] ?? '', table.latestSpan, `${where}, column 6`);
    if (!latest.ok) return latest;
    const arrow = cells[6] ?? '';
    const direction = arrow ? ARROW_DIRECTIONS[arrow] : null;
    if (arrow && !direction) return fail(`${where}, column 7: "${arrow}" is not a direction of travel; use ↑, → or ↓.`);
    const progress = cells[7] ? parseRag(cells[7]) : null;
    if (cells[7] && !progress) return fail(`${where}, column 8: "${cells[7]}" is not a RAG rating; use R, A or G.`);
    outcome.indicators.push({
      name,
      previous: previous.value,
      latest: latest.value,
      direction: direction ?? null,
      progress,
      countyComparison: cells[8] ?? '',
      districtComparison: cells[9] ?? '',
      row: r + 1,
    });
  }
  if (table.outcomes.length === 0) return fail(`${source} has a header but no indicator rows.`);
  return ok(table);
}

function parseRag(text: string): Rag | null {
  const t = text.trim().toUpperCase();
  if (t === 'R' || t === 'RED') return 'R';
  if (t === 'A' || t === 'AMBER') return 'A';
  if (t === 'G' || t === 'GREEN') return 'G';
  return null;
}

function readValue(text: string, defaultSpan: Span, where: string): Result<AppendixCell> {
  const parsed = parseDisplayedValue(text);
  if (!parsed.ok) return fail(`${where}: ${parsed.error}`);
  let span = defaultSpan;
  if (parsed.value.label) {
    const labelled = parsePeriodLabel(parsed.value.label);
    if (!labelled.ok) return fail(`${where}: the label "(${parsed.value.label})" is not a period: ${labelled.error}`);
    span = labelled.value;
  }
  return ok({
    value: parsed.value.value,
    missing: parsed.value.value === null ? (parsed.value.missing ?? 'NA') : null,
    percent: parsed.value.percent,
    decimals: parsed.value.decimals,
    footnoteMarker: parsed.value.footnoteMarker,
    label: parsed.value.label,
    span,
  });
}
