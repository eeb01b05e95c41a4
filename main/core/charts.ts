/**
 * The figures behind the charts (and `boardpack spc`): an indicator's monthly series for an
 * area with its XmR statistical process control, and the districts' latest values with 95%
 * confidence intervals where counts are known.
 */
import type { Area, DistrictBar, DistrictComparison, Indicator, Trend } from '../../shared/api/types';
import { rateInterval } from '../../shared/domain/confidence';
import { groupAverage } from '../../shared/domain/comparison';
import { parseReportingPeriodName, rollingTwelveMonths } from '../../shared/domain/periods';
import { spc } from '../../shared/domain/spc';
import type { Month } from '../../shared/domain/types';
import { ratePer1000 } from '../../shared/domain/values';
import type { Sqlite } from './store/sqlite';
import { childAreas, populationFor } from './store/repo/areas';
import { listIndicators } from './store/repo/indicators';
import { ValueResolver } from './values';

function indicatorsById(db: Sqlite): Map<number, Indicator> {
  return new Map(listIndicators(db, { includeArchived: true }).map((i) => [i.id, i]));
}

/** An indicator's monthly values for an area: stored months, or monthly rates from monthly counts. */
export function monthlySeries(db: Sqlite, indicator: Indicator, area: Area): { months: Map<Month, number>; method: string } {
  const indicators = indicatorsById(db);
  const resolver = new ValueResolver(db, indicators);
  const sourceId = indicator.derivation?.fromIndicatorId;
  const source = sourceId !== undefined ? indicators.get(sourceId) : undefined;
  if (source) {
    const counts = resolver.monthlyCounts(source, area).months;
    const months = new Map<Month, number>();
    for (const [m, count] of counts) {
      const population = populationFor(db, area.id, Number(m.slice(0, 4)));
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

export function trend(db: Sqlite, indicator: Indicator, area: Area, options: { from?: Month; to?: Month; rebase?: Month[] }): Trend {
  const { months, method } = monthlySeries(db, indicator, area);
  const sorted = [...months.entries()].filter(([m]) => (!options.from || m >= options.from) && (!options.to || m <= options.to)).sort(([a], [b]) => a.localeCompare(b));
  const rebaseAt = (options.rebase ?? []).map((m) => sorted.findIndex(([x]) => x === m)).filter((i) => i > 0);
  const result = sorted.length > 0 ? spc(sorted.map(([, value]) => ({ value })), { polarity: indicator.polarity, target: indicator.target, rebaseAt }) : null;
  return {
    indicator: indicator.name,
    area: { code: area.code, name: area.name },
    unit: indicator.unit,
    decimals: indicator.decimals,
    target: indicator.target,
    points: sorted.map(([m], i) => {
      const p = result!.points[i]!;
      return { periodStart: m, periodEnd: m, value: p.value, mean: p.mean, lpl: p.lpl, upl: p.upl, lower2Sigma: p.lower2Sigma, upper2Sigma: p.upper2Sigma, specialCause: p.specialCause, rules: p.rules };
    }),
    variation: result?.variation ?? 'common_cause',
    assurance: result?.assurance ?? 'none',
    provisional: result?.provisional ?? true,
    method: `${method} XmR chart: centre line the mean, process limits at the mean ± 2.66 × the mean moving range (NHS Making Data Count rules).`,
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
    return { code: d.code, name: d.name, value: v?.value ?? null, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
  });
  const known = districts.filter((d) => d.value !== null).map((d) => d.value as number);
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
