/**
 * Numbers as published tables print them, and back again.
 *
 * Boardpack rounds half away from zero on the decimal digits a person would read, not on the
 * binary value: 1.005 is stored as 1.00499999999999989..., yet every analyst (and Excel, which
 * works to 15 significant digits) expects "1.01". So values are first written to 15 significant
 * digits and rounded as decimal text.
 */
import type { Result, Unit } from './types';
import { fail, ok } from './types';

interface DecimalText {
  negative: boolean;
  /** Integer digits, no separators, at least "0". */
  integer: string;
  /** Exactly `decimals` digits. */
  fraction: string;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be a whole number from 0 to 20, not ${decimals}`);
  }
}

function roundToDecimalText(value: number, decimals: number): DecimalText {
  checkDecimals(decimals);
  const abs = Math.abs(value);
  // 15 significant digits forgive binary error (6.3449999999999998 reads as 6.345).
  const [mantissa = '0', exponent] = abs.toPrecision(15).split('e');
  const [whole = '0', frac = ''] = mantissa.split('.');
  const digits = whole + frac;
  // The decimal point sits after `point` digits of `digits` (negative: zeros come first).
  const point = whole.length + (exponent ? Number(exponent) : 0);
  const keep = point + decimals;
  let scaled: bigint;
  if (keep < 0) {
    scaled = 0n;
  } else {
    const kept = digits.slice(0, keep).padEnd(keep, '0');
    const next = digits.charAt(keep) || '0';
    scaled = BigInt(kept === '' ? '0' : kept) + (next >= '5' ? 1n : 0n);
  }
  const text = scaled.toString().padStart(decimals + 1, '0');
  const integer = text.slice(0, text.length - decimals);
  const fraction = text.slice(text.length - decimals);
  // A value that rounds to zero prints without a minus sign: "-0.00" reads as an error.
  return { negative: value < 0 && scaled !== 0n, integer, fraction };
}

function withThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "1,259", "6.35", "1.01" (from 1.005), "0.00" (from -0.004). Non-finite numbers print as
 * themselves ("NaN") so a bad value is visible, never silently blank.
 */
export function formatNumber(value: number, decimals: number): string {
  return formatDecimal(value, decimals, true);
}

function formatDecimal(value: number, decimals: number, thousands: boolean): string {
  if (!Number.isFinite(value)) return String(value);
  const { negative, integer, fraction } = roundToDecimalText(value, decimals);
  const whole = thousands ? withThousands(integer) : integer;
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

/**
 * The number a reader sees, as a number: roundHalfAwayFromZero(1.005, 2) === 1.01, and never
 * -0. Write this into a spreadsheet cell so Excel shows exactly the published text.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const { negative, integer, fraction } = roundToDecimalText(value, decimals);
  const n = Number(`${integer}${decimals > 0 ? `.${fraction}` : ''}`);
  return negative ? -n : n;
}

export type MissingMark = 'NA' | '-';

/**
 * The shorthand UK official statistics tables (the Government Analysis Function's symbols, as
 * ONS and Home Office tables print them) write in place of a figure: [x] not available, [c]
 * withheld as confidential (so not available here either), [z] not applicable. Read the same
 * whether imported or typed and pasted into the grid. A Map: a cell reading "constructor" must
 * not find Object's own properties.
 */
const SHORTHAND_MISSING = new Map<string, MissingMark>([
  ['[x]', 'NA'],
  ['[c]', 'NA'],
  ['[z]', '-'],
]);

export function shorthandMissing(text: string): MissingMark | undefined {
  return SHORTHAND_MISSING.get(text.trim().toLowerCase());
}

export interface IndicatorValueText {
  value: number | null;
  unit: Unit;
  decimals: number;
  /** Printed straight after the number: "1,259*". */
  footnoteMarker?: string | null;
  /** A span other than the column's default, printed in brackets: "55.4% (Q3 2014-15)". */
  label?: string | null;
  /** What to print when there is no value: NA = not available (default), - = not applicable. */
  missing?: MissingMark;
}

/**
 * Percentages print without thousands separators ("1234.5%" is rare, and Excel's format for
 * them is '0.0"%"'); every other unit groups thousands ("1,259").
 */
function formatBare(value: number, unit: Unit, decimals: number): string {
  return unit === 'percent' ? `${formatDecimal(value, decimals, false)}%` : formatNumber(value, decimals);
}

/** "1,259*", "55.4% (Q3 2014-15)", "79.0%", "NA", "-". */
export function formatIndicatorValue(v: IndicatorValueText): string {
  const core = v.value === null ? (v.missing ?? 'NA') : formatBare(v.value, v.unit, v.decimals);
  const marker = v.footnoteMarker ?? '';
  const label = v.label ? ` (${v.label})` : '';
  return `${core}${marker}${label}`;
}

/**
 * The Excel number format that displays a cell holding roundHalfAwayFromZero(value, decimals)
 * exactly as formatIndicatorValue prints it without a marker or label: "#,##0", "#,##0.00",
 * '0.0"%"'. The percent sign is a literal: the cell holds 55.4, not 0.554.
 */
export function excelNumberFormat(unit: Unit, decimals: number): string {
  checkDecimals(decimals);
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return unit === 'percent' ? `0${fraction}"%"` : `#,##0${fraction}`;
}

export interface DisplayedValue {
  value: number | null;
  missing: MissingMark | null;
  percent: boolean;
  /** Digits after the decimal point as printed: "79.0%" has 1. */
  decimals: number;
  footnoteMarker: string | null;
  label: string | null;
}

// Footnote markers seen in council tables: asterisks, daggers, section and hash signs, and
// superscript digits.
const MARKER = '[*\u2020\u2021\u00a7#\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+';
const NUMBER = '(?<sign>[-\u2212])?(?<int>\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(?<frac>\\d+))?(?:\\s*(?<pct>%))?';
const MISSING = '(?<missing>NA|N/A|-|\u2013)';
const DISPLAYED = new RegExp(
  `^(?:${NUMBER}|${MISSING})\\s*(?<marker>${MARKER})?(?:\\s*\\((?<label>[^()]*)\\))?$`,
  'i',
);

/**
 * Reads a value cell of a published table: "1,259*", "55.4% (Q3 2014-15)", "1.00 (Apr-Dec
 * 2014)", "NA", "-". A blank cell is a missing value with no mark. The label is returned as
 * text; callers that need its span pass it to parsePeriodLabel.
 */
export function parseDisplayedValue(text: string): Result<DisplayedValue> {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '') {
    return ok({ value: null, missing: null, percent: false, decimals: 0, footnoteMarker: null, label: null });
  }
  const match = DISPLAYED.exec(trimmed);
  const groups = match?.groups;
  if (!groups) {
    if (/^[-\u2212]?\d[\d,]*(\.\d+)?/.test(trimmed) && trimmed.includes(',')) {
      return fail(`'${trimmed}' has a misplaced thousands separator; write e.g. 1,259 or 1.25`);
    }
    return fail(
      `'${trimmed}' is not a value Boardpack can read; expected a number such as 1,259 or 55.4%, ` +
        `optionally with a footnote marker (*) and a period in brackets, or NA or -`,
    );
  }
  const footnoteMarker = groups.marker ?? null;
  const label = groups.label !== undefined ? groups.label.trim() || null : null;
  if (groups.missing !== undefined) {
    const missing: MissingMark = /^n/i.test(groups.missing) ? 'NA' : '-';
    return ok({ value: null, missing, percent: false, decimals: 0, footnoteMarker, label });
  }
  const frac = groups.frac ?? '';
  const magnitude = Number(`${(groups.int ?? '0').replace(/,/g, '')}${frac ? `.${frac}` : ''}`);
  const value = groups.sign !== undefined && magnitude !== 0 ? -magnitude : magnitude;
  return ok({ value, missing: null, percent: groups.pct !== undefined, decimals: frac.length, footnoteMarker, label });
}
