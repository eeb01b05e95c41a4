import { describe, expect, it } from 'vitest';
import { appendixHeaders, appendixRowCells } from '../../../shared/domain/appendix';
import { createHandlers, dispatch, toApiError } from '../../../main/core/app';
import { AnalystError } from '../../../main/core/errors';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { demoHandlers, publishedAppendix } from './demo-support';

describe('the demo dashboard for 2014/15 Q4', () => {
  it('reproduces the published appendix cell for cell (130 cells)', async () => {
    const { handlers } = await demoHandlers();
    const model = await handlers['dashboard.get']({ period: '2014/15 Q4' });
    const cells: string[][] = [appendixHeaders(model)];
    for (const block of model.outcomes) block.indicators.forEach((row, i) => cells.push(appendixRowCells(block, row, i === 0)));
    const published = publishedAppendix().map((r) => r.map((c) => c.trim()));
    expect(cells.length).toBe(13);
    expect(cells.flat().length).toBe(130);
    expect(cells).toEqual(published);
    expect(model.title).toBe('Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4');
    expect(model.locked).toBe(true);
  });

  it('suggests every published arrow except the two the analyst overrode, and says why', async () => {
    const { handlers } = await demoHandlers();
    const model = await handlers['dashboard.get']({ period: '2014/15 Q4' });
    const rows = model.outcomes.flatMap((o) => o.indicators);
    const overridden = rows.filter((r) => r.direction.overridden).map((r) => r.name);
    expect(overridden).toEqual(['% Reduction in offending by IOM & PPO Offenders', '% of domestic violence cases reviewed at MARAC that are repeat incidents']);
    const vehicle = rows.find((r) => r.name.startsWith('Vehicle Crime'))!;
    expect(vehicle.direction.reason).toMatch(/6\.35 vs 5\.71: \+11\.2%/);
    expect(vehicle.direction.reason).toMatch(/worsening/);
    const marac = rows.find((r) => r.name.includes('MARAC'))!;
    expect(marac.direction.reason).toMatch(/^Override: The rise reflects more consistent referral processes/);
  });
});

describe('the demo dashboard for 2024/25 Q3 (police.uk data)', () => {
  it('derives rates per 1,000 from the districts\' monthly counts and the mid-2023 population', async () => {
    const { handlers } = await demoHandlers();
    const model = await handlers['dashboard.get']({ period: '2024/25 Q3' });
    expect(model.previousHeader).toBe('Previous Year (2023-24)');
    expect(model.latestHeader).toBe('Latest Data (12 months to Dec 2024 unless stated)');
    const vehicle = model.outcomes.flatMap((o) => o.indicators).find((r) => r.name.startsWith('Vehicle Crime'))!;
    const counts = await handlers['values.list']({ indicator: 'Police recorded crime: Vehicle crime (count)', area: 'E10000018', from: '2024-01', to: '2024-12' });
    const year = counts.find((r) => r.periodStart === '2024-01' && r.periodEnd === '2024-12')!;
    const months = counts.filter((r) => r.periodStart === r.periodEnd);
    expect(months).toHaveLength(12);
    expect(year.value).toBe(months.reduce((s, r) => s + (r.value ?? 0), 0));
    const overview = await handlers['workspace.overview']({});
    const population = overview.populations.find((p) => p.areaCode === 'E10000018' && p.year === 2023)!.count;
    expect(vehicle.latest.number).toBeCloseTo(((year.value ?? 0) / population) * 1000, 10);
    expect(vehicle.latest.text).toBe((((year.value ?? 0) / population) * 1000).toFixed(2));
    expect(vehicle.districtComparison).toMatch(/^Highest: .+; lowest: .+/);
  });
});

describe('dispatch', () => {
  it('returns typed errors, never throws', async () => {
    const { handlers } = await demoHandlers();
    expect(await dispatch(handlers, 'nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch(handlers, 'dashboard.get', { period: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(await dispatch(handlers, 'dashboard.get', { period: '2014/15 Q4', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(await dispatch(handlers, 'values.list', { from: '2024-13' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/YYYY-MM/) } });
    const missing = await dispatch(handlers, 'dashboard.get', { period: '2019/20 Q1' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/no reporting period "2019\/20 Q1".*"2024\/25 Q3"/) } });
    const bad = await dispatch(handlers, 'dashboard.get', { period: 'Q5 2014/15' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(await dispatch(handlers, 'values.list', { indicator: 'rate' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/matches \d+ indicators/) } });
    expect(await dispatch(handlers, 'workspace.open', { path: '/nonexistent/x.boardpack' })).toMatchObject({ ok: false, error: { code: 'workspace' } });
  });
});

describe('the handler table', () => {
  it('has exactly one handler for every API method in the contract', async () => {
    const { handlers } = await demoHandlers();
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('refuses to start when two features claim the same method', async () => {
    const { session } = await demoHandlers();
    const areas = () => ({ 'areas.list': async () => [] });
    const alsoAreas = () => ({ 'areas.list': async () => [] });
    expect(() => createHandlers(session, [areas, alsoAreas])).toThrow('Two features handle the API method "areas.list".');
  });

  it('turns an analyst error into its code and message, and anything else into an internal error without a stack', () => {
    expect(toApiError(new AnalystError('conflict', 'That period is published.'))).toEqual({ code: 'conflict', message: 'That period is published.' });
    const internal = toApiError(new TypeError('x is undefined'));
    expect(internal.code).toBe('internal');
    expect(internal.message).not.toMatch(/\n\s+at /);
  });
});
