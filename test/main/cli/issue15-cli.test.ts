/**
 * Issue 15 at the command line (a real `boardpack` process each): `import --filter` takes one
 * series out of a breakdown, and `values` says why an area gets no rate from the areas within it.
 * Files are generated in publishers' shapes (test/fixtures/csp-crime-rates.ts: ONS's CSP
 * crime-rate table) or are the real ONS mid-2023 estimates; figures come from their rows.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardpack } from '../core/demo-support';
import { CSPS, cspCsv, cspRows, OFFENCE_GROUPS, YEARS } from '../../fixtures/csp-crime-rates';
import { sharedData } from '../../shared-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli15-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

const RATE = 'Total Crime rate (per 1,000 population)';

describe('issue 15 at the command line', () => {
  it('boardpack import --filter imports one offence group; --help lists the option', async () => {
    const workspace = path.join(dir, 'board.boardpack');
    expect((await boardpack('demo', '--workspace', workspace)).code).toBe(0);
    const rows = cspRows();
    // A file whose title names the series: the title is the indicator.
    const file = await write('robbery.csv', cspCsv(rows, 'Offence rate'));
    const help = await boardpack('import', '--help');
    expect(help.stdout).toMatch(/--filter VALUE {2}import only the rows of a table whose column holds the value, e\.g\. --filter "Offence group=Violence against the person"/);
    const dry = await boardpack('import', file, '--workspace', workspace, '--dry-run');
    expect(dry.code).toBe(0);
    for (const g of OFFENCE_GROUPS) expect(dry.stdout).toContain(`  series: Offence rate: ${g}: ${CSPS.length * YEARS.length} values (new)`);
    const r = await boardpack('import', file, '--workspace', workspace, '--filter', 'Offence group=Robbery', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { added: number; tables: Array<{ series: Array<{ name: string; values: number }> }> };
    const robbery = rows.filter((x) => x.group === 'Robbery');
    expect(report.added).toBe(robbery.length);
    expect(report.tables[0]!.series).toEqual([{ name: 'Offence rate', values: robbery.length, isNew: true }]);
    const values = await boardpack('values', '--workspace', workspace, '--indicator', 'Offence rate', '--area', 'E22000169');
    const melton = robbery.filter((x) => x.code === 'E22000169').map((x) => String(x.rate));
    expect(values.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[6])).toEqual(melton);
    const bad = await boardpack('import', file, '--workspace', workspace, '--filter', 'Robbery');
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--filter takes COLUMN=VALUE') });
  });

  it('boardpack values says why the region has no rate', async () => {
    const workspace = path.join(dir, 'board.boardpack');
    expect((await boardpack('demo', '--workspace', workspace)).code).toBe(0);
    expect((await boardpack('import', sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv'), '--workspace', workspace)).code).toBe(0);
    const pops = new Map(Papa.parse<Record<string, string>>(readFileSync(sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data.map((r) => [r.Code!, Number(r['All ages'])]));
    const r = await boardpack('values', '--workspace', workspace, '--indicator', RATE, '--area', 'E12000004');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1); // the header only
    expect(r.stderr).toContain(
      `Note: East Midlands (E12000004): no rate is worked out from the areas within it, because the only area within East Midlands in this workspace (Leicestershire) holds ${pops.get('E10000018')!.toLocaleString('en-GB')} of its ${pops.get('E12000004')!.toLocaleString('en-GB')} people`,
    );
  });
});
