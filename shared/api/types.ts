/** What the API hands to every host: plain, serialisable records in the users' words. */
import type { AreaKind, Direction, MeasureType, Month, Polarity, Rag, Unit } from '../domain/types';
import type { SpcResult } from '../domain/spc';

export interface Area {
  id: number;
  code: string;
  name: string;
  kind: AreaKind;
  parentCode: string | null;
  /** YYYY-MM-DD: the board no longer reports on it (kept for history). Absent while in use. */
  retiredOn?: string;
}

/** An area as the Areas page lists it. */
export interface AreaListing extends Area {
  /** Years with a mid-year population estimate. */
  populationYears: number[];
  /** The board's main area (the dashboard's). */
  main: boolean;
}

/** A comparator group: the areas (ONS codes) the main area is ranked among. */
export interface ComparatorGroup {
  name: string;
  memberCodes: string[];
}

export interface AreasPage {
  areas: AreaListing[];
  mainAreaCode: string | null;
  groups: ComparatorGroup[];
  /** The group used when an indicator names none; null: every area of the main area's kind. */
  defaultGroup: string | null;
}

/** An area of the built-in geography, offered when starting a workspace or adding an area. */
export interface GeographyMatch {
  code: string;
  name: string;
  kind: AreaKind;
  /** e.g. "county, 7 districts, East Midlands" */
  description: string;
  retired: boolean;
}

export interface Population {
  areaCode: string;
  year: number;
  count: number;
  source: string;
}

export interface Outcome {
  id: number;
  title: string;
  shortTitle: string;
  order: number;
  archived: boolean;
}

export interface Indicator {
  id: number;
  /** null: a data series other indicators derive from, not printed in the appendix. */
  outcomeId: number | null;
  name: string;
  unit: Unit;
  /** What it measures: sums over months are made only for flows (counts of events). */
  measureType: MeasureType;
  polarity: Polarity;
  decimals: number;
  frequency: string;
  source: string;
  target: number | null;
  tolerancePercent: number | null;
  comparatorGroup: string;
  notes: string;
  footnote: string;
  order: number;
  archived: boolean;
  /** How Boardpack computes it, when it does: a rate per 1,000 of another indicator's counts. */
  derivation: { kind: 'rate_per_1000'; fromIndicatorId: number } | null;
}

export interface ReportingPeriod {
  id: number;
  /** "2014/15 Q4" */
  name: string;
  lastMonth: Month;
  title: string | null;
  locked: boolean;
}

export interface OutcomeAssessment {
  periodId: number;
  outcomeId: number;
  rag: Rag | null;
  comment: string;
}

export interface IndicatorAssessment {
  periodId: number;
  indicatorId: number;
  direction: Direction | null;
  directionReason: string;
  rag: Rag | null;
  ragReason: string;
  countyComparison: string | null;
  countyReason: string;
  districtComparison: string;
}

/** A stored value an import changed. */
export interface ValueChange {
  indicator: string;
  span: string;
  old: string;
  new: string;
}

/** What an import did (or, for a dry run, would do). */
export interface ImportReport {
  dryRun: boolean;
  importId: number | null;
  files: Array<{ file: string; sheet: string; shape: 'appendix' | 'police.uk' | 'ons-population' | 'tidy' | 'wide' | 'area-lookup'; summary: string; periodName?: string; indicators?: number }>;
  added: number;
  changed: ValueChange[];
  unchanged: number;
  /** Values in published (locked) periods that the files would change: left as published. */
  conflicts: ValueChange[];
  /** Rows left out, and why. */
  skipped: Array<{ reason: string; count: number }>;
  /** Things the analyst should know before trusting the figures (copies, repeated crimes, gaps). */
  warnings: string[];
  /** What Boardpack created because the workspace did not have it yet. */
  created: string[];
  /** Tidy and wide tables: the detected shape and column mapping, a preview and the problems. */
  tables?: ImportTablePlan[];
  /**
   * police.uk files: what their crimes are (or would be) counted into. `districts`: the
   * workspace's districts the files cover, A to Z; `crimeTypes`: the types counted, with "All
   * crime"; `months`: "2024-01"..., sorted. Absent when the import has no police.uk file.
   */
  policeUk?: { districts: string[]; crimeTypes: string[]; months: string[] };
  /**
   * imported: something was (or, in a dry run, would be) added or changed; unchanged: every
   * value read is already held, nothing recorded; refused: nothing in the files could be
   * imported (every row has a problem, or columns must be chosen), nothing recorded. The CLI
   * exits 1 for refused, in a dry run as in the real import.
   */
  status?: 'imported' | 'unchanged' | 'refused';
}

/** How far the running import has got (large CSV files report as they are read). */
export interface ImportProgress {
  running: boolean;
  file: string;
  /** 0 to 1: how far the current phase has got (the share of the file read, of the values stored). */
  fraction: number;
  cancelled: boolean;
  /** What the import is doing: reading the files, storing the values, saving the workspace. */
  phase?: 'reading' | 'storing' | 'saving';
}

/** The long jobs that show their progress and can be cancelled (one at a time per workspace). */
export type JobKind = 'import' | 'export' | 'restore';

/**
 * What a long job is doing now. Imports: reading the files, storing the values, saving the
 * workspace. The agenda pack export: preparing each indicator's page (its figures and SPC),
 * laying out the PDF's pages, writing the file. A backup restore: restoring.
 */
export type JobPhase = 'reading' | 'storing' | 'saving' | 'preparing' | 'laying-out' | 'writing' | 'restoring';

/** How far the running job has got, for a progress bar (`jobs.progress`). */
export interface JobProgress {
  running: boolean;
  /** null when nothing is running. */
  kind: JobKind | null;
  phase: JobPhase | null;
  /** Parts of this phase done and in all (indicators, pages); total is 0 when it is not counted in parts. */
  done: number;
  total: number;
  /** 0 to 1: how far the current phase has got. */
  fraction: number;
  /** The file being read, where there is one (imports). */
  file: string;
  /** Cancel was pressed: the job is stopping, and will leave everything as it was. */
  cancelled: boolean;
}

/** What a column of a partner's table holds. */
export const IMPORT_COLUMN_ROLES = [
  'indicator',
  'area',
  'area_name',
  'period',
  'value',
  'numerator',
  'denominator',
  'unit',
  'note',
  'label',
  'breakdown',
  'period_values',
  'area_values',
  'ignore',
] as const;
export type ImportColumnRole = (typeof IMPORT_COLUMN_ROLES)[number];

export interface ImportColumn {
  /** 0-based position in the header row. */
  index: number;
  header: string;
  role: ImportColumnRole;
  /** Why Boardpack chose this role, e.g. 'column "Area code" holds ONS codes'. */
  reason: string;
}

/** One problem in a file, in words an analyst can act on. */
export interface ImportProblem {
  file: string;
  sheet: string;
  /** The row as the spreadsheet numbers it (1 = first row); 0 for the whole table. */
  row: number;
  column: string;
  value: string;
  problem: string;
  fix: string;
}

/** A tidy or wide table: how Boardpack reads it, and what it found. */
export interface ImportTablePlan {
  file: string;
  sheet: string;
  /** Sheets of the workbook that hold a table Boardpack could read (for choosing another). */
  sheets: string[];
  shape: 'tidy' | 'wide';
  /** The header row as the spreadsheet numbers it. */
  headerRow: number;
  /** Identifies the file's shape (its normalised header row): mappings are remembered by it. */
  signature: string;
  mappingSource: 'detected' | 'remembered' | 'yours';
  columns: ImportColumn[];
  /** Values for every row when no column holds them (e.g. the indicator named above a wide table). */
  fixed: { indicator?: string; area?: string; period?: string };
  /** Why the table cannot be imported as mapped (a role nobody holds), or null. */
  blocking: string | null;
  /** The first values as Boardpack will hold them. */
  preview: Array<{ row: number; indicator: string; area: string; period: string; first: string; last: string; value: string; numerator: string; denominator: string; label: string; note: string }>;
  problems: ImportProblem[];
  /** All problems, including those not listed (the list stops at a few hundred). */
  problemCount: number;
  rowsRead: number;
  valuesRead: number;
  unmatchedAreas: Array<{ name: string; code: string | null; rows: number }>;
  /**
   * Columns that tell several series apart within one area and period (offence group, sex, age
   * band...), with the values seen: each combination is its own indicator, unless the analyst
   * filtered the column to one value (`filter`).
   */
  breakdowns: Array<{ index: number; column: string; values: string[]; filter: string | null }>;
  /** Rows left out because a filter did not match them. */
  rowsFilteredOut: number;
  /** Every series (indicator) the table's values go to, with how many values each gets. */
  series: Array<{ name: string; values: number; isNew: boolean }>;
  newIndicators: Array<{ name: string; unit: Unit; polarity: Polarity; decimals: number; reason: string; measureType: MeasureType; measureTypeReason: string }>;
}

/** One import as the workspace recorded it. */
export interface ImportRecord {
  id: number;
  files: string[];
  shape: string;
  counts: Record<string, number>;
  osUser: string;
  importedAt: string;
  undoneAt: string | null;
}

/** One line of the audit trail, in the analyst's words: who changed what, when, from what to what. */
export interface AuditTrailRow {
  /** ISO date and time. */
  at: string;
  /** The Windows (or system) user who made the change. */
  who: string;
  /** "Changed", "Added", "Deleted", "Published", "Unlocked", "Imported", "Undone"... */
  action: string;
  /** What changed: "Vehicle Crime rate: direction of travel, 2014/15 Q4". */
  what: string;
  /** The value before (blank when there was none). */
  before: string;
  /** The value after, with the analyst's reason where one was given (overrides, unlocking). */
  after: string;
}

/** An earlier version of the workspace kept beside it. */
export interface Backup {
  name: string;
  savedAt: string;
  size: number;
}

/** One value as `boardpack values` prints it. */
export interface ValueRow {
  indicator: string;
  outcome: string;
  areaCode: string;
  areaName: string;
  periodStart: Month;
  periodEnd: Month;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  label: string;
  derived: boolean;
}

export interface WorkspaceCounts {
  areas: number;
  outcomes: number;
  indicators: number;
  observations: number;
  reportingPeriods: number;
  imports: number;
}

export interface WorkspaceInfo {
  file: string | null;
  title: string;
  dashboardTitle: string;
  isDemo: boolean;
  /** Attribution lines the app must show (e.g. the Open Government Licence). */
  attribution: string[];
  schemaVersion: number;
  dashboardArea: { code: string; name: string } | null;
  counts: WorkspaceCounts;
  save: { dirty: boolean; lastSavedAt: string | null; error: string | null };
}

/** The full picture `boardpack info` prints. */
export interface WorkspaceOverview extends WorkspaceInfo {
  areas: Area[];
  outcomes: Array<Outcome & { indicators: Indicator[] }>;
  /** Indicators without an outcome: the data series rates are derived from. */
  dataSeries: Indicator[];
  reportingPeriods: Array<ReportingPeriod & { indicatorCount: number }>;
  populations: Population[];
}

/** An indicator's monthly series for an area with its XmR statistical process control. */
export interface TrendPoint {
  periodStart: Month;
  periodEnd: Month;
  value: number;
  mean: number;
  lpl: number;
  upl: number;
  lower2Sigma: number;
  upper2Sigma: number;
  specialCause: SpcResult['points'][number]['specialCause'];
  rules: SpcResult['points'][number]['rules'];
  /** Which way a special cause points: above the mean or rising is 'high'; null for common cause. */
  side: SpcResult['points'][number]['side'];
}

export interface Trend {
  indicator: string;
  area: { code: string; name: string };
  unit: Unit;
  decimals: number;
  target: number | null;
  /** monthly: one value a month, with SPC; rolling12: 12-month totals (or rates, or means), no SPC. */
  view: 'monthly' | 'rolling12';
  /** The values drawn, in either view. */
  series: Array<{ periodStart: Month; periodEnd: Month; value: number }>;
  /** Whether `points` carries SPC (monthly view only; empty otherwise). */
  spc: boolean;
  points: TrendPoint[];
  variation: SpcResult['variation'];
  assurance: SpcResult['assurance'];
  provisional: boolean;
  /** How the series was made, for the chart's note. */
  method: string;
}


/** A dashboard row's sparkline: the dashboard area's latest 24 months, or its yearly values. */
export interface Sparkline {
  indicatorId: number;
  kind: 'monthly' | 'yearly';
  points: number[];
  /** The indicator's decimal places, for the values in the sparkline's name. */
  decimals: number;
  /** The first and last period drawn (YYYY-MM, the last month of a year for yearly points). */
  first: Month | null;
  last: Month | null;
  /**
   * The monthly series' SPC verdicts up to the period's last month (as the agenda pack's), for
   * the Making Data Count icons; null for yearly values or fewer than 12 months.
   */
  spc: { variation: SpcResult['variation']; assurance: SpcResult['assurance']; side: 'high' | 'low' | null } | null;
}

export interface DistrictBar {
  code: string;
  name: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Top, Average or Bottom quartile among the districts (by polarity); null without polarity or with too few districts. */
  quartile: 'Top' | 'Average' | 'Bottom' | null;
}

export interface DistrictComparison {
  indicator: string;
  unit: Unit;
  decimals: number;
  polarity: Polarity;
  span: { first: Month; last: Month };
  county: { code: string; name: string; value: number | null };
  average: number | null;
  districts: DistrictBar[];
}


/** One action on the undo stack, in the user's words. */
export interface HistoryEntry {
  id: number;
  label: string;
  at: string;
  /** False for an undone import too large to keep for redoing. */
  canRedo: boolean;
}

/** What Undo and Redo would do now, and the stacks behind them (latest first). */
export interface HistoryState {
  undo: HistoryEntry | null;
  redo: HistoryEntry | null;
  done: HistoryEntry[];
  undone: HistoryEntry[];
}

/** One action in the board's action log. Dates are YYYY-MM-DD. */
/** An action on the board's action log (defined with the log's words in shared/domain). */
export type { ActionLogEntry } from '../domain/action-log';

/** Why an indicator is in the exceptions panel. */
export type ExceptionReason = 'worsening' | 'red' | 'beyond_tolerance' | 'special_cause';

/** One indicator the covering report should mention, with the sentence drafted for it. */
export interface ExceptionItem {
  indicatorId: number;
  indicator: string;
  reasons: ExceptionReason[];
  sentence: string;
}

/** A reporting period's exceptions, by outcome in appendix order. */
export interface ExceptionsReport {
  periodName: string;
  /** The area whose monthly series were checked for special-cause variation. */
  area: string | null;
  outcomes: Array<{ outcomeId: number; title: string; items: ExceptionItem[] }>;
  /** Indicators checked. */
  checked: number;
  /** The whole panel as plain text for the covering report ("Nothing exceptional to report." when none). */
  text: string;
}

export type * from './editing-types';
