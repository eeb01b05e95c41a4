/**
 * Months, spans, UK financial years and quarters, and the many ways people write them.
 *
 * A month is "YYYY-MM"; a span is first..last, both inclusive. UK financial years start in
 * April, so March 2015 belongs to 2014/15 and Q1 is April to June: getting this wrong shifts
 * every quarter by one and every year by three months, so it lives in one place.
 */
import type { Month, Result, Span } from './types';
import { fail, ok } from './types';

export type Quarter = 1 | 2 | 3 | 4;
export type SpanKind = 'month' | 'quarter' | 'financial_year' | 'rolling_12' | 'other';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

// Years Boardpack reads from text. Four digits keep months sortable as strings; the range
// stops a typo such as "0214/15" from becoming a period nobody meant.
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

/** month(2015, 3) === "2015-03". Throws on impossible arguments: a programming error. */
export function month(year: number, m: number): Month {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have four digits, not ${year}`);
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month must be 1 to 12, not ${m}`);
  return `${year}-${String(m).padStart(2, '0')}`;
}

function parts(m: Month): { year: number; month: number } {
  const match = MONTH_RE.exec(m);
  if (!match) throw new RangeError(`'${m}' is not a month; expected YYYY-MM`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** Months since year 0: makes month arithmetic plain integer arithmetic. */
function toIndex(m: Month): number {
  const p = parts(m);
  return p.year * 12 + p.month - 1;
}

function fromIndex(i: number): Month {
  return month(Math.floor(i / 12), (i % 12) + 1);
}

export function yearOf(m: Month): number {
  return parts(m).year;
}

export function monthNumberOf(m: Month): number {
  return parts(m).month;
}

export function addMonths(m: Month, n: number): Month {
  if (!Number.isInteger(n)) throw new RangeError(`months to add must be whole, not ${n}`);
  return fromIndex(toIndex(m) + n);
}

/** Negative when a is before b, 0 when equal: usable as a sort comparator. */
export function compareMonths(a: Month, b: Month): number {
  return toIndex(a) - toIndex(b);
}

export function isValidSpan(span: Span): boolean {
  return isMonth(span.first) && isMonth(span.last) && span.first <= span.last;
}

export function spanEquals(a: Span, b: Span): boolean {
  return a.first === b.first && a.last === b.last;
}

/** Inclusive: Apr 2014 to Mar 2015 is 12 months. A reversed span has none. */
export function monthCount(span: Span): number {
  return Math.max(0, toIndex(span.last) - toIndex(span.first) + 1);
}

export function monthsOf(span: Span): Month[] {
  const first = toIndex(span.first);
  const count = monthCount(span);
  return Array.from({ length: count }, (_, i) => fromIndex(first + i));
}

/** The year a financial year starts in: March 2015 is in 2014/15, so 2014. */
export function financialYearOf(m: Month): number {
  const p = parts(m);
  return p.month >= 4 ? p.year : p.year - 1;
}

export function financialYearSpan(startYear: number): Span {
  return { first: month(startYear, 4), last: month(startYear + 1, 3) };
}

/** Q1 = Apr-Jun, Q2 = Jul-Sep, Q3 = Oct-Dec, Q4 = Jan-Mar of the next calendar year. */
export function quarterSpan(fyStartYear: number, q: Quarter): Span {
  const first = addMonths(month(fyStartYear, 4), (q - 1) * 3);
  return { first, last: addMonths(first, 2) };
}

/** The quarter of its financial year a month falls in: March is Q4. */
export function quarterOf(m: Month): Quarter {
  const fyMonth = (parts(m).month + 8) % 12; // April -> 0 ... March -> 11
  return (Math.floor(fyMonth / 3) + 1) as Quarter;
}

export function rollingTwelveMonths(last: Month): Span {
  return { first: addMonths(last, -11), last };
}

/** The 12 months before the span starts: the "previous rolling 12 months". */
export function previousTwelveMonths(span: Span): Span {
  return { first: addMonths(span.first, -12), last: addMonths(span.first, -1) };
}

/** "2014-15", as the appendix writes a financial year. */
export function financialYearLabel(fy: number): string {
  return `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;
}

/** "2014/15", as reporting period names write it. */
export function financialYearSlashLabel(fy: number): string {
  return `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
}

/** "Mar 2015" */
export function formatMonthLong(m: Month): string {
  const p = parts(m);
  return `${SHORT_MONTHS[p.month - 1]} ${p.year}`;
}

export function spanKind(span: Span): SpanKind {
  const count = monthCount(span);
  if (count === 1) return 'month';
  const startsFinancialQuarter = [4, 7, 10, 1].includes(parts(span.first).month);
  if (count === 3 && startsFinancialQuarter) return 'quarter';
  if (count === 12 && parts(span.first).month === 4) return 'financial_year';
  if (count === 12) return 'rolling_12';
  return 'other';
}

/**
 * The appendix's words for a span: "2014-15", "Q3 2014-15", "Mar 2015", "12 months to Mar
 * 2015", "Apr-Dec 2014", "Oct 2013 - Sep 2015". A malformed span prints as its raw months so
 * the mistake shows rather than breaking the page.
 */
export function formatSpanLabel(span: Span): string {
  if (!isValidSpan(span)) return `${span.first} - ${span.last}`;
  const fy = financialYearOf(span.first);
  switch (spanKind(span)) {
    case 'month':
      return formatMonthLong(span.first);
    case 'financial_year':
      return financialYearLabel(fy);
    case 'quarter':
      return `Q${quarterOf(span.first)} ${financialYearLabel(fy)}`;
    case 'rolling_12':
      return `12 months to ${formatMonthLong(span.last)}`;
    case 'other': {
      const first = parts(span.first);
      const last = parts(span.last);
      if (first.year === last.year) {
        return `${SHORT_MONTHS[first.month - 1]}-${SHORT_MONTHS[last.month - 1]} ${last.year}`;
      }
      return `${formatMonthLong(span.first)} - ${formatMonthLong(span.last)}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading periods written by people
// ---------------------------------------------------------------------------------------------

const MONTH_NAMES: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3],
  ['apr', 4], ['april', 4], ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7],
  ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9], ['september', 9], ['oct', 10],
  ['october', 10], ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);

export interface ParsePeriodOptions {
  /**
   * "2011-12" could be December 2011 or the financial year 2011/12. The appendix writes
   * financial years this way, so by default it is the financial year; a reader of a column
   * known to hold ISO months passes 'month'. Unambiguous text ("2024-06", "2014-15") ignores
   * this.
   */
  yearDashTwoDigits?: 'financial_year' | 'month';
}

type Attempt = Result<Span> | null;

const EXAMPLES = 'e.g. 2014/15, Q3 2014/15, 12 months to Mar 2015, Apr-Dec 2014 or Mar 2015';

/** Dashes of every kind become "-", spaces collapse, case folds. */
function normalise(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Two-digit years as Excel reads them: 00-29 are 2000s, 30-99 are 1900s. */
function fullYear(text: string): number {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

function yearProblem(original: string, year: number): string | null {
  return year < FIRST_YEAR || year > LAST_YEAR
    ? `'${original}' has the year ${year}; Boardpack reads years ${FIRST_YEAR} to ${LAST_YEAR}`
    : null;
}

function monthSpan(original: string, year: number, m: number): Result<Span> {
  const problem = yearProblem(original, year);
  if (problem) return fail(problem);
  if (m < 1 || m > 12) return fail(`'${original}' is not a month: ${m} is not between 1 and 12`);
  const only = month(year, m);
  return ok({ first: only, last: only });
}

/**
 * "2014/15", "2014-15", "2014/2015" -> 2014, checking the years are consecutive. Returns a
 * failure message for years that are not, or null when the text is not a year pair at all.
 */
function financialYearStart(original: string, first: string, second: string): Result<number> {
  const start = Number(first);
  const problem = yearProblem(original, start);
  if (problem) return fail(problem);
  const expected = second.length === 4 ? start + 1 : (start + 1) % 100;
  if (Number(second) !== expected) {
    return fail(
      `'${original}' is not a financial year: the years must be consecutive, e.g. ` +
        `${financialYearSlashLabel(start)}`,
    );
  }
  return ok(start);
}

const FY = String.raw`(\d{4}) ?[/-] ?(\d{4}|\d{2})`;
const FY_PREFIX = String.raw`(?:fy|financial year)? ?`;
const QUARTER_FIRST = new RegExp(String.raw`^q ?(\d+) ?(?:of )?${FY_PREFIX}${FY}$`);
const QUARTER_LAST = new RegExp(String.raw`^${FY_PREFIX}${FY} ?q ?(\d+)$`);

interface QuarterMatch {
  fy: string;
  fySecond: string;
  quarter: string;
}

function matchQuarter(s: string): QuarterMatch | null {
  const first = QUARTER_FIRST.exec(s);
  if (first) return { quarter: first[1] ?? '', fy: first[2] ?? '', fySecond: first[3] ?? '' };
  const last = QUARTER_LAST.exec(s);
  if (last) return { fy: last[1] ?? '', fySecond: last[2] ?? '', quarter: last[3] ?? '' };
  return null;
}

function parseFinancialQuarter(original: string, s: string): Result<{ fy: number; quarter: Quarter }> | null {
  const found = matchQuarter(s);
  if (!found) return null;
  const quarter = Number(found.quarter);
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    return fail(`'${original}' is not a quarter; use Q1 to Q4`);
  }
  const fy = financialYearStart(original, found.fy, found.fySecond);
  if (!fy.ok) return fy;
  return ok({ fy: fy.value, quarter: quarter as Quarter });
}

function tryQuarter(original: string, s: string): Attempt {
  const parsed = parseFinancialQuarter(original, s);
  if (parsed) return parsed.ok ? ok(quarterSpan(parsed.value.fy, parsed.value.quarter)) : parsed;
  // "Q3 2014" or "Q3" alone: a calendar quarter, or a financial one? Refuse to guess.
  if (/^q ?\d+( \d{4})?$/.test(s) || /^\d{4} q ?\d+$/.test(s)) {
    return fail(`'${original}' does not say which financial year; write it as e.g. Q3 2014/15`);
  }
  return null;
}

function tryFinancialYear(original: string, s: string, options: ParsePeriodOptions): Attempt {
  const match = new RegExp(String.raw`^(fy|financial year)? ?${FY}$`).exec(s);
  if (!match) return null;
  const [, prefix, first = '', second = ''] = match;
  const separator = s.includes('/') ? '/' : '-';
  const consecutive = Number(second) === (second.length === 4 ? Number(first) + 1 : (Number(first) + 1) % 100);
  const monthLike = !prefix && separator === '-' && second.length === 2 && Number(second) >= 1 && Number(second) <= 12;
  // "2024-06" is a month; "2011-12" is a month or a financial year (see ParsePeriodOptions).
  if (monthLike && (!consecutive || options.yearDashTwoDigits === 'month')) {
    return monthSpan(original, Number(first), Number(second));
  }
  const fy = financialYearStart(original, first, second);
  return fy.ok ? ok(financialYearSpan(fy.value)) : fy;
}

function daysInMonth(year: number, m: number): number {
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

function tryDate(original: string, s: string): Attempt {
  // ISO date, with or without a time: "2015-03-01", "2015-03-01T00:00:00Z". The written date
  // counts, not the time zone: a period column means the month it names.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  // UK dates are day first: "01/03/2015" is 1 March 2015.
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const found = iso ? { y: iso[1], m: iso[2], d: iso[3] } : uk ? { y: uk[3], m: uk[2], d: uk[1] } : null;
  if (found) {
    const year = Number(found.y);
    const m = Number(found.m);
    const day = Number(found.d);
    if (m < 1 || m > 12) return fail(`'${original}' is not a date: ${m} is not a month between 1 and 12`);
    const asMonth = monthSpan(original, year, m);
    if (!asMonth.ok) return asMonth;
    if (day < 1 || day > daysInMonth(year, m)) {
      return fail(`'${original}' is not a date: ${formatMonthLong(month(year, m))} has no day ${day}`);
    }
    return asMonth;
  }
  // "03/2015": a month and a year.
  const monthYear = /^(\d{1,2}) ?\/ ?(\d{4})$/.exec(s);
  if (monthYear) return monthSpan(original, Number(monthYear[2]), Number(monthYear[1]));
  // "2015-3": an ISO month written without its leading zero.
  const isoShort = /^(\d{4})-(\d)$/.exec(s);
  if (isoShort) return monthSpan(original, Number(isoShort[1]), Number(isoShort[2]));
  return null;
}

const NAME = String.raw`([a-z]+)\.?`;
// "Mar 2015", "March 2015", "Mar-15", "Mar '15", "Mar15".
const NAME_YEAR = String.raw`${NAME} ?[-' ]? ?(\d{4}|\d{2})`;

/** A month name and year as a month, null when the word is not a month name. */
function namedMonth(original: string, name: string, year: string): Result<Month> | null {
  const m = MONTH_NAMES.get(name);
  if (m === undefined) return null;
  const span = monthSpan(original, fullYear(year), m);
  return span.ok ? ok(span.value.first) : span;
}

function orderedSpan(original: string, first: Month, last: Month): Result<Span> {
  if (first > last) {
    return fail(`'${original}' ends before it starts; write the earlier month first, e.g. Oct 2013 - Sep 2014`);
  }
  return ok({ first, last });
}

function tryRolling(original: string, s: string): Attempt {
  const match = new RegExp(String.raw`^(?:rolling )?(\d+) months? (?:to|ending|up to|until) ${NAME_YEAR}$`).exec(s);
  if (!match) return null;
  const count = Number(match[1]);
  const last = namedMonth(original, match[2] ?? '', match[3] ?? '');
  if (!last) return null;
  if (!last.ok) return last;
  if (count < 1) return fail(`'${original}' covers no months; write e.g. 12 months to Mar 2015`);
  return ok({ first: addMonths(last.value, 1 - count), last: last.value });
}

function tryRange(original: string, s: string): Attempt {
  // "Oct 2013 - Sep 2014", "Oct 2013 to Sep 2014"
  const full = new RegExp(String.raw`^${NAME_YEAR} ?(?:-|to) ?${NAME_YEAR}$`).exec(s);
  if (full) {
    const first = namedMonth(original, full[1] ?? '', full[2] ?? '');
    const last = namedMonth(original, full[3] ?? '', full[4] ?? '');
    if (first && last) {
      if (!first.ok) return first;
      if (!last.ok) return last;
      return orderedSpan(original, first.value, last.value);
    }
  }
  // "Apr-Dec 2014": both months in the year named at the end.
  const short = new RegExp(String.raw`^${NAME} ?(?:-|to) ?${NAME} ?(\d{4}|\d{2})$`).exec(s);
  if (short) {
    const first = namedMonth(original, short[1] ?? '', short[3] ?? '');
    const last = namedMonth(original, short[2] ?? '', short[3] ?? '');
    if (first && last) {
      if (!first.ok) return first;
      if (!last.ok) return last;
      if (first.value > last.value) {
        // "Oct-Mar 2015" probably means Oct 2014 - Mar 2015, but a guess could be a year out.
        const suggestion = `${formatMonthLong(addMonths(first.value, -12))} - ${formatMonthLong(last.value)}`;
        return fail(`'${original}' ends before it starts; name both years, e.g. ${suggestion}`);
      }
      return ok({ first: first.value, last: last.value });
    }
  }
  return null;
}

function tryNamedMonth(original: string, s: string): Attempt {
  const match = new RegExp(String.raw`^${NAME_YEAR}$`).exec(s);
  if (!match) return null;
  const m = namedMonth(original, match[1] ?? '', match[2] ?? '');
  if (!m) return null;
  return m.ok ? ok({ first: m.value, last: m.value }) : m;
}

function tryCalendarYear(original: string, s: string): Attempt {
  const match = /^(?:cy|calendar year)? ?(\d{4})$/.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const problem = yearProblem(original, year);
  if (problem) return fail(problem);
  return ok({ first: month(year, 1), last: month(year, 12) });
}

/**
 * Reads a period as people write it: "2014/15", "FY 2014/15", "Q3 2014-15", "2014/15 Q3",
 * "12 months to Mar 2015", "Apr-Dec 2014", "Oct 2013 - Sep 2014", "Mar-15", "March 2015",
 * "2024-06", "2015-03-01", "2014" (a calendar year). Case and spacing do not matter.
 */
export function parsePeriodLabel(label: string, options: ParsePeriodOptions = {}): Result<Span> {
  const original = label.replace(/\s+/g, ' ').trim();
  const s = normalise(label);
  if (s === '') return fail(`The period is empty; write ${EXAMPLES}`);
  const attempts = [
    () => tryQuarter(original, s),
    () => tryFinancialYear(original, s, options),
    () => tryDate(original, s),
    () => tryRolling(original, s),
    () => tryRange(original, s),
    () => tryNamedMonth(original, s),
    () => tryCalendarYear(original, s),
  ];
  for (const attempt of attempts) {
    const result = attempt();
    if (result) return result;
  }
  return fail(`'${original}' is not a period Boardpack recognises; write ${EXAMPLES}`);
}

// Excel's day 0 is 1899-12-31, but Excel also counts 29 Feb 1900, a day that never was (kept
// for Lotus 1-2-3). From serial 61 (1 Mar 1900) on, dates are counted from 1899-12-30.
const EXCEL_EPOCH_BEFORE_LEAP_BUG = Date.UTC(1899, 11, 31);
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** The month of an Excel (1900 date system) serial: 42064 -> "2015-03", 60 -> "1900-02". */
export function excelSerialMonth(serial: number): Result<Month> {
  if (!Number.isFinite(serial) || serial < 1) {
    return fail(`${serial} is not an Excel date; Excel dates are serial numbers from 1 (1 Jan 1900)`);
  }
  const day = Math.floor(serial);
  if (day === 60) return ok('1900-02'); // Excel's phantom 29 Feb 1900
  const ms = day < 60 ? EXCEL_EPOCH_BEFORE_LEAP_BUG + day * DAY_MS : EXCEL_EPOCH + day * DAY_MS;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) {
    return fail(`${serial} is not an Excel date: it is beyond the year 9999`);
  }
  return ok(month(date.getUTCFullYear(), date.getUTCMonth() + 1));
}

/**
 * A period cell as a spreadsheet reader hands it over: a number is an Excel date serial, a
 * Date is its UTC month (spreadsheet readers build dates at UTC midnight), text is read by
 * parsePeriodLabel.
 *
 * One guard: a whole number from 1950 to 2100 is refused. As a serial it is a day in 1905,
 * which no council series holds; it is almost surely a year typed into a number cell, and
 * reading it as 1905 would be silently wrong.
 */
export function parsePeriodValue(v: string | number | Date, options: ParsePeriodOptions = {}): Result<Span> {
  if (typeof v === 'string') return parsePeriodLabel(v, options);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1950 && v <= 2100) {
      return fail(
        `${v} looks like a year, not an Excel date; write the period as text, e.g. '${v}' for the ` +
          `calendar year or '${financialYearSlashLabel(v)}' for the financial year`,
      );
    }
    const m = excelSerialMonth(v);
    return m.ok ? ok({ first: m.value, last: m.value }) : m;
  }
  if (Number.isNaN(v.getTime())) return fail('The date is not valid; check the cell holds a real date');
  const year = v.getUTCFullYear();
  const problem = yearProblem(String(year), year);
  if (problem) return fail(problem);
  const m = month(year, v.getUTCMonth() + 1);
  return ok({ first: m, last: m });
}

// ---------------------------------------------------------------------------------------------
// Reporting periods: the quarter a dashboard reports on, named "2014/15 Q4"
// ---------------------------------------------------------------------------------------------

export interface ReportingPeriod {
  fyStartYear: number;
  quarter: Quarter;
  /** The last month of the quarter: the month "12 months to ..." figures end in. */
  lastMonth: Month;
  /** Normalised name: "2014/15 Q4". */
  name: string;
}

/** "2014/15 Q4" */
export function reportingPeriodName(fy: number, q: Quarter): string {
  return `${financialYearSlashLabel(fy)} Q${q}`;
}

/** Accepts "2014/15 Q4", "Q4 2014/15", "2014-15 Q4" (any case or spacing); names it "2014/15 Q4". */
export function parseReportingPeriodName(name: string): Result<ReportingPeriod> {
  const original = name.replace(/\s+/g, ' ').trim();
  const s = normalise(name);
  if (s === '') return fail('The reporting period is empty; write it as e.g. 2014/15 Q4');
  const parsed = parseFinancialQuarter(original, s);
  if (!parsed) {
    return fail(`'${original}' is not a reporting period; write a financial year and quarter, e.g. 2014/15 Q4`);
  }
  if (!parsed.ok) return parsed;
  const { fy, quarter } = parsed.value;
  return ok({ fyStartYear: fy, quarter, lastMonth: quarterSpan(fy, quarter).last, name: reportingPeriodName(fy, quarter) });
}
