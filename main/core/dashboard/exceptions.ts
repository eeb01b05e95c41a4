/**
 * The exceptions panel: board reports are exception reports. For a reporting period this
 * names the indicators the covering report should mention (worsening, Red, moved by more than
 * their tolerance, or special-cause variation in the quarter on the dashboard area's monthly
 * series) with a sentence drafted for each, and "Nothing exceptional to report." for the rest.
 *
 * Everything is read from the appendix model the dashboard shows (so the sentence says what
 * the board will read, overrides included) and from the SPC the Charts page draws (trend()).
 */
import type { ExceptionItem, ExceptionReason, ExceptionsReport, Indicator, ReportingPeriod } from '../../../shared/api/types';
import type { AppendixIndicatorRow } from '../../../shared/domain/appendix';
import { formatNumber, roundHalfAwayFromZero } from '../../../shared/domain/format';
import { addMonths, formatMonthLong, monthCount } from '../../../shared/domain/periods';
import type { SpcRule } from '../../../shared/domain/spc';
import type { Month, Span } from '../../../shared/domain/types';
import { percentVariance } from '../../../shared/domain/values';
import { DIRECTION_WORDS, RAG_WORDS, SPECIAL_CAUSE_WORDS, UNIT_AFTER_FIGURE } from '../../../shared/domain/vocabulary';
import type { TrendPoint } from '../../../shared/api/types';
import { seriesContext, trend } from '../charts';
import { buildAppendix } from './appendix';
import type { Sqlite } from '../store/sqlite';
import { areaByCode } from '../areas';
import { getMeta } from '../store/meta';

export const NOTHING_EXCEPTIONAL = 'Nothing exceptional to report.';

/** As direction of travel does: a change exactly at the tolerance is inside the band. */
const TOLERANCE_SLACK = 1e-9;
/** Special cause counts when it falls in the quarter being reported: its last three months. */
const QUARTER_MONTHS = 3;

/** How directionOfTravel words a change judged significant on 95% confidence intervals. */
const SIGNIFICANT_BY_CI = /confidence intervals do not overlap/;

export interface SpecialCauseNote {
  months: Month[];
  kind: 'improvement' | 'concern' | 'neutral';
  rule: SpcRule;
  side: 'high' | 'low';
}

export interface SentenceInput {
  row: AppendixIndicatorRow;
  previous: number | null;
  latest: number | null;
  tolerancePercent: number | null;
  area: string | null;
  specialCause: SpecialCauseNote | null;
}

function beyondTolerance(change: number | null, tolerancePercent: number | null): boolean {
  return change !== null && tolerancePercent !== null && Math.abs(change) > tolerancePercent + TOLERANCE_SLACK;
}

function signedPercent(change: number): string {
  const text = formatNumber(change, 1);
  return roundHalfAwayFromZero(change, 1) > 0 ? `+${text}%` : `${text}%`;
}

/** "Vehicle Crime rate (per 1,000 population)" reads as "Vehicle Crime rate", with "per 1,000" after the figure. */
function nameAndUnit(row: AppendixIndicatorRow): { name: string; unit: string } {
  if (row.unit === 'rate_per_1000') {
    const stripped = row.name.replace(/\s*\(per 1,?000(?: population)?\)\s*$/i, '');
    if (stripped !== row.name) return { name: stripped, unit: UNIT_AFTER_FIGURE.rate_per_1000 };
  }
  return { name: row.name, unit: '' };
}

function ruleWords(note: SpecialCauseNote): string {
  const high = note.side === 'high';
  switch (note.rule) {
    case 'outside_limits':
      return high ? 'above the upper process limit' : 'below the lower process limit';
    case 'trend':
      return `7 or more months ${high ? 'rising' : 'falling'} in a row`;
    case 'two_of_three':
      return `2 of 3 months close to the ${high ? 'upper' : 'lower'} process limit`;
    case 'run':
      return `7 or more months in a row ${high ? 'above' : 'below'} the average`;
  }
}

/** "Oct, Nov and Dec 2024"; the year is written once when the months share it. */
function monthList(months: readonly Month[]): string {
  const oneYear = months.every((m) => m.slice(0, 4) === months[0]?.slice(0, 4));
  const names = months.map((m, i) => (oneYear && i < months.length - 1 ? formatMonthLong(m).replace(/ \d{4}$/, '') : formatMonthLong(m)));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The analyst's reason for overriding the direction of travel (the judgement the figures
 * alone may contradict), without the "Override:" prefix or the suggestion it replaced.
 */
function directionOverrideReason(row: AppendixIndicatorRow): string | null {
  if (!row.direction.overridden) return null;
  // appendix.ts writes "Override: <reason> (suggested: <the calculation>)"; the calculation may hold brackets.
  const text = row.direction.reason.replace(/^Override:\s*/i, '');
  const cut = text.lastIndexOf(' (suggested: ');
  const reason = (cut >= 0 ? text.slice(0, cut) : text).replace(/\.\s*$/, '').trim();
  return reason || null;
}

/** "12 months", "3 months", "1 month". */
function monthsWord(span: Span): string {
  const n = monthCount(span);
  return `${n} month${n === 1 ? '' : 's'}`;
}

/** The drafted sentence(s) for one indicator, in the board's plain words. */
export function draftSentence(input: SentenceInput): string {
  const { row, previous, latest, tolerancePercent } = input;
  const { name, unit } = nameAndUnit(row);
  const direction = row.direction.shown;
  const rag = row.progress.shown;
  const words = [
    // The judgement as published (an override included): the covering report repeats the appendix.
    direction ? DIRECTION_WORDS[direction] : '',
    rag ? `(${RAG_WORDS[rag]})` : '',
  ].filter(Boolean).join(' ');
  // An override is the analyst's judgement, which the figures alone may not show: say so, and why.
  const reason = directionOverrideReason(row);
  const judged = words && reason ? `judged ${words} by the analyst: ${reason}` : words;

  let sentence: string;
  // Counts and rates per 1,000 add up over time: a quarter's against a whole year's is not a
  // change, so no percentage between them. A percentage or ratio of a quarter is comparable.
  const spans = row.previous.span && row.latest.span && (row.unit === 'count' || row.unit === 'rate_per_1000') ? { previous: row.previous.span, latest: row.latest.span } : null;
  if (previous !== null && latest !== null && spans && monthCount(spans.previous) !== monthCount(spans.latest)) {
    sentence = `${name}: the latest figure, ${row.latest.text}${unit}, covers ${monthsWord(spans.latest)} and the previous one, ${row.previous.text}${unit}, covers ${monthsWord(spans.previous)}, so the two cannot be compared${judged ? `: ${judged}` : ''}.`;
  } else if (previous !== null && latest !== null) {
    const change = percentVariance(latest, previous);
    const verb = latest > previous ? 'rose' : latest < previous ? 'fell' : 'stayed the same';
    const figures = latest === previous ? ` at ${row.latest.text}${unit}` : ` from ${row.previous.text} to ${row.latest.text}${unit}`;
    // After a figure that already ends in brackets ("1,302 (Q1 2024-25)"), no second pair.
    const size = change !== null && latest !== previous ? (figures.endsWith(')') ? `, ${signedPercent(change)}` : ` (${signedPercent(change)})`) : '';
    // The tolerance is named when the change goes beyond it; a change inside it that is still
    // significant was judged on confidence intervals (counts known), which the sentence says.
    const band = tolerancePercent !== null && beyondTolerance(change, tolerancePercent)
      ? `, beyond its ${formatNumber(tolerancePercent, Number.isInteger(tolerancePercent) ? 0 : 1)}% tolerance`
      : SIGNIFICANT_BY_CI.test(row.direction.reason) && !row.direction.overridden
        ? ', a statistically significant change'
        : '';
    sentence = `${name} ${verb}${figures}${size}${band}${judged ? `: ${judged}` : ''}.`;
  } else {
    const missing = latest === null ? 'no latest figure' : "no previous year's figure to compare with";
    sentence = `${name} has ${missing}${latest !== null ? ` (latest ${row.latest.text}${unit})` : ''}${judged ? `: ${judged}` : ''}.`;
  }
  const sc = input.specialCause;
  if (sc) {
    const whose = input.area ? `${input.area}'s monthly figures show` : 'The monthly figures show';
    const kind = sc.kind === 'neutral' ? 'special cause variation' : `special cause variation of ${SPECIAL_CAUSE_WORDS[sc.kind]}`;
    sentence += ` ${whose} ${kind} in ${monthList(sc.months)} (${ruleWords(sc)}).`;
  }
  return sentence;
}

/** As the SPC module judges a point's type: limits first, then trend, two of three, run. */
const RULE_PRECEDENCE: readonly SpcRule[] = ['outside_limits', 'trend', 'two_of_three', 'run'];

/** The special cause flagged in the quarter's months: the latest flagged point's kind and rule, and every month of that kind. */
function specialCauseIn(points: readonly TrendPoint[], months: ReadonlySet<Month>): SpecialCauseNote | null {
  const at = points.map((p, i) => ({ p, i })).filter(({ p }) => months.has(p.periodEnd) && p.specialCause !== 'none');
  const last = at[at.length - 1];
  if (!last || last.p.specialCause === 'none') return null;
  const rule = RULE_PRECEDENCE.find((r) => last.p.rules.includes(r));
  if (!rule) return null;
  const before = points[last.i - 1];
  const side: 'high' | 'low' = rule === 'trend' ? (before && last.p.value < before.value ? 'low' : 'high') : last.p.value >= last.p.mean ? 'high' : 'low';
  const kind = last.p.specialCause;
  return { months: at.filter(({ p }) => p.specialCause === kind).map(({ p }) => p.periodEnd), kind, rule, side };
}

/** A short heading for an outcome: its title up to the explanation after the colon. */
function outcomeHeading(title: string): string {
  const head = title.split(':')[0]!.trim();
  return head || title;
}

export function findExceptions(db: Sqlite, period: ReportingPeriod): ExceptionsReport {
  const context = seriesContext(db);
  const model = buildAppendix(db, period, context);
  const code = getMeta(db, 'dashboard_area_code');
  const area = code ? areaByCode(db, code) : undefined;
  const quarter = new Set(Array.from({ length: QUARTER_MONTHS }, (_, k) => addMonths(period.lastMonth, -k)));

  let checked = 0;
  const outcomes: ExceptionsReport['outcomes'] = [];
  for (const block of model.outcomes) {
    const items: ExceptionItem[] = [];
    for (const row of block.indicators) {
      checked += 1;
      const indicator: Indicator | undefined = context.indicators.get(row.indicatorId);
      if (!indicator || !area) continue;
      // The values behind the printed text (which may carry a label or a footnote marker).
      const previous = row.previous.span ? (context.resolver.valueFor(indicator, area, row.previous.span)?.value ?? null) : null;
      const latest = row.latest.span ? (context.resolver.valueFor(indicator, area, row.latest.span)?.value ?? null) : null;
      const change = previous !== null && latest !== null ? percentVariance(latest, previous) : null;

      const reasons: ExceptionReason[] = [];
      if (row.direction.shown === 'worsening') reasons.push('worsening');
      if (row.progress.shown === 'R') reasons.push('red');
      if (beyondTolerance(change, indicator.tolerancePercent)) reasons.push('beyond_tolerance');
      const monthly = trend(db, indicator, area, { to: period.lastMonth, shared: context });
      const specialCause = monthly.points.length > 0 ? specialCauseIn(monthly.points, quarter) : null;
      if (specialCause) reasons.push('special_cause');
      if (reasons.length === 0) continue;

      const sentence = draftSentence({ row, previous, latest, tolerancePercent: indicator.tolerancePercent, area: area.name, specialCause });
      items.push({ indicatorId: row.indicatorId, indicator: row.name, reasons, sentence });
    }
    outcomes.push({ outcomeId: block.outcomeId, title: outcomeHeading(block.title), items });
  }

  const any = outcomes.some((o) => o.items.length > 0);
  const text = any
    ? outcomes.map((o) => [o.title, ...(o.items.length > 0 ? o.items.map((i) => i.sentence) : [NOTHING_EXCEPTIONAL])].join('\n')).join('\n\n')
    : NOTHING_EXCEPTIONAL;
  return { periodName: period.name, area: area?.name ?? null, outcomes, checked, text };
}
