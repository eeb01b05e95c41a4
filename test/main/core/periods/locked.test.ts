/**
 * A published (locked) period protects what it published, not more (issue 15), by one rule
 * (main/core/periods/locked.ts) that every writer uses: tidy tables, police.uk counts, typed
 * values, undoing an import, judgements.
 *
 * The demo's locked "2014/15 Q4" published twelve indicators; the history of a new indicator
 * for the same months is not a conflict, while a published indicator's figure, and a count a
 * published rate is derived from, still are.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Session } from '../../../../main/core/app';
import { LockedPeriodRule } from '../../../../main/core/periods';
import { addMonths } from '../../../../shared/domain/periods';
import { demoSession } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-locked-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

function stored(session: Session, indicator: string, areaCode: string): Array<{ first: string; last: string; value: number }> {
  return session.workspace.db.all(
    `SELECT o.first_month AS first, o.last_month AS last, o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN areas a ON a.id = o.area_id
     WHERE i.name = ? AND a.code = ? ORDER BY o.first_month, o.last_month`,
    [indicator, areaCode],
  );
}

const COUNTY = 'E10000018';
const NEW = 'Number of anti-social behaviour reports to the council';

/**
 * A council KPI history as services keep it (tidy: indicator, area code, month, value), 35
 * months from April 2012 to February 2015: all inside the months 2014/15 Q4 published.
 */
function history(): Array<{ month: string; value: number }> {
  return Array.from({ length: 35 }, (_, i) => ({ month: addMonths('2012-04', i), value: 400 + ((i * 37) % 90) }));
}

describe('the locked-period rule', () => {
  it('importing the history of a new indicator is not a conflict; a published indicator in the same file still is', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const db = session.workspace.db;
    const rows = history();
    const published = db.first<{ value: number }>(
      `SELECT o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN areas a ON a.id = o.area_id
       WHERE i.name = 'Vehicle Crime rate (per 1,000 population)' AND a.code = ? AND o.first_month = '2014-04' AND o.last_month = '2015-03'`,
      [COUNTY],
    )!.value;
    const file = await write(
      'kpi-history.csv',
      ['Indicator,Area code,Month,Value', ...rows.map((r) => `${NEW},${COUNTY},${r.month},${r.value}`), `"Vehicle Crime rate (per 1,000 population)",${COUNTY},2014/15,9.99`].join('\n'),
    );
    const r = await h['import.files']({ paths: [file] });
    expect(r.added).toBe(rows.length);
    expect(r.conflicts).toEqual([{ indicator: 'Vehicle Crime rate (per 1,000 population), Leicestershire', span: '2014-15', old: String(published), new: '9.99' }]);
    expect(stored(session, NEW, COUNTY)).toEqual(rows.map((x) => ({ first: x.month, last: x.month, value: x.value })));

    // The values grid: the new indicator's months are editable, the published one's are not.
    const id = db.first<{ id: number }>('SELECT id FROM indicators WHERE name = ?', [NEW])!.id;
    const grid = await h['values.grid']({ indicatorId: id });
    expect(grid.lockedPeriod).toBeNull();
    expect(grid.periods.every((p) => !p.frozen)).toBe(true);
    const edit = await h['values.set']({ indicatorId: id, cells: [{ areaCode: COUNTY, first: '2013-06', last: '2013-06', text: '512' }] });
    expect(edit.saved).toBe(true);
    expect(stored(session, NEW, COUNTY).find((x) => x.first === '2013-06')?.value).toBe(512);
    const vehicle = db.first<{ id: number }>("SELECT id FROM indicators WHERE name = 'Vehicle Crime rate (per 1,000 population)'")!.id;
    const refused = await dispatch(h, 'values.set', { indicatorId: vehicle, cells: [{ areaCode: COUNTY, first: '2014-04', last: '2015-03', text: '7' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Leicestershire, 2014-15: Published: "2014/15 Q4" is locked, so values up to Mar 2015 keep their published figures.' } });
  });

  it('a period published in Boardpack protects the counts its rates are derived from, and nothing else', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const db = session.workspace.db;
    await h['periods.lock']({ period: '2024/25 Q3' });
    const rule = LockedPeriodRule.of(db);
    const id = (name: string) => db.first<{ id: number }>('SELECT id FROM indicators WHERE name = ?', [name])!.id;
    // The Total Crime rate was printed; its police.uk counts are what it is derived from.
    expect(rule.protecting(id('Total Crime rate (per 1,000 population)'), { last: '2024-12' })).toEqual({ name: '2024/25 Q3', lastMonth: '2024-12' });
    expect(rule.protecting(id('Police recorded crime: all crime excluding anti-social behaviour (count)'), { last: '2024-12' })).toEqual({ name: '2024/25 Q3', lastMonth: '2024-12' });
    expect(rule.protecting(id('Police recorded crime: all crime excluding anti-social behaviour (count)'), { last: '2025-01' })).toBeNull();
    // A crime type no printed rate uses is not protected.
    expect(rule.protecting(id('Police recorded crime: Drugs (count)'), { last: '2024-06' })).toBeNull();

    const blaby = 'E07000129';
    const before = stored(session, 'Police recorded crime: Vehicle crime (count)', blaby).find((x) => x.first === '2024-06')!.value;
    const drugsBefore = stored(session, 'Police recorded crime: Drugs (count)', blaby).find((x) => x.first === '2024-06')!.value;
    const file = await write(
      'corrections.csv',
      ['Indicator,Area code,Month,Value', `Police recorded crime: Vehicle crime (count),${blaby},2024-06,${before + 5}`, `Police recorded crime: Drugs (count),${blaby},2024-06,${drugsBefore + 2}`].join('\n'),
    );
    const r = await h['import.files']({ paths: [file] });
    expect(r.conflicts).toEqual([{ indicator: 'Police recorded crime: Vehicle crime (count), Blaby', span: 'Jun 2024', old: String(before), new: String(before + 5) }]);
    expect(r.changed).toEqual([{ indicator: 'Police recorded crime: Drugs (count), Blaby', span: 'Jun 2024', old: String(drugsBefore), new: String(drugsBefore + 2) }]);
    expect(stored(session, 'Police recorded crime: Vehicle crime (count)', blaby).find((x) => x.first === '2024-06')!.value).toBe(before);

    // Undoing that import is allowed: it changed nothing the locked period published.
    expect(await dispatch(h, 'imports.undo', {})).toMatchObject({ ok: true });
    expect(stored(session, 'Police recorded crime: Drugs (count)', blaby).find((x) => x.first === '2024-06')!.value).toBe(drugsBefore);

    // The locked period's own judgements stay as published.
    const judged = await dispatch(h, 'judgements.setIndicator', { period: '2024/25 Q3', indicatorId: id('Total Crime rate (per 1,000 population)'), judgement: 'progress', choice: 'R', reason: 'test' });
    expect(judged).toMatchObject({ ok: false, error: { code: 'conflict', message: '"2024/25 Q3" is published (locked), so its judgements stay as published. Unlock it first, giving a reason.' } });
  });

  it("another period's appendix may not change what 2014/15 Q4 published; its new indicator's figures are added", async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const db = session.workspace.db;
    const value = (name: string, first: string) =>
      db.first<{ value: number }>(
        `SELECT o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN areas a ON a.id = o.area_id WHERE i.name = ? AND a.code = ? AND o.first_month = ?`,
        [name, COUNTY, first],
      )?.value;
    const vehicle = 'Vehicle Crime rate (per 1,000 population)';
    const published = value(vehicle, '2014-04')!;
    // The appendix layout (as published for 2014/15 Q4, tab-separated), for the next year: its
    // previous year is 2014/15, which the locked 2014/15 Q4 published.
    const header = ['Outcomes', 'Overall Progress RAG', 'Overall Comment', 'Supporting Indicators', 'Previous Year (2014-15)', 'Latest Data (12 months to Mar 2016 unless stated)', 'Current Direction of Travel', 'Progress', 'County Comparison', 'District Comparison'];
    const rows = [
      ['Ongoing reductions in crime', 'G', 'Lower than last year.', vehicle, (published + 1).toFixed(2), '6.02', '↓', 'A', 'Average', ''],
      ['', '', '', 'Number of new youth diversion referrals', '41', '57', '↑', 'G', '-', ''],
    ];
    const file = await write('appendix-2015-16-Q4.tsv', [header, ...rows].map((r) => r.join('\t')).join('\n'));
    const r = await h['import.files']({ paths: [file] });
    expect(r.conflicts).toEqual([{ indicator: vehicle, span: '2014-04 to 2015-03', old: String(published), new: (published + 1).toFixed(2) }]);
    expect(value(vehicle, '2014-04')).toBe(published);
    expect(value(vehicle, '2015-04')).toBe(6.02);
    expect(value('Number of new youth diversion referrals', '2014-04')).toBe(41);
    expect(value('Number of new youth diversion referrals', '2015-04')).toBe(57);
  });

  it('undoing an import is refused once a locked period has published what it set', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const blaby = 'E07000129';
    const before = stored(session, 'Police recorded crime: Vehicle crime (count)', blaby).find((x) => x.first === '2024-06')!.value;
    const file = await write('fix.csv', ['Indicator,Area code,Month,Value', `Police recorded crime: Vehicle crime (count),${blaby},2024-06,${before + 1}`].join('\n'));
    await h['import.files']({ paths: [file] });
    await h['periods.lock']({ period: '2024/25 Q3' });
    expect(await dispatch(h, 'imports.undo', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Import 1 set figures up to 2024-12, which the locked (published) period "2024/25 Q3" uses; unlock it before undoing the import.' },
    });
  });
});
