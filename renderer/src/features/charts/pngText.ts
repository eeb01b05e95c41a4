/**
 * Text carried inside a PNG: a saved chart keeps its title and its alt text (the same words
 * the screen reader hears) as iTXt chunks ("Title", "Description", UTF-8, uncompressed), so
 * the description travels with the file. Pure bytes, no DOM.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of bytes[start, end), as PNG chunks use it. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i += 1) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The PNG with an iTXt chunk per entry (keyword: 1-79 Latin letters, text: any UTF-8) placed
 * right after IHDR. Throws on bytes that are not a PNG.
 */
export function pngWithText(png: Uint8Array, entries: Readonly<Record<string, string>>): Uint8Array {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b) || String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') throw new Error('Not a PNG image.');
  const afterHeader = 8 + 12 + new DataView(png.buffer, png.byteOffset, png.byteLength).getUint32(8);
  const encoder = new TextEncoder();
  const chunks = Object.entries(entries).map(([keyword, text]) => {
    if (!/^[A-Za-z][A-Za-z ]{0,78}$/.test(keyword)) throw new Error(`"${keyword}" is not a PNG text keyword.`);
    // keyword NUL, compression flag 0, method 0, language tag "" NUL, translated keyword "" NUL, text
    const head = encoder.encode(keyword);
    const body = encoder.encode(text);
    const data = new Uint8Array(head.length + 5 + body.length);
    data.set(head, 0);
    data.set(body, head.length + 5);
    return pngChunk('iTXt', data);
  });
  const out = new Uint8Array(png.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(png.subarray(0, afterHeader), 0);
  let at = afterHeader;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(afterHeader), at);
  return out;
}
