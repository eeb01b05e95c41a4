/** A file as the shapes see it while recognising it: its first lines, its size, its sheets read once. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../store/workspace';
import { ImportError, type ImportOptions } from './options';
import type { FileAtHand } from './shapes/shape';
import { findAppendix } from './shapes/appendix';
import { readTableFile, type TableSheet } from './table-file';
import type { MatchContext } from './table-shape';
import { decodeText } from './text-source';
import { readXlsxStreaming, STREAM_XLSX_BYTES } from './xlsx-stream';

/** An .xlsx whose formulas lost their error results is read again whole, up to this size. */
const REREAD_XLSX_BYTES = 5 * 1024 * 1024;

/** The first lines of a text file, without reading all of a large one. */
async function firstLines(file: string, count: number): Promise<string[]> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return decodeText(buffer.subarray(0, bytesRead), bytesRead === buffer.length).text.split(/\r?\n/).slice(0, count);
  } finally {
    await handle.close();
  }
}

/** Every sheet of the file (a large .xlsx streamed, unless its appendix or lost formula results need the whole-workbook reader). */
async function readSheets(file: string, ext: string, signal: AbortSignal | undefined): Promise<TableSheet[]> {
  const xlsxSize = ext === '.xlsx' ? await fs.stat(file).then((st) => st.size).catch(() => 0) : 0;
  if (ext === '.xlsx' && xlsxSize > STREAM_XLSX_BYTES) {
    const streamed = await readXlsxStreaming(file, { signal });
    if (!streamed.ok) throw new ImportError(streamed.error);
    const size = await fs.stat(file).then((st) => st.size);
    const appendixLike = streamed.value.sheets.some((sheet) => findAppendix(sheet, '') !== null);
    if (appendixLike || (streamed.value.lostFormulaResults && size <= REREAD_XLSX_BYTES)) {
      // The whole-workbook reader gives merged cells and error results exactly.
      const whole = await readTableFile(file);
      if (!whole.ok) throw new ImportError(whole.error);
      return whole.value;
    }
    return streamed.value.sheets;
  }
  const read = await readTableFile(file);
  if (!read.ok) throw new ImportError(read.error);
  return read.value;
}

export function fileAtHand(file: string, workspace: Workspace, ctx: MatchContext, options: ImportOptions): FileAtHand {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  let sheets: Promise<TableSheet[]> | null = null;
  return {
    path: file,
    name,
    ext,
    choice: options.mappings?.find((m) => m.file === name),
    workspace,
    ctx,
    options,
    firstLines: (count) => firstLines(file, count).catch(() => [] as string[]),
    size: () => fs.stat(file).then((st) => st.size).catch(() => 0),
    sheets() {
      sheets ??= readSheets(file, ext, options.signal);
      return sheets;
    },
  };
}
