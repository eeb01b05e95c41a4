#!/usr/bin/env node
/**
 * Draws Boardpack's app icon, assets/build/icon.png: a 512x512 PNG, a dark blue square with
 * rounded corners and a white "B". Node's zlib only (no image library). electron-builder
 * makes the Windows .ico, macOS .icns and Linux sizes from it.
 *
 *   node scripts/make-icon.mjs [out.png]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // supersampling per axis, for smooth edges
const BACKGROUND = [0x1f, 0x4e, 0x79]; // dark blue
const INK = [0xff, 0xff, 0xff];

/** Is the point inside the rounded square? */
function inSquare(x, y) {
  const r = 88;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A "D" shape: a rectangle from `left` to `cx` closed by a half disc of radius r at (cx, cy). */
function inD(x, y, left, cx, cy, r) {
  if (y < cy - r || y > cy + r) return false;
  if (x >= left && x <= cx) return true;
  return x > cx && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The letter B: a stem and two bowls, each a D with a D-shaped counter cut out. */
function inB(x, y) {
  const left = 150;
  const stroke = 62;
  const upper = inD(x, y, left, 290, 176, 80) && !inD(x, y, left + stroke, 290, 176, 80 - stroke);
  const lower = inD(x, y, left, 300, 336, 84) && !inD(x, y, left + stroke, 300, 336, 84 - stroke);
  return upper || lower;
}

export function drawIcon() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let square = 0;
      let ink = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const px = x + (sx + 0.5) / SAMPLES;
          const py = y + (sy + 0.5) / SAMPLES;
          if (!inSquare(px, py)) continue;
          square++;
          if (inB(px, py)) ink++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const i = row + 1 + x * 4;
      for (let c = 0; c < 3; c++) raw[i + c] = square === 0 ? 0 : Math.round((BACKGROUND[c] * (square - ink) + INK[c] * ink) / square);
      raw[i + 3] = Math.round((255 * square) / n);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(body) : crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** CRC-32 as PNG defines it (zlib.crc32 exists only from Node 20.15/22.2). */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets/build/icon.png');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, drawIcon());
  console.log(`wrote ${out}`);
}
