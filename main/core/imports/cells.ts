/**
 * Reading the cells of partners' tables: values ("1,259", "55.4%", "NA", "-", "#DIV/0!", "[x]"),
 * area names written every way councils write them, and a guess of what a new indicator is
 * from its name. Pure functions: no workspace, no files.
 */
import { parseDisplayedValue, shorthandMissing } from '../../../shared/domain/format';
import type { Polarity, Unit } from '../../../shared/domain/types';

export type CellValue =
  | { kind: 'number'; value: number; percent: boolean; decimals: number; footnoteMarker: string | null; label: string | null }
  | { kind: 'missing'; missing: 'NA' | '-' }
  | { kind: 'blank' }
  | { kind: 'error'; problem: string; fix: string };

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
// Maps, not object literals: a cell reading "constructor" or "__proto__" must not find Object's own properties.
const MISSING_WORDS = new Map<string, 'NA' | '-'>([
  ['na', 'NA'],
  ['n/a', 'NA'],
  ['n.a.', 'NA'],
  ['..', 'NA'],
  [':', 'NA'],
  ['not available', 'NA'],
  ['-', '-'],
  ['–', '-'],
  ['—', '-'],
  ['not applicable', '-'],
]);
const EXCEL_ERROR = /^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA|ERROR)/i;

/**
 * Official statistics shorthand after a figure ("1,204 [p]"): the figure stands, the shorthand
 * becomes its label. Alone, shorthand other than [x], [c] and [z] (`shorthandMissing`) stands for
 * a figure not given ([low], [w], [u]...), so it is refused, never guessed.
 */
const SHORTHAND_LABEL = new Map([['p', 'provisional'], ['r', 'revised'], ['e', 'estimated'], ['f', 'forecast'], ['u', 'low reliability']]);
const FIGURE_WITH_SHORTHAND = /^(.*?\d%?)\s*((?:\[[a-z0-9 ]+\]\s*)+)$/i;
/** Suppressed small numbers as partners write them ("*", "<5", "< 10"): not a figure, and not to be read as 5. */
const SUPPRESSED = /^(\*+|[<>≤≥]\s*=?\s*\d[\d,.]*)$/;

/**
 * A value cell as a partner writes it. Plain numbers take a fast path (a million rows of
 * them must not each run the full pattern); anything else goes through the same reader as the
 * published appendix (thousands separators, %, footnote markers, a bracketed label).
 */
export function readValueCell(raw: string): CellValue {
  if (PLAIN_NUMBER.test(raw)) {
    const dot = raw.indexOf('.');
    return { kind: 'number', value: Number(raw), percent: false, decimals: dot < 0 ? 0 : raw.length - dot - 1, footnoteMarker: null, label: null };
  }
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'blank' };
  const missing = MISSING_WORDS.get(text.toLowerCase()) ?? shorthandMissing(text);
  if (missing) return { kind: 'missing', missing };
  const bracketed = text.includes('[');
  if (bracketed && /^\[[a-z0-9 ]+\]$/i.test(text)) {
    return { kind: 'error', problem: `it holds the shorthand ${text} instead of a figure`, fix: 'write the figure, or NA if it is not available ([x] and [c] are read as NA, [z] as -)' };
  }
  if (SUPPRESSED.test(text)) {
    return { kind: 'error', problem: `it is not an exact figure (${text})`, fix: 'write NA to show it as not available, or ask the partner for the figure' };
  }
  const withShorthand = bracketed ? FIGURE_WITH_SHORTHAND.exec(text) : null;
  if (withShorthand) return figureWithShorthand(withShorthand[1]!, withShorthand[2]!);
  if (EXCEL_ERROR.test(text)) {
    return { kind: 'error', problem: `the cell holds the Excel error ${text}`, fix: 'correct the formula in the source file, or leave the cell blank, or write NA' };
  }
  // "£1,234", "€12.50", "-$5", "1 234": currency signs and spaces inside numbers.
  const cleaned = text.replace(/^([-\u2212]?)\s*[£€$]\s*/, '$1').replace(/(\d) (?=\d{3}\b)/g, '$1');
  const parsed = parseDisplayedValue(cleaned);
  if (!parsed.ok) {
    return { kind: 'error', problem: 'it is not a number', fix: 'write a number such as 1,259, 55.4% or 0.25, or NA for not available, or - for not applicable' };
  }
  const v = parsed.value;
  if (v.value === null) return v.missing ? { kind: 'missing', missing: v.missing } : { kind: 'blank' };
  return { kind: 'number', value: v.value, percent: v.percent, decimals: v.decimals, footnoteMarker: v.footnoteMarker, label: v.label };
}

/**
 * "1,204 [p]", "37 [r] [note 2]": the figure, labelled "provisional", "revised"... A note
 * marker only points to the partner's notes, so it adds nothing; an unknown shorthand refuses
 * the cell rather than guess what it says about the figure.
 */
function figureWithShorthand(figure: string, shorthand: string): CellValue {
  const codes = [...shorthand.matchAll(/\[([a-z0-9 ]+)\]/gi)].map((m) => m[1]!.trim().toLowerCase());
  const unknown = codes.find((c) => !SHORTHAND_LABEL.has(c) && !/^note \d+$/.test(c));
  if (unknown !== undefined) {
    return { kind: 'error', problem: `the figure is followed by the shorthand [${unknown}], which Boardpack does not know`, fix: 'write the figure alone, or with [p], [r], [e], [f] or [u] (provisional, revised, estimated, forecast, low reliability)' };
  }
  const value = readValueCell(figure);
  if (value.kind !== 'number') return value.kind === 'blank' ? { kind: 'error', problem: 'it is not a number', fix: 'write a number such as 1,259, 55.4% or 0.25, or NA for not available, or - for not applicable' } : value;
  const labels = codes.flatMap((c) => SHORTHAND_LABEL.get(c) ?? []);
  return labels.length === 0 || value.label !== null ? value : { ...value, label: labels.join(', ') };
}

/** True when a cell reads as a value (a number, NA, - or an Excel error): for detecting columns of figures. */
export function looksLikeValue(raw: string): boolean {
  const v = readValueCell(raw);
  return v.kind === 'number' || v.kind === 'missing' || (v.kind === 'error' && EXCEL_ERROR.test(raw.trim()));
}

export const GSS_CODE = /^[EWSNKJ]\d{8}$/;

/**
 * An area name reduced to what identifies it: case, spacing and punctuation folded, "&" read
 * as "and", and the words councils add or drop ("City of", " UA", " Ward", "(B)", "District")
 * removed. "Kingston upon Hull, City of" and "City of Kingston Upon Hull UA" meet.
 */
export function areaKey(name: string): string {
  let s = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[.,'’]/g, ' ')
    .replace(/[-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^the /, '');
  s = s.replace(/^city of /, '').replace(/ city of$/, '');
  for (;;) {
    const next = s.replace(/ (ua|unitary authority|ward|district|borough|council|district council|borough council|city council|county council|metropolitan borough|la)$/, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/ /g, '');
}

/** An indicator name for matching: case and spacing folded, dashes unified. */
export function indicatorKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim();
}

export interface IndicatorGuess {
  unit: Unit;
  polarity: Polarity;
  reason: string;
}

const LOWER_IS_BETTER = /crime|offen[cs]|re-?offend|victim|casualt|killed|injur|death|anti-?social|burglar|theft|robbery|assault|violen|abuse|harm|first time entrants|custod|exclusion|admission|incident|arson|fire|fraud|drug|alcohol|repeat|missing|homeless|unemploy|obes|smok|waiting|delay/i;
const HIGHER_IS_BETTER = /satisf|confiden|feel safe|feeling safe|detect|solved|complet|success|attain|employ|engag|uptake|coverage|quit|recover|positive outcome|agree|trust/i;

/** Guesses a new indicator's unit and polarity from its name (and a unit column, when the file has one). */
export function guessIndicator(name: string, sample: { percent: boolean; unitText?: string; wholeNumbers?: boolean }): IndicatorGuess {
  const n = name.trim();
  const u = (sample.unitText ?? '').trim().toLowerCase();
  let unit: Unit;
  let unitWhy: string;
  if (/per\s*1,?000|per thousand/i.test(n) || /per\s*1,?000|per thousand|rate/.test(u)) {
    unit = 'rate_per_1000';
    unitWhy = /per\s*1,?000|per thousand/i.test(n) ? 'the name says "per 1,000"' : `the unit column says "${sample.unitText}"`;
  } else if (sample.percent || /^%|%|\bpercent|\bpercentage|\bproportion/i.test(n) || /%|percent/.test(u)) {
    unit = 'percent';
    unitWhy = sample.percent ? 'its values carry % signs' : /%|percent/.test(u) ? `the unit column says "${sample.unitText}"` : 'the name says it is a percentage';
  } else if (/^(number|no\.?|count|total) (of\b)?/i.test(n) || /\(count\)|\bnumber of\b/i.test(n) || /^(count|number|n)$/.test(u)) {
    unit = 'count';
    unitWhy = /^(count|number|n)$/.test(u) ? `the unit column says "${sample.unitText}"` : 'the name says it is a number of things';
  } else if (/\brate\b/i.test(n)) {
    unit = 'rate_per_1000';
    unitWhy = 'the name says it is a rate (taken as per 1,000 population)';
  } else if (sample.wholeNumbers) {
    unit = 'count';
    unitWhy = 'its values are all whole numbers';
  } else {
    unit = 'ratio';
    unitWhy = 'the name does not say "Number of", "%" or "per 1,000", so it is kept as a plain figure';
  }
  let polarity: Polarity = 'none';
  let polarityWhy = 'nothing in the name says whether higher or lower is better';
  const lower = LOWER_IS_BETTER.exec(n);
  const higher = HIGHER_IS_BETTER.exec(n);
  if (higher && !/unemploy/i.test(n)) {
    polarity = 'higher';
    polarityWhy = `"${higher[0]}" is better higher`;
  } else if (lower) {
    polarity = 'lower';
    polarityWhy = `"${lower[0]}" is better lower`;
  }
  return { unit, polarity, reason: `${unitWhy}; ${polarityWhy}` };
}
