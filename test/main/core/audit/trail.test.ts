/**
 * The audit trail as the Audit page and its CSV show it: who, when, what, before and after,
 * with the analyst's reasons, newest first, filtered by period and by indicator.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/core/app';
import { demoHandlers } from '../demo-support';

const OPEN = '2024/25 Q3';
const BLABY = 'E07000129';

describe('the audit trail', () => {
  it('lists each change in words with its reason, newest first, and filters by period and indicator', async () => {
    const { handlers } = await demoHandlers();
    const model = await handlers['dashboard.get']({ period: OPEN });
    const vehicle = model.outcomes.flatMap((o) => o.indicators).find((r) => r.name.startsWith('Vehicle Crime rate'))!;
    const series = (await handlers['indicators.list']({})).dataSeries.find((i) => i.name === 'Police recorded crime: Vehicle crime (count)')!;

    await handlers['judgements.setIndicator']({ period: OPEN, indicatorId: vehicle.indicatorId, judgement: 'direction', choice: 'worsening', reason: 'Thefts from vans rose' });
    await handlers['values.set']({ indicatorId: series.id, cells: [{ areaCode: BLABY, first: '2024-06', last: '2024-06', text: '1,234' }] });
    await handlers['periods.lock']({ period: OPEN });
    await handlers['periods.unlock']({ period: OPEN, reason: 'December figures corrected by the police' });

    const all = await handlers['audit.list']({});
    const mine = all.filter((r) => r.who === 'tester').slice(0, 4);
    expect(mine.map((r) => [r.action, r.what, r.before, r.after])).toEqual([
      ['Unlocked', `Reporting period ${OPEN}`, 'published (locked)', 'draft (December figures corrected by the police)'],
      ['Published', `Reporting period ${OPEN}`, 'draft', 'published (locked)'],
      ['Changed', 'Police recorded crime: Vehicle crime (count): Blaby, Jun 2024', expect.any(String), '1234'],
      ['Changed', `${vehicle.name}: direction of travel, ${OPEN}`, '', 'worsening (Thefts from vans rose)'],
    ]);

    const forIndicator = await handlers['audit.list']({ indicatorId: vehicle.indicatorId });
    expect(forIndicator.map((r) => r.what)).toEqual([`${vehicle.name}: direction of travel, ${OPEN}`]);
    const forPeriod = await handlers['audit.list']({ period: OPEN });
    expect(forPeriod.map((r) => r.action)).toEqual(['Unlocked', 'Published', 'Changed', 'Changed']);
    // Jun 2024 is not among the 12 months 2014/15 Q4 uses; nothing of this session is either.
    expect((await handlers['audit.list']({ period: '2014/15 Q4' })).filter((r) => r.who === 'tester')).toEqual([]);
  });

  it('puts imports and their undoing on the trail, from the import journal', async () => {
    const { handlers } = await demoHandlers();
    const dir = await mkdtemp(path.join(tmpdir(), 'boardpack-audit-'));
    try {
      const file = path.join(dir, 'blaby-june.csv');
      await writeFile(file, 'indicator,area_code,period,value\nPolice recorded crime: Vehicle crime (count),E07000129,Jun 2024,77\n');
      const report = await handlers['import.files']({ paths: [file] });
      expect(report.importId).not.toBeNull();
      await handlers['imports.undo']({ id: report.importId! });
      const rows = (await handlers['audit.list']({})).filter((r) => r.what === 'blaby-june.csv');
      expect(rows.map((r) => r.action).sort()).toEqual(['Import undone', 'Imported']);
      expect(rows.find((r) => r.action === 'Imported')!.after).toMatch(/\b1 (added|changed)\b/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exports what it lists to CSV, and names an unknown period', async () => {
    const { handlers } = await demoHandlers();
    await handlers['periods.setTitle']({ period: OPEN, title: 'Quarter 3, a "draft", with commas' });
    const dir = await mkdtemp(path.join(tmpdir(), 'boardpack-audit-'));
    try {
      const out = path.join(dir, 'audit.csv');
      const file = await handlers['export.audit']({ period: OPEN, path: out });
      expect(file.path).toBe(out);
      const text = (await readFile(out, 'utf8')).replace(/^\uFEFF/, '');
      const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
      expect(parsed[0]).toEqual(['When', 'Who', 'Action', 'What', 'Before', 'After']);
      const listed = await handlers['audit.list']({ period: OPEN });
      expect(parsed.slice(1).map((r) => r.slice(1))).toEqual(listed.map((r) => [r.who, r.action, r.what, r.before, r.after]));
      expect(parsed[1]![5]).toBe('Quarter 3, a "draft", with commas');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(await dispatch(handlers, 'audit.list', { period: '2019/20 Q1' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(handlers, 'audit.list', { indicatorId: 99999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
