/**
 * Large files are streamed (moved from test/main/core/imports/tidy.test.ts, unchanged: each
 * imports a file of over 100,000 values, several seconds of CPU, so they run with the
 * reliability project and not in the fast loop): a large CSV reads as a small one would, with
 * progress and a cancel that changes nothing; a large workbook is streamed, its formula
 * errors found, and a damaged one refused with the workspace as it was.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../main/core/app';
import type { ImportReport, ImportTablePlan } from '../../shared/api/types';
import { demoSession } from '../main/core/demo-support';
import { bigCsv } from '../fixtures/big-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-large-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

function table(report: ImportReport, i = 0): ImportTablePlan {
  const t = report.tables?.[i];
  if (!t) throw new Error(`no table ${i} in ${JSON.stringify(report.files)}`);
  return t;
}

describe('large CSV files', () => {
  it('a large CSV is streamed: the same values as a small one, progress reported, and a cancel changes nothing', async () => {
    const session = await demoSession();
    const file = await bigCsv(dir);
    const { importFiles, STREAM_CSV_BYTES } = await import('../../main/core/imports/importing');
    expect((await readFile(file)).length).toBeGreaterThan(STREAM_CSV_BYTES);
    const before = session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM observations')!.n;
    const controller = new AbortController();
    const cancelled = importFiles(session.workspace, [file], { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(cancelled).rejects.toThrow();
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM observations')!.n).toBe(before);
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM imports')!.n).toBe(0);
    const fractions: number[] = [];
    const r = await importFiles(session.workspace, [file], { onProgress: (p) => fractions.push(p.fraction) });
    // The demo's locked 2014/15 Q4 published none of these new indicators, so their history up to
    // Mar 2015 is not a conflict (issue 15): every value is added (test/main/core/periods/locked.test.ts).
    expect(r.added).toBe(40 * 7 * 600);
    expect(r.conflicts).toHaveLength(0);
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(table(r).problemCount).toBe(0);
  });
});

describe('large workbooks', () => {
  it('are streamed: the data read like a small one, formula errors found, a damaged one refused', async () => {
    const session = await demoSession();
    const h = createHandlers(session);
    const file = path.join(dir, 'big.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    book.addWorksheet('Notes').addRow(['Read me first']).commit();
    const ws = book.addWorksheet('Data');
    ws.addRow(['Indicator', 'Area', 'Month', 'Value', 'Note']).commit();
    const areas = ['Blaby', 'Charnwood', 'Harborough', 'Melton'];
    let rows = 0;
    for (let i = 0; i < 24; i++) {
      for (const area of areas) {
        for (let m = 0; m < 800; m++) {
          const value = i === 3 && m === 5 && area === 'Melton' ? { formula: 'NA()', result: { error: '#N/A' } } : (m * 7 + i) % 90;
          ws.addRow([`Streamed series ${i} with a longer name than most (count)`, area, new Date(Date.UTC(1960 + Math.floor(m / 12), m % 12, 1)), value, `note ${m % 13}`]).commit();
          rows++;
        }
      }
    }
    ws.commit();
    await book.commit();
    const { STREAM_XLSX_BYTES, readXlsxStreaming, LOST_FORMULA_RESULT } = await import('../../main/core/imports/xlsx-stream');
    expect((await readFile(file)).length).toBeGreaterThan(STREAM_XLSX_BYTES);

    const streamed = await readXlsxStreaming(file);
    if (!streamed.ok) throw new Error(streamed.error);
    expect(streamed.value.sheets.map((x) => x.name)).toEqual(['Notes', 'Data']);
    expect(streamed.value.lostFormulaResults).toBe(true);
    expect(streamed.value.sheets[1]!.rows.flat().filter((c) => c === LOST_FORMULA_RESULT)).toHaveLength(1);
    expect(streamed.value.sheets[1]!.rows[1]).toEqual(['Streamed series 0 with a longer name than most (count)', 'Blaby', '1960-01-01', '0', 'note 0']);

    const r = await h['import.files']({ paths: [file], dryRun: true });
    expect(table(r)).toMatchObject({ sheet: 'Data', rowsRead: rows, valuesRead: rows - 1, problemCount: 1 });
    expect(table(r).problems[0]).toMatchObject({ sheet: 'Data', column: 'Value', value: '#N/A', problem: 'the cell holds the Excel error #N/A' });

    // A byte flipped inside the compressed data: refused, with the workspace as it was.
    const bytes = await readFile(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    const broken = await write('broken-big.xlsx', bytes);
    expect(await dispatch(h, 'import.files', { paths: [broken] })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/"broken-big\.xlsx" could not be read as an Excel workbook/) } });
    expect(session.workspace.db.first<{ n: number }>('SELECT count(*) AS n FROM imports')!.n).toBe(0);
  });
});
