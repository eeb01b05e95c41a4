/**
 * Issue 11: an analyst starts a workspace for their own board and imports police.uk and ONS
 * files with no other step, through the command line as a user would (`boardpack new --area`,
 * `boardpack import`, `boardpack areas`). Every figure asserted is counted straight from the
 * rows of the files imported, and populations from the ONS file.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, createSession } from '../../../main/core/app';
import { Workspace } from '../../../main/core/store/workspace';
import { boardpack, env } from '../core/demo-support';
import { sharedData } from '../../shared-folder';

const POLICE = sharedData('police-uk');
const ONS = sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv');
let dir: string;
let onsRows: Array<Record<string, string>>;
const population = (code: string) => Number(onsRows.find((r) => r.Code === code)!['All ages']);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-board-'));
  onsRows = Papa.parse<Record<string, string>>((await readFile(ONS, 'utf8')).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Opens a workspace the CLI wrote, for the checks a user would make in the app. */
async function open(file: string) {
  const workspace = await Workspace.open(file, env);
  return { workspace, h: createHandlers(createSession({ workspace, env })) };
}

describe('boardpack new --area', () => {
  it('says how to use it in --help', async () => {
    const help = await boardpack('new', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--area');
    expect(help.stdout).toContain('--indicators-from');
    expect(help.stdout).toMatch(/county.*unitary.*district.*community safety partnership.*police force area/s);
  });

  it('makes a county board with its districts and built-in populations, titled by its file, and says a shared name means the county', async () => {
    const file = path.join(dir, 'Safer Leicestershire Board.boardpack');
    const r = await boardpack('new', '--workspace', file, '--area', 'leicestershire');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Leicestershire (E10000018, county)');
    expect(r.stdout).toContain('"Leicestershire" means the county E10000018');
    expect(r.stdout).toContain('E23000021');
    const listed = await boardpack('areas', '--workspace', file);
    const lines = listed.stdout.replace(/\n$/, '').split('\n').slice(1).map((l) => l.split('\t'));
    // The county and the seven districts that follow it in the ONS file, with its populations.
    const at = onsRows.findIndex((row) => row.Code === 'E10000018');
    const districts = onsRows.slice(at + 1, at + 8);
    expect(lines.map((l) => l[0]).sort()).toEqual(['E10000018', ...districts.map((d) => d.Code!)].sort());
    for (const d of districts) expect(lines.find((l) => l[0] === d.Code)).toEqual([d.Code, d.Name, 'district', 'E10000018', '2023', '']);
    expect(lines.find((l) => l[0] === 'E10000018')).toEqual(['E10000018', 'Leicestershire', 'county', '', '2023', 'main area']);
    const { workspace, h } = await open(file);
    const info = await h['workspace.info']({});
    expect(info.title).toBe('Safer Leicestershire Board');
    expect(info.dashboardArea).toEqual({ code: 'E10000018', name: 'Leicestershire' });
    expect(info.attribution.join(' ')).toMatch(/Open Government Licence v3\.0/);
    const overview = await h['workspace.overview']({});
    expect(overview.populations.find((p) => p.areaCode === 'E07000130')?.count).toBe(population('E07000130'));
    await workspace.close();
  });

  it('takes the force area by its code or a qualified name, forgives "&", "and" and "City of", and refuses an unknown name with the nearest ones', async () => {
    const force = await boardpack('new', '--workspace', path.join(dir, 'pcc.boardpack'), '--area', 'Leicestershire Police Force Area');
    expect(force.code, force.stderr).toBe(0);
    expect(force.stdout).toContain('Leicestershire (E23000021, police force area) with 10 areas under it');
    const devon = await boardpack('new', '--workspace', path.join(dir, 'devon.boardpack'), '--area', 'devon and cornwall');
    expect(devon.stdout).toContain('Devon & Cornwall (E23000035, police force area)');
    const hull = await boardpack('new', '--workspace', path.join(dir, 'hull.boardpack'), '--area', 'City of Kingston upon Hull');
    expect(hull.stdout).toContain('Kingston upon Hull, City of (E06000010, unitary authority)');
    const wrong = await boardpack('new', '--workspace', path.join(dir, 'wrong.boardpack'), '--area', 'Leicstershire');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('No area of England and Wales is called "Leicstershire". Nearest: Leicestershire (E10000018, county)');
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).not.toContain('wrong.boardpack');
  });

  it('starts with the indicator definitions and outcomes of another workspace, without their values', async () => {
    const demo = path.join(dir, 'demo.boardpack');
    expect((await boardpack('demo', '--workspace', demo)).code).toBe(0);
    const file = path.join(dir, 'From demo.boardpack');
    const r = await boardpack('new', '--workspace', file, '--area', 'E10000018', '--indicators-from', demo);
    expect(r.code, r.stderr).toBe(0);
    const source = await open(demo);
    const theirs = await source.h['workspace.overview']({});
    await source.workspace.close();
    const { workspace, h } = await open(file);
    const ours = await h['workspace.overview']({});
    expect(r.stdout).toContain(`Copied ${theirs.outcomes.length} outcomes and ${theirs.outcomes.reduce((n, o) => n + o.indicators.length, 0) + theirs.dataSeries.length} indicator definitions (no values).`);
    expect(ours.outcomes.map((o) => [o.title, o.indicators.map((i) => [i.name, i.unit, i.polarity, i.decimals, i.derivation === null])])).toEqual(
      theirs.outcomes.map((o) => [o.title, o.indicators.map((i) => [i.name, i.unit, i.polarity, i.decimals, i.derivation === null])]),
    );
    expect(ours.counts.observations).toBe(0);
    expect(ours.reportingPeriods).toEqual([]);
    await workspace.close();
  });
});

describe('importing police.uk months and the ONS file into a new board workspace', () => {
  it('Leicestershire: counts every crime into its districts and county, shows rates per 1,000, and sums up other districts in one line', async () => {
    const file = path.join(dir, 'Leicestershire.boardpack');
    expect((await boardpack('new', '--workspace', file, '--area', 'Leicestershire')).code).toBe(0);
    const months = (await readdir(POLICE)).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(POLICE, f));
    const imported = await boardpack('import', ...months, ONS, '--workspace', file);
    expect(imported.code, imported.stderr).toBe(0);

    // Straight from the rows: 2024 counts by district and crime type, and rows elsewhere.
    const districts = new Map(onsRows.slice(onsRows.findIndex((r) => r.Code === 'E10000018') + 1).slice(0, 7).map((r) => [r.Name!, r.Code!]));
    const counts = new Map<string, number>();
    const elsewhere = new Map<string, number>();
    for (const f of months.filter((m) => path.basename(m).startsWith('2024'))) {
      for (const row of Papa.parse<Record<string, string>>(await readFile(f, 'utf8'), { header: true, skipEmptyLines: true }).data) {
        const district = (row['LSOA name'] ?? '').split(' ').slice(0, -1).join(' ');
        if (!districts.has(district)) continue;
        const type = row['Crime type'] === 'Anti-social behaviour' ? 'asb' : 'crime';
        counts.set(`${type}|${district}`, (counts.get(`${type}|${district}`) ?? 0) + 1);
      }
    }
    for (const f of months) {
      for (const row of Papa.parse<Record<string, string>>(await readFile(f, 'utf8'), { header: true, skipEmptyLines: true }).data) {
        const district = (row['LSOA name'] ?? '').split(' ').slice(0, -1).join(' ');
        if (district !== '' && !districts.has(district)) elsewhere.set(district, (elsewhere.get(district) ?? 0) + 1);
      }
    }
    const top = [...elsewhere].sort((a, b) => b[1] - a[1]);
    const total = top.reduce((n, [, c]) => n + c, 0);
    expect(imported.stdout).toContain(
      `Left out ${total.toLocaleString('en-GB')} police.uk rows in ${top.length} districts that are not this workspace's, most in ${top[0]![0]} (${top[0]![1].toLocaleString('en-GB')}), ${top[1]![0]} (${top[1]![1].toLocaleString('en-GB')}) and ${top[2]![0]} (${top[2]![1].toLocaleString('en-GB')}).`,
    );
    expect(imported.stdout.split('\n').filter((l) => l.includes('police.uk rows in')).length).toBe(1);

    const { workspace, h } = await open(file);
    await h['periods.create']({ name: '2024/25 Q3' });
    const dashboard = await h['dashboard.get']({ period: '2024/25 Q3' });
    const row = dashboard.outcomes.flatMap((o) => o.indicators).find((i) => i.name === 'All crime excluding anti-social behaviour rate (per 1,000 population)')!;
    let county = 0;
    for (const name of districts.keys()) county += counts.get(`crime|${name}`) ?? 0;
    expect(row.latest.number).toBeCloseTo((county / population('E10000018')) * 1000, 10);
    expect(row.latest.text).toBe(((county / population('E10000018')) * 1000).toFixed(2));
    // Each district's rate, as the values listing and the district note have it.
    const values = await h['values.list']({ indicator: 'All crime excluding anti-social behaviour rate (per 1,000 population)', from: '2024-01', to: '2024-12' });
    for (const [name, code] of districts) {
      const v = values.find((x) => x.areaCode === code && x.periodStart === '2024-01' && x.periodEnd === '2024-12');
      expect(v?.value, name).toBeCloseTo(((counts.get(`crime|${name}`) ?? 0) / population(code)) * 1000, 10);
    }
    const asb = dashboard.outcomes.flatMap((o) => o.indicators).find((i) => i.name.startsWith('Anti-social behaviour'))!;
    let asbCount = 0;
    for (const name of districts.keys()) asbCount += counts.get(`asb|${name}`) ?? 0;
    expect(asb.latest.number).toBeCloseTo((asbCount / population('E10000018')) * 1000, 10);
    await workspace.close();
  });

  it('a second force, Cumbria (files made from its real district names): counts equal the rows, old district names count into the new unitaries', async () => {
    // Cumbria's districts before 1 April 2023 and the unitaries that replaced them (SI 2022/331).
    const cumberland = ['Allerdale', 'Carlisle', 'Copeland'];
    const westmorland = ['Barrow-in-Furness', 'Eden', 'South Lakeland'];
    const names = [...cumberland, ...westmorland, 'Cumberland', 'Westmorland and Furness', 'Lancaster', 'Dumfries and Galloway', ''];
    const types = ['Anti-social behaviour', 'Burglary', 'Vehicle crime', 'Violence and sexual offences'];
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const files: string[] = [];
    const rows: string[][] = [];
    // Twelve months across the change of 1 April 2023, so a rolling 12 months' rate exists.
    for (const month of ['2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05']) {
      const lines = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'];
      const n = 150 + Math.floor(random() * 100);
      for (let i = 0; i < n; i++) {
        const district = names[Math.floor(random() * names.length)]!;
        const type = types[Math.floor(random() * types.length)]!;
        const lsoa = district === '' ? '' : `${district} ${String(1 + Math.floor(random() * 40)).padStart(3, '0')}${'ABCD'[Math.floor(random() * 4)]}`;
        const id = type === 'Anti-social behaviour' ? '' : `${month}-${i}-cumbria`;
        lines.push([id, month, 'Cumbria Constabulary', 'Cumbria Constabulary', '', '', 'On or near Main Street', '', lsoa, type, '', ''].join(','));
        rows.push([month, district, type]);
      }
      const f = path.join(dir, `${month}-cumbria-street.csv`);
      await writeFile(f, lines.join('\n') + '\n');
      files.push(f);
    }
    const file = path.join(dir, 'Cumbria PCC.boardpack');
    const made = await boardpack('new', '--workspace', file, '--area', 'E23000002');
    expect(made.stdout).toContain('Cumbria (E23000002, police force area) with 2 areas under it: Cumberland, Westmorland and Furness');
    const imported = await boardpack('import', ...files, ONS, '--workspace', file);
    expect(imported.code, imported.stderr).toBe(0);

    const count = (month: string, members: string[], type?: string) => rows.filter((r) => r[0] === month && members.includes(r[1]!) && (type === undefined ? r[2] !== 'Anti-social behaviour' : r[2] === type)).length;
    const { workspace, h } = await open(file);
    for (const month of ['2023-02', '2023-05']) {
      for (const [code, members] of [['E06000063', [...cumberland, 'Cumberland']], ['E06000064', [...westmorland, 'Westmorland and Furness']]] as const) {
        const burglary = await h['values.list']({ indicator: 'Police recorded crime: Burglary (count)', area: code, from: month, to: month });
        expect(burglary.find((v) => v.periodStart === month)?.value, `${code} ${month}`).toBe(count(month, [...members], 'Burglary'));
      }
      // The force area is the sum of its two unitaries: every row in Cumbria, none elsewhere.
      const all = await h['values.list']({ indicator: 'Police recorded crime: all crime excluding anti-social behaviour (count)', area: 'E23000002', from: month, to: month });
      expect(all.find((v) => v.periodStart === month)?.value).toBe(count(month, [...cumberland, ...westmorland, 'Cumberland', 'Westmorland and Furness']));
    }
    const outside = rows.filter((r) => r[1] === 'Lancaster' || r[1] === 'Dumfries and Galloway');
    const lancaster = outside.filter((r) => r[1] === 'Lancaster').length;
    const dumfries = outside.length - lancaster;
    const [first, second] = lancaster >= dumfries ? [['Lancaster', lancaster], ['Dumfries and Galloway', dumfries]] : [['Dumfries and Galloway', dumfries], ['Lancaster', lancaster]];
    expect(imported.stdout).toContain(`Left out ${outside.length} police.uk rows in 2 districts that are not this workspace's, most in ${first![0]} (${first![1]}) and ${second![0]} (${second![1]}).`);
    expect(imported.stdout).toContain(`Left out ${rows.filter((r) => r[1] === '').length} police.uk rows with no location`);
    // Rates per 1,000 over the 12 months, with the ONS populations of the unitaries.
    const rate = await h['values.list']({ indicator: 'Burglary rate (per 1,000 population)', area: 'E06000063' });
    const twelve = rows.filter((r) => [...cumberland, 'Cumberland'].includes(r[1]!) && r[2] === 'Burglary').length;
    expect(rate.find((v) => v.periodStart === '2022-06' && v.periodEnd === '2023-05')?.value).toBeCloseTo((twelve / population('E06000063')) * 1000, 10);
    await workspace.close();
  });
  it('a custom set of districts: its own area sums them, counts and population alike', async () => {
    const file = path.join(dir, 'Three districts.boardpack');
    const made = await boardpack('new', '--workspace', file, '--area', 'Blaby; charnwood; MELTON');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Three districts (BOARD-AREA, a board of 3 areas) with 3 areas under it: Blaby, Charnwood, Melton');
    const months = ['2024-11', '2024-12'].map((m) => path.join(POLICE, `${m}-leicestershire-street.csv`));
    expect((await boardpack('import', ...months, '--workspace', file)).code).toBe(0);
    const members = ['Blaby', 'Charnwood', 'Melton'];
    const { workspace, h } = await open(file);
    for (const f of months) {
      const rows = Papa.parse<Record<string, string>>(await readFile(f, 'utf8'), { header: true, skipEmptyLines: true }).data;
      const month = rows[0]!.Month!;
      const expected = rows.filter((r) => r['Crime type'] !== 'Anti-social behaviour' && members.includes((r['LSOA name'] ?? '').split(' ').slice(0, -1).join(' '))).length;
      const listed = await h['values.list']({ indicator: 'Police recorded crime: all crime excluding anti-social behaviour (count)', area: 'BOARD-AREA', from: month, to: month });
      expect(listed.find((v) => v.periodStart === month && v.periodEnd === month)?.value).toBe(expected);
    }
    const overview = await h['workspace.overview']({});
    expect(overview.populations.find((p) => p.areaCode === 'BOARD-AREA')?.count).toBe(population('E07000129') + population('E07000130') + population('E07000133'));
    await workspace.close();
    const county = await boardpack('new', '--workspace', path.join(dir, 'mixed.boardpack'), '--area', 'Blaby; Leicestershire');
    expect(county.code).toBe(1);
    expect(county.stderr).toContain('Leicestershire (E10000018, county) cannot be part of a board of several areas');
  });
});

describe('boardpack areas', () => {
  it('adds, renames, retires and sets the main area; comparator groups decide the County Comparison and the scorecard position', async () => {
    const file = path.join(dir, 'Areas.boardpack');
    expect((await boardpack('new', '--workspace', file, '--area', 'Leicestershire')).code).toBe(0);
    const add = await boardpack('areas', 'add', 'Leicester', '--workspace', file);
    expect(add.code, add.stderr).toBe(0);
    const byHand = await boardpack('areas', 'add', '--code', 'LOCAL-1', '--name', 'Loughborough town centre', '--kind', 'comparator', '--workspace', file);
    expect(byHand.code, byHand.stderr).toBe(0);
    expect((await boardpack('areas', 'rename', 'LOCAL-1', '--name', 'Loughborough', '--workspace', file)).code).toBe(0);
    expect((await boardpack('areas', 'retire', 'Loughborough', '--on', '2025-03-31', '--workspace', file)).code).toBe(0);
    const retireMain = await boardpack('areas', 'retire', 'E10000018', '--workspace', file);
    expect(retireMain.code).toBe(1);
    expect(retireMain.stderr).toContain("Leicestershire is the board's main area");
    const group = await boardpack('areas', 'group', 'Most Similar Group', '--members', 'E10000018,Nottinghamshire,Derbyshire', '--default', '--workspace', file);
    expect(group.code, group.stderr).toBe(0);
    expect(group.stdout).toContain('Nottinghamshire (E10000024, county)');
    const listed = (await boardpack('areas', '--workspace', file)).stdout;
    expect(listed).toContain('E06000016\tLeicester\tunitary\t\t2023\t');
    expect(listed).toContain('LOCAL-1\tLoughborough\tcomparator\t\t\tretired 2025-03-31');
    expect(listed).toContain('Comparator group "Most Similar Group" (default): E10000018, E10000019?'.replace('E10000019?', 'E10000007, E10000024').replace('E10000018, E10000007', 'E10000007, E10000018'));
    const audit = await Workspace.openForReading(file, env);
    const trail = audit.db.all<{ action: string; entity: string; field: string | null; old_value: string | null; new_value: string | null }>("SELECT action, entity, field, old_value, new_value FROM audit WHERE entity IN ('area', 'comparator_group') ORDER BY id");
    expect(trail.find((t) => t.field === 'name')).toMatchObject({ old_value: 'Loughborough town centre', new_value: 'Loughborough' });
    expect(trail.find((t) => t.field === 'retired_on')).toMatchObject({ old_value: null, new_value: '2025-03-31' });
    expect(trail.find((t) => t.entity === 'comparator_group')).toMatchObject({ action: 'create', new_value: 'E10000007,E10000018,E10000024' });
    await audit.close();
  });

  it('each change is one step on the undo, and the group is what the dashboard and scorecard compare with', async () => {
    const file = path.join(dir, 'Undo.boardpack');
    expect((await boardpack('new', '--workspace', file, '--area', 'Leicestershire')).code).toBe(0);
    const { workspace, h } = await open(file);
    await h['areas.add']({ from: 'Nottinghamshire' });
    await h['areas.add']({ from: 'Derbyshire' });
    await h['areas.rename']({ area: 'Derbyshire', name: 'Derbyshire County' });
    await h['areas.saveGroup']({ name: 'Counties', members: ['E10000018', 'E10000024', 'E10000007'], makeDefault: true });
    const labels = (await h['history.get']({})).done.map((e) => e.label).slice(0, 4).reverse();
    expect(labels).toEqual(['Add the area Nottinghamshire', 'Add the area Derbyshire', 'Rename Derbyshire to Derbyshire County', 'Create the comparator group Counties']);
    await h['history.undo']({});
    expect((await h['areas.page']({})).groups).toEqual([]);
    expect((await h['areas.page']({})).defaultGroup).toBeNull();
    await h['history.undo']({});
    expect((await h['areas.page']({})).areas.find((a) => a.code === 'E10000007')?.name).toBe('Derbyshire');
    await h['history.redo']({});
    await h['history.redo']({});
    expect((await h['areas.page']({})).groups).toEqual([{ name: 'Counties', memberCodes: ['E10000007', 'E10000018', 'E10000024'] }]);

    // Give the three counties a yearly value: the scorecard's position ranks among the group.
    const outcome = await h['outcomes.save']({ title: 'Safer', shortTitle: '' });
    const definition = { outcomeId: outcome.id, name: 'Burglary rate', unit: 'rate_per_1000', polarity: 'lower', decimals: 2, frequency: 'annual', source: '', target: null, tolerancePercent: 5, comparatorGroup: '', notes: '', footnote: '' } as const;
    const saved = await h['indicators.save'](definition);
    const id = saved.item!.id;
    const cells = (
      [
        ['E10000018', 5],
        ['E10000024', 4],
        ['E10000007', 6],
      ] as const
    ).flatMap(([areaCode, v]) => [
      { areaCode, first: '2023-04', last: '2024-03', text: String(v + 1) },
      { areaCode, first: '2024-04', last: '2025-03', text: String(v) },
    ]);
    await h['values.set']({ indicatorId: id, cells });
    await h['periods.create']({ name: '2024/25 Q4' });
    const scorecard = async () => Buffer.from((await h['export.scorecard']({ period: '2024/25 Q4', baseline: '2023/24', format: 'csv' })).base64!, 'base64').toString('utf8');
    // The default group: Nottinghamshire 4, Leicestershire 5, Derbyshire 6, lower is better.
    expect(await scorecard()).toContain('2nd of 3');
    // A group the indicator names wins over the default: Leicestershire 5 against Derbyshire 6.
    await h['areas.saveGroup']({ name: 'Pair', members: ['Leicestershire', 'Derbyshire County'] });
    await h['indicators.save']({ ...definition, id, comparatorGroup: 'Pair' });
    expect(await scorecard()).toContain('1st of 2');
    // A retired area leaves the comparison.
    await h['areas.retire']({ area: 'Derbyshire County', on: '2025-04-01' });
    expect(await scorecard()).not.toMatch(/\d(st|nd|rd|th) of \d/);
    await workspace.close();
  });
});
