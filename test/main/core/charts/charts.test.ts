/** The figures behind the charts: rolling 12-month views, rebasing, sparklines, projections. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Handlers, Session } from '../../../../main/core/app';
import { createHandlers } from '../../../../main/core/app';
import { addMonths } from '../../../../shared/domain/periods';
import { leastSquares, monthPoints, projectToFinancialYear } from '../../../../shared/domain/projection';
import { demoSession } from '../demo-support';

const VEHICLE_COUNTS = 'Police recorded crime: Vehicle crime (count)';
const VEHICLE_RATE = 'Vehicle Crime rate (per 1,000 population)';
let session: Session;
let handlers: Handlers;

beforeAll(async () => {
  session = await demoSession();
  handlers = createHandlers(session);
});

describe('chart.trend views', () => {
  it('monthly view: 24 months with SPC, series equal to the points', async () => {
    const t = await handlers['chart.trend']({ indicator: VEHICLE_COUNTS, area: 'Hinckley and Bosworth' });
    expect(t.view).toBe('monthly');
    expect(t.spc).toBe(true);
    expect(t.points).toHaveLength(24);
    expect(t.series.map((s) => s.value)).toEqual(t.points.map((p) => p.value));
    expect(t.series[0]).toEqual({ periodStart: '2023-01', periodEnd: '2023-01', value: t.points[0]!.value });
  });

  it('rolling 12 months of counts: sums of each 12 consecutive months, no SPC, and says why', async () => {
    const monthly = await handlers['chart.trend']({ indicator: VEHICLE_COUNTS, area: 'Hinckley and Bosworth' });
    const rolling = await handlers['chart.trend']({ indicator: VEHICLE_COUNTS, area: 'Hinckley and Bosworth', view: 'rolling12' });
    expect(rolling.view).toBe('rolling12');
    expect(rolling.spc).toBe(false);
    expect(rolling.points).toEqual([]);
    // 24 months give 13 complete windows: Jan-Dec 2023 ... Jan-Dec 2024.
    expect(rolling.series).toHaveLength(13);
    const values = monthly.series.map((s) => s.value);
    rolling.series.forEach((s, i) => {
      expect(s.periodStart).toBe(monthly.series[i]!.periodStart);
      expect(s.periodEnd).toBe(addMonths(s.periodStart, 11));
      expect(s.value).toBe(values.slice(i, i + 12).reduce((a, b) => a + b, 0));
    });
    expect(rolling.method).toMatch(/^Rolling 12 months: the total of the 12 months/);
    expect(rolling.method).toContain('No statistical process control');
  });

  it('rolling 12 months of a derived rate: the 12 months\' count over the population, per 1,000', async () => {
    const counts = await handlers['chart.trend']({ indicator: VEHICLE_COUNTS, area: 'Charnwood', view: 'rolling12' });
    const rates = await handlers['chart.trend']({ indicator: VEHICLE_RATE, area: 'Charnwood', view: 'rolling12' });
    expect(rates.series.map((s) => s.periodEnd)).toEqual(counts.series.map((s) => s.periodEnd));
    const populations = await handlers['workspace.overview']({});
    for (const [i, s] of rates.series.entries()) {
      const middleYear = Number(addMonths(s.periodStart, 5).slice(0, 4));
      const population = populations.populations.find((p) => p.areaCode === rates.area.code && p.year === middleYear)
        ?? populations.populations.filter((p) => p.areaCode === rates.area.code).sort((a, b) => Math.abs(a.year - middleYear) - Math.abs(b.year - middleYear))[0]!;
      expect(s.value).toBeCloseTo((counts.series[i]!.value / population.count) * 1000, 9);
    }
    // The rate for the 12 months to Dec 2024 is the one the districts chart shows for 2024/25 Q3.
    const districts = await handlers['chart.districts']({ indicator: VEHICLE_RATE, period: '2024/25 Q3' });
    expect(rates.series.at(-1)!.value).toBeCloseTo(districts.districts.find((d) => d.name === 'Charnwood')!.value!, 9);
  });

  it('from/to filter the rolling view by the last month of each window', async () => {
    const t = await handlers['chart.trend']({ indicator: VEHICLE_COUNTS, area: 'Charnwood', view: 'rolling12', from: '2024-06', to: '2024-09' });
    expect(t.series.map((s) => s.periodEnd)).toEqual(['2024-06', '2024-07', '2024-08', '2024-09']);
  });

  it('rebase: limits recalculated from the chosen month, and the method says so', async () => {
    const plain = await handlers['chart.trend']({ indicator: VEHICLE_COUNTS, area: 'Charnwood' });
    const rebased = await handlers['chart.trend']({ indicator: VEHICLE_COUNTS, area: 'Charnwood', rebase: ['2024-01'] });
    const at = rebased.points.findIndex((p) => p.periodStart === '2024-01');
    expect(at).toBe(12);
    const before = rebased.points.slice(0, 12).map((p) => p.value);
    const after = rebased.points.slice(12).map((p) => p.value);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(rebased.points[0]!.mean).toBeCloseTo(mean(before), 9);
    expect(rebased.points[23]!.mean).toBeCloseTo(mean(after), 9);
    expect(plain.points[23]!.mean).toBeCloseTo(mean([...before, ...after]), 9);
    expect(rebased.method).toContain('Limits recalculated from 2024-01');
  });
});

describe('chart.sparklines', () => {
  it('gives each appendix row of a police.uk period the county\'s latest 24 months', async () => {
    const model = await handlers['dashboard.get']({ period: '2024/25 Q3' });
    const lines = await handlers['chart.sparklines']({ period: '2024/25 Q3' });
    const rows = model.outcomes.flatMap((o) => o.indicators);
    const ids = new Set(lines.map((l) => l.indicatorId));
    for (const r of rows) expect(ids.has(r.indicatorId)).toBe(true);
    const vehicle = rows.find((r) => r.name === VEHICLE_RATE)!;
    const line = lines.find((l) => l.indicatorId === vehicle.indicatorId)!;
    const county = (await handlers['workspace.info']({})).dashboardArea!;
    const trend = await handlers['chart.trend']({ indicator: VEHICLE_RATE, area: county.code, to: '2024-12' });
    expect(trend.series.length).toBeGreaterThanOrEqual(12);
    expect(line.kind).toBe('monthly');
    expect(line.points).toEqual(trend.series.slice(-24).map((s) => s.value));
    expect(line.first).toBe(trend.series.at(-24)?.periodStart ?? trend.series[0]!.periodStart);
    expect(line.last).toBe('2024-12');
  });

  it('falls back to yearly values where an indicator has no months (the 2014/15 appendix)', async () => {
    const lines = await handlers['chart.sparklines']({ period: '2014/15 Q4' });
    expect(lines.length).toBeGreaterThan(0);
    const yearly = lines.filter((l) => l.kind === 'yearly' && l.points.length >= 2);
    expect(yearly.length).toBeGreaterThan(0);
    for (const l of yearly) expect(l.last! <= '2015-03').toBe(true);
  });

  it('refuses an unknown period', async () => {
    await expect(handlers['chart.sparklines']({ period: '2030/31 Q1' })).rejects.toThrow(/no reporting period/);
  });

  it('come with the dashboard in one call (sparklines: true): the same appendix, the same lines', async () => {
    const plain = await handlers['dashboard.get']({ period: '2024/25 Q3' });
    const { sparklines, ...appendix } = await handlers['dashboard.get']({ period: '2024/25 Q3', sparklines: true });
    expect(appendix).toEqual(plain);
    expect(sparklines).toEqual(await handlers['chart.sparklines']({ period: '2024/25 Q3' }));
    expect('sparklines' in plain).toBe(false);
  });

  it('carry the SPC verdicts of the series to the period\'s end (as the Charts page and the agenda pack), or none', async () => {
    const county = (await handlers['workspace.info']({})).dashboardArea!;
    const model = await handlers['dashboard.get']({ period: '2024/25 Q3', sparklines: true });
    const rows = model.outcomes.flatMap((o) => o.indicators);
    let judged = 0;
    for (const row of rows) {
      const line = model.sparklines!.find((l) => l.indicatorId === row.indicatorId)!;
      if (line.kind !== 'monthly') {
        expect(line.spc).toBeNull();
        continue;
      }
      const trend = await handlers['chart.trend']({ indicator: row.name, area: county.code, to: '2024-12' });
      expect(line.spc).toEqual({ variation: trend.variation, assurance: trend.assurance, side: trend.points.at(-1)!.side });
      judged += 1;
    }
    expect(judged).toBeGreaterThan(0);
    // Leicestershire's total crime rate fell below its lower process limit: improvement, low.
    const total = rows.find((r) => r.name === 'Total Crime rate (per 1,000 population)')!;
    expect(model.sparklines!.find((l) => l.indicatorId === total.indicatorId)!.spc).toEqual({ variation: 'special_cause_improvement', assurance: 'none', side: 'low' });
    // Yearly values (the 2014/15 appendix) get no verdict.
    const old = await handlers['dashboard.get']({ period: '2014/15 Q4', sparklines: true });
    expect(old.sparklines!.every((l) => l.spc === null)).toBe(true);
  });
});

describe('projection', () => {
  it('fits the least-squares line by hand and carries it to the end of the financial year', () => {
    const points = [
      { month: '2024-01', value: 10 },
      { month: '2024-02', value: 12 },
      { month: '2024-03', value: 11 },
      { month: '2024-04', value: 15 },
    ] as const;
    // x = 0..3, mean 1.5; y mean 12; sxy = (-1.5)(-2)+(-0.5)(0)+(0.5)(-1)+(1.5)(3) = 7; sxx = 5.
    const line = leastSquares(monthPoints(points))!;
    expect(line.slope).toBeCloseTo(1.4, 12);
    expect(line.intercept).toBeCloseTo(12 - 1.4 * 1.5, 12);
    const p = projectToFinancialYear(points, 2024)!;
    expect(p.until).toBe('2025-03');
    expect(p.points[0]!.month).toBe('2024-04');
    expect(p.points).toHaveLength(12);
    expect(p.end).toBeCloseTo(9.9 + 1.4 * 14, 12);
    expect(p.method).toContain('least squares to the 4 values shown');
  });

  it('respects gaps in the months and refuses a year already past', () => {
    const line = leastSquares(
      monthPoints([
        { month: '2024-01', value: 0 },
        { month: '2024-03', value: 2 },
      ]),
    )!;
    expect(line.slope).toBeCloseTo(1, 12);
    expect(projectToFinancialYear([{ month: '2024-01', value: 1 }, { month: '2024-05', value: 2 }], 2023)).toBeNull();
    expect(leastSquares(monthPoints([{ month: '2024-01', value: 1 }]))).toBeNull();
    // Two points in the same month: every x the same, no line.
    expect(leastSquares(monthPoints([{ month: '2024-01', value: 1 }, { month: '2024-01', value: 3 }]))).toBeNull();
  });
});

describe('district comparison quartiles', () => {
  it('marks each district Top, Average or Bottom by PERCENTILE.INC quartiles of the districts, by polarity', async () => {
    const { percentileInc } = await import('../../../../shared/domain/comparison');
    const { demoHandlers } = await import('../demo-support');
    const { handlers } = await demoHandlers();
    const c = await handlers['chart.districts']({ indicator: 'Total Crime rate (per 1,000 population)', period: '2024/25 Q3' });
    const values = c.districts.map((d) => d.value as number);
    const q1 = percentileInc(values, 0.25);
    const q3 = percentileInc(values, 0.75);
    for (const d of c.districts) {
      // Lower is better: at or below the lower quartile is Top, at or above the upper is Bottom.
      const expected = d.value! <= q1 ? 'Top' : d.value! >= q3 ? 'Bottom' : 'Average';
      expect(d.quartile, d.name).toBe(expected);
    }
    expect(c.districts[0]!.quartile).toBe('Top');
    expect(c.districts.at(-1)!.quartile).toBe('Bottom');
  });
});
