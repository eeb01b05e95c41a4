/**
 * ONS population files of other shapes than the mid-2023 England and Wales CSV:
 * - the UK-wide workbook ("Estimates of the population for the UK, England, Wales, Scotland and
 *   Northern Ireland"): sheets "Contents", "MYE2 - Persons", "MYE2 - Males", each with title
 *   lines above the header "Code, Name, Geography, All ages, 0, 1, ...", rows for the UK
 *   (K02000001), the four nations, English counties and districts, Scottish council areas (S12)
 *   and Northern Irish districts (N09); the year only in the title ("Mid-2022");
 * - a plain "Area code, Area name, Population" table with no year anywhere (the year is given);
 * - a Nomis download ("Population estimates - local authority based by single year of age"):
 *   "geography, geography code" and one column per year ("2021", "2022", "2023");
 * and a table of crimes by year, which has the same shape as the last and must not be read as
 * populations.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type Session } from '../../../../main/core/app';
import { demoSession } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-population-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const UK_ROWS: Array<[string, string, string, number]> = [
  ['K02000001', 'UNITED KINGDOM', 'Country', 68_265_209],
  ['E92000001', 'ENGLAND', 'Country', 57_106_398],
  ['E10000018', 'Leicestershire', 'County', 728_010],
  ['E07000129', 'Blaby', 'Non-metropolitan District', 104_212],
  ['E07000130', 'Charnwood', 'Non-metropolitan District', 187_105],
  ['S92000003', 'SCOTLAND', 'Country', 5_447_000],
  ['S12000033', 'Aberdeen City', 'Council Area', 227_430],
  ['N92000002', 'NORTHERN IRELAND', 'Country', 1_910_543],
  ['N09000003', 'Belfast', 'Local Government District', 348_005],
];

async function ukWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Contents').addRows([['Contents'], ['MYE2 - Persons', 'Population estimates by single year of age, persons']]);
  for (const [sheet, share] of [['MYE2 - Persons', 1], ['MYE2 - Males', 0.49]] as const) {
    const ws = book.addWorksheet(sheet);
    ws.addRow([`Mid-2022 population estimates for the UK, England, Wales, Scotland and Northern Ireland: ${sheet.slice(7)}`]);
    ws.addRow(['This worksheet contains one table.']);
    ws.addRow(['Code', 'Name', 'Geography', 'All ages', '0', '1', '2']);
    for (const [code, name, geography, people] of UK_ROWS) {
      const total = Math.round(people * share);
      ws.addRow([code, name, geography, total, Math.round(total / 90), Math.round(total / 91), Math.round(total / 92)]);
    }
  }
  await book.xlsx.writeFile(file);
}

function populations(session: Session): Array<{ code: string; year: number; count: number }> {
  return session.workspace.db.all('SELECT a.code, p.year, p.count FROM populations p JOIN areas a ON a.id = p.area_id ORDER BY a.code, p.year');
}
const codesIn = (session: Session) => new Set(session.workspace.db.all<{ code: string }>('SELECT code FROM areas').map((a) => a.code));

describe('ONS population files', () => {
  it('reads the UK-wide workbook: the Persons sheet, the year from its title, Scotland and Northern Ireland rows read and left out as not in the workspace', async () => {
    const file = path.join(dir, 'ukpopestimates.xlsx');
    await ukWorkbook(file);
    const session = await demoSession();
    const before = populations(session).filter((p) => p.year !== 2022);
    const report = await createHandlers(session)['import.files']({ paths: [file] });
    expect(report.files[0]).toMatchObject({ shape: 'ons-population', sheet: 'MYE2 - Persons', summary: `ONS mid-year population estimates (2022), ${UK_ROWS.length} areas` });
    const codes = codesIn(session);
    const want = UK_ROWS.filter(([code]) => codes.has(code)).map(([code, , , people]) => ({ code, year: 2022, count: people })).sort((x, y) => x.code.localeCompare(y.code));
    expect(want.length).toBeGreaterThanOrEqual(3);
    expect(populations(session).filter((p) => p.year === 2022)).toEqual(want);
    // Other years are untouched.
    expect(populations(session).filter((p) => p.year !== 2022)).toEqual(before);
    expect(report.skipped).toContainEqual({ reason: 'areas in ukpopestimates.xlsx that are not in this workspace', count: UK_ROWS.length - want.length });
  });

  it('a "Population" column with no year anywhere asks for the year, and takes it from the option (the CLI\'s --year)', async () => {
    const rows = [['E10000018', 'Leicestershire', '712,366'], ['E07000129', 'Blaby', '101,526']];
    const file = path.join(dir, 'la-population.csv');
    await writeFile(file, ['Area code,Area name,Population', ...rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','))].join('\n'));
    const session = await demoSession();
    const h = createHandlers(session);
    await expect(h['import.files']({ paths: [file] })).rejects.toThrow(/Cannot tell which year's estimates la-population\.csv holds.*--year/);
    await h['import.files']({ paths: [file], populationYear: 2021 });
    expect(populations(session).filter((p) => p.year === 2021)).toEqual(rows.map(([code, , n]) => ({ code: code!, year: 2021, count: Number(n!.replace(/,/g, '')) })).sort((x, y) => x.code.localeCompare(y.code)));

  });

  it('a Nomis table with one column per year stores each year', async () => {
    const years = [2021, 2022, 2023];
    const areas: Array<[string, string, number[]]> = [['Blaby', 'E07000129', [101_526, 102_900, 104_212]], ['Charnwood', 'E07000130', [183_971, 185_600, 187_105]]];
    const file = path.join(dir, 'nomis_2024_01_01_120000.csv');
    await writeFile(file, ['"Population estimates - local authority based by single year of age"', '', ['geography', 'geography code', ...years].join(','), ...areas.map(([n, c, v]) => [n, c, ...v].join(','))].join('\r\n'));
    const session = await demoSession();
    await createHandlers(session)['import.files']({ paths: [file] });
    const got = populations(session).filter((p) => years.includes(p.year) && areas.some(([, c]) => c === p.code));
    expect(got).toEqual(areas.flatMap(([, code, v]) => years.map((year, k) => ({ code, year, count: v[k]! }))));
  });

  it('a table of crimes by year with the same shape is a table of figures, not populations', async () => {
    const file = path.join(dir, 'crimes-by-year.csv');
    await writeFile(file, ['Recorded crimes', 'Code,Name,2022,2023', 'E07000129,Blaby,5210,5398', 'E07000130,Charnwood,11020,11534'].join('\n'));
    const session = await demoSession();
    const before = populations(session);
    const report = await createHandlers(session)['import.files']({ paths: [file], dryRun: true });
    expect(report.files[0]!.shape).toBe('wide');
    expect(populations(session)).toEqual(before);
  });

  it('a title split over two rows still says population ("... mid" / "year estimates"), and a wide file is checked quickly the same way', async () => {
    const { findPopulationHeader } = await import('../../../../main/core/imports/ons');
    const rows = (titles: string[][]) => [...titles, ['Code', 'Name', '2022', '2023'], ['E07000129', 'Blaby', '104001', '104212']];
    const source = { file: 'table.csv', sheet: '' };
    expect(findPopulationHeader(rows([['Figures at mid'], ['year', '(persons)']]), source)?.counts).toEqual([{ col: 2, year: 2022 }, { col: 3, year: 2023 }]);
    expect(findPopulationHeader(rows([['Figures at mid-'], ['point']]), source)).toBeUndefined();
    expect(findPopulationHeader(rows([['Recorded crimes']]), { file: 'Nomis mid-year estimates.csv', sheet: '' })?.index).toBe(1);
    const wide = Array.from({ length: 500 }, (_, i) => `note ${i}`);
    expect(findPopulationHeader(rows([[...wide, 'population'], wide]), source)?.index).toBe(2);
  });

  it('refuses a file whose name and title give different years', async () => {
    const file = path.join(dir, 'mye-mid2022.csv');
    await writeFile(file, ['Mid-2023 population estimates', 'Code,Name,Geography,All ages', 'E07000129,Blaby,Non-metropolitan District,104212'].join('\n'));
    const session = await demoSession();
    await expect(createHandlers(session)['import.files']({ paths: [file] })).rejects.toThrow(/names more than one year \(2022 in its name, 2023 in the title "Mid-2023 population estimates"\)/);
  });
});
