import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardpack } from '../core/demo-support';
import { appendixTsv, sharedData } from '../../shared-folder';

let dir: string;
let demo: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli-'));
  demo = path.join(dir, 'demo.boardpack');
  const r = await boardpack('demo', '--workspace', demo);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('boardpack CLI', () => {
  it('info --json lists the demo outcomes, indicators and periods', async () => {
    const r = await boardpack('info', '--workspace', demo, '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.isDemo).toBe(true);
    expect(info.outcomes).toHaveLength(4);
    const q4 = info.reportingPeriods.find((p: { name: string }) => p.name === '2014/15 Q4');
    expect(q4).toMatchObject({ lastMonth: '2015-03', locked: true, indicatorCount: 12 });
    expect(info.reportingPeriods.map((p: { name: string }) => p.name)).toContain('2024/25 Q3');
    const vehicle = info.outcomes.flatMap((o: { indicators: Array<{ name: string; unit: string; polarity: string }> }) => o.indicators).find((i: { name: string }) => i.name.startsWith('Vehicle Crime'));
    expect(vehicle).toMatchObject({ unit: 'rate_per_1000', polarity: 'lower' });
    expect(info.attribution.join(' ')).toMatch(/Open Government Licence v3\.0/);
  });

  it("values: the districts' 2024 counts equal a direct count of the raw police.uk rows by LSOA district", async () => {
    const r = await boardpack('values', '--workspace', demo, '--indicator', 'Police recorded crime: Vehicle crime (count)', '--from', '2024-01', '--to', '2024-12');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('indicator,outcome,area_code,area_name,period_start,period_end,value,numerator,denominator,label,derived');
    const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true }).data;
    const year = rows.filter((x) => x.period_start === '2024-01' && x.period_end === '2024-12');

    // Independent count from the raw files.
    const raw = new Map<string, number>();
    const folder = sharedData('police-uk');
    for (const f of (await readdir(folder)).filter((n) => n.startsWith('2024-'))) {
      const parsed = Papa.parse<Record<string, string>>(await readFile(path.join(folder, f), 'utf8'), { header: true, skipEmptyLines: true });
      for (const row of parsed.data) {
        if (row['Crime type'] !== 'Vehicle crime' || !row['LSOA name']) continue;
        const district = row['LSOA name'].split(' ').slice(0, -1).join(' ');
        raw.set(district, (raw.get(district) ?? 0) + 1);
      }
    }
    const districts = ['Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston'];
    for (const d of districts) {
      const row = year.find((x) => x.area_name === d);
      expect(row, d).toBeDefined();
      expect(Number(row!.value), d).toBe(raw.get(d));
      expect(row!.derived).toBe('true');
    }
    const county = year.find((x) => x.area_code === 'E10000018')!;
    expect(Number(county.value)).toBe(districts.reduce((s, d) => s + (raw.get(d) ?? 0), 0));
    const monthly = rows.find((x) => x.area_name === 'Charnwood' && x.period_start === '2024-06' && x.period_end === '2024-06')!;
    expect(monthly.derived).toBe('false');
  });

  it('rates in values equal count / population x 1000', async () => {
    const r = await boardpack('values', '--workspace', demo, '--indicator', 'Vehicle Crime rate', '--area', 'Charnwood', '--from', '2024-01');
    const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true }).data;
    const year = rows.find((x) => x.period_end === '2024-12')!;
    expect(Number(year.value)).toBeCloseTo((Number(year.numerator) / Number(year.denominator)) * 1000, 9);
    expect(year.derived).toBe('true');
  });

  it('errors are one clear sentence on stderr with a non-zero exit, never a stack trace', async () => {
    const missing = await boardpack('info', '--workspace', path.join(dir, 'nope.boardpack'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/does not exist/);
    expect(missing.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    const usage = await boardpack('values', '--workspace', demo, '--from', 'June');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/YYYY-MM/);
    const unknown = await boardpack('frobnicate');
    expect(unknown.code).toBe(2);
    const noWorkspace = await boardpack('info');
    expect(noWorkspace.code).toBe(2);
    expect(noWorkspace.stderr).toMatch(/--workspace is required/);
    const exists = await boardpack('demo', '--workspace', demo);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/already exists/);
  });

  it('--help works for every command', async () => {
    for (const c of ['new', 'demo', 'serve', 'info', 'values']) {
      const r = await boardpack(c, '--help');
      expect(r.code, c).toBe(0);
      expect(r.stdout).toMatch(/Usage: boardpack/);
    }
    expect((await boardpack('--help')).stdout).toMatch(/Commands:/);
  });

  it('new creates an empty workspace that info can read', async () => {
    const file = path.join(dir, 'empty.boardpack');
    expect((await boardpack('new', '--workspace', file)).code).toBe(0);
    const info = JSON.parse((await boardpack('info', '--workspace', file, '--json')).stdout);
    expect(info.counts).toMatchObject({ outcomes: 0, indicators: 0, reportingPeriods: 0 });
  });
});

describe('boardpack export appendix', () => {
  it('writes xlsx, pdf and csv, and explains bad options', async () => {
    for (const format of ['xlsx', 'pdf', 'csv']) {
      const out = path.join(dir, `appendix.${format}`);
      const r = await boardpack('export', 'appendix', '--workspace', demo, '--period', '2014/15 Q4', '--format', format, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect((await readFile(out)).length).toBeGreaterThan(500);
    }
    const bad = await boardpack('export', 'appendix', '--workspace', demo, '--period', '2014/15 Q4', '--format', 'docx', '--out', path.join(dir, 'x.docx'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/xlsx, pdf or csv/);
    const folder = await boardpack('export', 'appendix', '--workspace', demo, '--period', '2014/15 Q4', '--format', 'pdf', '--out', path.join(dir, 'nowhere', 'a.pdf'));
    expect(folder.code).toBe(1);
    expect(folder.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('boardpack spc', () => {
  it("agrees with a hand calculation on Charnwood's 24 months of real police.uk vehicle crime", async () => {
    // The monthly counts, straight from the raw files.
    const folder = sharedData('police-uk');
    const counts: number[] = [];
    for (const f of (await readdir(folder)).filter((n) => n.endsWith('.csv')).sort()) {
      const parsed = Papa.parse<Record<string, string>>(await readFile(path.join(folder, f), 'utf8'), { header: true, skipEmptyLines: true });
      counts.push(parsed.data.filter((r) => r['Crime type'] === 'Vehicle crime' && /^Charnwood \d{3}[A-Z]$/.test(r['LSOA name'] ?? '')).length);
    }
    expect(counts).toHaveLength(24);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const ranges = counts.slice(1).map((v, i) => Math.abs(v - counts[i]!));
    const meanRange = ranges.reduce((a, b) => a + b, 0) / ranges.length;

    const r = await boardpack('spc', '--workspace', demo, '--indicator', 'Vehicle crime (count)', '--area', 'Charnwood', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.points).toHaveLength(24);
    expect(out.points.map((p: { value: number }) => p.value)).toEqual(counts);
    expect(out.points[0]).toMatchObject({ period_start: '2023-01', period_end: '2023-01' });
    for (const p of out.points) {
      expect(p.mean).toBeCloseTo(mean, 9);
      expect(p.upl).toBeCloseTo(mean + 2.66 * meanRange, 9);
      expect(p.lpl).toBeCloseTo(mean - 2.66 * meanRange, 9);
      const beyond = p.value > mean + 2.66 * meanRange || p.value < mean - 2.66 * meanRange;
      expect(p.rules.includes('outside_limits')).toBe(beyond);
      if (beyond) expect(p.special_cause).toBe(p.value > mean ? 'concern' : 'improvement'); // lower is better
    }
    expect(out.variation).toBe('common_cause');
    expect(out.assurance).toBe('none');
    expect(Object.keys(out).sort()).toEqual(['area', 'assurance', 'indicator', 'points', 'provisional', 'variation']);

    const rebased = JSON.parse((await boardpack('spc', '--workspace', demo, '--indicator', 'Vehicle crime (count)', '--area', 'Charnwood', '--rebase', '2024-01', '--json')).stdout);
    const second = counts.slice(12);
    expect(rebased.points[12].mean).toBeCloseTo(second.reduce((a, b) => a + b, 0) / 12, 9);
    const short = JSON.parse((await boardpack('spc', '--workspace', demo, '--indicator', 'Vehicle crime (count)', '--area', 'E07000130', '--from', '2024-06', '--json')).stdout);
    expect(short.points).toHaveLength(7);
    expect(short.provisional).toBe(true);
  });
});

describe('boardpack import', () => {
  it('imports the published appendix into a new workspace, reports, and fails clearly on bad files', async () => {
    const file = path.join(dir, 'imported.boardpack');
    const tsv = appendixTsv();
    expect((await boardpack('new', '--workspace', file)).code).toBe(0);
    const dry = await boardpack('import', tsv, '--workspace', file, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Would add 24 values; 0 changed; 0 unchanged\.[\s\S]*Dry run: nothing was changed\./);
    const real = await boardpack('import', tsv, '--workspace', file, '--json');
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, added: 24, files: [{ periodName: '2014/15 Q4', indicators: 12 }] });
    const again = await boardpack('import', tsv, '--workspace', file);
    expect(again.stdout).toMatch(/Added 0 values; 0 changed; 24 unchanged\./);
    // Changing nothing, it is not recorded as an import (issue 15), and exits 0.
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('so no import is recorded');
    const info = JSON.parse((await boardpack('info', '--workspace', file, '--json')).stdout);
    expect(info.reportingPeriods).toMatchObject([{ name: '2014/15 Q4', indicatorCount: 12 }]);
    expect((await boardpack('imports', '--workspace', file)).stdout).toMatch(/^1\t.*appendix-2014-15-Q4\.tsv\n$/);
    expect((await boardpack('undo-import', '--workspace', file)).stdout).toMatch(/Undid import 1 \(appendix-2014-15-Q4\.tsv\)/);
    const bad = await boardpack('import', path.join(dir, 'missing.xls'), '--workspace', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/old-style Excel workbook/);
  });
});

describe('boardpack export scorecard', () => {
  it('writes the plan scorecard in every format and explains a bad baseline', async () => {
    for (const format of ['xlsx', 'pdf', 'csv']) {
      const out = path.join(dir, `scorecard.${format}`);
      const r = await boardpack('export', 'scorecard', '--workspace', demo, '--baseline', '2023/24', '--period', '2024/25 Q3', '--format', format, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect((await readFile(out)).length).toBeGreaterThan(300);
    }
    const csv = await readFile(path.join(dir, 'scorecard.csv'), 'utf8');
    expect(csv).toMatch(/Vehicle Crime rate \(per 1,000 population\)/);
    const bad = await boardpack('export', 'scorecard', '--workspace', demo, '--baseline', 'last year', '--period', '2024/25 Q3', '--format', 'pdf', '--out', path.join(dir, 'x.pdf'));
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
