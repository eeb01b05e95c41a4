/** What the Indicators page reads and writes: definitions, the values grid and a value's history. */
import type { Month } from '../domain/types';
import type { Indicator, Outcome } from './types';

/** Every outcome (archived too) with its indicators, and the data series other indicators derive from. */
export interface IndicatorCatalogue {
  outcomes: Array<Outcome & { indicators: Indicator[] }>;
  dataSeries: Indicator[];
  /** Frequencies and comparator groups already used, offered when editing. */
  frequencies: string[];
  comparatorGroups: string[];
}

/** The result of saving a definition, or (dry run) what saving it would change in the exports. */
export interface DefinitionSaved<T> {
  saved: boolean;
  /** null on a dry run of something new. */
  item: T | null;
  /** Plain sentences: "Changing decimals from 2 to 1 changes how 2024/25 Q3 prints: 6.35 becomes 6.4." */
  impacts: string[];
}

/** A column (or, transposed, a row) of the values grid. */
export interface GridPeriod {
  first: Month;
  last: Month;
  /** "Jun 2024", "2013-14", "12 months to Dec 2024" */
  label: string;
  /** rolling_12: any 12 months (a financial year too); shown apart from months. */
  kind: 'month' | 'rolling_12' | 'other';
  /** Up to the end of a locked (published) period: read only. */
  frozen: boolean;
}

export interface GridCell {
  /** As printed: "1,259*", "6.35", "NA"; empty when there is no value. */
  text: string;
  /** What editing starts from: the stored number at full precision, "NA", "-". */
  edit: string;
  derived: boolean;
  /** For a derived value: how Boardpack computed it. */
  how: string | null;
  editable: boolean;
  /** Why the cell cannot be edited, in plain words. */
  readOnlyReason: string | null;
}

export interface GridArea {
  code: string;
  name: string;
  kind: string;
  /** One cell per period, in the order of `periods`. */
  cells: GridCell[];
}

export interface ValuesGrid {
  indicator: Indicator;
  /** The series a derived rate comes from. */
  derivedFrom: string | null;
  frozenThrough: Month | null;
  lockedPeriod: string | null;
  periods: GridPeriod[];
  areas: GridArea[];
  /**
   * Areas given no derived figure because the areas within them do not (or cannot be shown to)
   * cover them: "East Midlands: no rate: the only area within East Midlands...".
   */
  coverageNotes: string[];
}

/** One cell a batch edit (a typed value or a pasted block) would change or could not. */
export interface CellChange {
  areaCode: string;
  areaName: string;
  first: Month;
  last: Month;
  period: string;
  old: string;
  new: string;
}

export interface ValuesSetResult {
  saved: boolean;
  changes: CellChange[];
  unchanged: number;
  refused: Array<{ areaName: string; period: string; text: string; reason: string }>;
}

export interface ValueHistoryEntry {
  at: string;
  osUser: string;
  /** "edited", "added", "cleared", "imported" */
  action: string;
  old: string | null;
  new: string | null;
}

export interface ValueHistory {
  /** "Blaby, Jun 2024" */
  cell: string;
  indicator: string;
  current: string;
  entries: ValueHistoryEntry[];
}
