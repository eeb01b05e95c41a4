/**
 * Builds the appendix for a reporting period from the workspace: previous year and latest
 * values (stored or derived), suggested direction of travel, progress RAG and county
 * comparison, with the analyst's overrides and comments laid over them.
 */
import type { Area, Indicator, IndicatorAssessment, ReportingPeriod } from '../../../shared/api/types';
import { type AppendixIndicatorRow, type AppendixModel, type AppendixOutcomeBlock, type AppendixSuggestion, type AppendixValue } from '../../../shared/domain/appendix';
import { topAverageBottom } from '../../../shared/domain/comparison';
import { directionOfTravel } from '../../../shared/domain/direction';
import { excelNumberFormat, formatIndicatorValue, formatNumber } from '../../../shared/domain/format';
import { financialYearLabel, financialYearSpan, formatMonthLong, formatSpanLabel, monthCount, parseReportingPeriodName, rollingTwelveMonths } from '../../../shared/domain/periods';
import { suggestProgressRag } from '../../../shared/domain/rag';
import { ARROWS, DIRECTION_KEY_LINE, RAG_KEY_LINE } from '../../../shared/domain/vocabulary';
import type { Direction, Span } from '../../../shared/domain/types';
import type { Sqlite } from '../store/sqlite';
import { areaByCode, childAreas, comparatorsFor } from '../areas';
import { listIndicators, listOutcomes } from '../indicators';
import { getMeta } from '../store/meta';
import { indicatorAssessments, outcomeAssessments } from '../periods';
import { ValueResolver, type ResolvedValue } from '../values';

export const DEFAULT_DASHBOARD_TITLE = 'Performance Dashboard';

export const METHOD_NOTE =
  "Direction of travel compares the latest value with the previous year's, judged by each indicator's polarity: " +
  `${DIRECTION_KEY_LINE}. A change is not significant when it lies within the indicator's ` +
  'tolerance band, or, where counts are known, when the 95% confidence intervals overlap (Byar for counts and rates, ' +
  'Wilson for proportions). County comparison: Top, Average or Bottom quartile of the comparator group (PERCENTILE.INC), ' +
  'oriented by polarity. Rates per 1,000 population use ONS mid-year population estimates. ' +
  `RAG: ${RAG_KEY_LINE}; the letter is always shown.`;

const sameSpan = (a: Span, b: Span) => a.first === b.first && a.last === b.last;

/** `shared`: a resolver already used for the same workspace state (e.g. the dashboard's sparklines), so series are read once. */
export function buildAppendix(db: Sqlite, period: ReportingPeriod, shared?: { resolver: ValueResolver }): AppendixModel {
  // A period published in Boardpack prints as published, whatever changed since (judgements.ts).
  const published = period.locked ? getMeta(db, `published_appendix:${period.id}`) : null;
  if (published) return JSON.parse(published) as AppendixModel;
  const parsed = parseReportingPeriodName(period.name);
  if (!parsed.ok) throw new Error(parsed.error);
  const { fyStartYear } = parsed.value;
  const previousSpan = financialYearSpan(fyStartYear - 1);
  const latestSpan = rollingTwelveMonths(period.lastMonth);

  const areaCode = getMeta(db, 'dashboard_area_code');
  const area = areaCode ? areaByCode(db, areaCode) : undefined;
  const dashboardTitle = getMeta(db, 'dashboard_title') ?? DEFAULT_DASHBOARD_TITLE;
  const indicators = listIndicators(db);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const resolver = shared?.resolver ?? new ValueResolver(db, byId);
  const outcomeNotes = outcomeAssessments(db, period.id);
  const judgements = indicatorAssessments(db, period.id);
  // Compared with: the indicator's comparator group, the default group, or every area of its kind.
  const peersOf = area ? comparatorsFor(db, area) : () => [];
  const districts = area ? childAreas(db, area.id).filter((d) => !d.retiredOn) : [];

  const footnotes: string[] = [];
  const sources = new Set<string>();
  const outcomes: AppendixOutcomeBlock[] = [];

  for (const outcome of listOutcomes(db)) {
    const rows: AppendixIndicatorRow[] = [];
    for (const indicator of indicators.filter((i) => i.outcomeId === outcome.id)) {
      if (!area) continue;
      const shown = valuesShown(resolver, indicator, area, period, { previousSpan, latestSpan });
      if (!shown) continue;
      const { previous, latest } = shown;
      const row = indicatorRow({
        indicator,
        previous,
        latest,
        latestSpan,
        judgement: judgements.get(indicator.id),
        peers: peersOf(indicator.comparatorGroup).map((p) => resolver.valueFor(indicator, p, latest?.span ?? latestSpan)?.value ?? null),
        districts: districts.map((d) => ({ name: d.name, value: resolver.valueFor(indicator, d, latest?.span ?? latestSpan)?.value ?? null })),
      });
      const marker = [previous?.footnoteMarker, latest?.footnoteMarker].find((m) => m);
      if (marker && indicator.footnote) {
        const note = `${marker} ${indicator.footnote}`;
        row.footnotes.push(note);
        if (!footnotes.includes(note)) footnotes.push(note);
      }
      if (indicator.source) sources.add(indicator.source);
      rows.push(row);
    }
    if (rows.length === 0) continue;
    const note = outcomeNotes.get(outcome.id);
    outcomes.push({ outcomeId: outcome.id, title: outcome.title, rag: note?.rag ?? null, comment: note?.comment ?? '', indicators: rows });
  }

  const attribution = getMeta(db, 'attribution');
  return {
    title: period.title ?? `Appendix 1 - ${dashboardTitle} ${period.name}`,
    periodName: period.name,
    previousHeader: `Previous Year (${financialYearLabel(fyStartYear - 1)})`,
    latestHeader: `Latest Data (12 months to ${formatMonthLong(period.lastMonth)} unless stated)`,
    outcomes,
    footnotes,
    method: METHOD_NOTE,
    sources: [...[...sources].sort().map((s) => `Source: ${s}.`), ...(attribution ? attribution.split('\n') : [])],
    locked: period.locked,
  };
}

/** The most recent stored value after the previous year and up to the period's end (e.g. "Q3 2014-15"). */
/**
 * How many indicators the period's appendix prints, without building it: the same choice as
 * `buildAppendix` (an indicator of an outcome with a previous or latest value for the main
 * area; a published period's rows as published), but none of the comparisons, judgements or
 * notes. `shared`: one resolver for several periods of the same workspace state.
 */
export function appendixIndicatorCount(db: Sqlite, period: ReportingPeriod, shared?: { resolver: ValueResolver }): number {
  const published = period.locked ? getMeta(db, `published_appendix:${period.id}`) : null;
  if (published) return (JSON.parse(published) as AppendixModel).outcomes.reduce((sum, o) => sum + o.indicators.length, 0);
  const parsed = parseReportingPeriodName(period.name);
  if (!parsed.ok) throw new Error(parsed.error);
  const spans = { previousSpan: financialYearSpan(parsed.value.fyStartYear - 1), latestSpan: rollingTwelveMonths(period.lastMonth) };
  const areaCode = getMeta(db, 'dashboard_area_code');
  const area = areaCode ? areaByCode(db, areaCode) : undefined;
  if (!area) return 0;
  const indicators = listIndicators(db);
  const resolver = shared?.resolver ?? new ValueResolver(db, new Map(indicators.map((i) => [i.id, i])));
  const outcomeIds = new Set(listOutcomes(db).map((o) => o.id));
  return indicators.filter((i) => i.outcomeId !== null && outcomeIds.has(i.outcomeId) && valuesShown(resolver, i, area, period, spans) !== null).length;
}

/** The previous year's and latest values an indicator's row shows for the area, or null when it has neither (the row is left out). */
function valuesShown(resolver: ValueResolver, indicator: Indicator, area: Area, period: ReportingPeriod, spans: { previousSpan: Span; latestSpan: Span }): { previous: ResolvedValue | null; latest: ResolvedValue | null } | null {
  const previous = resolver.valueFor(indicator, area, spans.previousSpan);
  const latest = resolver.valueFor(indicator, area, spans.latestSpan) ?? latestStoredBefore(resolver, indicator, area, period, spans.previousSpan);
  return previous || latest ? { previous, latest } : null;
}

function latestStoredBefore(resolver: ValueResolver, indicator: Indicator, area: Area, period: ReportingPeriod, previousSpan: Span): ResolvedValue | null {
  const candidates = resolver
    .storedValues(indicator.id, area.id)
    .filter((o) => o.span.last <= period.lastMonth && o.span.last > previousSpan.last);
  const last = candidates[candidates.length - 1];
  return last ? resolver.valueFor(indicator, area, last.span) : null;
}

interface RowInput {
  indicator: Indicator;
  previous: ResolvedValue | null;
  latest: ResolvedValue | null;
  latestSpan: Span;
  judgement: IndicatorAssessment | undefined;
  peers: Array<number | null>;
  districts: Array<{ name: string; value: number | null }>;
}

function indicatorRow(input: RowInput): AppendixIndicatorRow {
  const { indicator, previous, latest, judgement } = input;
  // Counts and rates per 1,000 add up over time: a quarter's against a year's is no direction.
  const unlike = (indicator.unit === 'count' || indicator.unit === 'rate_per_1000') && previous && latest && monthCount(previous.span) !== monthCount(latest.span);
  const dir = unlike
    ? { direction: null, reason: `The latest figure covers ${monthCount(latest.span)} months and the previous one ${monthCount(previous.span)}: figures over different lengths of time are not compared.` }
    : directionOfTravel({
    previous: previous?.value ?? null,
    latest: latest?.value ?? null,
    polarity: indicator.polarity,
    tolerancePercent: indicator.tolerancePercent,
    decimals: indicator.decimals,
    unit: indicator.unit,
    previousCount: previous?.numerator ?? null,
    latestCount: latest?.numerator ?? null,
    previousDenominator: indicator.unit === 'percent' ? (previous?.denominator ?? null) : null,
    latestDenominator: indicator.unit === 'percent' ? (latest?.denominator ?? null) : null,
  });
  const direction = withOverride<Direction>(dir.direction, dir.reason, judgement?.direction ?? null, judgement?.directionReason ?? '');
  const rag = suggestProgressRag({
    direction: direction.shown,
    latest: latest?.value ?? null,
    target: indicator.target,
    tolerancePercent: indicator.tolerancePercent,
    polarity: indicator.polarity,
    decimals: indicator.decimals,
  });
  const progress = withOverride(rag.rag, rag.reason, judgement?.rag ?? null, judgement?.ragReason ?? '');

  const latestValue = latest?.value ?? null;
  const peerValues = input.peers.filter((v): v is number => v !== null);
  const comparison = latestValue !== null && peerValues.length > 0 ? topAverageBottom(latestValue, peerValues, indicator.polarity) : { comparison: null, reason: 'No comparator values for this span.' };
  const county = withOverride<string>(comparison.comparison ?? '-', comparison.reason, judgement?.countyComparison ?? null, judgement?.countyReason ?? '');

  return {
    indicatorId: indicator.id,
    name: indicator.name,
    unit: indicator.unit,
    polarity: indicator.polarity,
    previous: appendixValue(indicator, previous, null),
    latest: appendixValue(indicator, latest, input.latestSpan),
    direction,
    arrow: direction.shown ? ARROWS[direction.shown] : '',
    progress,
    countyComparison: county,
    districtComparison: judgement?.districtComparison || districtNote(indicator, input.districts),
    footnotes: [],
  };
}

function withOverride<T>(suggested: T | null, reason: string, chosen: T | null, chosenReason: string): AppendixSuggestion<T> {
  if (chosen === null || chosen === suggested) return { suggested, shown: suggested ?? chosen, overridden: false, reason };
  return { suggested, shown: chosen, overridden: true, reason: `Override: ${chosenReason || 'no reason given'} (suggested: ${reason})` };
}

/** A value cell; `defaultSpan` is the span the column header names (a value for another span says which). */
function appendixValue(indicator: Indicator, v: ResolvedValue | null, defaultSpan: Span | null): AppendixValue {
  if (!v) {
    return { text: formatIndicatorValue({ value: null, unit: indicator.unit, decimals: indicator.decimals, missing: 'NA' }), number: null, numberFormat: null, span: null };
  }
  const label = defaultSpan && !sameSpan(v.span, defaultSpan) ? (v.label ?? formatSpanLabel(v.span)) : null;
  const text = formatIndicatorValue({
    value: v.value,
    unit: indicator.unit,
    decimals: indicator.decimals,
    footnoteMarker: v.footnoteMarker,
    label,
    missing: v.missing ?? 'NA',
  });
  const plain = v.value !== null && !label && !v.footnoteMarker;
  return {
    text,
    number: plain ? v.value : null,
    numberFormat: plain ? excelNumberFormat(indicator.unit, indicator.decimals) : null,
    span: v.span,
  };
}

/** "Highest: Charnwood 75.21; lowest: Harborough 41.02" when the districts have values. */
function districtNote(indicator: Indicator, districts: Array<{ name: string; value: number | null }>): string {
  const known = districts.filter((d): d is { name: string; value: number } => d.value !== null);
  if (known.length < 2) return '';
  const sorted = [...known].sort((a, b) => b.value - a.value);
  const high = sorted[0]!;
  const low = sorted[sorted.length - 1]!;
  return `Highest: ${high.name} ${formatNumber(high.value, indicator.decimals)}; lowest: ${low.name} ${formatNumber(low.value, indicator.decimals)}`;
}
