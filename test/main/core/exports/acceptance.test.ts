/**
 * Issue 4's acceptance on the demo workspace: the exported xlsx shows the published table cell
 * for cell (130 cells, merged outcome cells once), and the PDF's text holds every cell in
 * reading order, arrows included. Also the values CSV and the editable title.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers, type Session } from '../../../../main/core/app';
import { readTableFile } from '../../../../main/core/imports/table-file';
import { addIndicator } from '../../../../main/core/indicators/repo';
import { upsertObservations } from '../../../../main/core/values/repo';
import { areaByCode } from '../../../../main/core/areas/repo';
import { demoSession, publishedAppendix } from '../demo-support';

let dir: string;
let session: Session;
let h: Handlers;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-accept-'));
  session = await demoSession();
  h = createHandlers(session);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the demo appendix exported for 2014/15 Q4', () => {
  it('xlsx: the displayed text equals the 130 published cells', async () => {
    const file = path.join(dir, 'appendix.xlsx');
    await h['export.appendix']({ period: '2014/15 Q4', format: 'xlsx', path: file });
    const sheets = await readTableFile(file);
    if (!sheets.ok) throw new Error(sheets.error);
    const rows = sheets.value[0]!.rows;
    expect(rows[0]![0]).toBe('Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4');
    const table = rows.slice(1, 14).map((r) => r.slice(0, 10));
    expect(table).toEqual(publishedAppendix().map((r) => r.map((c) => c.trim())));
    expect(table.flat()).toHaveLength(130);
  });

  it('pdf: every cell in reading order, with the arrows', async () => {
    const file = path.join(dir, 'appendix.pdf');
    await h['export.appendix']({ period: '2014/15 Q4', format: 'pdf', path: file });
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
    let from = 0;
    for (const row of publishedAppendix().slice(1)) {
      const cells = row.slice(3, 9).map((c) => c.trim()).filter((c) => c !== '');
      for (const cell of cells) {
        const at = text.indexOf(cell, from);
        expect(at, `"${cell}" after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + cell.length;
      }
    }
    for (const outcome of publishedAppendix().slice(1).map((r) => r[0]!.trim()).filter(Boolean)) {
      expect(text).toContain(outcome.slice(0, 40));
    }
  });
});

describe('values CSV', () => {
  it('exports the underlying values with formula-like text neutralised', async () => {
    const db = session.workspace.db;
    session.workspace.mutate(() => {
      const id = addIndicator(db, { outcomeId: null, name: '=HYPERLINK("http://example.invalid","click")', unit: 'count', polarity: 'none', decimals: 0 });
      upsertObservations(db, [{ indicatorId: id, areaId: areaByCode(db, 'E10000018')!.id, span: { first: '2024-01', last: '2024-01' }, value: 5 }]);
    });
    const file = await h['export.values']({ indicator: 'HYPERLINK' });
    const csv = Buffer.from(file.base64!, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows[0]!.indicator).toBe('\'=HYPERLINK("http://example.invalid","click")');
    expect(file.fileName).toBe('Safer Communities Performance Dashboard values.csv');
  });
});

describe('the appendix title', () => {
  it('can be edited while the period is open, names the exported file, and is frozen once published', async () => {
    await h['periods.setTitle']({ period: '2024/25 Q3', title: 'Appendix 2 - Safer Leicestershire Dashboard 2024/25 Q3' });
    const model = await h['dashboard.get']({ period: '2024/25 Q3' });
    expect(model.title).toBe('Appendix 2 - Safer Leicestershire Dashboard 2024/25 Q3');
    const file = await h['export.appendix']({ period: '2024/25 Q3', format: 'csv' });
    expect(file.fileName).toBe('Appendix 2 - Safer Leicestershire Dashboard 2024-25 Q3.csv');
    const audit = session.workspace.db.all<{ field: string; new_value: string }>("SELECT field, new_value FROM audit WHERE entity = 'reporting_period'");
    expect(audit).toEqual([{ field: 'title', new_value: 'Appendix 2 - Safer Leicestershire Dashboard 2024/25 Q3' }]);
    const locked = await dispatch(h, 'periods.setTitle', { period: '2014/15 Q4', title: 'Something else' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/locked \(published\)/) } });
    await h['periods.setTitle']({ period: '2024/25 Q3', title: null });
    expect((await h['dashboard.get']({ period: '2024/25 Q3' })).title).toBe('Appendix 1 - Safer Communities Performance Dashboard 2024/25 Q3');
  });
});
