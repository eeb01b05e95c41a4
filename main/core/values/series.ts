/**
 * Stored and derived values. Analysts store what partners send (monthly counts by district,
 * published yearly figures); Boardpack derives the rest the way they would by hand:
 * - a count of events (a flow) over a longer span is the sum of its monthly counts (never of a
 *   partial span); a count at a date (a stock: claimants, a population), a rate, a percentage
 *   or a score is never added up over months;
 * - a county's count is the sum of its districts' counts, but only when the areas within it
 *   cover it: their populations add up to its own (never a region's count from the one county
 *   of it this workspace holds);
 * - a rate per 1,000 is the count over the mid-year population of the year the span centres on
 *   (or the nearest estimate available, which the method says). A count summed from the areas
 *   within gives a rate only when their coverage of the whole area is checked (populations
 *   known and adding up); otherwise there is no rate, and `whyNot` says why.
 * A stored value always wins over a derived one.
 */
import type { Area, Indicator } from '../../../shared/api/types';
import type { Month, Span } from '../../../shared/domain/types';
import { addMonths, monthCount, monthsOf } from '../../../shared/domain/periods';
import { ratePer1000 } from '../../../shared/domain/values';
import { sumsOverTime } from '../../../shared/domain/definition-words';
import { formatNumber } from '../../../shared/domain/format';
import type { Sqlite } from '../store/sqlite';
import { childAreas, populationFor, populationsOf } from '../areas';
import { observationsOfIndicator, type Observation } from './repo';

/**
 * Whether the areas within an area (as far as this workspace holds them) cover all of it, by
 * population: true when their mid-year populations add up to its own (within 0.5%), false when
 * they fall short, null when a population is missing and it cannot be checked.
 */
export interface Coverage {
  covered: boolean | null;
  /** In words, for the analyst: why no figure is derived (empty when covered). */
  reason: string;
}

/** Shares of a population that differ by no more than this count as the whole (rounding in the estimates). */
const COVERAGE_TOLERANCE = 0.005;

export interface ResolvedValue {
  span: Span;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  label: string | null;
  footnoteMarker: string | null;
  missing: 'NA' | '-' | null;
  derived: boolean;
  /** For derived rates: which mid-year population was used. */
  populationYear: number | null;
}

const spanKey = (s: Span) => `${s.first}/${s.last}`;

/** The calendar year whose mid-year estimate fits a span best: the year of its middle month. */
export function populationYearFor(span: Span): number {
  const middle = addMonths(span.first, Math.floor((monthCount(span) - 1) / 2));
  return Number(middle.slice(0, 4));
}

export class ValueResolver {
  private readonly stored = new Map<string, Observation[]>();
  private readonly children = new Map<number, Area[]>();
  private readonly monthly = new Map<string, Map<Month, number>>();

  constructor(
    private readonly db: Sqlite,
    private readonly indicators: ReadonlyMap<number, Indicator>,
  ) {}

  private readonly loadedIndicators = new Set<number>();
  private readonly coverages = new Map<number, Coverage>();
  /** Why an area has no derived figure, by area id (from coverage). */
  private readonly refused = new Map<number, string>();
  private readonly populations = new Map<string, { count: number; year: number } | undefined>();

  /** One query per indicator (all its areas at once): the dashboard asks for many areas. */
  private storedOf(indicatorId: number, areaId: number): Observation[] {
    if (!this.loadedIndicators.has(indicatorId)) {
      this.loadedIndicators.add(indicatorId);
      for (const o of observationsOfIndicator(this.db, indicatorId)) {
        const key = `${indicatorId}:${o.areaId}`;
        const list = this.stored.get(key);
        if (list) list.push(o);
        else this.stored.set(key, [o]);
      }
      // observationsOfIndicator orders by area, then last month, then first month.
    }
    return this.stored.get(`${indicatorId}:${areaId}`) ?? [];
  }

  private populationOf(areaId: number, year: number): { count: number; year: number } | undefined {
    const key = `${areaId}:${year}`;
    if (!this.populations.has(key)) this.populations.set(key, populationFor(this.db, areaId, year));
    return this.populations.get(key);
  }

  private childrenOf(areaId: number): Area[] {
    let list = this.children.get(areaId);
    if (!list) {
      list = childAreas(this.db, areaId);
      this.children.set(areaId, list);
    }
    return list;
  }

  /**
   * Whether the areas within `area` in this workspace cover all of it, by the mid-year
   * populations of the latest year for which it and every area within it have an estimate.
   */
  coverage(area: Area): Coverage {
    const cached = this.coverages.get(area.id);
    if (cached) return cached;
    const kids = this.childrenOf(area.id);
    const names = (list: Area[]) => (list.length <= 3 ? list.map((k) => k.name).join(', ') : `${list.slice(0, 3).map((k) => k.name).join(', ')} and ${list.length - 3} more`);
    let result: Coverage;
    const own = populationsOf(this.db, [area.id]);
    const kidPops = new Map<string, number>();
    for (const r of populationsOf(this.db, kids.map((k) => k.id))) kidPops.set(`${r.areaId}:${r.year}`, r.count);
    const year = own.find((p) => kids.every((k) => kidPops.has(`${k.id}:${p.year}`)));
    if (kids.length === 0) {
      result = { covered: null, reason: `this workspace holds no areas within ${area.name}` };
    } else if (own.length === 0) {
      result = { covered: null, reason: `${area.name} has no population estimate, so Boardpack cannot check that ${names(kids)} cover all of it` };
    } else if (!year) {
      const missing = kids.filter((k) => !kidPops.has(`${k.id}:${own[0]!.year}`));
      result = { covered: null, reason: `Boardpack cannot check that the areas within ${area.name} cover all of it: ${names(missing)} ${missing.length === 1 ? 'has' : 'have'} no population estimate for mid-${own[0]!.year}` };
    } else {
      const sum = kids.reduce((t, k) => t + kidPops.get(`${k.id}:${year.year}`)!, 0);
      if (Math.abs(sum - year.count) <= year.count * COVERAGE_TOLERANCE) {
        result = { covered: true, reason: '' };
      } else {
        const share = Math.round((sum / year.count) * 100);
        const one = kids.length === 1;
        result = {
          covered: false,
          reason:
            `${one ? 'the only area' : `the ${kids.length} areas`} within ${area.name} in this workspace (${names(kids)}) ${one ? 'holds' : 'hold'} ${formatNumber(sum, 0)} of its ` +
            `${formatNumber(year.count, 0)} people (${share}%, mid-${year.year}), so ${one ? 'its' : 'their'} counts do not cover ${area.name}`,
        };
      }
    }
    this.coverages.set(area.id, result);
    return result;
  }

  /** Why `area` has no figure derived from the areas within it, or null when coverage is not the reason. */
  whyNot(area: Area): string | null {
    return this.refused.get(area.id) ?? null;
  }

  /** Every stored value of a series, in order of their last month. */
  storedValues(indicatorId: number, areaId: number): Observation[] {
    return this.storedOf(indicatorId, areaId);
  }

  /**
   * Monthly counts of a count series: stored monthly values, or (for an area with districts)
   * the months in which every district has a value, summed.
   */
  monthlyCounts(indicator: Indicator, area: Area): { months: Map<Month, number>; derived: boolean } {
    const own = new Map<Month, number>();
    for (const o of this.storedOf(indicator.id, area.id)) {
      if (o.span.first === o.span.last && o.value !== null) own.set(o.span.first, o.value);
    }
    if (own.size > 0 || indicator.unit !== 'count') return { months: own, derived: false };
    const key = `${indicator.id}:${area.id}`;
    const cached = this.monthly.get(key);
    if (cached) return { months: cached, derived: true };
    const kids = this.childrenOf(area.id);
    const sums = new Map<Month, number>();
    // Areas that hold less than all of it (one county of a region) are never passed off as it.
    const coverage = kids.length > 0 ? this.coverage(area) : null;
    if (coverage?.covered === false) this.refused.set(area.id, coverage.reason);
    if (kids.length > 0 && coverage?.covered !== false) {
      const series = kids.map((k) => this.monthlyCounts(indicator, k).months);
      const first = series[0];
      if (first) {
        for (const [month, value] of first) {
          let total = value;
          let complete = true;
          for (const s of series.slice(1)) {
            const v = s.get(month);
            if (v === undefined) {
              complete = false;
              break;
            }
            total += v;
          }
          if (complete) sums.set(month, total);
        }
      }
    }
    this.monthly.set(key, sums);
    return { months: sums, derived: true };
  }

  /** The value of a series over a span, stored or derived; null when it cannot be had. */
  valueFor(indicator: Indicator, area: Area, span: Span): ResolvedValue | null {
    const exact = this.storedOf(indicator.id, area.id).find((o) => spanKey(o.span) === spanKey(span));
    if (exact) return fromObservation(exact);

    if (indicator.derivation?.kind === 'rate_per_1000') {
      const source = this.indicators.get(indicator.derivation.fromIndicatorId);
      if (!source) return null;
      const count = this.valueFor(source, area, span);
      if (!count || count.value === null) return null;
      // A count summed from the areas within gives a rate only when they cover the whole area.
      if (count.derived && this.childrenOf(area.id).length > 0 && this.monthlyCounts(source, area).derived) {
        const coverage = this.coverage(area);
        if (coverage.covered !== true) {
          this.refused.set(area.id, coverage.reason);
          return null;
        }
      }
      const population = this.populationOf(area.id, populationYearFor(span));
      if (!population) return null;
      return {
        span,
        value: ratePer1000(count.value, population.count),
        numerator: count.value,
        denominator: population.count,
        label: null,
        footnoteMarker: null,
        missing: null,
        derived: true,
        populationYear: population.year,
      };
    }

    if (indicator.unit === 'count') {
      const { months } = this.monthlyCounts(indicator, area);
      if (months.size === 0) return null;
      if (span.first !== span.last && !sumsOverTime(indicator.measureType)) return null;
      let total = 0;
      for (const m of monthsOf(span)) {
        const v = months.get(m);
        if (v === undefined) return null; // never sum a partial span
        total += v;
      }
      return { span, value: total, numerator: null, denominator: null, label: null, footnoteMarker: null, missing: null, derived: true, populationYear: null };
    }
    return null;
  }

  /**
   * The spans Boardpack can derive for a series: each month (for a county's counts) and each
   * rolling 12 months that ends a run of 12 known months. Used by `values` listings.
   */
  derivableSpans(indicator: Indicator, area: Area): Span[] {
    const base = indicator.derivation ? this.indicators.get(indicator.derivation.fromIndicatorId) : indicator;
    if (!base || base.unit !== 'count') return [];
    const { months, derived } = this.monthlyCounts(base, area);
    const spans: Span[] = [];
    const sorted = [...months.keys()].sort();
    if (derived && !indicator.derivation) for (const m of sorted) spans.push({ first: m, last: m });
    if (!sumsOverTime(base.measureType)) return spans;
    for (const m of sorted) {
      const first = addMonths(m, -11);
      if (monthsOf({ first, last: m }).every((x) => months.has(x))) spans.push({ first, last: m });
    }
    return spans;
  }
}

function fromObservation(o: Observation): ResolvedValue {
  return {
    span: o.span,
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    label: o.label,
    footnoteMarker: o.footnoteMarker,
    missing: o.missing,
    derived: false,
    populationYear: null,
  };
}
