/** The command line for tidy and wide tables: template, dry run with mapping and problems, import, refusal. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardpack } from '../core/demo-support';

let dir: string;
let workspace: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli-tidy-'));
  workspace = path.join(dir, 'demo.boardpack');
  expect((await boardpack('demo', '--workspace', workspace)).code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('boardpack import of tidy and wide tables', () => {
  it('template writes a tidy CSV that imports as it is', async () => {
    const out = path.join(dir, 'template.csv');
    const t = await boardpack('template', '--workspace', workspace, '--out', out);
    expect(t).toMatchObject({ code: 0, stdout: `Wrote ${out}.\n` });
    expect((await readFile(out, 'utf8')).startsWith('\uFEFFindicator,area_code,area_name,period,value')).toBe(true);
    const dry = await boardpack('import', out, '--workspace', workspace, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/template\.csv, header on row 1, columns \(detected\):\n {2}indicator: indicator \(header "indicator" says it is the indicator\)\n {2}area_code: area \(column "area_code" holds ONS codes\)/);
    expect(dry.stdout).toContain('Would add 4 values; 0 changed; 0 unchanged.\n');
    // The examples use the workspace's own areas and indicators: nothing new to create.
    expect(dry.stdout).not.toContain('new indicator');
    expect(dry.stdout).not.toContain('not in this workspace');
    expect(dry.stdout).toMatch(/Dry run: nothing was changed\.\n$/);
  });

  it('prints problems with row, column, value and fix; imports the rest; --create-areas adds unknown areas', async () => {
    const file = path.join(dir, 'partner.csv');
    await writeFile(file, 'Indicator,Area,Period,Value\nNoise complaints,Blaby,2024-06,12\nNoise complaints,Blaby,2024-07,twelve\nNoise complaints,Rutland,2024-06,3\n');
    const r = await boardpack('import', file, '--workspace', workspace);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  row 3, column Value, "twelve": it is not a number; write a number such as 1,259, 55.4% or 0.25, or NA for not available, or - for not applicable.\n');
    expect(r.stdout).toContain('  not in this workspace: Rutland, 1 values (--create-areas creates it)\n');
    expect(r.stdout).toContain('Added 1 values; 0 changed; 0 unchanged.\n');
    const again = await boardpack('import', file, '--workspace', workspace, '--create-areas', '--json');
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({ added: 1, unchanged: 1, created: ['the area Rutland (LOCAL-RUTLAND)'] });
    const values = await boardpack('values', '--workspace', workspace, '--indicator', 'Noise complaints');
    expect(values.stdout).toContain('Noise complaints,,LOCAL-RUTLAND,Rutland,2024-06,2024-06,3,');
  });

  it('a table it cannot read without choices fails with a clear message and a non-zero exit', async () => {
    const file = path.join(dir, 'noperiod.csv');
    await writeFile(file, 'Indicator,Area,Value\nNoise complaints,Blaby,12\n');
    const r = await boardpack('import', file, '--workspace', workspace);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/"noperiod\.csv": Boardpack cannot tell this from the table: the period \(a column, or type the period\)\. Choose what each column holds on the Import screen\./);
  });
});
