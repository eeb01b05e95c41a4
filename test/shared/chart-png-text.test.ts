/** A saved chart PNG carries its title and alt text as iTXt chunks, and stays a valid PNG. */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngWithText } from '../../renderer/src/features/charts/pngText';
import { makePng } from '../fixtures/png';

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function chunks(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png);
  const out: Chunk[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    const crc = buf.readUInt32BE(at + 8 + length);
    out.push({ type, data, crcOk: zlibCrc32(buf.subarray(at + 4, at + 8 + length)) === crc });
    at += 12 + length;
  }
  return out;
}

describe('pngWithText', () => {
  const png = new Uint8Array(makePng(30, 12));
  const alt = 'Statistical process control chart of Vehicle crime (count) for Melton, monthly from Jan 2023 to Dec 2024. Special cause variation: concern (high). Mean 12 ± 9 – “quoted”.';

  it('puts Title and Description right after the header, UTF-8, with correct CRCs, and keeps the image data as it was', () => {
    const out = pngWithText(png, { Title: 'Vehicle crime (count), Melton', Description: alt });
    expect([...out.subarray(0, 8)]).toEqual([...png.subarray(0, 8)]);
    const before = chunks(png);
    const after = chunks(out);
    expect(after.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'iTXt', ...before.slice(1).map((c) => c.type)]);
    expect(after.every((c) => c.crcOk)).toBe(true);
    const text = after.filter((c) => c.type === 'iTXt').map((c) => {
      const nul = c.data.indexOf(0);
      // keyword NUL, compression flag, method, empty language NUL, empty translated keyword NUL
      expect([...c.data.subarray(nul, nul + 5)]).toEqual([0, 0, 0, 0, 0]);
      return [c.data.toString('latin1', 0, nul), c.data.toString('utf8', nul + 5)];
    });
    expect(text).toEqual([
      ['Title', 'Vehicle crime (count), Melton'],
      ['Description', alt],
    ]);
    expect(after.filter((c) => c.type !== 'iTXt').map((c) => c.data)).toEqual(before.map((c) => c.data));
  });

  it('refuses bytes that are not a PNG and keywords PNG does not allow', () => {
    expect(() => pngWithText(new Uint8Array([1, 2, 3]), { Title: 'x' })).toThrow(/Not a PNG/);
    expect(() => pngWithText(png, { 'Bad:keyword': 'x' })).toThrow(/keyword/);
  });
});
