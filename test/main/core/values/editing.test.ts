import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/core/app';
import { auditFor } from '../../../../main/core/audit/repo';
import { demoHandlers } from '../demo-support';

const VEHICLE_COUNTS = 26; // Police recorded crime: Vehicle crime (count), monthly by district
const VEHICLE_RATE = 3; // derived per 1,000 from those counts; 2013/14 and 2014/15 stored as published
const FTE = 7; // first time entrants: yearly values, published in 2014/15 Q4 (locked)
const BLABY = 'E07000129';
const COUNTY = 'E10000018';

type Handlers = Awaited<ReturnType<typeof demoHandlers>>['handlers'];

async function cell(handlers: Handlers, indicatorId: number, areaCode: string, first: string, last = first) {
  const grid = await handlers['values.grid']({ indicatorId });
  const column = grid.periods.findIndex((p) => p.first === first && p.last === last);
  const row = grid.areas.find((a) => a.code === areaCode);
  return column < 0 || !row ? undefined : row.cells[column];
}

describe('the values grid', () => {
  it('shows districts down and months across, the county and rolling 12 months as derived', async () => {
    const { handlers } = await demoHandlers();
    const grid = await handlers['values.grid']({ indicatorId: VEHICLE_COUNTS });
    expect(grid.areas.map((a) => a.name)).toEqual(['Leicestershire', 'Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston']);
    const months = grid.periods.filter((p) => p.kind === 'month');
    expect(months).toHaveLength(24);
    expect(months[0]).toMatchObject({ first: '2023-01', label: 'Jan 2023', frozen: false });
    expect(grid.periods.filter((p) => p.kind === 'rolling_12').map((p) => p.label)[0]).toBe('12 months to Dec 2023');
    const blaby = grid.areas.find((a) => a.code === BLABY)!;
    const county = grid.areas.find((a) => a.code === COUNTY)!;
    const june = grid.periods.findIndex((p) => p.first === '2024-06' && p.last === '2024-06');
    expect(blaby.cells[june]).toMatchObject({ derived: false, editable: true, how: null });
    expect(county.cells[june]).toMatchObject({ derived: true, editable: false, how: 'Derived: the sum of the 7 districts\' counts for Jun 2024' });
    const sum = grid.areas.slice(1).reduce((s, a) => s + Number(a.cells[june]!.edit), 0);
    expect(Number(county.cells[june]!.edit)).toBe(sum);
    const rolling = grid.periods.findIndex((p) => p.kind === 'rolling_12' && p.last === '2024-12');
    expect(blaby.cells[rolling]).toMatchObject({ derived: true, editable: false, how: 'Derived: the sum of the 12 monthly counts, Jan 2024 to Dec 2024' });
  });

  it('shows rates as derived, "count / population x 1,000", and published years as locked', async () => {
    const { handlers } = await demoHandlers();
    const grid = await handlers['values.grid']({ indicatorId: VEHICLE_RATE });
    expect(grid.derivedFrom).toBe('Police recorded crime: Vehicle crime (count)');
    expect(grid.lockedPeriod).toBe('2014/15 Q4');
    const published = await cell(handlers, VEHICLE_RATE, COUNTY, '2014-04', '2015-03');
    expect(published).toMatchObject({ text: '6.35', derived: false, editable: false, readOnlyReason: 'Published: "2014/15 Q4" is locked, so values up to Mar 2015 keep their published figures.' });
    const rate = await cell(handlers, VEHICLE_RATE, BLABY, '2024-01', '2024-12');
    expect(rate!.derived).toBe(true);
    expect(rate!.how).toMatch(/^Derived: Police recorded crime: Vehicle crime \(count\) [\d,]+ \/ population 105,278 \(mid-2023\) x 1,000$/);
    expect(rate!.text).toMatch(/^\d+\.\d\d$/);
  });
});

describe('editing values', () => {
  it('edits one cell: audited with old, new, when and who; undo and redo through the app history', async () => {
    const { handlers, session } = await demoHandlers();
    const before = (await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-06'))!;
    const result = await handlers['values.set']({ indicatorId: VEHICLE_COUNTS, cells: [{ areaCode: BLABY, first: '2024-06', last: '2024-06', text: '1,234' }] });
    expect(result).toMatchObject({ saved: true, unchanged: 0, refused: [], changes: [{ areaName: 'Blaby', period: 'Jun 2024', old: before.text, new: '1,234' }] });
    expect((await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-06'))!.text).toBe('1,234');
    // The county's derived month follows.
    const county = (await cell(handlers, VEHICLE_COUNTS, COUNTY, '2024-06'))!;
    expect(auditFor(session.workspace.db, 'value', VEHICLE_COUNTS)).toEqual([
      { at: '2025-01-31T12:00:00.000Z', osUser: 'tester', action: 'update', field: `${BLABY} 2024-06`, oldValue: before.edit, newValue: '1234' },
    ]);
    const history = await handlers['values.history']({ indicatorId: VEHICLE_COUNTS, areaCode: BLABY, first: '2024-06', last: '2024-06' });
    expect(history).toMatchObject({ cell: 'Blaby, Jun 2024', current: '1,234', entries: [{ action: 'edited', osUser: 'tester', old: before.text, new: '1,234' }] });

    expect((await handlers['history.get']({})).undo?.label).toBe('Edit Blaby, Jun 2024 of Police recorded crime: Vehicle crime (count)');
    await handlers['history.undo']({});
    expect((await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-06'))!.text).toBe(before.text);
    expect(Number((await cell(handlers, VEHICLE_COUNTS, COUNTY, '2024-06'))!.edit)).toBe(Number(county.edit) - 1234 + Number(before.edit));
    await handlers['history.redo']({});
    expect((await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-06'))!.text).toBe('1,234');
    const story = await handlers['values.history']({ indicatorId: VEHICLE_COUNTS, areaCode: BLABY, first: '2024-06', last: '2024-06' });
    expect(story.entries.map((e) => e.action)).toEqual(['edited', 'undid the edit', 'redid the edit']);
  });

  it('a pasted block: the dry run previews changes and refusals, applying writes one undoable step', async () => {
    const { handlers } = await demoHandlers();
    const cells = [
      { areaCode: BLABY, first: '2024-01', last: '2024-01', text: '10' },
      { areaCode: BLABY, first: '2024-02', last: '2024-02', text: '11' },
      { areaCode: COUNTY, first: '2024-01', last: '2024-01', text: '99' },
      { areaCode: BLABY, first: '2024-03', last: '2024-03', text: 'abc' },
      // Copied from an official statistics table: [x] is not available, [z] not applicable.
      { areaCode: BLABY, first: '2024-04', last: '2024-04', text: '[x]' },
      { areaCode: BLABY, first: '2024-05', last: '2024-05', text: '[z]' },
      // A word that names a property of every JavaScript object is a word like any other.
      { areaCode: BLABY, first: '2024-06', last: '2024-06', text: 'constructor' },
    ];
    const preview = await handlers['values.set']({ indicatorId: VEHICLE_COUNTS, cells, dryRun: true, pasted: true });
    expect(preview.saved).toBe(false);
    expect(preview.changes.map((c) => [c.period, c.new])).toEqual([['Jan 2024', '10'], ['Feb 2024', '11'], ['Apr 2024', 'NA'], ['May 2024', '-']]);
    expect(preview.refused.map((r) => [r.areaName, r.period, r.reason])).toEqual([
      ['Leicestershire', 'Jan 2024', "Derived: the sum of the 7 districts' counts for Jan 2024, so it cannot be typed over; edit the values it comes from"],
      ['Blaby', 'Mar 2024', "'abc' is not a value Boardpack can read; expected a number such as 1,259 or 55.4%, optionally with a footnote marker (*) and a period in brackets, or NA or -"],
      ['Blaby', 'Jun 2024', "'constructor' is not a value Boardpack can read; expected a number such as 1,259 or 55.4%, optionally with a footnote marker (*) and a period in brackets, or NA or -"],
    ]);
    expect((await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-01'))!.text).not.toBe('10');
    const applied = await handlers['values.set']({ indicatorId: VEHICLE_COUNTS, cells, pasted: true });
    expect(applied.saved).toBe(true);
    expect((await handlers['history.get']({})).undo?.label).toBe('Paste 4 values of Police recorded crime: Vehicle crime (count)');
    expect((await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-02'))!.text).toBe('11');
    await handlers['history.undo']({});
    expect((await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-01'))!.text).not.toBe('10');
    expect((await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-02'))!.text).not.toBe('11');
  });

  it('refuses months a locked period published, and derived values, with a clear message', async () => {
    const { handlers } = await demoHandlers();
    const locked = await dispatch(handlers, 'values.set', { indicatorId: FTE, cells: [{ areaCode: COUNTY, first: '2014-04', last: '2015-03', text: '200' }] });
    expect(locked).toEqual({ ok: false, error: { code: 'conflict', message: 'Leicestershire, 2014-15: Published: "2014/15 Q4" is locked, so values up to Mar 2015 keep their published figures.' } });
    const derived = await dispatch(handlers, 'values.set', { indicatorId: VEHICLE_RATE, cells: [{ areaCode: BLABY, first: '2024-01', last: '2024-12', text: '5' }] });
    expect(derived).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^Blaby, 12 months to Dec 2024: Derived: Police recorded crime: Vehicle crime \(count\) .* x 1,000, so it cannot be typed over; edit the values it comes from$/) } });
    const percent = await dispatch(handlers, 'values.set', { indicatorId: VEHICLE_COUNTS, cells: [{ areaCode: BLABY, first: '2024-06', last: '2024-06', text: '12%' }] });
    expect(percent).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: "Blaby, Jun 2024: '12%' has a % sign, but this indicator is a count" } });
    const excel = await dispatch(handlers, 'values.set', { indicatorId: VEHICLE_COUNTS, cells: [{ areaCode: BLABY, first: '2024-06', last: '2024-06', text: '#N/A' }] });
    expect(excel).toMatchObject({ ok: false, error: { message: expect.stringContaining("'#N/A' is an Excel error, not a value; type NA for not available") } });
    expect((await handlers['history.get']({})).undo).toBeNull();
  });

  it('adds a new value, marks one not available, clears one; each in the audit trail', async () => {
    const { handlers, session } = await demoHandlers();
    await handlers['values.set']({ indicatorId: FTE, cells: [{ areaCode: COUNTY, first: '2015-04', last: '2016-03', text: '124' }] });
    await handlers['values.set']({ indicatorId: FTE, cells: [{ areaCode: BLABY, first: '2015-04', last: '2016-03', text: 'NA' }] });
    expect((await cell(handlers, FTE, COUNTY, '2015-04', '2016-03'))).toMatchObject({ text: '124', editable: true });
    expect((await cell(handlers, FTE, BLABY, '2015-04', '2016-03'))).toMatchObject({ text: 'NA', edit: 'NA' });
    // A footnote marker typed after the number is kept, as the appendix prints it.
    await handlers['values.set']({ indicatorId: FTE, cells: [{ areaCode: BLABY, first: '2015-04', last: '2016-03', text: '1,259*' }] });
    expect((await cell(handlers, FTE, BLABY, '2015-04', '2016-03'))).toMatchObject({ text: '1,259*', edit: '1259*' });
    await handlers['values.set']({ indicatorId: FTE, cells: [{ areaCode: COUNTY, first: '2015-04', last: '2016-03', text: '' }] });
    expect(await cell(handlers, FTE, COUNTY, '2015-04', '2016-03')).toMatchObject({ text: '' });
    expect(auditFor(session.workspace.db, 'value', FTE).map((r) => [r.action, r.field, r.oldValue, r.newValue])).toEqual([
      ['create', `${COUNTY} 2015-04..2016-03`, null, '124'],
      ['create', `${BLABY} 2015-04..2016-03`, null, 'NA'],
      ['update', `${BLABY} 2015-04..2016-03`, 'NA', '1259*'],
      ['delete', `${COUNTY} 2015-04..2016-03`, '124', null],
    ]);
    const history = await handlers['values.history']({ indicatorId: FTE, areaCode: COUNTY, first: '2015-04', last: '2016-03' });
    expect(history.entries.map((e) => [e.action, e.old, e.new])).toEqual([['added', null, '124'], ['cleared', '124', null]]);
    expect((await handlers['history.get']({})).undo?.label).toBe('Clear Leicestershire, 2015-16 of Number of first time entrants to the criminal justice system aged 10 - 17');
  });

  it('clearing several cells is one step, "Clear 2 values of ..."', async () => {
    const { handlers } = await demoHandlers();
    const cells = ['2024-01', '2024-02'].map((m) => ({ areaCode: BLABY, first: m, last: m, text: '' }));
    const result = await handlers['values.set']({ indicatorId: VEHICLE_COUNTS, cells });
    expect(result.changes.map((c) => c.new)).toEqual(['', '']);
    expect((await handlers['history.get']({})).undo?.label).toBe('Clear 2 values of Police recorded crime: Vehicle crime (count)');
    // With a district month missing, the county's month is no longer derived.
    expect(await cell(handlers, VEHICLE_COUNTS, COUNTY, '2024-01')).toMatchObject({ text: '', derived: false, editable: true });
  });

  it('a value the same as stored is unchanged and nothing goes on the undo stack', async () => {
    const { handlers } = await demoHandlers();
    const before = (await cell(handlers, VEHICLE_COUNTS, BLABY, '2024-06'))!;
    const result = await handlers['values.set']({ indicatorId: VEHICLE_COUNTS, cells: [{ areaCode: BLABY, first: '2024-06', last: '2024-06', text: before.text }] });
    expect(result).toEqual({ saved: false, changes: [], unchanged: 1, refused: [] });
    expect((await handlers['history.get']({})).undo).toBeNull();
  });
});

describe("a value's history finds the undos of its own edits, not of edits with the same words", () => {
  const story = async (handlers: Handlers, areaCode: string, month: string) =>
    (await handlers['values.history']({ indicatorId: VEHICLE_COUNTS, areaCode, first: month, last: month })).entries.map((e) => e.action);

  it('an undone and redone pasted block shows in each of its cells', async () => {
    const { handlers } = await demoHandlers();
    await handlers['values.set']({
      indicatorId: VEHICLE_COUNTS,
      pasted: true,
      cells: [
        { areaCode: BLABY, first: '2024-01', last: '2024-01', text: '10' },
        { areaCode: BLABY, first: '2024-02', last: '2024-02', text: '' },
      ],
    });
    expect((await handlers['history.get']({})).undo?.label).toBe('Paste 2 values of Police recorded crime: Vehicle crime (count)');
    await handlers['history.undo']({});
    await handlers['history.redo']({});
    expect(await story(handlers, BLABY, '2024-01')).toEqual(['edited', 'undid the edit', 'redid the edit']);
    expect(await story(handlers, BLABY, '2024-02')).toEqual(['cleared', 'undid the clearing', 'redid the clearing']);
    // A cell the block did not touch has no undo in its story.
    expect(await story(handlers, BLABY, '2024-03')).toEqual([]);
  });

  it('still finds them after the area is renamed (the undo stack words name the old name)', async () => {
    const { handlers } = await demoHandlers();
    await handlers['values.set']({ indicatorId: VEHICLE_COUNTS, cells: [{ areaCode: BLABY, first: '2024-06', last: '2024-06', text: '5' }] });
    await handlers['history.undo']({});
    await handlers['areas.rename']({ area: BLABY, name: 'Blaby District' });
    expect(await story(handlers, BLABY, '2024-06')).toEqual(['edited', 'undid the edit']);
  });

  it('an undo of another cell whose words are now the same is not in this story', async () => {
    const { handlers } = await demoHandlers();
    const CHARNWOOD = 'E07000130';
    await handlers['values.set']({ indicatorId: VEHICLE_COUNTS, cells: [{ areaCode: BLABY, first: '2024-06', last: '2024-06', text: '5' }] });
    await handlers['history.undo']({});
    // Charnwood now bears the name the undone edit's words use ("Edit Blaby, Jun 2024 of ...").
    await handlers['areas.rename']({ area: BLABY, name: 'Blaby (old)' });
    await handlers['areas.rename']({ area: CHARNWOOD, name: 'Blaby' });
    expect(await story(handlers, CHARNWOOD, '2024-06')).toEqual([]);
    expect(await story(handlers, BLABY, '2024-06')).toEqual(['edited', 'undid the edit']);
  });
});
