/** What an import is asked to do (the API's choices and the host's controls), and the error it refuses with. */
import type { ImportColumnRole } from '../../../shared/api/types';
import { AnalystError } from '../errors';
import type { IndicatorChoice } from './apply-table';
import type { TableMappingOverride } from './table-shape';

/** A problem with the files, in words an analyst can act on; nothing was changed. */
export class ImportError extends AnalystError {
  constructor(message: string) {
    super('invalid_arguments', message);
    this.name = 'ImportError';
  }
}

/** A column mapping the user chose for one file (and sheet). */
export interface MappingChoice extends TableMappingOverride {
  file: string;
  sheet?: string;
  /** Columns named by header text, letter ("C") or number ("3", from 1), as the CLI takes them. */
  headers?: ReadonlyArray<{ column: string; role: ImportColumnRole }>;
}

export interface ImportOptions {
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Column mappings the user chose, by file name: they win over detection and remembered ones. */
  mappings?: readonly MappingChoice[];
  /** Create areas a table names that the workspace does not have (else their rows are left out). */
  createAreas?: boolean;
  /** Unit and polarity for new indicators, when the user changed Boardpack's guess. */
  indicators?: readonly IndicatorChoice[];
  /** The year of ONS population estimates when the file does not say (its name, title, header or sheet). */
  populationYear?: number;
  /** Called as the import goes: the phase, and how far it has got (0 to 1) in it. */
  onProgress?: (progress: ImportStep) => void;
  /**
   * Asked while values are stored (a step that runs without a break): true stops the import, which
   * then changes nothing. Cancel from another process arrives this way (see running.ts).
   */
  shouldStop?: () => boolean;
  /** Awaited often while values are stored: lets other calls be answered between slices (running.ts). */
  breathe?: () => Promise<void>;
}

export interface ImportStep {
  file: string;
  fraction: number;
  phase?: 'reading' | 'storing' | 'saving';
}
