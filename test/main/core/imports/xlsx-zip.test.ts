/**
 * What the importers ask of an .xlsx's zip archive before exceljs reads it: the parts its
 * directory lists, and whether every part inflates to what the directory declares.
 */
import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipDirectory, zipPartsIntact } from '../../../../main/core/imports/xlsx-zip';

let dir: string;
let workbook: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-xlsx-zip-'));
  workbook = path.join(dir, 'figures.xlsx');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Figures');
  sheet.addRow(['Area', 'Month', 'Value']);
  for (let i = 0; i < 2000; i++) sheet.addRow([`Area ${i}`, '2024-05', i * 1.5]);
  await wb.xlsx.writeFile(workbook);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('an .xlsx as a zip archive', () => {
  it('lists its parts with their declared sizes, and finds every part intact', async () => {
    const parts = await zipDirectory(workbook);
    const names = parts?.map((p) => p.name) ?? [];
    expect(names).toContain('[Content_Types].xml');
    expect(names).toContain('xl/workbook.xml');
    const sheet = parts?.find((p) => p.name === 'xl/worksheets/sheet1.xml');
    expect(sheet?.uncompressedSize).toBeGreaterThan(sheet?.compressedSize ?? Infinity);
    expect(await zipPartsIntact(workbook)).toBe(true);
  });

  it('finds a byte changed inside a part\'s compressed data', async () => {
    const bytes = Buffer.from(await readFile(workbook));
    // The sheet's compressed data lies well inside the file: its local header names it.
    const at = bytes.indexOf('xl/worksheets/sheet1.xml') + 200;
    bytes[at] = bytes[at]! ^ 0xff;
    const damaged = path.join(dir, 'damaged.xlsx');
    await writeFile(damaged, bytes);
    expect(await zipDirectory(damaged)).not.toBeNull();
    expect(await zipPartsIntact(damaged)).toBe(false);
  });

  it('says a file that is not a zip archive has no directory, and is not intact', async () => {
    const csv = path.join(dir, 'renamed.xlsx');
    await writeFile(csv, 'Area,Value\nBlaby,1\n');
    expect(await zipDirectory(csv)).toBeNull();
    expect(await zipPartsIntact(csv)).toBe(false);
  });
});
