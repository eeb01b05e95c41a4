/**
 * The compact appendix: one row per outcome, each indicator column holding one line per
 * indicator (the older 2014/15 Q2 layout officers keep, and Boardpack's own
 * `export appendix --variant compact`). Both import; Boardpack's own compact export round-trips
 * (export compact -> import into an empty workspace -> export compact gives the same table text).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendixRowCells, type AppendixModel } from '../../../../shared/domain/appendix';
import { createHandlers, type Session, createSession } from '../../../../main/core/app';
import { readTableFile } from '../../../../main/core/imports/table-file';
import { Workspace } from '../../../../main/core/store/workspace';
import { demoSession, env, publishedAppendix } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-compact-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function emptySession(): Promise<Session> {
  return createSession({ workspace: await Workspace.create(path.join(dir, `empty-${Math.random()}.boardpack`), env), env });
}

/** The table part of an exported sheet: from the title to the first blank row. */
async function table(file: string): Promise<string[][]> {
  const sheets = await readTableFile(file);
  if (!sheets.ok) throw new Error(sheets.error);
  const rows = sheets.value[0]!.rows;
  const end = rows.findIndex((r, i) => i > 1 && r.every((c) => c === ''));
  return rows.slice(0, end);
}

function standardCells(model: AppendixModel): string[][] {
  const out: string[][] = [];
  for (const block of model.outcomes) block.indicators.forEach((row, i) => out.push(appendixRowCells(block, row, i === 0)));
  return out;
}

describe('the compact appendix', () => {
  it('round trip: export compact xlsx, import into an empty workspace, export compact again: the same table text', async () => {
    const demo = createHandlers(await demoSession());
    const first = path.join(dir, 'compact-1.xlsx');
    await demo['export.appendix']({ period: '2014/15 Q4', format: 'xlsx', variant: 'compact', path: first });
    const a = await table(first);
    const published = publishedAppendix();
    const outcomes = new Set(published.slice(1).map((r) => r[0]!.trim()).filter((t) => t !== ''));
    // A title, the header, and one row per outcome (not per indicator): the file really is compact.
    expect(a).toHaveLength(2 + outcomes.size);
    expect(a.slice(2).every((r) => (r[3] ?? '').includes('\n'))).toBe(true);

    const session = await emptySession();
    const h = createHandlers(session);
    const report = await h['import.files']({ paths: [first] });
    expect(report.files[0]).toMatchObject({ shape: 'appendix', periodName: '2014/15 Q4', indicators: published.length - 1 });
    const second = path.join(dir, 'compact-2.xlsx');
    await h['export.appendix']({ period: '2014/15 Q4', format: 'xlsx', variant: 'compact', path: second });
    expect(await table(second)).toEqual(a);
    // And the imported figures are the published ones, row for row.
    expect(standardCells(await h['dashboard.get']({ period: '2014/15 Q4' }))).toEqual(published.slice(1).map((r) => r.map((c) => c.trim())));
    await session.workspace.close();
  });

  it('reads an officer\'s compact sheet with figures typed on one line, separated by " / "', async () => {
    const published = publishedAppendix();
    const [header, ...body] = published;
    // Group the published rows by outcome, as the officer's sheet has them: one row each.
    const groups: string[][][] = [];
    for (const row of body) {
      if (row[0]!.trim() !== '') groups.push([]);
      groups[groups.length - 1]!.push(row);
    }
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Q4');
    sheet.addRow(['Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4']);
    sheet.addRow(header);
    for (const g of groups) {
      const first = g[0]!;
      sheet.addRow([first[0], first[1], first[2], g.map((r) => r[3]!.trim()).join('\n'), ...[4, 5, 6, 7, 8, 9].map((c) => g.map((r) => r[c]!.trim()).join(c === 4 || c === 5 ? ' / ' : '\n'))]);
    }
    const file = path.join(dir, 'officer-compact.xlsx');
    await book.xlsx.writeFile(file);
    const session = await emptySession();
    const h = createHandlers(session);
    const report = await h['import.files']({ paths: [file] });
    expect(report.files[0]).toMatchObject({ shape: 'appendix', indicators: body.length });
    expect(standardCells(await h['dashboard.get']({ period: '2014/15 Q4' }))).toEqual(body.map((r) => r.map((c) => c.trim())));
    await session.workspace.close();
  });

  it('a cell with a different number of lines from its indicators is refused, naming the row and column', async () => {
    const [header, ...body] = publishedAppendix();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Q4');
    sheet.addRow(header);
    const first = body[0]!;
    const second = body[1]!;
    sheet.addRow([first[0], first[1], first[2], `${first[3]}\n${second[3]}`, first[4], `${first[5]}\n${second[5]}`]);
    const file = path.join(dir, 'uneven.xlsx');
    await book.xlsx.writeFile(file);
    const session = await emptySession();
    await expect(createHandlers(session)['import.files']({ paths: [file] })).rejects.toThrow(
      '"uneven.xlsx", sheet "Q4", row 2, column 5: the cell has 1 line but the indicator cell names 2 indicators',
    );
    await session.workspace.close();
  });
});
