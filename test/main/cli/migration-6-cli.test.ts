/**
 * A workspace made before migration 6 opens in the command line too (see
 * test/main/core/store/migration-6.test.ts for the fixture: the demo at schema version 4).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sqlite } from '../../../main/core/store/sqlite';
import { boardpack, REPO } from '../core/demo-support';
import { sharedData } from '../../shared-folder';

let dir: string;
let original: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-migration-cli-'));
  original = gunzipSync(await readFile(path.join(REPO, 'test/fixtures/workspaces/demo-schema-4.boardpack.gz')));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a workspace of schema version 4, in the command line', () => {
  it('opens in the command line too: areas are listed and imports still work', async () => {
    const copy = path.join(dir, 'cli copy.boardpack');
    await writeFile(copy, original);
    const listed = await boardpack('areas', '--workspace', copy);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('E10000018\tLeicestershire\tcounty\tE12000004\t2023\tmain area');
    const ons = sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv');
    const imported = await boardpack('import', ons, '--workspace', copy);
    expect(imported.code, imported.stderr).toBe(0);
    // The fixture's mid-2023 populations are this file's (unchanged); its areas without one get it.
    const db = await Sqlite.open(original);
    const withPopulation = db.first<{ n: number }>('SELECT count(*) AS n FROM populations WHERE year = 2023')!.n;
    const onsCodes = new Set((await readFile(ons, 'utf8')).split(/\r?\n/).map((l) => l.split(',')[0]));
    const without = db.all<{ code: string }>('SELECT code FROM areas WHERE id NOT IN (SELECT area_id FROM populations)').filter((a) => onsCodes.has(a.code)).length;
    db.close();
    expect(imported.stdout).toContain(`Added ${without} values; 0 changed; ${withPopulation} unchanged.`);
    expect((await boardpack('imports', '--workspace', copy)).stdout).toContain('ons_mye_mid2023_england_wales_lad.csv');
  });
});
