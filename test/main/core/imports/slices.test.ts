/**
 * An import stores its values in slices (running.ts `slicer`): between slices the core process
 * answers other calls. The slicing pauses inside the import's transaction and changes nothing
 * it stores.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../../main/core/imports/importing';
import { slicer } from '../../../../main/core/imports/running';
import { sharedData } from '../../../shared-folder';
import { demoSession } from '../demo-support';

describe('slicer', () => {
  it('pauses for a turn of the event loop only once a slice has run its time', async () => {
    let clock = 0;
    const breathe = slicer(() => false, () => new Error('stopped'), 40, () => clock);
    let ran = false;
    setImmediate(() => (ran = true));
    clock = 39;
    await breathe();
    expect(ran).toBe(false); // within the slice: no pause
    clock = 40;
    await breathe();
    expect(ran).toBe(true); // the slice is up: what was waiting has run
  });

  it('ends the work with the reason when it must stop', async () => {
    let clock = 0;
    let stop = false;
    const breathe = slicer(() => stop, () => new Error('The import was cancelled.'), 40, () => clock);
    clock = 50;
    await breathe();
    stop = true;
    clock = 100;
    await expect(breathe()).rejects.toThrow('The import was cancelled.');
  });
});

describe('an import in slices', () => {
  it('pauses inside its transaction while it stores police.uk counts and ONS populations, and stores exactly what it stores without pauses', async () => {
    const folder = sharedData('police-uk');
    const police = (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort().slice(0, 6).map((f) => path.join(folder, f));
    const files = [...police, sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv')];
    // Clear the months so the import has values to add (the demo holds them already).
    const sliced = await demoSession();
    const whole = await demoSession();
    for (const s of [sliced, whole]) s.workspace.db.exec("DELETE FROM observations WHERE first_month BETWEEN '2023-01' AND '2023-06'; DELETE FROM populations WHERE year = 2023");

    let pausesInTransaction = 0;
    let readsBetween = 0;
    const report = await importFiles(sliced.workspace, files, {
      breathe: async () => {
        if (!sliced.workspace.db.inTransaction) return;
        pausesInTransaction++;
        await new Promise((resolve) => setImmediate(resolve));
        // What another call that only reads does between slices.
        readsBetween += sliced.workspace.db.all('SELECT id FROM reporting_periods').length > 0 ? 1 : 0;
      },
    });
    const plain = await importFiles(whole.workspace, files, {});
    expect(pausesInTransaction).toBeGreaterThan(files.length);
    expect(readsBetween).toBe(pausesInTransaction);
    expect(report.importId).not.toBeNull();
    expect({ ...report, importId: 0 }).toEqual({ ...plain, importId: 0 });
    const stored = (s: typeof sliced) => [
      s.workspace.db.all('SELECT indicator_id, area_id, first_month, last_month, value FROM observations ORDER BY 1, 2, 3, 4'),
      s.workspace.db.all('SELECT area_id, year, count FROM populations ORDER BY 1, 2'),
      s.workspace.db.all('SELECT table_name, row_key, previous FROM import_journal ORDER BY id'),
    ];
    expect(stored(sliced)).toEqual(stored(whole));
  });

  it('a pause that ends the import (Cancel) rolls back everything stored so far', async () => {
    const folder = sharedData('police-uk');
    const police = (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort().slice(0, 3).map((f) => path.join(folder, f));
    const session = await demoSession();
    session.workspace.db.exec("DELETE FROM observations WHERE first_month BETWEEN '2023-01' AND '2023-03'");
    const count = () => session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM observations')!.n;
    const before = count();
    const controller = new AbortController();
    let pauses = 0;
    const importing = importFiles(session.workspace, police, {
      signal: controller.signal,
      breathe: async () => {
        if (!session.workspace.db.inTransaction || ++pauses < 3) return;
        controller.abort(new DOMException('The import was cancelled.', 'AbortError'));
        throw controller.signal.reason;
      },
    });
    await expect(importing).rejects.toThrow(/cancelled: nothing was changed/);
    expect(pauses).toBe(3);
    expect(session.workspace.db.inTransaction).toBe(false);
    expect(count()).toBe(before);
  });

  it('pauses inside its transaction while it stores a tidy table, new values and a re-import alike, and stores exactly what it stores without pauses', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-slices-'));
    try {
      // 3 indicators x 40 areas x 120 months: 14,400 values, several steps of storing.
      const tidy = (bump: number) => {
        const lines = ['indicator,area_code,period,value'];
        for (let i = 1; i <= 3; i++) for (let a = 0; a < 40; a++) for (let m = 0; m < 120; m++) lines.push(`Sliced indicator ${i} (count),E07${900000 + a},${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')},${(i * a + m + (m % 7 === 0 ? bump : 0)) % 500}`);
        return `${lines.join('\n')}\n`;
      };
      const first = path.join(dir, 'tidy.csv');
      const second = path.join(dir, 'tidy-revised.csv');
      await writeFile(first, tidy(0));
      await writeFile(second, tidy(3));
      const sliced = await demoSession();
      const whole = await demoSession();
      let pausesInTransaction = 0;
      const breathe = async () => {
        if (!sliced.workspace.db.inTransaction) return;
        pausesInTransaction++;
        await new Promise((resolve) => setImmediate(resolve));
      };
      for (const file of [first, second]) {
        pausesInTransaction = 0;
        const report = await importFiles(sliced.workspace, [file], { createAreas: true, breathe });
        const plain = await importFiles(whole.workspace, [file], { createAreas: true });
        expect(pausesInTransaction).toBeGreaterThan(2);
        if (file === second) expect(report.changed.length).toBeGreaterThan(0);
        expect({ ...report, importId: 0 }).toEqual({ ...plain, importId: 0 });
      }
      const stored = (s: typeof sliced) => [
        s.workspace.db.all('SELECT indicator_id, area_id, first_month, last_month, value FROM observations ORDER BY 1, 2, 3, 4'),
        s.workspace.db.all('SELECT table_name, row_key, previous FROM import_journal ORDER BY id'),
      ];
      expect(stored(sliced)).toEqual(stored(whole));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
