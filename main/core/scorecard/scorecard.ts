/**
 * Builds the plan scorecard for a reporting period against a baseline financial year: per
 * priority (outcome) and indicator, the baseline year's value, the latest 12 months, the %
 * variance, the dashboard area's position in its comparator group, whether the change from the
 * baseline is statistically significant, and a projection of the trend to the end of a
 * financial year. Values are stored or derived exactly as the appendix has them (ValueResolver).
 *
 * Position v MSG: the comparator group is every area of the same kind as the dashboard area
 * (county with counties) with a value for the same span, the dashboard area included; 1st is
 * the best by polarity. With fewer than 2 members (the demo: Leicestershire is its only county)
 * it prints "-". Districts are not ranked here: the scorecard reports the dashboard area only
 * (the appendix's district note and the district chart compare districts).
 *
 * Errors a user can cause (a period or baseline that is unknown or malformed) are thrown as
 * plain Errors with a message to show; the API turns them into user errors.
 */
import type { Area, Indicator } from '../../../shared/api/types';
import { rankInGroup } from '../../../shared/domain/comparison';
import { directionOfTravel } from '../../../shared/domain/direction';
import { excelNumberFormat, formatIndicatorValue, formatNumber, roundHalfAwayFromZero } from '../../../shared/domain/format';
import {
  financialYearLabel,
  financialYearOf,
  financialYearSlashLabel,
  financialYearSpan,
  formatMonthLong,
  formatSpanLabel,
  monthCount,
  parsePeriodLabel,
  parseReportingPeriodName,
  rollingTwelveMonths,
  spanKind,
  addMonths,
} from '../../../shared/domain/periods';
import { MIN_PROJECTION_POINTS, projectSeries, type SeriesKind, type SeriesPoint } from '../../../shared/domain/projection';
import {
  SIGNIFICANCE_TEXT,
  significanceKeyLine,
  type ScorecardModel,
  type ScorecardNumber,
  type ScorecardPriority,
  type ScorecardRow,
  type Significance,
} from '../../../shared/domain/scorecard';
import type { Month, Span } from '../../../shared/domain/types';
import { percentVariance } from '../../../shared/domain/values';
import { DEFAULT_DASHBOARD_TITLE } from '../dashboard';
import type { Sqlite } from '../store/sqlite';
import { areaByCode, listAreas } from '../areas';
import { listIndicators, listOutcomes } from '../indicators';
import { getMeta } from '../store/meta';
import { listPeriods, periodByName } from '../periods';
import { ValueResolver, type ResolvedValue } from '../values';

export interface ScorecardOptions {
  /** The reporting period, "2024/25 Q3": the latest 12 months end with its last month. */
  period: string;
  /** The baseline financial year, "2023/24". */
  baseline: string;
  /** The financial year to project to the end of, "2025/26"; default the period's own year. */
  projectTo?: string;
  /** Overrides the default title. */
  title?: string;
}

/** Rolling 12-month values in this many months up to the period's end feed the projection. */
export const PROJECTION_WINDOW_MONTHS = 24;
/** Without a monthly series, this many financial-year values (the latest) feed the projection. */
export const PROJECTION_WINDOW_YEARS = 5;

/** "+3.2%", "-4.8%", "0.0%": Excel shows a number with this format as the same text. */
export const VARIANCE_FORMAT = '+0.0"%";-0.0"%";0.0"%"';

const sameSpan = (a: Span, b: Span) => a.first === b.first && a.last === b.last;

/** A financial year as a user writes it ("2023/24", "2023-24", "FY 2023/24"), or a clear Error. */
export function parseFinancialYear(text: string, what: string): number {
  const parsed = parsePeriodLabel(text);
  if (!parsed.ok) throw new Error(`The ${what} '${text.trim()}' is not a financial year: ${parsed.error}`);
  if (spanKind(parsed.value) !== 'financial_year') {
    throw new Error(`The ${what} '${text.trim()}' is not a financial year; write it as e.g. 2023/24`);
  }
  return financialYearOf(parsed.value.first);
}

export function buildScorecard(db: Sqlite, options: ScorecardOptions): ScorecardModel {
  const parsedPeriod = parseReportingPeriodName(options.period);
  if (!parsedPeriod.ok) throw new Error(parsedPeriod.error);
  const period = periodByName(db, parsedPeriod.value.name);
  if (!period) {
    const known = listPeriods(db).map((p) => `"${p.name}"`).join(', ');
    throw new Error(`There is no reporting period "${parsedPeriod.value.name}" in this workspace${known ? `; it has ${known}` : ''}.`);
  }
  const lastMonth = period.lastMonth;
  const periodFy = financialYearOf(lastMonth);

  const baselineFy = parseFinancialYear(options.baseline, 'baseline');
  const baselineSpan = financialYearSpan(baselineFy);
  if (baselineSpan.last > lastMonth) {
    throw new Error(
      `The baseline ${financialYearSlashLabel(baselineFy)} ends after the period ${period.name} (${formatMonthLong(lastMonth)}); choose an earlier year, e.g. ${financialYearSlashLabel(periodFy - 1)}`,
    );
  }
  const projectFy = options.projectTo === undefined ? periodFy : parseFinancialYear(options.projectTo, 'projection year');
  if (projectFy < periodFy) {
    throw new Error(
      `The projection year ${financialYearSlashLabel(projectFy)} ends before the period ${period.name}; project to ${financialYearSlashLabel(periodFy)} or later`,
    );
  }
  const projectTo = financialYearSpan(projectFy).last;
  const latestSpan = rollingTwelveMonths(lastMonth);

  const areaCode = getMeta(db, 'dashboard_area_code');
  const area = areaCode ? areaByCode(db, areaCode) : undefined;
  if (!area) throw new Error('This workspace has no dashboard area (meta dashboard_area_code), so there is nothing to score.');

  const indicators = listIndicators(db);
  const resolver = new ValueResolver(db, new Map(indicators.map((i) => [i.id, i])));
  const peers = listAreas(db).filter((a) => a.kind === area.kind);
  const context: RowContext = { resolver, area, peers, baselineSpan, latestSpan, lastMonth, projectTo };

  const priorities: ScorecardPriority[] = [];
  const sources = new Set<string>();
  const byTolerance: string[] = [];
  const byAnyChange: string[] = [];
  for (const outcome of listOutcomes(db)) {
    const rows: ScorecardRow[] = [];
    for (const indicator of indicators.filter((i) => i.outcomeId === outcome.id)) {
      const row = scorecardRow(indicator, context);
      if (!row) continue;
      rows.push(row);
      if (indicator.source) sources.add(indicator.source);
      if (row.significanceMethod === 'tolerance') byTolerance.push(row.name);
      if (row.significanceMethod === 'any_change') byAnyChange.push(row.name);
    }
    if (rows.length > 0) priorities.push({ title: outcome.title, rows });
  }

  const baselineLabel = financialYearLabel(baselineFy);
  const latestLabel = formatSpanLabel(latestSpan);
  const projectionYearLabel = financialYearLabel(projectFy);
  const dashboardTitle = getMeta(db, 'dashboard_title') ?? DEFAULT_DASHBOARD_TITLE;
  const attribution = getMeta(db, 'attribution');
  return {
    title: options.title ?? `Plan Scorecard - ${dashboardTitle} ${period.name}`,
    periodName: period.name,
    baselineLabel,
    latestLabel,
    projectionYearLabel,
    priorities,
    key: [
      significanceKeyLine(baselineLabel),
      `% Var.: change from the baseline to the latest 12 months`,
      `Position v MSG: rank in the comparator group, 1st best; - no group`,
      `Projection: trend to the end of ${projectionYearLabel}; - fewer than ${MIN_PROJECTION_POINTS} points`,
    ],
    method: methodNote({ area, baselineLabel, latestLabel, projectionYearLabel, byTolerance, byAnyChange }),
    sources: [...[...sources].sort().map((s) => `Source: ${s}.`), ...(attribution ? attribution.split('\n') : [])],
  };
}

interface RowContext {
  resolver: ValueResolver;
  area: Area;
  peers: Area[];
  baselineSpan: Span;
  latestSpan: Span;
  lastMonth: Month;
  projectTo: Month;
}

function scorecardRow(indicator: Indicator, context: RowContext): ScorecardRow | null {
  const { resolver, area, baselineSpan, latestSpan, lastMonth } = context;
  const baseline = usableValue(resolver.valueFor(indicator, area, baselineSpan));
  const latest = usableValue(resolver.valueFor(indicator, area, latestSpan)) ?? latestStoredAfter(resolver, indicator, area, baselineSpan.last, lastMonth);
  if (!baseline && !latest) return null;

  const variance = percentVariance(latest?.value, baseline?.value);
  const significance = judgeSignificance(indicator, baseline, latest);
  const projection = projectionCell(indicator, context);
  return {
    indicatorId: indicator.id,
    name: indicator.name,
    baseline: valueCell(indicator, baseline, baselineSpan),
    latest: valueCell(indicator, latest, latestSpan),
    variance:
      variance === null
        ? { text: '-', number: null, decimals: 1, numberFormat: null }
        : { text: signedPercent(variance), number: variance, decimals: 1, numberFormat: VARIANCE_FORMAT },
    position: positionCell(indicator, latest, context),
    ...significance,
    projection,
  };
}

/** A value that is there: a stored "NA" or "-" counts as no value. */
function usableValue(v: ResolvedValue | null): ResolvedValue | null {
  return v && v.value !== null && Number.isFinite(v.value) ? v : null;
}

/** The latest stored value after the baseline, up to the period's end (a quarter, a survey wave). */
function latestStoredAfter(resolver: ValueResolver, indicator: Indicator, area: Area, after: Month, upTo: Month): ResolvedValue | null {
  const candidates = resolver
    .storedValues(indicator.id, area.id)
    .filter((o) => o.span.last <= upTo && o.span.last > after && o.value !== null);
  const last = candidates[candidates.length - 1];
  return last ? usableValue(resolver.valueFor(indicator, area, last.span)) : null;
}

function valueCell(indicator: Indicator, v: ResolvedValue | null, defaultSpan: Span): ScorecardNumber {
  if (!v || v.value === null) return { text: 'NA', number: null, decimals: indicator.decimals, numberFormat: null };
  const label = sameSpan(v.span, defaultSpan) ? null : (v.label ?? formatSpanLabel(v.span));
  const text = formatIndicatorValue({ value: v.value, unit: indicator.unit, decimals: indicator.decimals, footnoteMarker: v.footnoteMarker, label });
  const plain = !label && !v.footnoteMarker;
  return { text, number: plain ? v.value : null, decimals: indicator.decimals, numberFormat: plain ? excelNumberFormat(indicator.unit, indicator.decimals) : null };
}

function signedPercent(change: number): string {
  const text = formatNumber(change, 1);
  return roundHalfAwayFromZero(change, 1) > 0 ? `+${text}%` : `${text}%`;
}

function positionCell(indicator: Indicator, latest: ResolvedValue | null, context: RowContext): ScorecardRow['position'] {
  const none = (reason: string, of = 0) => ({ text: '-', rank: null, of, reason });
  if (!latest || latest.value === null) return none('No latest value to rank.');
  if (indicator.polarity === 'none') return none('No judgement: the indicator has no better direction.');
  const group: number[] = [];
  for (const peer of context.peers) {
    const value = peer.id === context.area.id ? latest.value : context.resolver.valueFor(indicator, peer, latest.span)?.value;
    if (typeof value === 'number' && Number.isFinite(value)) group.push(value);
  }
  if (group.length < 2) {
    return none(`No comparator group: ${group.length} ${context.area.kind} area${group.length === 1 ? ' has' : 's have'} a value for ${formatSpanLabel(latest.span)}.`, group.length);
  }
  const rank = rankInGroup(latest.value, group, indicator.polarity);
  return { text: `${rank.ordinal} of ${rank.of}`, rank: rank.rank, of: rank.of, reason: `${indicator.polarity} is better; ${rank.of} ${context.area.kind} areas with a value for ${formatSpanLabel(latest.span)}.` };
}

type SignificanceCells = Pick<ScorecardRow, 'significance' | 'significanceText' | 'significanceMethod' | 'significanceReason'>;

const SIGNIFICANCE_OF = { improving: 'improvement', worsening: 'deterioration', no_change: 'no_change' } as const satisfies Record<string, Significance>;

/** A whole, non-negative count can be judged by its own interval. */
const asCount = (v: ResolvedValue | null): number | null =>
  v && v.value !== null && Number.isInteger(v.value) && v.value >= 0 ? v.value : null;

function judgeSignificance(indicator: Indicator, baseline: ResolvedValue | null, latest: ResolvedValue | null): SignificanceCells {
  const counted = indicator.unit === 'count';
  const suggestion = directionOfTravel({
    previous: baseline?.value ?? null,
    latest: latest?.value ?? null,
    polarity: indicator.polarity,
    tolerancePercent: indicator.tolerancePercent,
    decimals: indicator.decimals,
    unit: indicator.unit,
    // A count is its own numerator; a rate's count and population come from the resolver.
    previousCount: baseline?.numerator ?? (counted ? asCount(baseline) : null),
    latestCount: latest?.numerator ?? (counted ? asCount(latest) : null),
    previousDenominator: baseline?.denominator ?? null,
    latestDenominator: latest?.denominator ?? null,
  });
  if (suggestion.method === null) {
    return { significance: null, significanceText: '-', significanceMethod: null, significanceReason: suggestion.reason };
  }
  if (suggestion.direction === null) {
    // A significant change with no better direction: say which way, judge nothing.
    const higher = (latest?.value ?? 0) > (baseline?.value ?? 0);
    return {
      significance: null,
      significanceText: higher ? 'Significantly higher' : 'Significantly lower',
      significanceMethod: suggestion.method,
      significanceReason: suggestion.reason,
    };
  }
  const significance = SIGNIFICANCE_OF[suggestion.direction];
  return {
    significance,
    significanceText: SIGNIFICANCE_TEXT[significance],
    significanceMethod: suggestion.method,
    significanceReason: suggestion.reason.replace(/previous/g, 'baseline'),
  };
}

/**
 * The series a projection is drawn through: the rolling 12-month value at each month end of the
 * window (stored or derived), else the financial-year values; only values up to the period's end.
 */
export function projectionSeries(resolver: ValueResolver, indicator: Indicator, area: Area, lastMonth: Month): { kind: SeriesKind; points: SeriesPoint[] } {
  const rolling: SeriesPoint[] = [];
  for (let k = PROJECTION_WINDOW_MONTHS - 1; k >= 0; k -= 1) {
    const end = addMonths(lastMonth, -k);
    const value = usableValue(resolver.valueFor(indicator, area, rollingTwelveMonths(end)))?.value;
    if (typeof value === 'number') rolling.push({ last: end, value });
  }
  if (rolling.length >= MIN_PROJECTION_POINTS) return { kind: 'rolling_12', points: rolling };
  const yearly: SeriesPoint[] = [];
  const lastFy = financialYearOf(lastMonth) - (financialYearSpan(financialYearOf(lastMonth)).last > lastMonth ? 1 : 0);
  for (let fy = lastFy - PROJECTION_WINDOW_YEARS + 1; fy <= lastFy; fy += 1) {
    const span = financialYearSpan(fy);
    const value = usableValue(resolver.valueFor(indicator, area, span))?.value;
    if (typeof value === 'number' && monthCount(span) === 12) yearly.push({ last: span.last, value });
  }
  return { kind: 'financial_year', points: yearly };
}

function projectionCell(indicator: Indicator, context: RowContext): ScorecardRow['projection'] {
  const { kind, points } = projectionSeries(context.resolver, indicator, context.area, context.lastMonth);
  const projection = projectSeries(points, kind, context.projectTo, { lower: 0, upper: indicator.unit === 'percent' ? 100 : null });
  if (!projection) {
    return {
      text: '-',
      number: null,
      decimals: indicator.decimals,
      numberFormat: null,
      reason: `Fewer than ${MIN_PROJECTION_POINTS} ${kind === 'rolling_12' ? 'rolling 12-month or ' : ''}financial-year values to draw a trend through (${points.length}).`,
    };
  }
  return {
    text: formatIndicatorValue({ value: projection.value, unit: indicator.unit, decimals: indicator.decimals }),
    number: projection.value,
    decimals: indicator.decimals,
    numberFormat: excelNumberFormat(indicator.unit, indicator.decimals),
    reason: `${projection.method}${projection.clamped ? ' (held at its bound: the line ran beyond it)' : ''}.`,
  };
}

interface MethodInput {
  area: Area;
  baselineLabel: string;
  latestLabel: string;
  projectionYearLabel: string;
  byTolerance: string[];
  byAnyChange: string[];
}

function methodNote(input: MethodInput): string {
  const parts = [
    `Baseline: the ${input.baselineLabel} financial year; latest: the ${input.latestLabel}, unless the value says otherwise. ` +
      '% Var. = (latest - baseline) / baseline x 100.',
    `Position v MSG: ${input.area.name}'s rank among the ${input.area.kind} areas with a value for the same period, ` +
      'itself included, ordered by polarity (1st is best); "-" where fewer than 2 areas have a value or the indicator has no polarity.',
    'SPC / significance: the latest value against the baseline. Where the counts behind both values are known, the change is ' +
      'significant when their 95% confidence intervals do not overlap (Byar\'s method for counts and rates, Wilson\'s score ' +
      'interval for percentages); otherwise when it is beyond the indicator\'s tolerance band. Improvement or deterioration is ' +
      'judged by the indicator\'s polarity.',
  ];
  if (input.byTolerance.length > 0) parts.push(`Judged by tolerance band (counts not known): ${input.byTolerance.join('; ')}.`);
  if (input.byAnyChange.length > 0) parts.push(`Judged on any change at the published decimals (no counts, no tolerance): ${input.byAnyChange.join('; ')}.`);
  parts.push(
    `Projection: a least-squares straight line through the rolling 12-month values at each month end in the ${PROJECTION_WINDOW_MONTHS} months ` +
      `to the period's end (or, without a monthly series, the last ${PROJECTION_WINDOW_YEARS} financial-year values), extended to the end of ` +
      `${input.projectionYearLabel} and never below 0 (or above 100%); "-" where there are fewer than ${MIN_PROJECTION_POINTS} points.`,
  );
  parts.push('Rates per 1,000 population use ONS mid-year population estimates.');
  return parts.join(' ');
}
