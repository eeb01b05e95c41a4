/**
 * The words of an import's summary (ImportPage shows them): per file what was recognised, the
 * totals, what was left out, the published values left alone, and what was (or would be)
 * created. A dry run says "Would add"; the real import "Added".
 */
import type { ImportReport } from '../../../../shared/api/types';
import { formatSpanLabel } from '../../../../shared/domain/periods';
import type { Month } from '../../../../shared/domain/types';

export interface ImportSummaryText {
  files: Array<{ key: string; file: string; detail: string }>;
  /** One line for many files ("24 police.uk street-level crime files, Jan 2023 to Dec 2024"), else null: the list is shown. */
  filesInBrief: string | null;
  totals: string;
  skipped: string[];
  conflicts: string | null;
  created: string[];
  /** What police.uk files are (or would be) counted into; null without police.uk files. */
  policeUk: PoliceUkCountedText | null;
}

/** A list said in a line: the first names, "and N more", with every name for a "Show all". */
export interface NamedList {
  /** "Would count crimes for 7 districts" */
  lead: string;
  /** The names said in the line (all of them when few). */
  shown: string[];
  /** How many more there are; the line ends "and N more" and `all` lists them. */
  more: number;
  all: string[];
}

export interface PoliceUkCountedText {
  districts: NamedList | null;
  /** When the files cover none of the workspace's districts. */
  noDistricts: string | null;
  crimeTypes: NamedList;
  months: string;
}

/** Up to this many districts or crime types are named in the line; the rest on demand. */
export const MAX_NAMES_SHOWN = 8;

/** Up to this many files are listed one by one; more are summed up in a line, with the list on demand. */
export const MAX_FILES_LISTED = 5;
/** Up to this many "left out" lines show; the rest on demand. */
export const MAX_REASONS_SHOWN = 5;

const SHAPE_WORDS: Record<string, [string, string]> = {
  'police.uk': ['police.uk street-level crime file', 'police.uk street-level crime files'],
  'ons-population': ['ONS population file', 'ONS population files'],
  'area-lookup': ['area lookup', 'area lookups'],
  appendix: ['appendix', 'appendices'],
  tidy: ['table of figures', 'tables of figures'],
  wide: ['table of figures', 'tables of figures'],
};

/** "Jun 2024", as the rest of Boardpack labels a month. */
const monthWords = (m: string) => formatSpanLabel({ first: m as Month, last: m as Month });

/** "1 police.uk row in Blaby" from "police.uk rows in Blaby": the first plural noun made singular. */
export function singular(phrase: string): string {
  // Only the phrase's own noun, in its first two words ("police.uk rows ..."), never "of the values".
  return phrase.replace(/^((?:[^\s]+ )?)(rows|values|crimes|files|cells|areas|indicators)\b/, (_m, before: string, noun: string) => `${before}${noun.slice(0, -1)}`);
}

/** "24 police.uk street-level crime files, Jan 2023 to Dec 2024; 1 ONS population file" */
export function filesInBrief(files: ReadonlyArray<{ file: string; shape: string }>): string {
  const byShape = new Map<string, string[]>();
  for (const f of files) byShape.set(f.shape, [...(byShape.get(f.shape) ?? []), f.file]);
  return [...byShape.entries()]
    .map(([shape, names]) => {
      const [one, many] = SHAPE_WORDS[shape] ?? ['file', 'files'];
      const months = names.map((n) => /^(\d{4}-\d{2})\b/.exec(n)?.[1]).filter((m): m is string => m !== undefined).sort();
      const span = shape === 'police.uk' && months.length === names.length && months.length > 1 ? `, ${monthWords(months[0]!)} to ${monthWords(months[months.length - 1]!)}` : '';
      return `${names.length} ${names.length === 1 ? one : many}${span}`;
    })
    .join('; ');
}

/** A recent import's files in brief: the names when few, else what they are (the names on demand). */
export function recentFilesText(files: readonly string[]): string {
  if (files.length <= 3) return files.join(', ');
  const months = files.map((n) => /^(\d{4}-\d{2})-.*-street\.csv$/.exec(n)?.[1]).filter((m): m is string => m !== undefined).sort();
  const police = months.length > 0 ? `${months.length} police.uk ${months.length === 1 ? 'file' : 'files'}${months.length > 1 ? `, ${monthWords(months[0]!)} to ${monthWords(months[months.length - 1]!)}` : ''}` : '';
  const others = files.length - months.length;
  return [police, others > 0 ? `${others} other ${others === 1 ? 'file' : 'files'}` : ''].filter(Boolean).join(' and ');
}

function namedList(lead: string, names: readonly string[]): NamedList {
  const shown = names.length <= MAX_NAMES_SHOWN ? [...names] : names.slice(0, MAX_NAMES_SHOWN - 1);
  return { lead, shown, more: names.length - shown.length, all: [...names] };
}

/** "Blaby, Charnwood and 3 more": a list's line, without its lead. */
export function namedListLine(list: NamedList): string {
  return list.more > 0 ? `${list.shown.join(', ')} and ${list.more} more` : list.shown.join(', ');
}

/**
 * What the police.uk files are counted into, in words: which of the workspace's districts, which
 * crime types and which months ("Would count crimes for 7 districts: Blaby, Charnwood, ...").
 */
export function policeUkText(report: ImportReport): PoliceUkCountedText | null {
  const p = report.policeUk;
  if (!p) return null;
  const verb = report.dryRun ? 'Would count' : 'Counted';
  const n = p.districts.length;
  const months = [...p.months].sort();
  const first = months[0];
  const last = months[months.length - 1];
  const span = first === undefined || last === undefined ? 'none' : first === last ? monthWords(first) : `${monthWords(first)} to ${monthWords(last)}`;
  return {
    districts: n > 0 ? namedList(`${verb} police.uk crimes for ${n} ${n === 1 ? 'district' : 'districts'}`, p.districts) : null,
    noDistricts: n === 0 ? `${report.dryRun ? 'Would count nothing' : 'Counted nothing'}: the police.uk files cover none of this workspace's districts.` : null,
    crimeTypes: namedList(`${p.crimeTypes.length} ${p.crimeTypes.length === 1 ? 'crime type, each its own series' : 'crime types, each its own series'}`, p.crimeTypes),
    months: months.length === 1 ? `Month: ${span}.` : `Months: ${span} (${months.length} months).`,
  };
}

/** A count as the analyst reads it: 2,520. */
const n = (count: number): string => count.toLocaleString('en-GB');

export function importSummaryText(report: ImportReport): ImportSummaryText {
  const verb = report.dryRun ? 'Would add' : 'Added';
  return {
    files: report.files.map((f) => ({ key: `${f.file}/${f.sheet}`, file: f.file, detail: `${f.sheet ? ` (sheet "${f.sheet}")` : ''}: ${f.summary}` })),
    filesInBrief: report.files.length > MAX_FILES_LISTED ? filesInBrief(report.files) : null,
    totals: `${verb} ${n(report.added)} ${report.added === 1 ? 'value' : 'values'}; ${n(report.changed.length)} changed; ${n(report.unchanged)} unchanged.`,
    skipped: report.skipped.map((k) => `Left out ${k.count.toLocaleString('en-GB')} ${k.count === 1 ? singular(k.reason) : k.reason}.`),
    conflicts:
      report.conflicts.length > 0 ? `${n(report.conflicts.length)} values belong to a published (locked) period and differ from what was published: they are left as published.` : null,
    created: report.created.map((c) => `${report.dryRun ? 'Would create' : 'Created'} ${c}.`),
    policeUk: policeUkText(report),
  };
}
