/**
 * Rates only from full coverage (issue 15): a rate for an area is derived from the counts of the
 * areas within it only when they cover the whole area (their mid-year populations add up to its
 * own). A region's "Total Crime rate" must never be one county's crimes over the region's
 * population; the grid says why there is no rate.
 *
 * Files: the real ONS mid-2023 estimates for England and Wales (../shared/data/ons, the
 * publisher's "Code, Name, Geography, All ages" CSV, which gives the region its population),
 * and a generated mid-2024 file of the same shape holding only some of Leicestershire's areas.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../main/core/app';
import { demoSession, REPO } from '../demo-support';
import { sharedData } from '../../../shared-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-coverage-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const RATE = 'Total Crime rate (per 1,000 population)';
const ONS_FILE = sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv');

function onsPopulations(): Map<string, number> {
  const rows = Papa.parse<Record<string, string>>(readFileSync(ONS_FILE, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  return new Map(rows.map((r) => [r.Code!, Number(r['All ages'])]));
}

/** All crime in Leicestershire's seven districts in 2024, from the demo's police.uk monthly counts. */
function countyCrimes2024(): number {
  const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(REPO, 'assets/demo/police-monthly.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return rows.filter((r) => r.crime_type === 'All crime' && r.month!.startsWith('2024-')).reduce((t, r) => t + Number(r.count), 0);
}

describe('rates only from full coverage', () => {

  it("a region holding one county gets no Total Crime rate, and the grid says why; the county's own rate stands", async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    await h['import.files']({ paths: [ONS_FILE] });
    const pops = onsPopulations();
    const region = pops.get('E12000004')!;
    const county = pops.get('E10000018')!;

    // No rate for the region: its only area here, the county, is a fraction of it.
    expect(await h['values.list']({ indicator: RATE, area: 'E12000004' })).toEqual([]);
    const rateId = session.workspace.db.first<{ id: number }>('SELECT id FROM indicators WHERE name = ?', [RATE])!.id;
    const grid = await h['values.grid']({ indicatorId: rateId });
    const share = Math.round((county / region) * 100);
    expect(grid.coverageNotes).toContain(
      `East Midlands (E12000004): no rate is worked out from the areas within it, because the only area within East Midlands in this workspace (Leicestershire) holds ${county.toLocaleString('en-GB')} of its ${region.toLocaleString('en-GB')} people (${share}%, mid-2023), so its counts do not cover East Midlands.`,
    );
    // Nor a count: the county's crimes are not the region's.
    const counts = await h['values.list']({ indicator: 'Police recorded crime: all crime excluding anti-social behaviour (count)', area: 'E12000004' });
    expect(counts).toEqual([]);

    // The county: its seven districts add up to it, so its rate is derived, from its own population.
    const [row] = (await h['values.list']({ indicator: RATE, area: 'E10000018', from: '2024-01', to: '2024-12' })).filter((v) => v.periodStart === '2024-01' && v.periodEnd === '2024-12');
    expect(row).toMatchObject({ numerator: countyCrimes2024(), denominator: county, derived: true });
    expect(row!.value).toBeCloseTo((countyCrimes2024() / county) * 1000, 9);
    expect(grid.coverageNotes.filter((n) => n.startsWith('Leicestershire (E10000018)'))).toEqual([]);
  });

  it('coverage is checked in a year every area has an estimate for; a county whose districts fall short gets none', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    // A mid-2024 file of the ONS shape holding the county and six of its seven districts (no Blaby).
    const mid2024: Array<[string, string, string, number]> = [
      ['E10000018', 'Leicestershire', 'County', 741200],
      ['E07000130', 'Charnwood', 'Non-metropolitan District', 190100],
      ['E07000131', 'Harborough', 'Non-metropolitan District', 104000],
      ['E07000132', 'Hinckley and Bosworth', 'Non-metropolitan District', 115900],
      ['E07000133', 'Melton', 'Non-metropolitan District', 53600],
      ['E07000134', 'North West Leicestershire', 'Non-metropolitan District', 111600],
      ['E07000135', 'Oadby and Wigston', 'Non-metropolitan District', 60100],
    ];
    const file = path.join(dir, 'ons_mye_mid2024_leicestershire.csv');
    await writeFile(file, ['Code,Name,Geography,All ages', ...mid2024.map((r) => r.join(','))].join('\n'));
    const r = await h['import.files']({ paths: [file] });
    expect(r.added).toBe(mid2024.length);
    // 2024 cannot be checked (Blaby has no mid-2024 estimate); 2023 can, and the districts add up.
    const rows = await h['values.list']({ indicator: RATE, area: 'E10000018', from: '2024-01', to: '2024-12' });
    expect(rows.find((v) => v.periodStart === '2024-01' && v.periodEnd === '2024-12')?.numerator).toBe(countyCrimes2024());

    // A county figure that the districts do not reach (an estimate for a larger area): no rate.
    const bigger = path.join(dir, 'ons_mye_mid2023_county.csv');
    const districts2023 = [...onsPopulations()].filter(([code]) => code.startsWith('E07000129') || /^E0700013[0-5]$/.test(code)).reduce((t, [, p]) => t + p, 0);
    const inflated = Math.round(districts2023 * 1.1);
    await writeFile(bigger, ['Code,Name,Geography,All ages', `E10000018,Leicestershire,County,${inflated}`].join('\n'));
    const inflatedImport = await h['import.files']({ paths: [bigger] });
    expect(inflatedImport.changed).toEqual([{ indicator: 'Population, Leicestershire', span: 'mid-2023', old: String(districts2023), new: String(inflated) }]);
    expect((await h['values.list']({ indicator: RATE, area: 'E10000018', from: '2024-01', to: '2024-12' })).filter((v) => v.periodStart !== v.periodEnd)).toEqual([]);
    const rateId = session.workspace.db.first<{ id: number }>('SELECT id FROM indicators WHERE name = ?', [RATE])!.id;
    const notes = (await h['values.grid']({ indicatorId: rateId })).coverageNotes;
    // (The region above gets no note: no area within it holds counts any more.)
    expect(notes).toEqual([
      `Leicestershire (E10000018): no rate is worked out from the areas within it, because the 7 areas within Leicestershire in this workspace (Blaby, Charnwood, Harborough and 4 more) hold ${districts2023.toLocaleString('en-GB')} of its ${inflated.toLocaleString('en-GB')} people (${Math.round((districts2023 / inflated) * 100)}%, mid-2023), so their counts do not cover Leicestershire.`,
    ]);
  });
});
