/**
 * District -> Community Safety Partnership -> police force area lookups as partners pass them
 * on: the ONS lookup (LADyyCD, LADyyNM, CSPyyCD, CSPyyNM, PFAyyCD, PFAyyNM, any year's edition)
 * re-saved with renamed headers ("lad-code;lad-name;csp-code;csp-name;PFA21CD;PFA21NM"),
 * semicolon or tab separated, of a later vintage (LAD23: North Northamptonshire E06000061 and
 * Buckinghamshire E06000060, unitary since 2020-21; the Welsh district W06 and force W15 codes).
 * Boardpack knows them by their codes: E06/E07/E08/E09/W06 districts, E22/W22 CSPs, E23/W15
 * force areas.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createSession } from '../../../../main/core/app';
import { listAreas } from '../../../../main/core/areas/repo';
import { Workspace } from '../../../../main/core/store/workspace';
import { demoSession, env } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-lookups-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** district code, name, CSP code, name, force code, name (LAD23 vintage). */
const LOOKUP: Array<[string, string, string, string, string, string]> = [
  ['E06000061', 'North Northamptonshire', 'E22000297', 'North Northamptonshire', 'E23000022', 'Northamptonshire'],
  ['E06000060', 'Buckinghamshire', 'E22000296', 'Buckinghamshire', 'E23000029', 'Thames Valley'],
  ['E07000129', 'Blaby', 'E22000164', 'Blaby', 'E23000021', 'Leicestershire'],
  ['E07000130', 'Charnwood', 'E22000165', 'Charnwood', 'E23000021', 'Leicestershire'],
  ['E08000025', 'Birmingham', 'E22000253', 'Birmingham', 'E23000014', 'West Midlands'],
  ['E09000001', 'City of London', 'E22000255', 'City of London', 'E23000034', 'London, City of'],
  ['W06000015', 'Cardiff', 'W22000034', 'Cardiff', 'W15000003', 'South Wales'],
];

function text(header: string[], separator: string): string {
  return [header, ...LOOKUP].map((r) => r.map((c) => (c.includes(separator) || c.includes('"') ? `"${c}"` : c)).join(separator)).join('\r\n') + '\r\n';
}

/** The areas a whole lookup makes, worked out from the rows: each force, each CSP under its force, each district under its CSP. */
function expectedAreas() {
  const out = new Map<string, { code: string; name: string; kind: string; parentCode: string | null }>();
  for (const [d, dn, c, cn, f, fn] of LOOKUP) {
    out.set(f, { code: f, name: fn, kind: 'force', parentCode: null });
    out.set(c, { code: c, name: cn, kind: 'csp', parentCode: f });
    out.set(d, { code: d, name: dn, kind: /^(E06|W06)/.test(d) ? 'unitary' : 'district', parentCode: c });
  }
  return [...out.values()].sort((x, y) => x.code.localeCompare(y.code));
}

async function importIntoEmpty(file: string) {
  const workspace = await Workspace.inMemory(env);
  const report = await createHandlers(createSession({ workspace, env }))['import.files']({ paths: [file] });
  const areas = listAreas(workspace.db).map(({ code, name, kind, parentCode }) => ({ code, name, kind, parentCode })).sort((x, y) => x.code.localeCompare(y.code));
  return { report, areas };
}

describe('area lookups recognised by their codes', () => {
  it('semicolon separated, renamed headers: every force, CSP and district with the file\'s codes', async () => {
    const file = path.join(dir, 'lookup.csv');
    await writeFile(file, text(['lad-code', 'lad-name', 'csp-code', 'csp-name', 'PFA21CD', 'PFA21NM'], ';'));
    const { report, areas } = await importIntoEmpty(file);
    expect(report.files[0]).toMatchObject({ shape: 'area-lookup' });
    expect(areas).toEqual(expectedAreas());
  });

  it('tab separated with plain-words headers and names beside their codes', async () => {
    const file = path.join(dir, 'district-csp-force.txt');
    await writeFile(file, text(['District', 'District name', 'Partnership', 'Partnership name', 'Force', 'Force name'], '\t'));
    const { report, areas } = await importIntoEmpty(file);
    expect(report.files[0]!.shape).toBe('area-lookup');
    expect(areas).toEqual(expectedAreas());
  });

  it('in a workspace with districts, adds the force and CSP above its own districts only', async () => {
    const file = path.join(dir, 'lookup23.csv');
    await writeFile(file, text(['lad-code', 'lad-name', 'csp-code', 'csp-name', 'PFA21CD', 'PFA21NM'], ';'));
    const session = await demoSession();
    const own = new Set(listAreas(session.workspace.db).filter((a) => a.kind === 'district' || a.kind === 'unitary').map((a) => a.code));
    const report = await createHandlers(session)['import.files']({ paths: [file] });
    const used = LOOKUP.filter(([d]) => own.has(d));
    expect(used.length).toBeGreaterThan(0);
    expect(report.skipped).toContainEqual({ reason: 'districts in lookup23.csv that are not in this workspace', count: LOOKUP.length - used.length });
    const areas = listAreas(session.workspace.db);
    for (const [, , c, , f] of used) {
      expect(areas.find((a) => a.code === c)?.parentCode).toBe(f);
      expect(areas.find((a) => a.code === f)?.kind).toBe('force');
    }
    // Districts of other forces were not added.
    for (const [d] of LOOKUP.filter(([code]) => !own.has(code))) expect(areas.some((a) => a.code === d)).toBe(false);
  });

  it('ONS\'s FID row numbers do not stop a lookup; a table of figures with all three code columns is a table, not a lookup', async () => {
    const withFid = path.join(dir, 'lookup-fid.csv');
    await writeFile(withFid, [['LAD23CD', 'LAD23NM', 'CSP23CD', 'CSP23NM', 'PFA23CD', 'PFA23NM', 'FID'], ...LOOKUP.map((r, i) => [...r, String(i + 1)])].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n'));
    expect((await importIntoEmpty(withFid)).areas).toEqual(expectedAreas());
    const figures = path.join(dir, 'csp-crime.csv');
    await writeFile(figures, [['District', 'District name', 'CSP', 'CSP name', 'Force', 'Force name', 'Period', 'Crimes'], ...LOOKUP.map((r, i) => [...r, '2023/24', String(1000 + i)])].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n'));
    const workspace = await Workspace.inMemory(env);
    const report = await createHandlers(createSession({ workspace, env }))['import.files']({ paths: [figures], dryRun: true });
    expect(report.files[0]!.shape).toBe('tidy');
  });

  it('a file with district and CSP codes but no force column says what is missing', async () => {
    const file = path.join(dir, 'partial.csv');
    await writeFile(file, [['lad-code', 'lad-name', 'csp-code', 'csp-name'], ...LOOKUP.map((r) => r.slice(0, 4))].map((r) => r.join(';')).join('\n'));
    const workspace = await Workspace.inMemory(env);
    await expect(createHandlers(createSession({ workspace, env }))['import.files']({ paths: [file] })).rejects.toThrow(
      'partial.csv, row 1: the file has district codes (E06, E07, E08, E09, W06) and community safety partnership codes (E22, W22) but no column of police force area codes (E23, W15).',
    );
  });
});
