/**
 * Files read once where once will do: the import that follows its plan reuses the plan's
 * reading of the police.uk files (no reading phase), unless a file changed in between, and
 * gives the same figures as an import read from scratch. A file is hashed as it is counted, not
 * read a second time for the sha256 its import records; copies are found among files of the
 * same size.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportStep } from '../../../../main/core/imports/importing';
import { copiesAmong, fileSha256, hashedWhileRead } from '../../../../main/core/imports/read-once';
import { upsertArea } from '../../../../main/core/areas/repo';
import { Workspace } from '../../../../main/core/store/workspace';
import { sharedData } from '../../../shared-folder';
import { demoSession, env } from '../demo-support';

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-read-once-'));
  files = [];
  for (const month of ['2024-05', '2024-06']) {
    const copy = path.join(dir, `${month}-leicestershire-street.csv`);
    await copyFile(sharedData('police-uk', `${month}-leicestershire-street.csv`), copy);
    files.push(copy);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const phases = (steps: ImportStep[]) => [...new Set(steps.map((s) => s.phase))];

describe('plan, then import', () => {
  it('reads the police.uk files for the plan only, and the import gives the same figures as one read from scratch', async () => {
    const planned = await demoSession();
    const seenPlan: ImportStep[] = [];
    const plan = await importFiles(planned.workspace, files, { dryRun: true, onProgress: (s) => seenPlan.push(s) });
    expect(phases(seenPlan)).toContain('reading');
    const seenImport: ImportStep[] = [];
    const imported = await importFiles(planned.workspace, files, { onProgress: (s) => seenImport.push(s) });
    expect(phases(seenImport)).not.toContain('reading');

    const fresh = await demoSession();
    const scratch = await importFiles(fresh.workspace, files, {});
    for (const report of [plan, imported]) {
      expect({ added: report.added, changed: report.changed, unchanged: report.unchanged, skipped: report.skipped }).toEqual({ added: scratch.added, changed: scratch.changed, unchanged: scratch.unchanged, skipped: scratch.skipped });
    }
    const stored = (s: typeof planned) => s.workspace.db.all('SELECT indicator_id, area_id, first_month, last_month, value FROM observations ORDER BY 1, 2, 3, 4');
    expect(stored(planned)).toEqual(stored(fresh));
  });

  it('reads a file again when it changed after the plan', async () => {
    const session = await demoSession();
    await importFiles(session.workspace, files, { dryRun: true });
    const later = new Date(Date.now() + 60_000);
    await utimes(files[1]!, later, later);
    const seen: ImportStep[] = [];
    await importFiles(session.workspace, files, { dryRun: true, onProgress: (s) => seen.push(s) });
    expect(phases(seen)).toContain('reading');
  });
});

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('hashed once', () => {
  it('records each file\'s sha256 with its import, hashed as the file was counted', async () => {
    const workspace = await Workspace.create(path.join(dir, 'blaby.boardpack'), env);
    workspace.mutate(() => upsertArea(workspace.db, { code: 'E07000129', name: 'Blaby', kind: 'district', parentCode: null }));
    const report = await importFiles(workspace, files, {});
    expect(report.status).toBe('imported');
    const row = workspace.db.first<{ sha256: string }>('SELECT sha256 FROM imports WHERE id = ?', [report.importId]);
    expect(row?.sha256.split(',')).toEqual(await Promise.all(files.map(sha256)));
  });

  it('takes the hash a read made instead of reading the file again, unless the file changed meanwhile', async () => {
    const file = path.join(dir, 'hashed.csv');
    await writeFile(file, 'Area,Value\nBlaby,1\n');
    // A made-up hash stands in for the read's: fileSha256 giving it back shows it did not read the file.
    const made = 'a'.repeat(64);
    await hashedWhileRead(file, async () => ({ sha256: made }));
    expect(await fileSha256(file)).toBe(made);

    const changed = path.join(dir, 'changed.csv');
    await writeFile(changed, 'Area,Value\nBlaby,1\n');
    await hashedWhileRead(changed, async () => {
      await writeFile(changed, 'Area,Value\nBlaby,2\n');
      return { sha256: made };
    });
    expect(await fileSha256(changed)).toBe(await sha256(changed));
  });

  it('finds a copy under another name among files of the same size, and nothing among different files of that size', async () => {
    const [a, b, c, d] = ['a.csv', 'b.csv', 'c.csv', 'd.csv'].map((f) => path.join(dir, f)) as [string, string, string, string];
    await writeFile(a, 'Area,Value\nBlaby,1\n');
    await writeFile(b, 'Area,Value\nBlaby,2\n');
    await writeFile(c, 'Area,Value\nBlaby,1\n');
    await writeFile(d, 'Area,Value\nBlaby,10\n');
    expect(await copiesAmong([a, b, c, d])).toEqual([{ index: 2, file: c, copyOf: a }]);
    expect(await copiesAmong([a, b, d])).toEqual([]);
    expect(await copiesAmong([a, a])).toEqual([{ index: 1, file: a, copyOf: a }]);
  });
});
