/**
 * One file shape Boardpack imports (the appendix layout, police.uk, ONS population, an area
 * lookup, a Fingertips export, a tidy or wide table), as a plug-in the import runs in three
 * steps:
 *
 * 1. `recognise`: is this file of the shape? The shapes are tried in the order of `index.ts`;
 *    the first that answers takes the file.
 * 2. `plan` (and `planTogether`), before the transaction: read what is slow to read (a large
 *    CSV streams, police.uk months are counted), showing progress and stopping on Cancel.
 * 3. `apply`, inside the import's one transaction: store the file and say in the report, in
 *    the analyst's words, what it did (`finish` then runs once for the shape's files together).
 *
 * Adding a shape is one new file here and one line in `index.ts`.
 */
import type { ImportReport, ValueChange } from '../../../../shared/api/types';
import type { Sqlite } from '../../store/sqlite';
import type { Workspace } from '../../store/workspace';
import type { ImportOptions, MappingChoice } from '../options';
import type { TableSheet } from '../table-file';
import type { MatchContext } from '../table-shape';

/** A file being recognised: what it is called, and its contents read on demand (once). */
export interface FileAtHand {
  /** The path given. */
  readonly path: string;
  /** The file's name, as the report shows it. */
  readonly name: string;
  /** Its extension in lower case, with the dot (".csv"). */
  readonly ext: string;
  /** The column mapping the analyst chose for this file, if any. */
  readonly choice: MappingChoice | undefined;
  readonly workspace: Workspace;
  /** The workspace's areas and indicators, for matching a table's. */
  readonly ctx: MatchContext;
  readonly options: ImportOptions;
  /** The first lines of a text file (from its first 64 KB); none when it cannot be read. */
  firstLines(count: number): Promise<string[]>;
  /** Its size in bytes; 0 when it cannot be read. */
  size(): Promise<number>;
  /** Its sheets (one for a CSV), read the first time a shape asks; an unreadable file is refused (ImportError). */
  sheets(): Promise<TableSheet[]>;
}

/** A file a shape recognised; each shape adds what it read. */
export interface RecognisedFile {
  file: string;
  /** The sheet named in the import's record ('' when the shape reads the file as a whole). */
  recordedSheet: string;
  /** The file's shape in the import's record: "appendix", "tidy", "wide", "police.uk"... */
  format: string;
}

/** The import under way, before its transaction. */
export interface ImportRun {
  readonly workspace: Workspace;
  readonly ctx: MatchContext;
  readonly options: ImportOptions;
  /** The report the analyst will see; shapes add their files, warnings and what they left out. */
  readonly report: ImportReport;
}

/** What a writer did: added to the report's totals. */
export interface AppliedSummary {
  added: number;
  unchanged: number;
  changed: ValueChange[];
  conflicts?: ValueChange[];
  created?: string[];
}

/** The import inside its one transaction. */
export interface ImportTransaction extends ImportRun {
  readonly db: Sqlite;
  /** Awaited between slices of a long step: other calls that only read are answered meanwhile (running.ts `slicer`). */
  pause(): Promise<void>;
  /** The import's record: everything stored names it, and the journal keeps what it replaced. */
  readonly importId: number;
  /** Adds what a writer did to the report's totals. */
  add(applied: AppliedSummary): void;
  /** The import changed more than values (areas, a period, outcomes): it is recorded even when no value changed. */
  changedStructure(): void;
}

export interface ImportShape<R extends RecognisedFile = RecognisedFile> {
  /** What the shape is, for someone reading the code or a test. */
  readonly name: string;
  /**
   * The file as this shape reads it, or null when it is not of this shape. A file that is of the
   * shape but cannot be read is refused here (ImportError, naming the file).
   */
  recognise(file: FileAtHand): Promise<R | null>;
  /** Before the transaction, each file in turn: reads what is slow to read (may refuse the import). */
  plan?(file: R, run: ImportRun): Promise<R>;
  /** Before the transaction, after every file's `plan`: the shape's files read together (police.uk months counted at once). */
  planTogether?(files: R[], run: ImportRun): Promise<R[]>;
  /** In the transaction, each file in the order given: stores it and reports what it did. */
  apply(file: R, tx: ImportTransaction): void | Promise<void>;
  /** In the transaction, after every file's `apply`: what the shape's files store together. */
  finish?(files: R[], tx: ImportTransaction): void | Promise<void>;
}
