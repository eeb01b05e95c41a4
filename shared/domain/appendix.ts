/**
 * The appendix as every host shows it: the dashboard screen, the xlsx, the pdf and the csv all
 * render this one model, so what the board reads is what the analyst saw. Text is already
 * formatted here ("1,259*", "55.4% (Q3 2014-15)", "NA", "-"); exporters never re-format.
 */
import type { Direction, Rag, Span, Unit, Polarity } from './types';

/** A value cell: the published text, plus the plain number when the text is just that number. */
export interface AppendixValue {
  /** Exactly what is printed, e.g. "1,259*", "55.4% (Q3 2014-15)", "NA", "-". */
  text: string;
  /**
   * The number, when the cell may be written to Excel as a number (no label, no footnote
   * marker). For percent units this is the percentage (55.4), not a fraction.
   */
  number: number | null;
  /** Excel number format that displays `number` exactly as `text`, e.g. "#,##0", "0.0\"%\"". */
  numberFormat: string | null;
  /** The span the value covers, when known. */
  span: Span | null;
}

export interface AppendixSuggestion<T> {
  /** What Boardpack computes from the data (null when it cannot). */
  suggested: T | null;
  /** What is printed: the analyst's override when there is one, else the suggestion. */
  shown: T | null;
  /** True when the analyst's choice differs from the suggestion. */
  overridden: boolean;
  /** Why: the calculation ("6.35 vs 5.71: +11.2%, beyond the 5% tolerance ...") or the override reason. */
  reason: string;
}

export interface AppendixIndicatorRow {
  indicatorId: number;
  /** "Vehicle Crime rate (per 1,000 population)" */
  name: string;
  unit: Unit;
  polarity: Polarity;
  previous: AppendixValue;
  latest: AppendixValue;
  direction: AppendixSuggestion<Direction>;
  /** ↑ → ↓ (vocabulary's ARROWS) or "" when there is no judgement. */
  arrow: string;
  progress: AppendixSuggestion<Rag>;
  /** "Top", "Average", "Bottom" or "-" */
  countyComparison: AppendixSuggestion<string>;
  /** Free text, often blank. */
  districtComparison: string;
  /** Footnote text this row refers to, if any (the marker is already in the value text). */
  footnotes: string[];
}

export interface AppendixOutcomeBlock {
  outcomeId: number;
  title: string;
  rag: Rag | null;
  comment: string;
  indicators: AppendixIndicatorRow[];
}

export interface AppendixModel {
  /** "Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4" */
  title: string;
  /** "2014/15 Q4" */
  periodName: string;
  /** The header words: "Previous Year (2013-14)" */
  previousHeader: string;
  /** "Latest Data (12 months to Mar 2015 unless stated)" */
  latestHeader: string;
  outcomes: AppendixOutcomeBlock[];
  /** Numbered footnotes, in order of first use: "* Figure revised after publication". */
  footnotes: string[];
  /** How direction of travel and comparisons were judged, for the page foot. */
  method: string;
  /** Data sources and attribution (OGL where used). */
  sources: string[];
  locked: boolean;
}

/** The ten column headers in published order. */
export function appendixHeaders(model: Pick<AppendixModel, 'previousHeader' | 'latestHeader'>): string[] {
  return [
    'Outcomes',
    'Overall Progress RAG',
    'Overall Comment',
    'Supporting Indicators',
    model.previousHeader,
    model.latestHeader,
    'Current Direction of Travel',
    'Progress',
    'County Comparison',
    'District Comparison',
  ];
}

/**
 * The cells of one indicator row as printed (the first three belong to the outcome and are
 * blank on every row but the outcome's first, as in the published TSV).
 */
export function appendixRowCells(block: AppendixOutcomeBlock, row: AppendixIndicatorRow, first: boolean): string[] {
  return [
    first ? block.title : '',
    first ? (block.rag ?? '') : '',
    first ? block.comment : '',
    row.name,
    row.previous.text,
    row.latest.text,
    row.arrow,
    row.progress.shown ?? '',
    row.countyComparison.shown ?? '-',
    row.districtComparison,
  ];
}

/**
 * About how many characters of an outcome's comment fit its cell on the printed A4 landscape
 * page beside three indicators; the editor shows it as a guide, not a limit.
 */
export const COMMENT_GUIDE_CHARACTERS = 600;
