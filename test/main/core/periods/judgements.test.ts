/**
 * The analyst's judgements on a period, publishing it, and the app-wide undo and redo, through
 * the same handler table the app uses.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/core/app';
import { auditFor } from '../../../../main/core/audit/repo';
import { demoHandlers } from '../demo-support';

const OPEN = '2024/25 Q3';

/** Every cell's value and number format, sheet by sheet: what a reader of the exported file sees. */
async function sheetText(base64: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const cells: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Merge) cells.push(`${cell.address} ${JSON.stringify(cell.value)} ${cell.numFmt ?? ''}`);
      }),
    );
    return cells;
  });
}

async function openPeriodRow() {
  const demo = await demoHandlers();
  const model = await demo.handlers['dashboard.get']({ period: OPEN });
  const row = model.outcomes[0]!.indicators[0]!;
  return { ...demo, model, row };
}

describe('overriding a suggestion', () => {
  it('shows the choice with its reason, marks it, and goes back to the suggestion', async () => {
    const { handlers, row } = await openPeriodRow();
    const other = row.progress.suggested === 'R' ? 'A' : 'R';
    const after = await handlers['judgements.setIndicator']({ period: OPEN, indicatorId: row.indicatorId, judgement: 'progress', choice: other, reason: 'Partners agreed a new target' });
    const changed = after.outcomes.flatMap((o) => o.indicators).find((i) => i.indicatorId === row.indicatorId)!;
    expect(changed.progress).toMatchObject({ shown: other, suggested: row.progress.suggested, overridden: true });
    expect(changed.progress.reason).toContain('Partners agreed a new target');

    const back = await handlers['judgements.setIndicator']({ period: OPEN, indicatorId: row.indicatorId, judgement: 'progress', choice: null, reason: '' });
    const restored = back.outcomes.flatMap((o) => o.indicators).find((i) => i.indicatorId === row.indicatorId)!;
    expect(restored.progress).toMatchObject({ shown: row.progress.suggested, overridden: false });
  });

  it('needs a reason, and a choice that exists', async () => {
    const { handlers, row } = await openPeriodRow();
    const noReason = await dispatch(handlers, 'judgements.setIndicator', { period: OPEN, indicatorId: row.indicatorId, judgement: 'direction', choice: 'worsening', reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Say briefly why') } });
    const bad = await dispatch(handlers, 'judgements.setIndicator', { period: OPEN, indicatorId: row.indicatorId, judgement: 'direction', choice: 'sideways', reason: 'because' });
    expect(bad).toMatchObject({ ok: false, error: { message: '"sideways" is not a direction of travel.' } });
  });

  it('records who changed what in the audit trail', async () => {
    const { handlers, session, row } = await openPeriodRow();
    await handlers['judgements.setIndicator']({ period: OPEN, indicatorId: row.indicatorId, judgement: 'county', choice: 'Average', reason: 'Comparator group changed' });
    const trail = auditFor(session.workspace.db, 'indicator_assessment', row.indicatorId);
    expect(trail.at(-1)).toMatchObject({ osUser: 'tester', action: 'update', field: `${OPEN} county`, newValue: 'Average (Comparator group changed)' });
  });
});

describe('outcome RAG and comment', () => {
  it('are saved, shown in the appendix and undoable', async () => {
    const { handlers, model } = await openPeriodRow();
    const outcome = model.outcomes[0]!;
    const after = await handlers['judgements.setOutcome']({ period: OPEN, outcomeId: outcome.outcomeId, rag: 'A', comment: '  Burglary rose in Blaby; partners are reviewing patrols.  ' });
    expect(after.outcomes[0]).toMatchObject({ rag: 'A', comment: 'Burglary rose in Blaby; partners are reviewing patrols.' });
    const state = await handlers['history.undo']({});
    expect(state.redo?.label).toBe(`Edit the comment for ${outcome.title}`);
    expect((await handlers['dashboard.get']({ period: OPEN })).outcomes[0]).toMatchObject({ rag: outcome.rag, comment: outcome.comment });
    await handlers['history.redo']({});
    expect((await handlers['dashboard.get']({ period: OPEN })).outcomes[0]).toMatchObject({ rag: 'A' });
  });
});

describe('publishing (locking) a period', () => {
  it('freezes the appendix as published, refuses changes, and needs a reason to unlock', async () => {
    const { handlers, session, model, row } = await openPeriodRow();
    await handlers['actions.save']({ raisedOn: '2025-01-14', action: 'Review vehicle crime hotspots', officer: 'Community Safety Manager', comments: '', status: 'A' });
    await handlers['periods.lock']({ period: OPEN });
    const published = await handlers['export.appendix']({ period: OPEN, format: 'csv' });

    // Later data changes do not reach the published figures.
    session.workspace.mutate(() => session.workspace.db.run('UPDATE indicators SET decimals = 0 WHERE id = ?', [row.indicatorId]));
    expect(await handlers['dashboard.get']({ period: OPEN })).toEqual({ ...model, locked: true });
    expect((await handlers['export.appendix']({ period: OPEN, format: 'csv' })).base64).toBe(published.base64);
    const publishedXlsx = await handlers['export.appendix']({ period: OPEN, format: 'xlsx' });
    session.workspace.mutate(() => session.workspace.db.run("UPDATE observations SET value = value * 2 WHERE last_month <= '2024-12'"));
    // The action log printed with the period is the one published with it.
    await handlers['actions.save']({ raisedOn: '2025-01-30', action: 'A later action', officer: 'Analyst', comments: '', status: 'G' });
    expect((await sheetText(publishedXlsx.base64!)).length).toBe(2);
    const laterXlsx = await handlers['export.appendix']({ period: OPEN, format: 'xlsx' });
    expect(await sheetText(laterXlsx.base64!)).toEqual(await sheetText(publishedXlsx.base64!));

    const refused = await dispatch(handlers, 'judgements.setOutcome', { period: OPEN, outcomeId: model.outcomes[0]!.outcomeId, rag: 'R', comment: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is published (locked)') } });
    expect(await dispatch(handlers, 'periods.unlock', { period: OPEN, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });

    await handlers['periods.unlock']({ period: OPEN, reason: 'Board asked for a corrected figure' });
    expect((await handlers['dashboard.get']({ period: OPEN })).locked).toBe(false);
    const periodId = (await handlers['periods.list']({})).find((p) => p.name === OPEN)!.id;
    expect(auditFor(session.workspace.db, 'reporting_period', periodId).map((a) => [a.action, a.newValue])).toEqual([
      ['lock', '1'],
      ['unlock', '0 (Board asked for a corrected figure)'],
    ]);
  });

  it('undoing a lock unlocks it again', async () => {
    const { handlers } = await openPeriodRow();
    await handlers['periods.lock']({ period: OPEN });
    const state = await handlers['history.undo']({});
    expect(state.redo?.label).toBe(`Publish (lock) ${OPEN}`);
    expect((await handlers['periods.list']({})).find((p) => p.name === OPEN)!.locked).toBe(false);
  });
});

describe('creating a reporting period', () => {
  it('takes the name in any usual style and refuses duplicates', async () => {
    const { handlers } = await demoHandlers();
    const created = await handlers['periods.create']({ name: 'Q4 2024-25' });
    expect(created).toMatchObject({ name: '2024/25 Q4', lastMonth: '2025-03', locked: false });
    expect(await dispatch(handlers, 'periods.create', { name: '2024/25 Q4' })).toMatchObject({ ok: false, error: { message: 'There is already a reporting period "2024/25 Q4".' } });
    expect(await dispatch(handlers, 'periods.create', { name: 'next quarter' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('is not a reporting period') } });
  });
});
