/**
 * Text files in the character sets partners' machines write:
 * - Excel's "CSV (Comma delimited)" on a UK Windows machine: Windows-1252, CRLF, no byte-order
 *   mark; en dashes (0x96), curly quotes (0x91-0x94), the euro sign (0x80) and the pound sign
 *   (0xA3) are single bytes;
 * - Excel's "Unicode Text" (.txt): UTF-16 little-endian with a byte-order mark (FF FE),
 *   tab-separated, CRLF;
 * - UTF-16 big-endian with a mark, and UTF-16LE without one (some statistical tools).
 * Every file is made here, byte by byte, and imported as a user would.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../main/core/app';
import { decodeText, detectEncoding } from '../../../../main/core/imports/text-source';
import { readValueCell } from '../../../../main/core/imports/cells';
import { demoSession } from '../demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-enc-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Windows-1252 bytes of a string, from the code page's own table (not Node's decoder). */
const CP1252: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '£': 0xa3, 'é': 0xe9 };
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const b = CP1252[ch] ?? ch.charCodeAt(0);
    if (b > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
    return b;
  }));
}
function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

const INDICATOR = 'Spend per head – “community safety” (Q1–Q4)';
/** The partner's rows: the figure as the file writes it, and the figure it means. */
const ROWS = [
  { area: 'Blaby', period: '2023/24', written: '€12.50', value: 12.5, note: 'partner’s estimate – provisional' },
  { area: 'Charnwood', period: '2023/24', written: '£1,234', value: 1234, note: 'café survey' },
  { area: 'Harborough', period: '2023/24', written: '-€3.25', value: -3.25, note: '' },
];

function csvText(separator: string): string {
  const cell = (c: string) => (separator === ',' && /[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [['Indicator', 'Area', 'Period', 'Value', 'Notes'], ...ROWS.map((r) => [INDICATOR, r.area, r.period, r.written, r.note])]
    .map((r) => r.map(cell).join(separator))
    .join('\r\n') + '\r\n';
}

async function importAndRead(file: string) {
  const session = await demoSession();
  const h = createHandlers(session);
  const report = await h['import.files']({ paths: [file] });
  const stored = session.workspace.db.all<{ indicator: string; area: string; value: number; note: string }>(
    `SELECT i.name AS indicator, a.name AS area, o.value, o.note FROM observations o JOIN indicators i ON i.id = o.indicator_id
     JOIN areas a ON a.id = o.area_id WHERE i.name = ? ORDER BY a.name`,
    [INDICATOR],
  );
  return { report, stored };
}

const expected = [...ROWS].sort((a, b) => a.area.localeCompare(b.area)).map((r) => ({ indicator: INDICATOR, area: r.area, value: r.value, note: r.note }));

describe('character sets', () => {
  it('a Windows-1252 CSV keeps its en dashes, curly quotes and accents, and "€12.50" reads as 12.5 as "£1,234" reads as 1234', async () => {
    const file = path.join(dir, 'partner-1252.csv');
    const bytes = cp1252(csvText(','));
    // The file really is not UTF-8 (else the test would prove nothing).
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    await writeFile(file, bytes);
    const { report, stored } = await importAndRead(file);
    expect(report.tables?.[0]?.problems).toEqual([]);
    expect(report.added).toBe(ROWS.length);
    expect(stored).toEqual(expected);
  });

  it('Excel\'s "Unicode Text" (UTF-16LE with a byte-order mark, tab-separated) imports the same', async () => {
    const file = path.join(dir, 'partner-unicode.txt');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText('\t'), 'utf16le')]));
    const { report, stored } = await importAndRead(file);
    expect(report.tables?.[0]?.problems).toEqual([]);
    expect(stored).toEqual(expected);
  });

  it('UTF-16BE with a mark and UTF-16LE without one are read too', async () => {
    const be = path.join(dir, 'partner-be.csv');
    await writeFile(be, Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(csvText(','))]));
    expect((await importAndRead(be)).stored).toEqual(expected);
    const bare = path.join(dir, 'partner-le.csv');
    await writeFile(bare, Buffer.from(csvText(','), 'utf16le'));
    expect((await importAndRead(bare)).stored).toEqual(expected);
  });

  it('detects each encoding and never mistakes UTF-8 for another', () => {
    const text = csvText(',');
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe('utf-8');
    expect(detectEncoding(cp1252(text))).toBe('windows-1252');
    expect(decodeText(cp1252(text)).text).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
    // A UTF-8 prefix cut inside a character is still UTF-8.
    const utf8 = Buffer.from(text, 'utf8');
    const dash = utf8.indexOf(Buffer.from('–', 'utf8'));
    expect(detectEncoding(utf8.subarray(0, dash + 1), true)).toBe('utf-8');
  });

  it('reads currency signs on either side of a minus the way it reads the pound', () => {
    for (const [raw, value] of [['€12.50', 12.5], ['$7', 7], ['£1,234', 1234], ['-£5.5', -5.5], ['€ 1 234', 1234]] as const) {
      expect(readValueCell(raw)).toMatchObject({ kind: 'number', value });
    }
  });
});
