/**
 * Files read once where once will do: the import that follows its plan reuses the plan's
 * reading of the police.uk files (no reading phase), unless a file changed in between, and
 * gives the same figures as an import read from scratch.
 */
import { copyFile, mkdtemp, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportStep } from '../../../../main/core/imports/importing';
import { sharedData } from '../../../shared-folder';
import { demoSession } from '../demo-support';

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
