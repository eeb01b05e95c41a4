/**
 * A large CSV (over 8 MB) read as a tidy or wide table: its layout is detected from its first
 * rows, and its rows stream when it is planned, so it is never held whole in memory. Tried
 * before the shapes that read the whole file; a Fingertips export, or a file that is not UTF-8,
 * is left to them.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { isFingertipsHeader } from '../fingertips';
import { chooseTable } from '../table-choice';
import { sniffDelimiter } from '../table-file';
import { decodeText } from '../text-source';
import type { ImportShape } from './shape';
import { recognisedTable, TABLE_STEPS, type RecognisedTable } from './table';

/** CSV files larger than this are streamed (their first rows are enough to detect the layout). */
export const STREAM_CSV_BYTES = 8 * 1024 * 1024;

/** The first rows of a big CSV, decoded and parsed, for detecting its layout. */
async function sampleCsv(file: string): Promise<{ rows: string[][]; delimiter: string; utf8: boolean }> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    // Only UTF-8 files are streamed (the stream decodes UTF-8); others are read whole.
    const decoded = decodeText(buffer.subarray(0, bytesRead), true);
    const utf8 = decoded.encoding === 'utf-8';
    let text = utf8 ? decoded.text : '';
    // Drop the last line: it may be cut in the middle.
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut);
    const delimiter = path.extname(file).toLowerCase() === '.tsv' ? '\t' : sniffDelimiter(text);
    return { rows: Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data, delimiter, utf8 };
  } finally {
    await handle.close();
  }
}

export const largeCsvTable: ImportShape<RecognisedTable> = {
  name: 'large CSV table (streamed)',
  async recognise(file) {
    if (file.ext !== '.csv' && file.ext !== '.txt' && file.ext !== '.tsv') return null;
    const size = await file.size();
    const lines = await file.firstLines(1);
    const fingertips = isFingertipsHeader(Papa.parse<string[]>(lines[0] ?? '').data[0] ?? []);
    if (size <= STREAM_CSV_BYTES || fingertips) return null;
    const sample = await sampleCsv(file.path);
    if (!sample.utf8) return null;
    const table = chooseTable(file.workspace, file.path, [{ name: '', rows: sample.rows }], file.ctx, file.choice);
    return table ? recognisedTable(table, null, sample.delimiter) : null;
  },
  ...TABLE_STEPS,
};
