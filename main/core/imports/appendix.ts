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
import { ARROWS, directionOfArrow } from '../../../shared/domain/vocabulary';

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

/**
 * The compact appendix (the older 2014/15 Q2 layout, and Boardpack's own `--variant compact`
 * export): one row per outcome, each indicator column holding one line per indicator. Returns
 * the rows one per indicator, as the standard layout has them, with the file's row number of
 * each; the indicator cell's lines set how many indicators a row holds. Officers who typed the
 * figures on one line separate them with " / " ("55.7% (Q2 2014-15) / 0.33 (Apr-Jun 2014)"),
 * which is read when it splits into exactly as many parts.
 */
export function expandCompactRows(rows: readonly string[][], source = 'the table'): Result<{ rows: string[][]; rowNumbers: number[] }> {
  const out: string[][] = [rows[0] ? [...rows[0]] : []];
  const rowNumbers = [1];
  const lines = (cell: string) => cell.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  for (let r = 1; r < rows.length; r++) {
    const cells = (rows[r] ?? []).map((c) => c ?? '');
    const names = lines(cells[3] ?? '').filter((l) => l !== '');
    if (names.length <= 1) {
      out.push([...cells]);
      rowNumbers.push(r + 1);
      continue;
    }
    const k = names.length;
    const columns: string[][] = [];
    for (let c = 4; c <= 9; c++) {
      const text = (cells[c] ?? '').trim();
      let parts = lines(text);
      if (parts.length === 1 && text.includes(' / ') && text.split(' / ').length === k) parts = text.split(' / ').map((p) => p.trim());
      if (text === '') parts = Array.from({ length: k }, () => '');
      if (parts.length !== k) {
        return fail(`${source}, row ${r + 1}, column ${c + 1}: the cell has ${parts.length} line${parts.length === 1 ? '' : 's'} but the indicator cell names ${k} indicators; put each indicator's figure on its own line, in the same order.`);
      }
      columns.push(parts);
    }
    for (let i = 0; i < k; i++) {
      out.push([i === 0 ? (cells[0] ?? '') : '', i === 0 ? (cells[1] ?? '') : '', i === 0 ? (cells[2] ?? '') : '', names[i]!, ...columns.map((col) => col[i]!)]);
      rowNumbers.push(r + 1);
    }
  }
  return ok({ rows: out, rowNumbers });
}

/** Reads the rows of an appendix table (header first). Errors name the row and column. */
export function readAppendixTable(rows: string[][], source = 'the table'): Result<AppendixTable> {
  const expanded = expandCompactRows(rows, source);
  if (!expanded.ok) return expanded;
  const rowNumbers = expanded.value.rowNumbers;
  rows = expanded.value.rows;
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
    const where = `${source}, row ${rowNumbers[r] ?? r + 1}`;
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
    const direction = arrow ? directionOfArrow(arrow) : null;
    if (arrow && !direction) return fail(`${where}, column 7: "${arrow}" is not a direction of travel; use ${ARROWS.improving}, ${ARROWS.no_change} or ${ARROWS.worsening}.`);
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
      row: rowNumbers[r] ?? r + 1,
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
