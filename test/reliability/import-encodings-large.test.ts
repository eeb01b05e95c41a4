/**
 * A CSV big enough to be streamed (over STREAM_CSV_BYTES) that is UTF-8 in its first rows and
 * Windows-1252 further on (an en dash, a curly quote and "€12.50" pasted into a late row from
 * Excel on a UK Windows machine): the stream decodes UTF-8, so the late row would come out with
 * replacement characters; Boardpack reads the file again whole, in its own encoding. Large, so
 * with the reliability project (moved from test/main/core/imports/encodings.test.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/core/app';
import { STREAM_CSV_BYTES } from '../../main/core/imports/importing';
import { demoSession } from '../main/core/demo-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-enc-large-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Windows-1252 bytes, from the code page's own table. */
const CP1252: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
const cp1252 = (text: string) => Buffer.from([...text].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));

const INDICATOR = 'Spend per head – “community safety”';

describe('a large CSV in two encodings', () => {
  it('keeps the late row\'s dashes and quotes, and reads "€12.50" as 12.5', async () => {
    const file = path.join(dir, 'big-partner.csv');
    const padding = `Padding row,Blaby,2023/24,1,${'x'.repeat(1000)}\r\n`;
    const rows = Math.ceil((STREAM_CSV_BYTES + 300 * 1024) / padding.length);
    const head = Buffer.from(`Indicator,Area,Period,Value,Notes\r\n${padding.repeat(rows)}`, 'utf8');
    const tail = cp1252(`${INDICATOR},Blaby,2023/24,€12.50,partner’s estimate\r\n`);
    const bytes = Buffer.concat([head, tail]);
    expect(bytes.length).toBeGreaterThan(STREAM_CSV_BYTES);
    await writeFile(file, bytes);
    const session = await demoSession();
    const report = await createHandlers(session)['import.files']({ paths: [file] });
    const plan = report.tables![0]!;
    expect(plan.newIndicators.map((i) => i.name)).toContain(INDICATOR);
    const stored = session.workspace.db.first<{ value: number; note: string }>('SELECT o.value, o.note FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.name = ?', [INDICATOR]);
    expect(stored).toEqual({ value: 12.5, note: 'partner’s estimate' });
  });
});
