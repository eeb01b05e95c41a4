/**
 * Measure type (issue 15): an indicator definition says what it measures (a count of events, a
 * count at a date, a rate, a percentage, a score). Rolling 12-month sums are made only for
 * counts of events (flows), never for stocks such as a monthly claimant count. The type is
 * guessed on import, shown, and editable in the definition editor; migration 5 adds it to
 * workspaces made before it, which keep opening.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../../main/core/app';
import { MIGRATIONS } from '../../../../main/core/store/migrations';
import { Sqlite } from '../../../../main/core/store/sqlite';
import { Workspace } from '../../../../main/core/store/workspace';
import { listIndicators } from '../../../../main/core/indicators';
import { ValueResolver } from '../../../../main/core/values';
import { addMonths } from '../../../../shared/domain/periods';
import { demoSession, env } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-measure-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const BLABY = 'E07000129';
const CLAIMANTS = 'Claimant count (people claiming unemployment-related benefits)';
const REPORTS = 'Number of fly-tipping incidents reported';

/** 24 months, Jan 2023 to Dec 2024, with figures that differ month to month. */
const MONTHS = Array.from({ length: 24 }, (_, i) => addMonths('2023-01', i));
const claimants = MONTHS.map((_, i) => 1400 + ((i * 53) % 120));
const reports = MONTHS.map((_, i) => 60 + ((i * 17) % 40));

/**
 * A tidy monthly series as partners send it, in the shape of a Nomis claimant count download
 * cut to one area ("Claimant count" at the second Thursday of each month: a count at a date)
 * beside a council's monthly counts of reported incidents (events in the month).
 */
function monthlyCsv(): string {
  return [
    'Indicator,Area code,Month,Value',
    ...MONTHS.map((m, i) => `${CLAIMANTS},${BLABY},${m},${claimants[i]}`),
    ...MONTHS.map((m, i) => `${REPORTS},${BLABY},${m},${reports[i]}`),
  ].join('\n');
}

describe('measure type', () => {
  it('is guessed on import and shown; only counts of events get rolling 12-month sums', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = path.join(dir, 'monthly.csv');
    await writeFile(file, monthlyCsv());
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    const guesses = dry.tables![0]!.newIndicators.map((n) => [n.name, n.unit, n.measureType, n.measureTypeReason]);
    expect(guesses).toEqual([
      [CLAIMANTS, 'count', 'stock', 'its name says it is held at a date ("Claimant"): months are never added up'],
      [REPORTS, 'count', 'flow', 'a count of events: months add up to longer spans'],
    ]);
    await h['import.files']({ paths: [file] });
    const all = await h['values.list']({ area: BLABY });
    const rolling = (indicator: string) => all.filter((v) => v.indicator === indicator && v.periodStart !== v.periodEnd);
    // Incidents: each rolling 12 months is the sum of its months, computed here from the fixture.
    const expected = MONTHS.slice(11).map((last, k) => ({ periodStart: addMonths(last, -11), periodEnd: last, value: reports.slice(k, k + 12).reduce((a, b) => a + b, 0), derived: true }));
    expect(rolling(REPORTS).map((v) => ({ periodStart: v.periodStart, periodEnd: v.periodEnd, value: v.value, derived: v.derived }))).toEqual(expected);
    // Claimants: no 12-month sum, anywhere.
    expect(rolling(CLAIMANTS)).toEqual([]);
    const claimantId = session.workspace.db.first<{ id: number }>('SELECT id FROM indicators WHERE name = ?', [CLAIMANTS])!.id;
    const grid = await h['values.grid']({ indicatorId: claimantId });
    expect(grid.periods.filter((p) => p.kind !== 'month')).toEqual([]);
    // The chart's rolling view takes the 12 months' mean of a count at a date, never the sum.
    const trend = await h['chart.trend']({ indicator: CLAIMANTS, area: BLABY, view: 'rolling12' });
    expect(trend.series.at(-1)?.value).toBeCloseTo(claimants.slice(12).reduce((a, b) => a + b, 0) / 12, 6);

    // The definition editor shows it and changes it; a change that makes no sense is refused.
    const catalogue = await h['indicators.list']({});
    const claimant = catalogue.dataSeries.find((i) => i.id === claimantId)!;
    expect(claimant.measureType).toBe('stock');
    const wrong = await dispatch(h, 'indicators.save', { ...definition(claimant), unit: 'percent', measureType: 'flow' });
    expect(wrong).toMatchObject({ ok: false, error: { message: 'A percentage cannot be a count of events; choose percentage.' } });
    const saved = await h['indicators.save']({ ...definition(claimant), measureType: 'flow' });
    expect(saved.item?.measureType).toBe('flow');
    // As a flow (the analyst's call), its months add up.
    const after = await h['values.list']({ indicator: CLAIMANTS, area: BLABY });
    expect(after.filter((v) => v.periodStart !== v.periodEnd).at(-1)?.value).toBe(claimants.slice(12).reduce((a, b) => a + b, 0));
  });

  it('migration 5 adds the measure type to a workspace of the previous schema, which still opens with its values', async () => {
    // A real version-4 workspace: the schema of migrations 1 to 4, with indicators and values.
    const old = await Sqlite.open();
    old.exec('CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.id <= 4)) {
      old.exec(m.sql);
      old.run('INSERT INTO migrations VALUES (?, ?, ?)', [m.id, m.name, '2025-01-01T00:00:00Z']);
    }
    expect(old.all<{ name: string }>('PRAGMA table_info(indicators)').map((c) => c.name)).not.toContain('measure_type');
    old.run("INSERT INTO areas (code, name, kind) VALUES (?, 'Blaby', 'district')", [BLABY]);
    const add = (name: string, unit: string, derivedFrom: number | null = null) =>
      old.insert(`INSERT INTO indicators (name, unit, polarity, decimals, sort_order, derivation, derived_from_id) VALUES (?, ?, 'lower', 1, 1, ?, ?)`, [name, unit, derivedFrom === null ? null : 'rate_per_1000', derivedFrom]);
    const crimes = add('Police recorded crime: Burglary (count)', 'count');
    add('Burglary rate (per 1,000 population)', 'rate_per_1000', crimes);
    add(CLAIMANTS, 'count');
    add('% of residents who feel safe after dark', 'percent');
    add('Re-offending rate of young offenders', 'ratio');
    add('Satisfaction with the council', 'ratio');
    MONTHS.forEach((m, i) => old.run('INSERT INTO observations (indicator_id, area_id, first_month, last_month, value) VALUES (?, 1, ?, ?, ?)', [crimes, m, m, reports[i]!]));
    const file = path.join(dir, 'v4.boardpack');
    const oldBytes = Buffer.from(old.export());
    await writeFile(file, oldBytes);
    old.close();

    const ws = await Workspace.open(file, env);
    try {
      expect(ws.db.all<{ id: number }>('SELECT id FROM migrations ORDER BY id').map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
      const indicators = listIndicators(ws.db, { includeArchived: true });
      expect(indicators.map((i) => [i.name, i.measureType])).toEqual([
        ['Police recorded crime: Burglary (count)', 'flow'],
        ['Burglary rate (per 1,000 population)', 'rate'],
        [CLAIMANTS, 'stock'],
        ['% of residents who feel safe after dark', 'percentage'],
        ['Re-offending rate of young offenders', 'rate'],
        ['Satisfaction with the council', 'score'],
      ]);
      // Its values still read, and the flow's rolling 12 months are still derived.
      const resolver = new ValueResolver(ws.db, new Map(indicators.map((i) => [i.id, i])));
      const area = { id: 1, code: BLABY, name: 'Blaby', kind: 'district' as const, parentCode: null };
      const v = resolver.valueFor(indicators[0]!, area, { first: '2024-01', last: '2024-12' });
      expect(v?.value).toBe(reports.slice(12).reduce((a, b) => a + b, 0));
    } finally {
      await ws.close();
    }
    // The file as it was before the migration is kept.
    const { readdir } = await import('node:fs/promises');
    const kept = [path.join(dir, 'v4.boardpack.bak'), ...(await readdir(path.join(dir, 'v4.boardpack.backups')).catch(() => [] as string[])).map((f) => path.join(dir, 'v4.boardpack.backups', f))];
    const contents = await Promise.all(kept.map((b) => readFile(b).catch(() => null)));
    expect(contents.some((c) => c !== null && Buffer.compare(c, oldBytes) === 0)).toBe(true);
  });
});

function definition(i: { id: number; outcomeId: number | null; name: string; unit: 'count' | 'rate_per_1000' | 'percent' | 'ratio'; polarity: 'lower' | 'higher' | 'none'; decimals: number; frequency: string; source: string; target: number | null; tolerancePercent: number | null; comparatorGroup: string; notes: string; footnote: string }) {
  const { id, outcomeId, name, unit, polarity, decimals, frequency, source, target, tolerancePercent, comparatorGroup, notes, footnote } = i;
  return { id, outcomeId, name, unit, polarity, decimals, frequency, source, target, tolerancePercent, comparatorGroup, notes, footnote };
}
