/**
 * The streaming CSV reader: characters split between two read chunks come out whole, a BOM is
 * not part of the first header, and the bytes are hashed on the way when asked (the sha256 an
 * import records), but only for a file read to its end.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_CHUNK_BYTES, streamCsvRows } from '../../../../main/core/imports/text-source';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-text-source-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A CSV whose bytes put a two-byte "é" across the first chunk boundary. */
function straddlingCsv(): Buffer {
  const header = Buffer.from('\ufeffArea,Value\n', 'utf8');
  const filler: Buffer[] = [];
  let length = header.length;
  let n = 0;
  while (length < READ_CHUNK_BYTES - 40) {
    const line = Buffer.from(`Area ${n++},${n}\n`, 'utf8');
    filler.push(line);
    length += line.length;
  }
  const pad = Buffer.from('x'.repeat(READ_CHUNK_BYTES - length - 1), 'utf8');
  // "Pad" + padding, then "é" at bytes READ_CHUNK_BYTES - 1 and READ_CHUNK_BYTES.
  return Buffer.concat([header, ...filler, pad, Buffer.from('é Café,split\nLast,8\n', 'utf8')]);
}

async function readAll(file: string, stopAfterFirstBlock = false) {
  const rows: string[][] = [];
  const outcome = await streamCsvRows(file, {
    onRows(block) {
      rows.push(...block);
      return stopAfterFirstBlock ? false : undefined;
    },
  }, { sha256: true });
  return { rows, outcome };
}

describe('streamCsvRows', () => {
  it('keeps a character split between two chunks whole, drops the BOM, and hashes the bytes it read', async () => {
    const bytes = straddlingCsv();
    expect(bytes.subarray(READ_CHUNK_BYTES - 1, READ_CHUNK_BYTES + 1).toString('utf8')).toBe('é');
    const file = path.join(dir, 'straddling.csv');
    await writeFile(file, bytes);
    const { rows, outcome } = await readAll(file);
    expect(rows[0]).toEqual(['Area', 'Value']);
    const split = rows.find((r) => r[1] === 'split');
    expect(split?.[0]).toMatch(/xé Café$/);
    expect(rows.some((r) => r.join(',').includes('\ufffd'))).toBe(false);
    expect(rows.filter((r) => r.length === 2).at(-1)).toEqual(['Last', '8']);
    expect(outcome).toEqual({ ok: true, stopped: false, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('gives no hash for a file it stopped reading early (the hash would be of part of it)', async () => {
    const file = path.join(dir, 'stopped.csv');
    await writeFile(file, straddlingCsv());
    const { outcome } = await readAll(file, true);
    expect(outcome).toEqual({ ok: true, stopped: true });
  });

  it('says in words when the file cannot be read', async () => {
    const { outcome } = await readAll(path.join(dir, 'missing.csv'));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/^missing\.csv cannot be read: /);
  });
});
