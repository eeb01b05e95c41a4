/**
 * The figures behind the charts (and `boardpack spc`): an indicator's monthly series for an
 * area with its XmR statistical process control, and the districts' latest values with 95%
 * confidence intervals where counts are known.
 */
import type { Area, DistrictBar, DistrictComparison, Indicator, ReportingPeriod, Sparkline, Trend } from '../../../shared/api/types';
import { rateInterval } from '../../../shared/domain/confidence';
import { groupAverage, topAverageBottom } from '../../../shared/domain/comparison';
import { addMonths, parseReportingPeriodName, rollingTwelveMonths } from '../../../shared/domain/periods';
import { sumsOverTime } from '../../../shared/domain/definition-words';
import { spc, SPC_MIN_POINTS } from '../../../shared/domain/spc';
import type { Month } from '../../../shared/domain/types';
import { ratePer1000 } from '../../../shared/domain/values';
import type { Sqlite } from '../store/sqlite';
import { childAreas, populationFor } from '../areas';
import { listIndicators } from '../indicators';
import { populationYearFor, ValueResolver } from '../values';

function indicatorsById(db: Sqlite): Map<number, Indicator> {
  return new Map(listIndicators(db, { includeArchived: true }).map((i) => [i.id, i]));
}

/** An indicator's monthly values for an area: stored months, or monthly rates from monthly counts. */
export function monthlySeries(
  db: Sqlite,
  indicator: Indicator,
  area: Area,
  shared?: SeriesContext,
): { months: Map<Month, number>; method: string } {
  const indicators = shared?.indicators ?? indicatorsById(db);
  const resolver = shared?.resolver ?? new ValueResolver(db, indicators);
  const sourceId = indicator.derivation?.fromIndicatorId;
  const source = sourceId !== undefined ? indicators.get(sourceId) : undefined;
  if (source) {
    const counts = resolver.monthlyCounts(source, area).months;
    const months = new Map<Month, number>();
    const populations = shared?.populations ?? new Map<string, ReturnType<typeof populationFor>>();
    for (const [m, count] of counts) {
      const key = `${area.id}:${m.slice(0, 4)}`;
      if (!populations.has(key)) populations.set(key, populationFor(db, area.id, Number(m.slice(0, 4))));
      const population = populations.get(key);
      const rate = population ? ratePer1000(count, population.count) : null;
      if (rate !== null) months.set(m, rate);
    }
    return { months, method: `Monthly ${source.name.replace(/ \(count\)$/, '').toLowerCase()} per 1,000 population (mid-year estimate of the nearest year).` };
  }
  if (indicator.unit === 'count') return { months: resolver.monthlyCounts(indicator, area).months, method: 'Monthly counts.' };
  const months = new Map<Month, number>();
  for (const o of resolver.storedValues(indicator.id, area.id)) if (o.span.first === o.span.last && o.value !== null) months.set(o.span.first, o.value);
  return { months, method: 'Monthly values as stored.' };
}

export type TrendView = 'monthly' | 'rolling12';

/**
 * An indicator's rolling 12-month series for an area, one value per 12 consecutive known
 * months, dated by its last month: the 12 months' total for counts, the total over the
 * population (mid-year estimate of the middle month's year) for rates derived from counts,
 * and the 12 months' mean for other monthly values. Only counts of events (flows) are added up:
 * a count at a date (a stock, e.g. claimants) takes the 12 months' mean.
 */
export function rollingSeries(db: Sqlite, indicator: Indicator, area: Area): { values: Map<Month, { first: Month; value: number }>; method: string } {
  const indicators = indicatorsById(db);
  const resolver = new ValueResolver(db, indicators);
  const sourceId = indicator.derivation?.fromIndicatorId;
  const source = sourceId !== undefined ? indicators.get(sourceId) : undefined;
  const values = new Map<Month, { first: Month; value: number }>();
  const windows = (months: Map<Month, number>, each: (sum: number, first: Month, last: Month) => number | null) => {
    for (const last of [...months.keys()].sort()) {
      const first = addMonths(last, -11);
      let sum = 0;
      let complete = true;
      for (let k = 0; k < 12 && complete; k += 1) {
        const v = months.get(addMonths(first, k));
        if (v === undefined) complete = false;
        else sum += v;
      }
      if (!complete) continue;
      const value = each(sum, first, last);
      if (value !== null) values.set(last, { first, value });
    }
  };
  if (source && !sumsOverTime(source.measureType)) {
    windows(resolver.monthlyCounts(source, area).months, (sum, first, last) => {
      const population = populationFor(db, area.id, populationYearFor({ first, last }));
      return population ? ratePer1000(sum / 12, population.count) : null;
    });
    return { values, method: `Rolling 12 months: the mean of ${source.name.replace(/ \(count\)$/, '').toLowerCase()} at each of the 12 months to each month (a count at a date is never added up), per 1,000 population.` };
  }
  if (source) {
    windows(resolver.monthlyCounts(source, area).months, (sum, first, last) => {
      const population = populationFor(db, area.id, populationYearFor({ first, last }));
      return population ? ratePer1000(sum, population.count) : null;
    });
    return { values, method: `Rolling 12 months: ${source.name.replace(/ \(count\)$/, '').toLowerCase()} in the 12 months to each month, per 1,000 population (mid-year estimate of the middle month's year).` };
  }
  const { months } = monthlySeries(db, indicator, area);
  if (indicator.unit === 'count' && sumsOverTime(indicator.measureType)) {
    windows(months, (sum) => sum);
    return { values, method: 'Rolling 12 months: the total of the 12 months to each month.' };
  }
  windows(months, (sum) => sum / 12);
  return { values, method: 'Rolling 12 months: the mean of the 12 monthly values to each month.' };
}

/** Indicators and a value resolver shared by many calls (one agenda pack, one dashboard). */
export interface SeriesContext {
  indicators: Map<number, Indicator>;
  resolver: ValueResolver;
  /** Mid-year populations looked up so far, by "areaId:year". */
  populations?: Map<string, ReturnType<typeof populationFor>>;
}

export function seriesContext(db: Sqlite): SeriesContext {
  const indicators = indicatorsById(db);
  return { indicators, resolver: new ValueResolver(db, indicators), populations: new Map() };
}

export function trend(db: Sqlite, indicator: Indicator, area: Area, options: { from?: Month; to?: Month; rebase?: Month[]; view?: TrendView; shared?: SeriesContext }): Trend {
  const view = options.view ?? 'monthly';
  const inRange = (m: Month) => (!options.from || m >= options.from) && (!options.to || m <= options.to);
  const base = { indicator: indicator.name, area: { code: area.code, name: area.name }, unit: indicator.unit, decimals: indicator.decimals, target: indicator.target, view };
  if (view === 'rolling12') {
    const { values, method } = rollingSeries(db, indicator, area);
    const series = [...values.entries()].filter(([m]) => inRange(m)).sort(([a], [b]) => a.localeCompare(b)).map(([last, v]) => ({ periodStart: v.first, periodEnd: last, value: v.value }));
    return {
      ...base,
      series,
      spc: false,
      points: [],
      variation: 'common_cause',
      assurance: 'none',
      provisional: false,
      method: `${method} No statistical process control: successive rolling totals share 11 of their 12 months, so they are not independent and XmR limits would mislead; choose the monthly view for SPC.`,
    };
  }
  const { months, method } = monthlySeries(db, indicator, area, options.shared);
  const sorted = [...months.entries()].filter(([m]) => inRange(m)).sort(([a], [b]) => a.localeCompare(b));
  const rebaseAt = (options.rebase ?? []).map((m) => sorted.findIndex(([x]) => x === m)).filter((i) => i > 0);
  const result = sorted.length > 0 ? spc(sorted.map(([, value]) => ({ value })), { polarity: indicator.polarity, target: indicator.target, rebaseAt }) : null;
  return {
    ...base,
    series: sorted.map(([m, value]) => ({ periodStart: m, periodEnd: m, value })),
    spc: true,
    points: sorted.map(([m], i) => {
      const p = result!.points[i]!;
      return { periodStart: m, periodEnd: m, value: p.value, mean: p.mean, lpl: p.lpl, upl: p.upl, lower2Sigma: p.lower2Sigma, upper2Sigma: p.upper2Sigma, specialCause: p.specialCause, rules: p.rules, side: p.side };
    }),
    variation: result?.variation ?? 'common_cause',
    assurance: result?.assurance ?? 'none',
    provisional: result?.provisional ?? true,
    method: `${method} XmR chart: centre line the mean, process limits at the mean ± 2.66 × the mean moving range (NHS Making Data Count rules).${rebaseAt.length > 0 ? ` Limits recalculated from ${rebaseAt.map((i) => sorted[i]![0]).join(', ')}.` : ''}`,
  };
}

/** The districts' latest 12 months for a reporting period, best first by polarity. */
export function districtComparison(db: Sqlite, indicator: Indicator, county: Area, periodName: string): DistrictComparison {
  const parsed = parseReportingPeriodName(periodName);
  if (!parsed.ok) throw new Error(parsed.error);
  const span = rollingTwelveMonths(parsed.value.lastMonth);
  const resolver = new ValueResolver(db, indicatorsById(db));
  const districts = childAreas(db, county.id).map((d): DistrictBar => {
    const v = resolver.valueFor(indicator, d, span);
    const ci = v?.value !== null && v?.numerator != null && v.denominator != null && indicator.unit === 'rate_per_1000' ? rateInterval(v.numerator, v.denominator, 1000) : null;
    return { code: d.code, name: d.name, value: v?.value ?? null, lower: ci?.lower ?? null, upper: ci?.upper ?? null, quartile: null };
  });
  const known = districts.filter((d) => d.value !== null).map((d) => d.value as number);
  // Top / Average / Bottom: quartiles of the districts themselves (PERCENTILE.INC), by polarity.
  for (const d of districts) if (d.value !== null) d.quartile = topAverageBottom(d.value, known, indicator.polarity).comparison;
  const sign = indicator.polarity === 'higher' ? -1 : 1;
  districts.sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : sign * (a.value - b.value)));
  return {
    indicator: indicator.name,
    unit: indicator.unit,
    decimals: indicator.decimals,
    polarity: indicator.polarity,
    span,
    county: { code: county.code, name: county.name, value: resolver.valueFor(indicator, county, span)?.value ?? null },
    average: groupAverage(known),
    districts,
  };
}

/**
 * A sparkline per dashboard indicator (every indicator of an outcome, in order; the dashboard
 * picks its rows by id), for the dashboard area: its monthly values up to the period's last
 * month (the latest 24), or, where it has no monthly values, its stored 12-month values
 * (financial years and rolling years) in order. A monthly series of 12 months or more carries
 * its SPC verdicts over all its months to the period's end (the agenda pack's), for the icons.
 * `shared`: the dashboard's own context, so its series are read once for the table and these.
 */
export function sparklines(db: Sqlite, period: ReportingPeriod, area: Area | undefined, shared: SeriesContext = seriesContext(db)): Sparkline[] {
  const { indicators, resolver } = shared;
  const out: Sparkline[] = [];
  {
    for (const row of listIndicators(db).filter((i) => i.outcomeId !== null).map((i) => ({ indicatorId: i.id }))) {
      const indicator = indicators.get(row.indicatorId);
      if (!indicator || !area) {
        out.push({ indicatorId: row.indicatorId, kind: 'monthly', points: [], decimals: indicator?.decimals ?? 1, first: null, last: null, spc: null });
        continue;
      }
      const all = [...monthlySeries(db, indicator, area, shared).months.entries()].filter(([m]) => m <= period.lastMonth).sort(([a], [b]) => a.localeCompare(b));
      const months = all.slice(-24);
      if (months.length >= 2) {
        let verdict: Sparkline['spc'] = null;
        if (all.length >= SPC_MIN_POINTS) {
          const result = spc(all.map(([, value]) => ({ value })), { polarity: indicator.polarity, target: indicator.target });
          verdict = { variation: result.variation, assurance: result.assurance, side: result.points[result.points.length - 1]?.side ?? null };
        }
        out.push({ indicatorId: row.indicatorId, kind: 'monthly', points: months.map(([, v]) => v), decimals: indicator.decimals, first: months[0]![0], last: months[months.length - 1]![0], spc: verdict });
        continue;
      }
      const yearly = new Map<Month, number>();
      for (const o of resolver.storedValues(indicator.id, area.id)) {
        const length = (Number(o.span.last.slice(0, 4)) - Number(o.span.first.slice(0, 4))) * 12 + Number(o.span.last.slice(5)) - Number(o.span.first.slice(5)) + 1;
        if (length === 12 && o.value !== null && o.span.last <= period.lastMonth) yearly.set(o.span.last, o.value);
      }
      const years = [...yearly.entries()].sort(([a], [b]) => a.localeCompare(b));
      out.push({ indicatorId: row.indicatorId, kind: 'yearly', points: years.map(([, v]) => v), decimals: indicator.decimals, first: years[0]?.[0] ?? null, last: years[years.length - 1]?.[0] ?? null, spc: null });
    }
  }
  return out;
}
