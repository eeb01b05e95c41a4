import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/core/app';
import { auditFor } from '../../../../main/core/audit/repo';
import { demoHandlers } from '../demo-support';

const VEHICLE = 3; // Vehicle Crime rate (per 1,000 population), derived from the police.uk counts
const FTE = 7; // Number of first time entrants ... (stored yearly values)

async function definitionOf(handlers: Awaited<ReturnType<typeof demoHandlers>>['handlers'], id: number) {
  const list = await handlers['indicators.list']({});
  return [...list.outcomes.flatMap((o) => o.indicators), ...list.dataSeries].find((i) => i.id === id)!;
}

function editable(i: Awaited<ReturnType<typeof definitionOf>>) {
  const { id, outcomeId, name, unit, polarity, decimals, frequency, source, target, tolerancePercent, comparatorGroup, notes, footnote } = i;
  return { id, outcomeId, name, unit, polarity, decimals, frequency, source, target, tolerancePercent, comparatorGroup, notes, footnote };
}

describe('indicator definitions', () => {
  it('lists every outcome with its indicators, the data series and the frequencies in use', async () => {
    const { handlers } = await demoHandlers();
    const list = await handlers['indicators.list']({});
    expect(list.outcomes.map((o) => o.indicators.length)).toEqual([7, 3, 3, 3]);
    expect(list.dataSeries.map((i) => i.name)).toContain('Police recorded crime: Vehicle crime (count)');
    expect(list.frequencies).toEqual(expect.arrayContaining(['monthly', 'quarterly', 'annual', 'survey wave']));
  });

  it('says before saving how a change of decimals prints, naming the locked period that keeps its figures', async () => {
    const { handlers, session } = await demoHandlers();
    const before = await definitionOf(handlers, VEHICLE);
    const dry = await handlers['indicators.save']({ ...editable(before), decimals: 1, dryRun: true });
    expect(dry.saved).toBe(false);
    expect(dry.impacts).toContain('Changing the decimals from 2 to 1 changes how 2014/15 Q4 prints; that period is locked and keeps its published figures.');
    const open = dry.impacts.find((s) => s.includes('2024/25 Q3'));
    expect(open).toMatch(/^Changing the decimals from 2 to 1 changes how 2024\/25 Q3 prints: previous year \d+\.\d\d becomes \d+\.\d; latest \d+\.\d\d becomes \d+\.\d\.$/);
    // The dry run changed nothing.
    expect((await definitionOf(handlers, VEHICLE)).decimals).toBe(2);
    expect(auditFor(session.workspace.db, 'indicator', VEHICLE)).toEqual([]);

    const saved = await handlers['indicators.save']({ ...editable(before), decimals: 1 });
    expect(saved.saved).toBe(true);
    expect(saved.item!.decimals).toBe(1);
    const dashboard = await handlers['dashboard.get']({ period: '2024/25 Q3' });
    const row = dashboard.outcomes.flatMap((o) => o.indicators).find((r) => r.indicatorId === VEHICLE)!;
    expect(row.latest.text).toMatch(/^\d+\.\d$/);
    expect(auditFor(session.workspace.db, 'indicator', VEHICLE)).toEqual([{ at: '2025-01-31T12:00:00.000Z', osUser: 'tester', action: 'update', field: 'decimals', oldValue: '2', newValue: '1' }]);
  });

  it('a polarity change says the suggested direction of travel changes', async () => {
    const { handlers } = await demoHandlers();
    const totalCrime = await definitionOf(handlers, 1);
    const dry = await handlers['indicators.save']({ ...editable(totalCrime), polarity: 'higher', dryRun: true });
    expect(dry.impacts).toContain('Changing the polarity from lower is better to higher is better changes how 2024/25 Q3 prints: direction of travel improving becomes worsening; progress Green becomes Red.');
  });

  it('refuses a name another indicator has, in words an analyst understands', async () => {
    const { handlers } = await demoHandlers();
    const before = await definitionOf(handlers, FTE);
    const clash = await dispatch(handlers, 'indicators.save', { ...editable(before), name: '  vehicle crime RATE (per 1,000 population) ' });
    expect(clash).toEqual({ ok: false, error: { code: 'invalid_arguments', message: 'There is already an indicator called "Vehicle Crime rate (per 1,000 population)". Indicator names must be different.' } });
    const blank = await dispatch(handlers, 'indicators.save', { ...editable(before), name: '   ' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: expect.stringContaining('"name": Give the indicator a name') } });
    const decimals = await dispatch(handlers, 'indicators.save', { ...editable(before), decimals: 7 });
    expect(decimals).toMatchObject({ ok: false, error: { message: expect.stringContaining('"decimals": Decimals from 0 to 6') } });
    const tolerance = await dispatch(handlers, 'indicators.save', { ...editable(before), tolerancePercent: -1 });
    expect(tolerance).toMatchObject({ ok: false, error: { message: expect.stringContaining('"tolerancePercent": A tolerance of 0% or more') } });
    const rate = await dispatch(handlers, 'indicators.save', { ...editable(await definitionOf(handlers, VEHICLE)), unit: 'count' });
    expect(rate).toMatchObject({ ok: false, error: { message: 'Boardpack works this indicator out as a rate per 1,000 population from "Police recorded crime: Vehicle crime (count)", so its unit stays rate per 1,000.' } });
    const target = await dispatch(handlers, 'indicators.save', { ...editable(before), polarity: 'none', target: 150 });
    expect(target).toMatchObject({ ok: false, error: { message: 'A target needs a polarity: say whether lower or higher is better, or clear the target.' } });
  });

  it('creates an indicator with every property, audited, and undo and redo take it away and back', async () => {
    const { handlers, session } = await demoHandlers();
    const created = await handlers['indicators.save']({
      outcomeId: 2,
      name: 'Proven re-offending rate (adults)',
      unit: 'percent',
      polarity: 'lower',
      decimals: 1,
      frequency: 'quarterly',
      source: 'Ministry of Justice',
      target: 25,
      tolerancePercent: 5,
      comparatorGroup: 'Most similar group',
      notes: 'Cohort 12 months earlier',
      footnote: 'Provisional',
    });
    const item = created.item!;
    expect(item).toMatchObject({ outcomeId: 2, unit: 'percent', target: 25, tolerancePercent: 5, comparatorGroup: 'Most similar group', notes: 'Cohort 12 months earlier', footnote: 'Provisional', archived: false });
    expect(auditFor(session.workspace.db, 'indicator', item.id)).toMatchObject([{ action: 'create', newValue: 'Proven re-offending rate (adults)' }]);
    expect((await handlers['history.get']({})).undo?.label).toBe('Add the indicator "Proven re-offending rate (adults)"');
    await handlers['history.undo']({});
    expect((await handlers['indicators.list']({})).outcomes[1]!.indicators.map((i) => i.id)).not.toContain(item.id);
    await handlers['history.redo']({});
    expect((await handlers['indicators.list']({})).outcomes[1]!.indicators.at(-1)!.name).toBe('Proven re-offending rate (adults)');
  });

  it('archives and restores, refusing to archive a series a rate is worked out from', async () => {
    const { handlers, session } = await demoHandlers();
    const archived = await handlers['indicators.archive']({ id: FTE });
    expect(archived.archived).toBe(true);
    const model = await handlers['dashboard.get']({ period: '2024/25 Q3' });
    expect(model.outcomes.flatMap((o) => o.indicators).map((r) => r.indicatorId)).not.toContain(FTE);
    await handlers['indicators.restore']({ id: FTE });
    expect(auditFor(session.workspace.db, 'indicator', FTE).map((r) => r.action)).toEqual(['archive', 'restore']);
    const refused = await dispatch(handlers, 'indicators.archive', { id: 26 });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: '"Vehicle Crime rate (per 1,000 population)" is worked out from "Police recorded crime: Vehicle crime (count)"; archive it first.' } });

    await handlers['outcomes.archive']({ id: 2 });
    const restore = await dispatch(handlers, 'indicators.save', { ...editable(await definitionOf(handlers, 5)), outcomeId: 2, name: 'Renamed' });
    expect(restore).toMatchObject({ ok: true }); // staying in its own (archived) outcome is fine
    const move = await dispatch(handlers, 'indicators.save', { ...editable(await definitionOf(handlers, VEHICLE)), outcomeId: 2 });
    expect(move).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The outcome "Reduce offending.*" is archived; restore it first or choose another outcome\.$/) } });
  });

  it('reorders indicators within their outcome and outcomes, each one undoable step', async () => {
    const { handlers } = await demoHandlers();
    const list = await handlers['indicators.list']({});
    const crime = list.outcomes[0]!.indicators.map((i) => i.id);
    const moved = [crime[1]!, crime[0]!, ...crime.slice(2)];
    const after = await handlers['indicators.reorder']({ outcomeId: 1, ids: moved });
    expect(after.outcomes[0]!.indicators.map((i) => i.id)).toEqual(moved);
    const model = await handlers['dashboard.get']({ period: '2024/25 Q3' });
    expect(model.outcomes[0]!.indicators.map((r) => r.indicatorId)).toEqual(moved.filter((id) => model.outcomes[0]!.indicators.some((r) => r.indicatorId === id)));
    const outcomes = await handlers['outcomes.reorder']({ ids: [4, 1, 2, 3] });
    expect(outcomes.outcomes.map((o) => o.id)).toEqual([4, 1, 2, 3]);
    expect((await handlers['history.get']({})).undo?.label).toBe('Reorder the outcomes');
    await handlers['history.undo']({});
    await handlers['history.undo']({});
    const back = await handlers['indicators.list']({});
    expect(back.outcomes.map((o) => o.id)).toEqual([1, 2, 3, 4]);
    expect(back.outcomes[0]!.indicators.map((i) => i.id)).toEqual(crime);
    expect(await dispatch(handlers, 'indicators.reorder', { outcomeId: 1, ids: [crime[0], 999] })).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
  });

  it('adds and renames outcomes, refusing a title already used', async () => {
    const { handlers, session } = await demoHandlers();
    const added = await handlers['outcomes.save']({ title: 'Reduce reoffending by young people', shortTitle: 'Youth' });
    expect(added.order).toBe(5);
    const renamed = await handlers['outcomes.save']({ id: added.id, title: 'Reduce re-offending by young people', shortTitle: 'Youth' });
    expect(renamed.title).toBe('Reduce re-offending by young people');
    expect(auditFor(session.workspace.db, 'outcome', added.id).map((r) => [r.action, r.oldValue, r.newValue])).toEqual([
      ['create', null, 'Reduce reoffending by young people'],
      ['update', 'Reduce reoffending by young people', 'Reduce re-offending by young people'],
    ]);
    const clash = await dispatch(handlers, 'outcomes.save', { title: 'ongoing reductions in crime', shortTitle: '' });
    expect(clash).toEqual({ ok: false, error: { code: 'invalid_arguments', message: 'There is already an outcome called "Ongoing reductions in crime".' } });
  });
});
