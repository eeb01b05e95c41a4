/**
 * Reading delimited text files for the importers: a streaming row source for big files
 * (police.uk extracts) and a whole-file reader for small ones (ONS tables, lookups).
 *
 * Both hand out rows as arrays of raw strings, numbered the way a user sees them in a
 * spreadsheet: the first row of the file (usually the header) is row 1. Blank lines are handed
 * out too (as `['']`) for the caller to skip, so a row number always points at the right row.
 *
 * Papa Parse does the CSV work. Two things it leaves to us:
 * - a byte-order mark is only stripped from string input, not from streams, so the first
 *   chunk of a stream is cleaned here (Excel writes BOMs; ONS files have one);
 * - a file's bytes are decoded by a `StringDecoder` before Papa Parse sees them, so a multi-byte
 *   character split across two chunks is never mangled (Papa would decode each chunk alone).
 */
import { createHash, type Hash } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import type { Parser, ParseResult } from 'papaparse';

const BOM = '\ufeff';

/**
 * Size of the pieces a file is read in (Node's default). Measured on the police.uk files:
 * 64 KB chunks parse as fast as 1 MB ones and use less memory, as each chunk's rows die young.
 */
export const READ_CHUNK_BYTES = 64 * 1024;

export interface CsvStreamHandlers {
  /**
   * Called with each parsed block of rows. `firstRowNumber` is the 1-based row number of
   * `rows[0]` in the file. Return `false` to stop reading this file (e.g. a wrong header).
   * Rows may include blank lines as `['']`; skip them yourself (cheaper than a filter pass).
   */
  onRows(rows: string[][], firstRowNumber: number): boolean | void;
  /** Papa Parse's complaints (unclosed quotes and the like), with the 1-based row number. */
  onParseProblem?(rowNumber: number | undefined, message: string): void;
}

export interface CsvStreamOptions {
  signal?: AbortSignal;
  /** Called after each chunk is read, with the bytes read from this file so far. */
  onBytes?: (bytesRead: number) => void;
  /** Defaults to ','. */
  delimiter?: string;
  /** Hash the file's bytes as they are read (the import records every file's sha256), so it is not read again to hash it. */
  sha256?: boolean;
}

export type CsvStreamOutcome =
  /** `sha256`: asked for and the whole file was read. */
  | { ok: true; stopped: boolean; sha256?: string }
  | { ok: false; error: string };

/**
 * Feeds the file's bytes, decoded, into `text` (what Papa Parse reads), hashing them on the way
 * when asked. The next chunk is read while this one is decoded and parsed: read one after the
 * other, waiting for each read took a fifth of a large police.uk import. The decoder keeps a
 * character split across two chunks whole.
 */
async function feed(file: string, text: Readable, hash: Hash | null, onBytes: ((bytesRead: number) => void) | undefined): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    text.destroy(error as Error);
    return;
  }
  const decoder = new StringDecoder('utf8');
  // Two buffers in turn: one being read into while the other's bytes are used.
  const buffers = [Buffer.allocUnsafe(READ_CHUNK_BYTES), Buffer.allocUnsafe(READ_CHUNK_BYTES)] as const;
  let turn = 0;
  let pending = handle.read(buffers[0], 0, READ_CHUNK_BYTES, null);
  let bytesRead = 0;
  try {
    for (;;) {
      const { bytesRead: n } = await pending;
      // The end of the file, or Papa Parse is done with it (a wrong header, a cancel).
      if (n === 0 || text.destroyed) break;
      const chunk = buffers[turn]!.subarray(0, n);
      turn = 1 - turn;
      pending = handle.read(buffers[turn]!, 0, READ_CHUNK_BYTES, null);
      hash?.update(chunk);
      bytesRead += n;
      const decoded = decoder.write(chunk);
      if (decoded !== '') text.push(decoded);
      onBytes?.(bytesRead);
    }
    if (!text.destroyed) {
      const rest = decoder.end();
      if (rest !== '') text.push(rest);
      text.push(null);
    }
  } catch (error) {
    text.destroy(error as Error);
  } finally {
    await pending.catch(() => undefined);
    await handle.close().catch(() => undefined);
  }
}

/** The error a cancelled import rejects with (the same shape as Node's own). */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * Streams one CSV file through Papa Parse, a chunk of rows at a time: memory stays flat
 * however big the file is. Resolves with a value for a file that cannot be read (missing,
 * a folder, no permission); rejects only when `signal` aborts.
 */
export function streamCsvRows(file: string, handlers: CsvStreamHandlers, options: CsvStreamOptions = {}): Promise<CsvStreamOutcome> {
  const { signal, onBytes } = options;
  return new Promise<CsvStreamOutcome>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const hash = options.sha256 ? createHash('sha256') : null;
    const text = new Readable({ objectMode: true, read() {} });
    let settled = false;
    let stopped = false;
    let nextRowNumber = 1;

    const finish = (outcome: CsvStreamOutcome | { abort: unknown }): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (!text.destroyed) text.destroy();
      if ('abort' in outcome) reject(outcome.abort);
      else resolve(outcome);
    };
    const onAbort = (): void => finish({ abort: signal ? abortError(signal) : undefined });
    signal?.addEventListener('abort', onAbort, { once: true });

    Papa.parse<string[]>(text, {
      header: false,
      delimiter: options.delimiter ?? ',',
      beforeFirstChunk: (chunk) => (chunk.startsWith(BOM) ? chunk.slice(1) : undefined),
      chunk: (results: ParseResult<string[]>, parser: Parser) => {
        if (settled) return;
        const first = nextRowNumber;
        nextRowNumber += results.data.length;
        if (handlers.onParseProblem && results.errors.length > 0) {
          for (const e of results.errors) {
            handlers.onParseProblem(e.row === undefined ? undefined : first + e.row, e.message);
          }
        }
        if (handlers.onRows(results.data, first) === false) {
          stopped = true;
          parser.abort();
          finish({ ok: true, stopped: true });
        }
      },
      complete: () => finish(hash && !stopped ? { ok: true, stopped, sha256: hash.digest('hex') } : { ok: true, stopped }),
      error: (error: Error) => finish({ ok: false, error: `${basename(file)} cannot be read: ${describeReadError(error)}` }),
    });
    void feed(file, text, hash, onBytes);
  });
}

/**
 * Reads a whole (small) text file as a string, decoded by `decodeText` (UTF-8, UTF-16 or
 * Windows-1252).
 */
export async function readTextFile(file: string): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, error: `${basename(file)} cannot be read: ${describeReadError(error)}` };
  }
  return { ok: true, text: decodeText(bytes).text };
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The character set of a text file's bytes, as the files partners send come:
 * - a byte-order mark says UTF-8, UTF-16LE (what Excel's "Unicode text" and many
 *   statistical tools write) or UTF-16BE;
 * - UTF-16 without a mark shows itself by a zero byte in every other place (text in a
 *   table is mostly ASCII);
 * - otherwise UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what Excel writes
 *   when it saves "CSV" on a UK Windows machine: en dashes, curly quotes, "€" and "£"
 *   are single bytes that are never valid UTF-8).
 * `partial`: the bytes are the start of a longer file, so a character cut at the end is not
 * a reason to doubt UTF-8.
 */
export function detectEncoding(bytes: Uint8Array, partial = false): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample >= 4) {
    let zeroEven = 0;
    let zeroOdd = 0;
    for (let i = 0; i < sample; i += 2) {
      if (bytes[i] === 0) zeroEven++;
      if (bytes[i + 1] === 0) zeroOdd++;
    }
    const pairs = sample / 2;
    if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
    if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** A text file's bytes as a string in the encoding `detectEncoding` finds, without byte-order marks (even doubled ones). */
export function decodeText(bytes: Uint8Array, partial = false): { text: string; encoding: TextEncodingName } {
  const encoding = detectEncoding(bytes, partial);
  const text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes, { stream: partial });
  return { text: text.replace(/^(\uFEFF)+/, ''), encoding };
}

/**
 * What Windows-1252 puts at 0x80 to 0x9F (undefined places stay as their control character).
 * Node's own TextDecoder('windows-1252') reads these bytes as Latin-1 control characters, which
 * dropped every en dash, curly quote and euro sign unseen; so the table is here.
 */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Parses a whole CSV string into rows of raw strings (blank lines kept as `['']`). */
export function parseCsvText(text: string): { rows: string[][]; problems: { rowNumber: number | undefined; message: string }[] } {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  return {
    rows: parsed.data,
    problems: parsed.errors.map((e) => ({ rowNumber: e.row === undefined ? undefined : e.row + 1, message: e.message })),
  };
}

/** A row that holds nothing but empty cells (a blank line, or ",,,," left by a spreadsheet). */
export function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EBUSY':
      return 'the file is locked by another program';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
