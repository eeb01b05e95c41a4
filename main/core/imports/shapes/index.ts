/**
 * The file shapes Boardpack imports, in the order they are tried: the first that recognises a
 * file takes it. A new shape is one file in this folder (see shape.ts) and one line here (and,
 * if analysts should know of it, a few words in RECOGNISED_SHAPES).
 */
import { appendix } from './appendix';
import { areaLookup } from './area-lookup';
import { fingertips } from './fingertips';
import { largeCsvTable } from './large-csv';
import { onsPopulation } from './ons-population';
import { policeUk } from './police-uk';
import type { ImportShape } from './shape';
import { table } from './table';

export const SHAPES: readonly ImportShape[] = [
  // By its header line alone.
  policeUk,
  // A large CSV streams as a table when its first rows read as one.
  largeCsvTable,
  // From the file's sheets.
  onsPopulation,
  areaLookup,
  fingertips,
  appendix,
  // Last: any sheet with a header row over a column of figures.
  table,
];

/** What an analyst is told Boardpack reads, when a file is none of these. */
export const RECOGNISED_SHAPES =
  'Recognised: tidy tables (one value per row, with indicator, area, period and value columns; download the template from the Import screen), wide tables (periods or areas across), the appendix layout (a header row starting "Outcomes, Overall Progress RAG, Overall Comment, Supporting Indicators"), police.uk street-level crime files, ONS mid-year population estimates (Code, Name, Geography, All ages) and ONS district to CSP to police force area lookups.';
