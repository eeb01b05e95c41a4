import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { byarInterval, intervalsOverlap } from '../../../../shared/domain/confidence';
import { addMonths, monthsOf, rollingTwelveMonths } from '../../../../shared/domain/periods';
import { scorecardHeaders, significanceKeyLine, type ScorecardModel, type ScorecardRow } from '../../../../shared/domain/scorecard';
import { leastSquares, MIN_PROJECTION_POINTS, projectSeries } from '../../../../shared/domain/projection';
import { buildScorecard } from '../../../../main/core/scorecard/scorecard';
import { crimeCountSeriesName } from '../../../../main/core/workspace/demo';
import { listValues } from '../../../../main/core/values/listing';
import type { Session } from '../../../../main/core/app';
import { areaByCode, upsertArea, upsertPopulation } from '../../../../main/core/areas/repo';
import { listIndicators } from '../../../../main/core/indicators/repo';
import { upsertObservations } from '../../../../main/core/values/repo';
import { REPO, demoSession } from '../demo-support';

const COUNTY = 'E10000018';
const POPULATION = 734015; // mid-2023, the only estimate in the demo

let session: Session;
let model: ScorecardModel;

/** Monthly "All crime" counts for the county, summed from the districts in the demo asset by hand. */
function countyMonthly(crimeType: string): Map<string, number> {
  const text = readFileSync(path.join(REPO, 'assets/demo/police-monthly.csv'), 'utf8').replace(/^\uFEFF/, '');
  const sums = new Map<string, number>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [month, area, type, count] = line.split(',');
    if (!month || type !== crimeType || !area?.startsWith('E07')) continue;
    sums.set(month, (sums.get(month) ?? 0) + Number(count));
  }
  return sums;
}

function sumOver(monthly: Map<string, number>, first: string, last: string): number {
  return monthsOf({ first, last }).reduce((s, m) => s + (monthly.get(m) ?? NaN), 0);
}

function rowNamed(m: ScorecardModel, name: string): ScorecardRow {
  const row = m.priorities.flatMap((p) => p.rows).find((r) => r.name === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
}

beforeAll(async () => {
  session = await demoSession();
  model = buildScorecard(session.workspace.db, { period: '2024/25 Q3', baseline: '2023/24' });
});

describe('buildScorecard on the demo workspace (2024/25 Q3 against 2023/24)', () => {
  it('names its baseline, latest span and projection year, and has a key with the significance words', () => {
    expect(model.periodName).toBe('2024/25 Q3');
    expect(model.baselineLabel).toBe('2023-24');
    expect(model.latestLabel).toBe('12 months to Dec 2024');
    expect(model.projectionYearLabel).toBe('2024-25');
    expect(model.title).toBe('Plan Scorecard - Safer Communities Performance Dashboard 2024/25 Q3');
    expect(scorecardHeaders(model)).toEqual([
      'Indicator', 'Baseline (2023-24)', 'Latest (12 months to Dec 2024)', '% Var.', 'Position v MSG', 'SPC / significance', 'Projection (2024-25)',
    ]);
    expect(model.key[0]).toBe(significanceKeyLine('2023-24'));
    expect(model.key[0]?.toLowerCase()).toContain('statistically significant improvement / no significant change / significant deterioration as compared to the baseline');
    expect(model.method).toMatch(/Byar/);
    expect(model.method).toMatch(/Wilson/);
    expect(model.method).toMatch(/tolerance/);
    expect(model.sources.join(' ')).toMatch(/Open Government Licence/);
  });

  it('has one table per priority with a row for each indicator that has a value (the police.uk rates)', () => {
    expect(model.priorities.map((p) => p.rows.length)).toEqual([5, 1]);
    expect(model.priorities[0]?.title).toMatch(/reductions in crime/i);
    expect(model.priorities[1]?.title).toMatch(/anti-social behaviour/i);
    const names = model.priorities.flatMap((p) => p.rows.map((r) => r.name));
    expect(names).toContain('Total Crime rate (per 1,000 population)');
    expect(names).toContain('Anti-social behaviour incidents rate (per 1,000 population)');
    // Indicators with 2014/15 values only have neither a 2023/24 nor a latest value: no row.
    expect(names).not.toContain('Number of first time entrants to the criminal justice system aged 10 - 17');
  });

  it('takes baseline and latest values exactly as values.list has them, and the % variance by hand', () => {
    const db = session.workspace.db;
    const county = areaByCode(db, COUNTY)!;
    const indicators = listIndicators(db);
    for (const row of model.priorities.flatMap((p) => p.rows)) {
      const indicator = indicators.find((i) => i.id === row.indicatorId)!;
      const values = listValues(db, { indicators: [indicator], area: county });
      const baseline = values.find((v) => v.periodStart === '2023-04' && v.periodEnd === '2024-03');
      const latest = values.find((v) => v.periodStart === '2024-01' && v.periodEnd === '2024-12');
      expect(row.baseline.number).toBe(baseline?.value);
      expect(row.latest.number).toBe(latest?.value);
      const variance = ((latest!.value! - baseline!.value!) / baseline!.value!) * 100;
      expect(row.variance.number).toBeCloseTo(variance, 10);
      expect(row.variance.text).toBe(`${variance >= 0.05 ? '+' : ''}${variance.toFixed(1)}%`);
    }
  });

  it('derives the total crime rate from the districts\' monthly counts and the mid-2023 population (checked by hand)', () => {
    const monthly = countyMonthly('All crime');
    const row = rowNamed(model, 'Total Crime rate (per 1,000 population)');
    const baselineCount = sumOver(monthly, '2023-04', '2024-03');
    const latestCount = sumOver(monthly, '2024-01', '2024-12');
    expect(row.baseline.number).toBeCloseTo((baselineCount / POPULATION) * 1000, 10);
    expect(row.latest.number).toBeCloseTo((latestCount / POPULATION) * 1000, 10);
    expect(row.baseline.text).toBe(((baselineCount / POPULATION) * 1000).toFixed(2));
  });

  it('judges significance by Byar intervals on the counts, oriented by polarity (checked by hand)', () => {
    const monthly = countyMonthly('All crime');
    const scale = 1000 / POPULATION;
    const baselineCount = sumOver(monthly, '2023-04', '2024-03');
    const latestCount = sumOver(monthly, '2024-01', '2024-12');
    const b = byarInterval(baselineCount);
    const l = byarInterval(latestCount);
    const overlap = intervalsOverlap({ lower: b.lower * scale, upper: b.upper * scale }, { lower: l.lower * scale, upper: l.upper * scale });
    const row = rowNamed(model, 'Total Crime rate (per 1,000 population)');
    expect(row.significanceMethod).toBe('confidence_intervals');
    // Lower is better: a fall with non-overlapping intervals is an improvement.
    expect(overlap).toBe(false);
    expect(latestCount).toBeLessThan(baselineCount);
    expect(row.significance).toBe('improvement');
    expect(row.significanceText).toBe('Significant improvement');

    // Vehicle crime: the intervals overlap, so no significant change although it fell 4.9%.
    const vehicles = countyMonthly('Vehicle crime');
    const vb = byarInterval(sumOver(vehicles, '2023-04', '2024-03'));
    const vl = byarInterval(sumOver(vehicles, '2024-01', '2024-12'));
    expect(intervalsOverlap(vb, vl)).toBe(true);
    const vehicleRow = rowNamed(model, 'Vehicle Crime rate (per 1,000 population)');
    expect(vehicleRow.significance).toBe('no_change');
    expect(vehicleRow.significanceText).toBe('No significant change');

    // Anti-social behaviour rose significantly: a deterioration.
    const asb = rowNamed(model, 'Anti-social behaviour incidents rate (per 1,000 population)');
    expect(asb.significance).toBe('deterioration');
  });

  it('projects the rolling 12-month rate to Mar 2025 with a least-squares line (fitted by hand)', () => {
    const monthly = countyMonthly('All crime');
    // Rolling 12 months ending Dec 2023 .. Dec 2024: 13 points (the demo starts in Jan 2023).
    const ends = Array.from({ length: 13 }, (_, i) => addMonths('2023-12', i));
    const ys = ends.map((end) => (sumOver(monthly, rollingTwelveMonths(end).first, end) / POPULATION) * 1000);
    const xs = ends.map((_, i) => i);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const atMarch = my + slope * (15 - mx); // Mar 2025 is 15 months after Dec 2023
    const row = rowNamed(model, 'Total Crime rate (per 1,000 population)');
    expect(row.projection.number).toBeCloseTo(atMarch, 9);
    expect(row.projection.text).toBe(atMarch.toFixed(2));
    expect(row.projection.reason).toMatch(/13 rolling 12-month values/);

    // Further out with projectTo.
    const later = buildScorecard(session.workspace.db, { period: '2024/25 Q3', baseline: '2023/24', projectTo: '2025/26' });
    expect(later.projectionYearLabel).toBe('2025-26');
    const laterRow = rowNamed(later, 'Total Crime rate (per 1,000 population)');
    expect(laterRow.projection.number).toBeCloseTo(Math.max(0, my + slope * (27 - mx)), 9);
  });

  it('prints "-" for Position v MSG where the county is the only one of its kind (the demo)', () => {
    for (const row of model.priorities.flatMap((p) => p.rows)) {
      expect(row.position).toMatchObject({ text: '-', rank: null, of: 1 });
    }
  });

  it('ranks the county within the counties that have a value, by polarity, when there are others', async () => {
    const s = await demoSession();
    const db = s.workspace.db;
    s.workspace.mutate(() => {
      upsertArea(db, { code: 'E10000024', name: 'Nottinghamshire', kind: 'county', parentCode: null });
      upsertArea(db, { code: 'E10000019', name: 'Lincolnshire', kind: 'county', parentCode: null });
      upsertPopulation(db, { areaCode: 'E10000024', year: 2023, count: 800000, source: 'test' });
      upsertPopulation(db, { areaCode: 'E10000019', year: 2023, count: 700000, source: 'test' });
      const series = listIndicators(db).find((i) => i.name === crimeCountSeriesName('All crime'))!;
      const notts = areaByCode(db, 'E10000024')!;
      const lincs = areaByCode(db, 'E10000019')!;
      // 12 x 5,000 / 800,000 = 75.0 per 1,000 (worse); 12 x 3,000 / 700,000 = 51.4 (better).
      upsertObservations(db, monthsOf({ first: '2024-01', last: '2024-12' }).flatMap((m) => [
        { indicatorId: series.id, areaId: notts.id, span: { first: m, last: m }, value: 5000 },
        { indicatorId: series.id, areaId: lincs.id, span: { first: m, last: m }, value: 3000 },
      ]));
    });
    const ranked = buildScorecard(db, { period: '2024/25 Q3', baseline: '2023/24' });
    const row = rowNamed(ranked, 'Total Crime rate (per 1,000 population)');
    expect(row.position).toMatchObject({ text: '2nd of 3', rank: 2, of: 3 });
    // Vehicle crime has no other county's values: still "-".
    expect(rowNamed(ranked, 'Vehicle Crime rate (per 1,000 population)').position.text).toBe('-');
  });

  it('throws clear errors for a bad baseline, period or projection year', () => {
    const db = session.workspace.db;
    const build = (options: Partial<{ period: string; baseline: string; projectTo: string }>) => () =>
      buildScorecard(db, { period: '2024/25 Q3', baseline: '2023/24', ...options });
    expect(build({ baseline: '2023/25' })).toThrow(/baseline '2023\/25' is not a financial year/);
    expect(build({ baseline: 'Q3 2023/24' })).toThrow(/not a financial year; write it as e\.g\. 2023\/24/);
    expect(build({ baseline: 'last year' })).toThrow(/baseline 'last year'/);
    expect(build({ baseline: '2024/25' })).toThrow(/ends after the period 2024\/25 Q3/);
    expect(build({ period: '2030/31 Q1' })).toThrow(/no reporting period "2030\/31 Q1" in this workspace; it has "2024\/25 Q3"/);
    expect(build({ period: 'soon' })).toThrow(/not a reporting period/);
    expect(build({ projectTo: '2022/23' })).toThrow(/projection year 2022\/23 ends before the period/);
    // Written other ways, the baseline is the same year.
    expect(build({ baseline: 'FY 2023-24' })().baselineLabel).toBe('2023-24');
  });

  it('takes a stored baseline (2014/15, the published appendix) and judges it by tolerance without counts', () => {
    const early = buildScorecard(session.workspace.db, { period: '2024/25 Q3', baseline: '2014/15' });
    expect(early.baselineLabel).toBe('2014-15');
    const row = rowNamed(early, 'Total Crime rate (per 1,000 population)');
    expect(row.baseline.text).toBe('45.79'); // as published
    expect(row.latest.text).toBe(rowNamed(model, 'Total Crime rate (per 1,000 population)').latest.text);
    // The published value has no count behind it: the 5% tolerance band decides, and the method says so.
    expect(row.significanceMethod).toBe('tolerance');
    expect(row.significance).toBe('deterioration');
    expect(early.method).toContain('Judged by tolerance band (counts not known): Total Crime rate (per 1,000 population)');
    // An indicator with a 2014/15 value only: a row with NA for the latest, no variance, no projection.
    const fte = rowNamed(early, 'Number of first time entrants to the criminal justice system aged 10 - 17');
    expect(fte.latest.text).toBe('NA');
    expect(fte.variance.text).toBe('-');
    expect(fte.significanceText).toBe('-');
    expect(fte.projection.text).toBe('-');
  });
});

describe('least-squares projection helpers', () => {
  it('fits a line and refuses fewer than 3 points', () => {
    expect(leastSquares([{ x: 0, y: 1 }, { x: 1, y: 3 }], MIN_PROJECTION_POINTS)).toBeNull();
    const fit = leastSquares([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }], MIN_PROJECTION_POINTS);
    expect(fit?.slope).toBeCloseTo(2, 12);
    expect(fit?.intercept).toBeCloseTo(1, 12);
  });

  it('projects a yearly series to a financial year end, never below 0, and says how', () => {
    const yearly = [
      { last: '2021-03', value: 190 },
      { last: '2022-03', value: 124 },
      { last: '2023-03', value: 126 },
    ];
    const p = projectSeries(yearly, 'financial_year', '2024-03');
    // Through (0,190), (12,124), (24,126): slope -2.6667/month, mean 146.67 at x 12; at x 36: 82.67.
    expect(p?.value).toBeCloseTo(146.6667 - 2.66667 * 24, 3);
    expect(p?.method).toMatch(/3 financial-year values/);
    const falling = projectSeries([{ last: '2021-03', value: 30 }, { last: '2022-03', value: 20 }, { last: '2023-03', value: 10 }], 'financial_year', '2026-03', { lower: 0 });
    expect(falling?.value).toBe(0);
    expect(falling?.clamped).toBe(true);
    expect(projectSeries(yearly.slice(0, 2), 'financial_year', '2024-03')).toBeNull();
  });
});
