/**
 * Breakdowns are series, not duplicates (issue 15). Real tidy files hold several series in one
 * table, told apart by a column such as offence group, measure, sex or deprivation quintile:
 * each combination becomes its own indicator, or the analyst filters to one (on the Import
 * screen's mapping and with `boardpack import --filter`). Two rows with different figures for
 * the same indicator, area and period are an error naming the column that tells them apart.
 *
 * The files are generated here in the shapes publishers use; figures in assertions are computed
 * from the generated rows, not copied from Boardpack's output. The command line's --filter is
 * tested in test/main/cli/issue15-cli.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Session } from '../../../../main/core/app';
import { demoSession } from '../demo-support';
import { CSPS, cspCsv, cspRows, OFFENCE_GROUPS, YEARS, type CspRow } from '../../../fixtures/csp-crime-rates';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-breakdowns-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

function stored(session: Session, indicator: string): Array<{ area: string; first: string; last: string; value: number }> {
  return session.workspace.db.all(
    `SELECT a.code AS area, o.first_month AS first, o.last_month AS last, o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN areas a ON a.id = o.area_id
     WHERE i.name = ? ORDER BY a.code, o.last_month`,
    [indicator],
  );
}

const expected = (rows: CspRow[], group: string) =>
  rows
    .filter((r) => r.group === group)
    // "12 months ending Mar-23": April 2022 to March 2023.
    .map((r) => ({ area: r.code, first: r.year === 'Mar-23' ? '2022-04' : '2023-04', last: r.year === 'Mar-23' ? '2023-03' : '2024-03', value: r.rate }))
    .sort((x, y) => x.area.localeCompare(y.area) || x.last.localeCompare(y.last));

describe('breakdowns', () => {
  it('a CSP crime-rate file with seven offence groups becomes seven series, each named from its group', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const rows = cspRows();
    const file = await write('csp-crime-rates.csv', cspCsv(rows));
    const mappings = [{ file: 'csp-crime-rates.csv', fixed: { indicator: 'Offence rate' } }];
    const dry = await h['import.files']({ paths: [file], dryRun: true, mappings });
    const t = dry.tables![0]!;
    expect(t.blocking).toBeNull();
    const group = t.columns.find((c) => c.header === 'Offence group')!;
    expect(group.role).toBe('breakdown');
    expect(group.reason).toMatch(/^column "Offence group" takes several values for the same indicator, area and period \("Total recorded crime \(excluding fraud\)", "Violence against the person",/);
    expect(t.breakdowns).toEqual([{ index: 3, column: 'Offence group', values: OFFENCE_GROUPS, filter: null }]);
    // The dry run lists every series it would create, with its number of values.
    const perSeries = CSPS.length * YEARS.length;
    expect(t.series).toEqual(OFFENCE_GROUPS.map((g) => ({ name: `Offence rate: ${g}`, values: perSeries, isNew: true })));
    expect(t.newIndicators.map((n) => n.name)).toEqual(OFFENCE_GROUPS.map((g) => `Offence rate: ${g}`));
    expect(t.problemCount).toBe(0);
    expect(dry.added).toBe(rows.length);

    const done = await h['import.files']({ paths: [file], mappings });
    expect(done.added).toBe(rows.length);
    for (const g of OFFENCE_GROUPS) expect(stored(session, `Offence rate: ${g}`)).toEqual(expected(rows, g));
    // Nothing was kept under the bare name (the old first-row-wins "total").
    expect(stored(session, 'Offence rate')).toEqual([]);
  });

  it('filters to one offence group on the mapping: one series, the other rows left out and counted', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const rows = cspRows();
    const file = await write('csp-crime-rates.csv', cspCsv(rows));
    const mappings = [{ file: 'csp-crime-rates.csv', fixed: { indicator: 'Violent crime rate' }, filters: [{ column: 'offence group', value: 'violence against the person' }] }];
    const dry = await h['import.files']({ paths: [file], dryRun: true, mappings });
    const t = dry.tables![0]!;
    expect(t.columns.find((c) => c.header === 'Offence group')).toMatchObject({ role: 'ignore', reason: 'only rows where it is "violence against the person" (your filter)' });
    expect(t.breakdowns).toEqual([{ index: 3, column: 'Offence group', values: OFFENCE_GROUPS, filter: 'violence against the person' }]);
    const kept = rows.filter((r) => r.group === 'Violence against the person');
    expect(t.series).toEqual([{ name: 'Violent crime rate', values: kept.length, isNew: true }]);
    expect(t.rowsFilteredOut).toBe(rows.length - kept.length);
    expect(dry.skipped).toContainEqual({ reason: 'of the rows of csp-crime-rates.csv: not the ones where "Offence group" is "violence against the person" (your filter)', count: rows.length - kept.length });
    await h['import.files']({ paths: [file], mappings });
    expect(stored(session, 'Violent crime rate')).toEqual(expected(rows, 'Violence against the person'));

    // A filter on a column the file does not have says which columns it has.
    const wrong = await h['import.files']({ paths: [file], dryRun: true, mappings: [{ file: 'csp-crime-rates.csv', filters: [{ column: 'Crime group', value: 'Robbery' }] }] });
    expect(wrong.tables![0]!.blocking).toBe('There is no column "Crime group" to filter on; the columns are "Area Code", "Area Name", "12 months ending", "Offence group", "Rate per 1,000 population".');
    // A value no row holds is a warning naming the values it does hold.
    const none = await h['import.files']({ paths: [file], dryRun: true, mappings: [{ file: 'csp-crime-rates.csv', filters: [{ column: 'Offence group', value: 'Fraud' }] }] });
    expect(none.warnings[0]).toMatch(/^No row of csp-crime-rates.csv has "Offence group" = "Fraud"; it holds "Total recorded crime \(excluding fraud\)", "Violence against the person"/);
    expect(none.added).toBe(0);
  });

  it('two rows with different figures for the same indicator, area and period refuse the import, naming the column that tells them apart', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const rows = cspRows();
    const file = await write('csp-crime-rates.csv', cspCsv(rows));
    // The analyst (or a remembered mapping) left the offence group out.
    const mappings = [{ file: 'csp-crime-rates.csv', fixed: { indicator: 'Offence rate' }, columns: [{ index: 3, role: 'ignore' as const }] }];
    const before = session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM observations')!.n;
    const indicatorsBefore = session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM indicators')!.n;
    const dry = await h['import.files']({ paths: [file], dryRun: true, mappings });
    const t = dry.tables![0]!;
    // Row numbers in the file: the header is on row 3, data from row 4.
    const [first, second] = [rows[0]!, rows[1]!];
    expect(t.blocking).toBe(
      `Rows 4 and 5 both give Offence rate, Blaby, 2022-23 (${first.rate} and ${second.rate}); only column "Offence group" tells them apart ("${first.group}" and "${second.group}"): ` +
        `set column "Offence group" to "Breakdown" so each of its values becomes its own series, or filter the table to one of its values (--filter "Offence group=${first.group}"). ` +
        `${(rows.length - CSPS.length * YEARS.length - 1).toLocaleString('en-GB')} more rows are like it.`,
    );
    const real = await dispatch(h, 'import.files', { paths: [file], mappings });
    expect(real).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^"csp-crime-rates.csv": Rows 4 and 5 both give .* Nothing was imported\.$/) } });
    // The workspace is exactly as it was.
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM observations')!.n).toBe(before);
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM indicators')!.n).toBe(indicatorsBefore);
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM imports')!.n).toBe(0);

    // Two rows that differ only in their figure: no column tells them apart.
    const clash = await write('clash.csv', ['Indicator,Area,Period,Value', 'Tonnes of waste collected,Blaby,2023/24,512.5', 'Tonnes of waste collected,Blaby,2023/24,498.0'].join('\n'));
    const refused = await dispatch(h, 'import.files', { paths: [clash] });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: '"clash.csv": Rows 2 and 3 both give Tonnes of waste collected, Blaby, 2023-24 and differ only in their figures (512.5 and 498); no column tells them apart: keep one row for each indicator, area and period, or add a column that says what each row counts. Nothing was imported.' },
    });
    // The dry run says the same: refused, nothing would change (issue 15: a dry run ends as the import would).
    const dryClash = await h['import.files']({ paths: [clash], dryRun: true });
    expect(dryClash).toMatchObject({ status: 'refused', added: 0, changed: [], importId: null });
    expect(dryClash.warnings.join(' ')).toMatch(/^The import would be refused, so nothing would change: "clash\.csv": Rows 2 and 3 both give Tonnes of waste collected/);
    // An exact repeat is read once, and said.
    const repeat = await write('repeat.csv', ['Indicator,Area,Period,Value', 'Tonnes of waste collected,Blaby,2023/24,512.5', 'Tonnes of waste collected,Blaby,2023/24,512.5'].join('\n'));
    const once = await h['import.files']({ paths: [repeat] });
    expect(once.added).toBe(1);
    expect(once.tables![0]!.problems.map((p) => p.problem)).toEqual(['row 2 already has a value for the same indicator, area and period; the value on row 2 is kept']);
  });

  it('a measure column ("Rate per 1,000" / "Tonnes") and two breakdowns (sex, deprivation quintile) name each series from the combination', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    // A council KPI export: indicator, area, period, measure, value (one row per measure).
    const measures = [
      ['Household waste', 'Blaby', '2023/24', 'Tonnes', 41234],
      ['Household waste', 'Blaby', '2023/24', 'Rate per 1,000', 391.7],
      ['Household waste', 'Charnwood', '2023/24', 'Tonnes', 70110],
      ['Household waste', 'Charnwood', '2023/24', 'Rate per 1,000', 372.9],
    ] as const;
    const kpi = await write('kpi.csv', ['Indicator,Area,Period,Measure,Value', ...measures.map((m) => m.map((c) => `"${c}"`).join(','))].join('\n'));
    const r = await h['import.files']({ paths: [kpi] });
    const kpiTable = r.tables![0]!;
    expect(kpiTable.columns.find((c) => c.header === 'Measure')?.role).toBe('breakdown');
    for (const unit of ['Tonnes', 'Rate per 1,000']) {
      expect(stored(session, `Household waste: ${unit}`).map((x) => x.value)).toEqual(measures.filter((m) => m[3] === unit).map((m) => m[4]));
    }

    // A public health profile shape: sex and deprivation quintile (1 to 5, figures) as breakdowns.
    const lines: string[] = ['Indicator,Area code,Time period,Sex,Deprivation quintile,Value'];
    const figures = new Map<string, number>();
    for (const sex of ['Male', 'Female']) {
      for (let q = 1; q <= 5; q++) {
        const v = Math.round((60 + q * 2.5 + (sex === 'Male' ? -3 : 0)) * 10) / 10;
        figures.set(`${sex}, ${q}`, v);
        lines.push(`Healthy life expectancy,E07000129,2022/23,${sex},${q},${v}`);
      }
    }
    const phe = await write('profile.csv', lines.join('\n'));
    const p = await h['import.files']({ paths: [phe], dryRun: true });
    const pt = p.tables![0]!;
    expect(pt.columns.filter((c) => c.role === 'breakdown').map((c) => c.header)).toEqual(['Sex', 'Deprivation quintile']);
    expect(pt.series.map((s) => s.name)).toEqual([...figures.keys()].map((k) => `Healthy life expectancy: ${k}`));
    expect(pt.series.every((s) => s.values === 1)).toBe(true);
    await h['import.files']({ paths: [phe] });
    for (const [k, v] of figures) expect(stored(session, `Healthy life expectancy: ${k}`).map((x) => x.value)).toEqual([v]);

    // A column headed "Sex" that holds one value throughout names no series.
    const persons = await write('persons.csv', ['Indicator,Area,Period,Sex,Value', 'Smoking prevalence,Blaby,2023,Persons,12.1', 'Smoking prevalence,Charnwood,2023,Persons,13.4'].join('\n'));
    const one = await h['import.files']({ paths: [persons], dryRun: true });
    expect(one.tables![0]!.columns.find((c) => c.header === 'Sex')).toMatchObject({ role: 'ignore', reason: 'column "Sex" holds "Persons" on every row: it names no series' });
    expect(one.tables![0]!.series.map((s) => s.name)).toEqual(['Smoking prevalence']);
  });

  it('a wide table (periods across) with a sex column: one series per sex', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    // A public health profile cut as officers keep it: indicator and sex down, years across.
    const years = ['2021/22', '2022/23', '2023/24'];
    const figures: Record<string, number[]> = { Male: [15.2, 14.8, 13.9], Female: [11.4, 11.9, 10.7] };
    const file = await write(
      'smoking.csv',
      ['Indicator,Sex,' + years.join(','), ...Object.entries(figures).map(([sex, v]) => `Smoking prevalence in adults (%),${sex},${v.join(',')}`)].join('\n'),
    );
    const mappings = [{ file: 'smoking.csv', fixed: { area: 'Blaby' } }];
    const dry = await h['import.files']({ paths: [file], dryRun: true, mappings });
    const t = dry.tables![0]!;
    expect(t.shape).toBe('wide');
    expect(t.columns.find((c) => c.header === 'Sex')?.role).toBe('breakdown');
    expect(t.series).toEqual(Object.keys(figures).map((sex) => ({ name: `Smoking prevalence in adults (%): ${sex}`, values: years.length, isNew: true })));
    await h['import.files']({ paths: [file], mappings });
    for (const [sex, v] of Object.entries(figures)) {
      expect(stored(session, `Smoking prevalence in adults (%): ${sex}`).map((x) => x.value)).toEqual(v);
    }
  });
});
