/**
 * Fingertips (OHID public health profiles) "download data" CSV exports.
 *
 * The fixture has the shape the Fingertips service writes: this 26-column header, exactly as
 * the service's own test of its CSV download checks it (PholioVisualisation.ServicesWebTest,
 * DataControllerTest.HeaderText, in the Fingertips source published by PHE/UKHSA):
 *   Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,
 *   Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,
 *   Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,
 *   Compared to England value or percentiles,Compared to Region value or percentiles,
 *   Time period Sortable,New data,Compared to goal
 * with every data row one field short (the last is left off), indicator names quoted (one
 * with a line break inside, one with a comma), CRLF line ends, and pooled periods written
 * "2020 - 22" and "2020/21 - 22/23".
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type Session } from '../../../../main/core/app';
import { fingertipsPeriod } from '../../../../main/core/imports/fingertips';
import { demoSession } from '../demo-support';
import { csv, KSI, line, rows, VIOLENCE, type Row } from '../../../fixtures/fingertips';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-fingertips-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function stored(session: Session) {
  return session.workspace.db.all<{ indicator: string; code: string; first: string; last: string; value: number; numerator: number | null; denominator: number | null; note: string }>(
    `SELECT i.name AS indicator, a.code, o.first_month AS first, o.last_month AS last, o.value, o.numerator, o.denominator, o.note
     FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN areas a ON a.id = o.area_id WHERE o.import_id IS NOT NULL AND i.name IN (?, ?) ORDER BY i.name, a.code`,
    [VIOLENCE.name.replace(/\s+/g, ' '), KSI.name],
  );
}

/** What the workspace should hold: the fixture's rows for the areas it has, the file's figures as numbers. */
function expected(session: Session, data: Row[]) {
  const codes = new Set(session.workspace.db.all<{ code: string }>('SELECT code FROM areas').map((a) => a.code));
  const span: Record<string, [string, string]> = { '2020/21 - 22/23': ['2020-04', '2023-03'], '2020 - 22': ['2020-01', '2022-12'] };
  return data
    .filter((r) => codes.has(r.area[0]))
    .map((r) => ({
      indicator: r.name.replace(/\s+/g, ' '),
      code: r.area[0],
      first: span[r.period]![0],
      last: span[r.period]![1],
      value: Number(r.value),
      numerator: Number(r.count),
      denominator: r.denominator === '' ? null : Number(r.denominator),
      note: [r.note, `95% CI ${r.lo} to ${r.hi}`].filter(Boolean).join('; '),
    }))
    .sort((x, y) => (x.indicator < y.indicator ? -1 : x.indicator > y.indicator ? 1 : x.code < y.code ? -1 : 1));
}

describe('Fingertips "download data" exports', () => {
  it('reads indicator, area code, pooled period, value, confidence limits, count and denominator from rows one field short of the header', async () => {
    const data = rows();
    const text = csv(data);
    // The fixture really has the two quirks: a line break inside a quoted name, and 25-field rows under a 26-field header.
    expect(text).toContain('"Hospital admissions for violence\n(including sexual violence)"');
    const file = path.join(dir, 'indicators-DistrictUApre419.data.csv');
    await writeFile(file, text);
    const session = await demoSession();
    const report = await createHandlers(session)['import.files']({ paths: [file] });
    const t = report.tables![0]!;
    expect(t.problems).toEqual([]);
    expect(t.blocking).toBeNull();
    expect(report.files[0]!.summary).toContain(`a Fingertips export of indicators ${VIOLENCE.id} Hospital admissions for violence (including sexual violence) (Sex: Persons; Age: All ages); ${KSI.id}`);
    const want = expected(session, data);
    expect(want.length).toBeGreaterThan(0);
    expect(report.added).toBe(want.length);
    expect(stored(session)).toEqual(want);
    // England and the region are not in this workspace: left out and said so, not dropped unseen.
    const left = data.length - want.length;
    expect(report.skipped).toContainEqual(expect.objectContaining({ count: left }));
  });

  it('lists a row that does not line up (not the one-short rows Fingertips writes) and reads the rest', async () => {
    const data = rows();
    const file = path.join(dir, 'fingertips-edited.csv');
    // Row 12 lost six fields, as a hand edit in a text editor might leave it.
    const broken = line(data[0]!).split(',').slice(0, 19).join(',');
    await writeFile(file, csv(data, [broken]));
    const session = await demoSession();
    const report = await createHandlers(session)['import.files']({ paths: [file] });
    const t = report.tables![0]!;
    expect(t.problemCount).toBe(1);
    expect(t.problems[0]).toMatchObject({ row: data.length + 2, problem: 'the row has 19 cells but the header has 26, so its cells may not line up with the columns' });
    expect(stored(session)).toEqual(expected(session, data));
  });

  it('an indicator held for several sexes becomes one series per sex (the Sex column is a breakdown), or is filtered to one', async () => {
    const data = rows();
    const males = data.filter((r) => r.id === KSI.id).map((r) => ({ ...r, sex: 'Male', value: (Number(r.value) + 10).toFixed(1) }));
    const file = path.join(dir, 'fingertips-by-sex.csv');
    await writeFile(file, csv([...data, ...males]));
    const session = await demoSession();
    const h = createHandlers(session);
    const dry = await h['import.files']({ paths: [file], dryRun: true });
    const plan = dry.tables![0]!;
    expect(plan.columns.find((c) => c.header === 'Sex')?.role).toBe('breakdown');
    expect(plan.columns.find((c) => c.header === 'Age')?.role).toBe('ignore');
    const codes = new Set(session.workspace.db.all<{ code: string }>('SELECT code FROM areas').map((a) => a.code));
    const valuesOf = (name: string) =>
      session.workspace.db.all<{ code: string; value: number }>('SELECT a.code, o.value FROM observations o JOIN areas a ON a.id = o.area_id JOIN indicators i ON i.id = o.indicator_id WHERE i.name = ? ORDER BY a.code', [name]);
    await h['import.files']({ paths: [file] });
    for (const [sex, source] of [['Persons', data.filter((r) => r.id === KSI.id)], ['Male', males]] as const) {
      expect(valuesOf(`${KSI.name}: ${sex}`)).toEqual(source.filter((r) => codes.has(r.area[0])).map((r) => ({ code: r.area[0], value: Number(r.value) })).sort((x, y) => x.code.localeCompare(y.code)));
    }
    // Filtered to one sex: only that one's figures, under the indicator's own name.
    const other = await demoSession();
    await createHandlers(other)['import.files']({ paths: [file], mappings: [{ file: 'fingertips-by-sex.csv', filters: [{ column: 'Sex', value: 'Male' }] }] });
    const male = other.workspace.db.all<{ name: string }>("SELECT DISTINCT i.name FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.name LIKE 'Killed and seriously injured%'");
    expect(male.length).toBe(1);
  });

  it('reads Fingertips pooled periods', () => {
    expect(fingertipsPeriod('2020 - 22')).toBe('Jan 2020 - Dec 2022');
    expect(fingertipsPeriod('2018/19 - 20/21')).toBe('Apr 2018 - Mar 2021');
    expect(fingertipsPeriod('2022/23')).toBe('2022/23');
  });
});
