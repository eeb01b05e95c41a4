/**
 * A police.uk file changes only what it covers (issue 15, "data that must never be damaged").
 *
 * Fixtures have police.uk's street-level crime shape (data.police.uk/about/#columns): one file
 * per force and month, twelve columns, "Falls within" naming the force, a 64-hex-digit Crime ID
 * per crime and none for anti-social behaviour, LSOA names "<district> 012B", rows with no
 * location, and a few crimes a force records just over its border (in a neighbour's district).
 * District names and codes are the published ONS ones; the figures are generated, and every
 * expected figure is counted in the test straight from the generated rows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, createSession, type Session } from '../../../../main/core/app';
import { upsertArea } from '../../../../main/core/areas/repo';
import { setMeta } from '../../../../main/core/store/meta';
import { Workspace } from '../../../../main/core/store/workspace';
import { demoSession, env } from '../demo-support';
import { seeded as random } from '../../../fixtures/seeded';
import { sharedData } from '../../../shared-folder';

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const ALL_CRIME = 'Police recorded crime: all crime excluding anti-social behaviour (count)';
const TYPES = ['Anti-social behaviour', 'Burglary', 'Vehicle crime', 'Violence and sexual offences', 'Shoplifting'];

interface Force {
  name: string;
  districts: string[];
  /** Districts of a neighbouring force where a few of its crimes are recorded. */
  border: string[];
}

const FORCES: Record<string, Force> = {
  leics: { name: 'Leicestershire Police', districts: ['Blaby', 'Charnwood', 'Harborough', 'Leicester', 'Melton', 'Rutland'], border: ['West Northamptonshire', 'Rushcliffe'] },
  northants: { name: 'Northamptonshire Police', districts: ['North Northamptonshire', 'West Northamptonshire'], border: ['Harborough', 'Blaby'] },
  notts: { name: 'Nottinghamshire Police', districts: ['Rushcliffe', 'Gedling'], border: ['Melton', 'Charnwood'] },
};
const FORCE_OF_DISTRICT = new Map(Object.entries(FORCES).flatMap(([key, f]) => f.districts.map((d) => [d, key] as const)));

/** Published ONS codes of the districts a test workspace holds. */
const CODES: Record<string, string> = {
  Blaby: 'E07000129', Charnwood: 'E07000130', Harborough: 'E07000131', Melton: 'E07000133', Leicester: 'E06000016', Rutland: 'E06000017',
  'North Northamptonshire': 'E06000061', 'West Northamptonshire': 'E06000062', Rushcliffe: 'E07000176', Gedling: 'E07000173',
};

interface Crime {
  id: string;
  district: string;
  type: string;
}

/** One force's month: the crimes (for the independent count) and the file's text. */
function forceMonth(forceKey: string, month: string): { crimes: Crime[]; text: string } {
  const force = FORCES[forceKey]!;
  const rnd = random([...`${forceKey}${month}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const crimes: Crime[] = [];
  const lines = [HEADER];
  let n = 0;
  const add = (district: string | null) => {
    const type = TYPES[Math.floor(rnd() * TYPES.length)]!;
    const id = type === 'Anti-social behaviour' ? '' : `${forceKey}${month}${String(++n).padStart(8, '0')}`.replace(/[^0-9a-z]/g, 'f').padStart(64, '0');
    const lsoa = district === null ? '' : `${district} 0${String(10 + Math.floor(rnd() * 80))}${'ABCD'[Math.floor(rnd() * 4)]}`;
    lines.push(`${id},${month},${force.name},${force.name},${district ? '-1.1,52.6' : ','},${district ? 'On or near Main Street' : 'No Location'},${district ? 'E01025000' : ''},${lsoa},${type},Under investigation,`);
    if (district !== null) crimes.push({ id, district, type });
  };
  for (const d of force.districts) for (let i = 0, k = 5 + Math.floor(rnd() * 25); i < k; i++) add(d);
  for (const d of force.border) for (let i = 0, k = 1 + Math.floor(rnd() * 3); i < k; i++) add(d);
  for (let i = 0; i < 3; i++) add(null);
  return { crimes, text: lines.join('\r\n') + '\r\n' };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-coverage-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** Every stored monthly "all crime" count: "district|month" -> value. */
function allCrimeCells(session: Session): Map<string, number | null> {
  const rows = session.workspace.db.all<{ name: string; month: string; value: number | null }>(
    `SELECT a.name, o.first_month AS month, o.value FROM observations o
     JOIN areas a ON a.id = o.area_id JOIN indicators i ON i.id = o.indicator_id
     WHERE i.name = ? AND o.first_month = o.last_month`,
    [ALL_CRIME],
  );
  return new Map(rows.map((r) => [`${r.name}|${r.month}`, r.value]));
}

/** Every stored value of any kind, for "nothing else changed". */
function everyValue(session: Session): string[] {
  return session.workspace.db
    .all<{ i: number; a: number; f: string; l: string; v: number | null }>('SELECT indicator_id AS i, area_id AS a, first_month AS f, last_month AS l, value AS v FROM observations ORDER BY 1, 2, 3, 4')
    .map((r) => `${r.i}|${r.a}|${r.f}|${r.l}|${r.v}`);
}

async function boardWorkspace(): Promise<Session> {
  const workspace = await Workspace.create(path.join(dir, `board-${Math.random()}.boardpack`), env);
  workspace.mutate(() => {
    upsertArea(workspace.db, { code: 'E10000018', name: 'Leicestershire', kind: 'county', parentCode: null });
    for (const [name, code] of Object.entries(CODES)) upsertArea(workspace.db, { code, name, kind: code.startsWith('E06') ? 'unitary' : 'district', parentCode: null });
    setMeta(workspace.db, 'dashboard_area_code', 'E10000018');
  });
  return createSession({ workspace, env });
}

describe('a police.uk file of another force', () => {
  it('leaves the demo workspace exactly as it was, and says the file was for another force', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const before = everyValue(session);
    const blabyBefore = allCrimeCells(session).get('Blaby|2024-01');
    expect(blabyBefore).toBeGreaterThan(0);

    const file = await write('2024-01-northamptonshire-street.csv', forceMonth('northants', '2024-01').text);
    const report = await h['import.files']({ paths: [file] });

    expect(everyValue(session)).toEqual(before);
    expect(allCrimeCells(session).get('Blaby|2024-01')).toBe(blabyBefore);
    expect(report.files[0]!.summary).toContain('Northamptonshire Police');
    expect(report.files[0]!.summary).toContain("covers none of this workspace's districts");
    // Its crimes over the border in Harborough and Blaby are named, not counted.
    const harborough = report.skipped.find((s) => s.reason.startsWith('police.uk rows in Harborough from another force'));
    expect(harborough?.reason).toContain("Harborough's figures were left as they were");
  });

  it('in a workspace of every district in England and Wales, writes only the districts its force covers', async () => {
    const workspace = await Workspace.create(path.join(dir, `ew-${Math.random()}.boardpack`), env);
    const session = createSession({ workspace, env });
    const h = createHandlers(session);
    await h['import.files']({ paths: [sharedData('ons', 'lad16-csp16-pfa16-lookup.csv')] });
    const { crimes, text } = forceMonth('leics', '2024-02');
    await h['import.files']({ paths: [await write('2024-02-leicestershire-street.csv', text)] });

    const cells = allCrimeCells(session);
    // Leicestershire Police covers these six of the file's districts (and Hinckley and
    // Bosworth, North West Leicestershire, Oadby and Wigston, which the file has no rows in).
    const covered = ['Blaby', 'Charnwood', 'Harborough', 'Leicester', 'Melton', 'Rutland', 'Hinckley and Bosworth', 'North West Leicestershire', 'Oadby and Wigston'];
    expect([...cells.keys()].map((k) => k.split('|')[0]).sort()).toEqual([...covered].sort());
    for (const d of covered) {
      const expected = crimes.filter((c) => c.district === d && c.type !== 'Anti-social behaviour').length;
      expect(cells.get(`${d}|2024-02`), d).toBe(expected);
    }
    // The border crimes in Northamptonshire and Nottinghamshire districts wrote nothing there.
    expect(cells.has('West Northamptonshire|2024-02')).toBe(false);
    expect(cells.has('Rushcliffe|2024-02')).toBe(false);
  });
});

describe('what the plan says will be counted', () => {
  it('names the districts the files cover (their own force\'s file for a month is there), the crime types and the months', async () => {
    const session = await boardWorkspace();
    const h = createHandlers(session);
    const leics = forceMonth('leics', '2024-05');
    const notts = forceMonth('notts', '2024-06');
    const files = [await write('2024-05-leicestershire-street.csv', leics.text), await write('2024-06-nottinghamshire-street.csv', notts.text)];
    const plan = await h['import.files']({ paths: files, dryRun: true });
    // Northamptonshire's districts have border crimes in the Leicestershire file but no file of
    // their own force: not counted, and so not named.
    expect(plan.policeUk).toEqual({
      districts: ['Blaby', 'Charnwood', 'Gedling', 'Harborough', 'Leicester', 'Melton', 'Rushcliffe', 'Rutland'],
      crimeTypes: [...new Set([...leics.crimes, ...notts.crimes].map((c) => c.type)), 'All crime'].sort(),
      months: ['2024-05', '2024-06'],
    });
    // The import says the same as its plan.
    const done = await h['import.files']({ paths: files });
    expect(done.policeUk).toEqual(plan.policeUk);
  });

  it('names no district when the files cover none of the workspace\'s, and is absent without police.uk files', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const plan = await h['import.files']({ paths: [await write('2024-07-northamptonshire-street.csv', forceMonth('northants', '2024-07').text)], dryRun: true });
    expect(plan.policeUk?.districts).toEqual([]);
    expect(plan.policeUk?.months).toEqual(['2024-07']);
    const ons = await h['import.files']({ paths: [sharedData('ons', 'lad16-csp16-pfa16-lookup.csv')], dryRun: true });
    expect(ons.policeUk).toBeUndefined();
  });
});

describe('the same crimes twice', () => {
  it('counts each crime once in a file joined from two copies, and says so', async () => {
    const session = await boardWorkspace();
    const h = createHandlers(session);
    const { crimes, text } = forceMonth('leics', '2024-03');
    const body = text.split('\r\n').slice(1).join('\r\n');
    const report = await h['import.files']({ paths: [await write('joined.csv', text + body)] });
    const cells = allCrimeCells(session);
    const blaby = crimes.filter((c) => c.district === 'Blaby' && c.type !== 'Anti-social behaviour').length;
    expect(cells.get('Blaby|2024-03')).toBe(blaby);
    const repeated = crimes.filter((c) => c.id !== '').length;
    expect(report.warnings.join(' ')).toContain('more than once (the same Crime ID); each crime was counted once');
    expect(report.skipped.find((s) => s.reason.startsWith('police.uk crimes already counted'))?.count).toBe(repeated);
  });

  it('reads a copy of a file under another name once', async () => {
    const session = await boardWorkspace();
    const h = createHandlers(session);
    const { crimes, text } = forceMonth('leics', '2024-04');
    const a = await write('2024-04-leicestershire-street.csv', text);
    const b = await write('2024-04-leicestershire-street (1).csv', text);
    const report = await h['import.files']({ paths: [a, b] });
    expect(report.warnings).toContain('2024-04-leicestershire-street (1).csv is a copy of 2024-04-leicestershire-street.csv (the same contents); it was read once.');
    const asb = 'Police recorded crime: Anti-social behaviour (count)';
    const stored = session.workspace.db.first<{ v: number }>(
      `SELECT o.value AS v FROM observations o JOIN areas a ON a.id = o.area_id JOIN indicators i ON i.id = o.indicator_id WHERE i.name = ? AND a.name = 'Charnwood' AND o.first_month = '2024-04'`,
      [asb],
    );
    expect(stored?.v).toBe(crimes.filter((c) => c.district === 'Charnwood' && c.type === 'Anti-social behaviour').length);
  });
});

describe('property: importing any police.uk files never changes what they do not cover', () => {
  it('holds for 25 random imports of subsets of forces and months, in any order, once or twice', async () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
    const forceKeys = Object.keys(FORCES);
    const rnd = random(20261202);
    const session = await boardWorkspace();
    const h = createHandlers(session);
    for (let round = 0; round < 25; round++) {
      const picked: Array<[string, string]> = [];
      for (const f of forceKeys) for (const m of months) if (rnd() < 0.25) picked.push([f, m]);
      if (picked.length === 0) picked.push([forceKeys[round % 3]!, months[round % 5]!]);
      // Any order; sometimes a file twice, under another name.
      picked.sort(() => rnd() - 0.5);
      if (rnd() < 0.3) picked.push(picked[0]!);
      const files: string[] = [];
      const crimesOfMonth = new Map<string, Map<string, Crime>>();
      for (const [i, [f, m]] of picked.entries()) {
        const { crimes, text } = forceMonth(f, m);
        files.push(await write(`round${round}-${i}-${m}-${f}.csv`, text));
        const byId = crimesOfMonth.get(m) ?? new Map<string, Crime>();
        crimes.forEach((c, k) => byId.set(c.id || `asb-${f}-${k}`, c));
        crimesOfMonth.set(m, byId);
      }
      const coveredCell = (district: string, month: string) => picked.some(([f, m]) => m === month && FORCE_OF_DISTRICT.get(district) === f);

      const before = allCrimeCells(session);
      await h['import.files']({ paths: files });
      const after = allCrimeCells(session);

      for (const district of Object.keys(CODES)) {
        for (const month of months) {
          const key = `${district}|${month}`;
          if (coveredCell(district, month)) {
            const expected = [...(crimesOfMonth.get(month)?.values() ?? [])].filter((c) => c.district === district && c.type !== 'Anti-social behaviour').length;
            expect(after.get(key), `round ${round}, ${key}`).toBe(expected);
          } else {
            expect(after.get(key), `round ${round}, ${key} (not covered)`).toBe(before.get(key));
          }
        }
      }
    }
  });
});
