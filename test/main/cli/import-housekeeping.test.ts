/**
 * The command line's side of issue 15's imports: a dry run exits as the real import would; a
 * folder gets one plain line; problem output stays short however many rows or cells are
 * wrong; a Fingertips export imports with exit 0; a population file without its year asks for
 * --year. (Real `boardpack` processes, so with the reliability project.)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardpack } from '../core/demo-support';
import { csv, rows } from '../../fixtures/fingertips';

let dir: string;
let workspace: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli-housekeeping-'));
  workspace = path.join(dir, 'demo.boardpack');
  expect((await boardpack('demo', '--workspace', workspace)).code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('exit status', () => {
  it('every row refused: the CLI exits 1 in a dry run as in the real import, and records nothing', async () => {
    const file = path.join(dir, 'all-bad.csv');
    // Figures, but no period Boardpack can read on any row.
    await writeFile(file, ['Indicator,Area,Period,Value', 'Noise nuisance reports,Blaby,Q5 2024/25,12', 'Noise nuisance reports,Charnwood,Q5 2024/25,31'].join('\n'));
    const dry = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    const real = await boardpack('import', file, '--workspace', workspace);
    expect(dry.code).toBe(1);
    expect(real.code).toBe(dry.code);
    expect(real.stderr).toContain('nothing in "all-bad.csv" could be imported');
    expect((await boardpack('imports', '--workspace', workspace)).stdout).not.toContain('all-bad.csv');
  });

  it('a dry run exits 0 when the import would go through and 1 when it would be refused for want of a column', async () => {
    const good = path.join(dir, 'good.csv');
    await writeFile(good, 'Indicator,Area,Period,Value\nStreet lighting faults,Blaby,2024-06,14\n');
    const dryGood = await boardpack('import', good, '--workspace', workspace, '--dry-run');
    expect(dryGood.code).toBe(0);
    const noPeriod = path.join(dir, 'noperiod.csv');
    await writeFile(noPeriod, 'Indicator,Area,Value\nStreet lighting faults,Blaby,14\n');
    const dry = await boardpack('import', noPeriod, '--workspace', workspace, '--dry-run');
    const real = await boardpack('import', noPeriod, '--workspace', workspace);
    expect(real.code).toBe(1);
    expect(dry.code).toBe(real.code);
    expect((await boardpack('import', good, '--workspace', workspace)).code).toBe(0);
  });

  it('a dry run exits 1 as the import does when two rows give different figures for the same cell', async () => {
    const clash = path.join(dir, 'clash.csv');
    await writeFile(clash, 'Indicator,Area,Period,Value\nStreet lighting faults,Blaby,2024-06,14\nStreet lighting faults,Blaby,2024-06,15\n');
    const dry = await boardpack('import', clash, '--workspace', workspace, '--dry-run');
    const real = await boardpack('import', clash, '--workspace', workspace);
    expect(real.code).toBe(1);
    expect(dry.code).toBe(real.code);
    expect(dry.stdout + dry.stderr).toContain('The import would be refused');
  });

  it('a folder given as a file: one plain line on stderr, exit 1', async () => {
    const folder = path.join(dir, 'June returns.csv');
    await mkdir(folder, { recursive: true });
    const r = await boardpack('import', folder, '--workspace', workspace);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('boardpack import: "June returns.csv" is a folder, not a file: choose the files inside it.\n');
  });
});

describe('publishers\' files on the command line', () => {
  it('a Fingertips export imports and exits 0, its one-field-short rows not reported', async () => {
    const file = path.join(dir, 'fingertips.csv');
    await writeFile(file, csv(rows()));
    const r = await boardpack('import', file, '--workspace', workspace);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fingertips export');
    expect(r.stdout).not.toContain('cells but the header has');
  });

  it('a population file that does not name its year: refused saying --year, imported with it', async () => {
    const lines = [['E10000018', 'Leicestershire', '712,366'], ['E07000129', 'Blaby', '101,526']];
    const file = path.join(dir, 'la-population.csv');
    await writeFile(file, ['Area code,Area name,Population', ...lines.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','))].join('\n'));
    const refused = await boardpack('import', file, '--workspace', workspace);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--year');
    const given = await boardpack('import', file, '--workspace', workspace, '--year', '2021', '--json');
    expect(given.code).toBe(0);
    expect(JSON.parse(given.stdout)).toMatchObject({ added: lines.length, files: [{ shape: 'ons-population', summary: `ONS mid-year population estimates (2021), ${lines.length} areas` }] });
  });
});

describe('problem output is bounded', () => {
  it('thousands of bad rows are grouped by kind with a count and the first examples', async () => {
    const bad = 5000;
    const rows = Array.from({ length: bad }, (_, i) => `Graffiti reports,Blaby,2024-${13 + (i % 3)},${i}`);
    const file = path.join(dir, 'many-bad.csv');
    await writeFile(file, ['Indicator,Area,Period,Value', 'Graffiti reports,Charnwood,2024-06,7', ...rows].join('\n'));
    const r = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    expect(r.code).toBe(0);
    const listed = 300; // the plan lists the first 300 problems; the rest are counted
    // One line for the kind, with its count and the first three rows as examples.
    expect(r.stdout).toMatch(new RegExp(`\\n {2}${listed} rows: .*; write the period as .*\\. For example row 3, column Period, "2024-13"; row 4, column Period, "2024-14"; row 5, column Period, "2024-15"\\.\\n`));
    expect(r.stdout).toContain(`... and ${(bad - listed).toLocaleString('en-GB')} more problems.`);
    expect(r.stdout).toContain('Would add 1 values');
    expect(r.stdout.length).toBeLessThan(8_000);
  });

  it('a row of 300,000 cells does not print a line per cell', async () => {
    const file = path.join(dir, 'wide-row.csv');
    await writeFile(file, `Indicator,Area,Period,Value\nPublic realm cleanliness,Blaby,2024-06,91${','.repeat(300_000)}\nPublic realm cleanliness,Charnwood,2024-06,88\n`);
    const r = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    expect(r.stdout.length).toBeLessThan(16_000);
    // The blank cells after the figures are nothing: both rows are read.
    expect(r.stdout).toContain('Would add 2 values; 0 changed; 0 unchanged.');
    expect(r.stdout.split('\n').filter((l) => l.includes('(blank)'))).toHaveLength(0);
    const json = await boardpack('import', file, '--workspace', workspace, '--dry-run', '--json');
    expect(json.stdout.length).toBeLessThan(300_000);
  });
});
