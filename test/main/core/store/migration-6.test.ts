/**
 * A workspace made before migration 6 (retired areas, comparator groups) still opens and keeps
 * working. The fixtures are real files: the demo workspace as `boardpack demo` wrote it at schema
 * version 4 (before issue 11) and at schema version 5 (main with the measure types, just before
 * this branch was merged), gzipped (test/fixtures/workspaces/demo-schema-N.boardpack.gz).
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, createSession } from '../../../../main/core/app';
import { Sqlite } from '../../../../main/core/store/sqlite';
import { Workspace } from '../../../../main/core/store/workspace';
import { demoSession, env, REPO } from '../demo-support';

describe.each([4, 5])('a workspace of schema version %i', (version) => {
  let dir: string;
  let file: string;
  let original: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-migration-'));
    file = path.join(dir, `Demo from schema ${version}.boardpack`);
    original = gunzipSync(await readFile(path.join(REPO, `test/fixtures/workspaces/demo-schema-${version}.boardpack.gz`)));
    await writeFile(file, original);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is the real file it claims to be', async () => {
    const db = await Sqlite.open(original);
    expect(db.all<{ id: number }>('SELECT id FROM migrations ORDER BY id').map((r) => r.id)).toEqual([1, 2, 3, 4, 5].slice(0, version));
    expect(db.all<{ name: string }>("SELECT name FROM pragma_table_info('areas')").map((r) => r.name)).not.toContain('retired_on');
    db.close();
  });

  it('opens, is upgraded with its old version kept, and shows the same published appendix and areas', async () => {
    const before = await Sqlite.open(original);
    const areasBefore = before.all<{ code: string; name: string; kind: string }>('SELECT code, name, kind FROM areas ORDER BY code');
    before.close();
    // The demo as this build writes it: the upgraded file must show the same dashboards.
    const fresh = await demoSession();
    const freshHandlers = createHandlers(fresh);

    const workspace = await Workspace.open(file, env);
    const h = createHandlers(createSession({ workspace, env }));
    expect(workspace.db.all<{ id: number }>('SELECT id FROM migrations ORDER BY id').map((r) => r.id)).toContain(6);
    expect((await readFile(`${file}.bak`)).equals(original)).toBe(true);
    const page = await h['areas.page']({});
    expect(page.areas.map((a) => ({ code: a.code, name: a.name, kind: a.kind })).sort((a, b) => a.code.localeCompare(b.code))).toEqual(areasBefore);
    expect(page.areas.every((a) => a.retiredOn === undefined)).toBe(true);
    expect(page.groups).toEqual([]);
    expect(page.mainAreaCode).toBe('E10000018');
    for (const period of ['2014/15 Q4', '2024/25 Q3']) expect(await h['dashboard.get']({ period })).toEqual(await freshHandlers['dashboard.get']({ period }));
    await fresh.workspace.close();
    // The title it was given is kept; the new features work on it.
    expect((await h['workspace.info']({})).title).toBe('Demo: Leicestershire Safer Communities');
    await h['areas.add']({ from: 'Rutland' });
    await h['areas.saveGroup']({ name: 'Neighbours', members: ['E10000018', 'Nottinghamshire'] });
    const q3 = await h['dashboard.get']({ period: '2024/25 Q3' });
    expect(q3.outcomes.flatMap((o) => o.indicators).find((i) => i.name.startsWith('Vehicle Crime rate'))?.latest.text).toMatch(/^\d+\.\d\d$/);
    await workspace.close();
    expect((await stat(file)).size).toBeGreaterThan(0);
  });
});
