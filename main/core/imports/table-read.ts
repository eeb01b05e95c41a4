/** A recognised table's rows read into values, before the import's transaction (a large CSV streams, and can be cancelled). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ImportError, type ImportOptions } from './options';
import type { RecognisedTable } from './shapes/table';
import { readTableFile } from './table-file';
import { MAX_LISTED_PROBLEMS, TableReader, type ReadTable } from './table-rows';
import type { MatchContext } from './table-shape';
import { hashedWhileRead } from './read-once';
import { streamCsvRows } from './text-source';

/** Reads a recognised table's rows into values (streaming a large CSV), before the transaction. */
export async function readTable(t: RecognisedTable, ctx: MatchContext, options: ImportOptions): Promise<ReadTable> {
  const name = path.basename(t.file);
  const reader = new TableReader(name, t.sheet, t.layout, ctx, { checkWidth: path.extname(t.file).toLowerCase() !== '.xlsx' });
  const firstDataRow = t.layout.headerIndex + 2;
  if (t.rows) {
    reader.addRows(t.rows.slice(t.layout.headerIndex + 1), firstDataRow);
    const extra = t.publisher?.problems ?? [];
    if (extra.length > 0) {
      const result = reader.result;
      result.problems.unshift(...extra);
      result.problems.sort((x, y) => x.row - y.row);
      result.problems.length = Math.min(result.problems.length, MAX_LISTED_PROBLEMS);
      result.problemCount += extra.length;
      result.rowsRead += extra.length;
    }
    return reader.result;
  }
  const size = (await fs.stat(t.file)).size;
  let quoteProblem: string | null = null;
  // Hashed as it is read: the import records the file's sha256 without reading it again.
  const outcome = await hashedWhileRead(t.file, () => streamCsvRows(
    t.file,
    {
      onRows(rows, first) {
        if (first + rows.length <= firstDataRow) return;
        const skip = Math.max(0, firstDataRow - first);
        reader.addRows(skip > 0 ? rows.slice(skip) : rows, first + skip);
      },
      onParseProblem(row, message) {
        if (/quote/i.test(message) && quoteProblem === null) quoteProblem = `"${name}", row ${row ?? '?'}: ${message}; a quoted cell is never closed.`;
      },
    },
    { signal: options.signal, delimiter: t.delimiter, sha256: true, onBytes: (bytes) => options.onProgress?.({ file: name, fraction: Math.min(1, bytes / size), phase: 'reading' }) },
  ));
  if (!outcome.ok) throw new ImportError(outcome.error);
  if (quoteProblem) throw new ImportError(quoteProblem);
  // The stream decodes UTF-8 (the file's first 256 KB were). Bytes further on that are not
  // (a Windows-1252 dash pasted in later) come out as U+FFFD: read the whole file again,
  // decoded as what it is, rather than keep damaged names.
  if (hasReplacementCharacters(reader.result)) {
    const whole = await readTableFile(t.file);
    if (!whole.ok) throw new ImportError(whole.error);
    const again = new TableReader(name, t.sheet, t.layout, ctx, { checkWidth: true });
    again.addRows((whole.value[0]?.rows ?? []).slice(t.layout.headerIndex + 1), firstDataRow);
    return again.result;
  }
  return reader.result;
}

const REPLACEMENT = '\uFFFD';
function hasReplacementCharacters(read: ReadTable): boolean {
  const v = read.values;
  return (
    read.indicators.some((i) => i.name.includes(REPLACEMENT) || i.unitText.includes(REPLACEMENT)) ||
    read.areas.some((a) => a.text.includes(REPLACEMENT) || (a.name ?? '').includes(REPLACEMENT)) ||
    read.problems.some((p) => p.value.includes(REPLACEMENT)) ||
    [...v.note.values(), ...v.label.values()].some((x) => x.includes(REPLACEMENT))
  );
}
