/**
 * Charts as images: a chart configuration drawn offscreen at a fixed size and a chosen pixel
 * ratio (3 for print: a 1000-pixel-wide chart becomes 3000 pixels, 300 dpi at 10 inches), on
 * white, then saved as a PNG, copied to the clipboard or sent to the agenda pack.
 */
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import { ChartJS } from './chartSetup';
import { crc32 } from './pngText';

export const PRINT_PIXEL_RATIO = 3;

/** Paints the canvas white under the chart: PNGs pasted into Word or a PDF are not transparent. */
const whiteBackground: Plugin = {
  id: 'boardpackWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export interface ImageSize {
  /** CSS pixels; the image is `pixelRatio` times larger. */
  width: number;
  height: number;
  pixelRatio: number;
}

/** Draws `config` offscreen and hands the canvas to `take` before the chart is destroyed. */
async function drawOffscreen<T extends ChartType, R>(config: ChartConfiguration<T>, size: ImageSize, take: (canvas: HTMLCanvasElement) => R, readPixels = false): Promise<Awaited<R>> {
  const holder = document.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  holder.style.cssText = `position:fixed;left:-20000px;top:0;width:${size.width}px;height:${size.height}px;pointer-events:none;`;
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.style.width = `${size.width}px`;
  canvas.style.height = `${size.height}px`;
  // A canvas whose pixels are read back is kept in memory, not on the GPU (chart.js reuses this context).
  if (readPixels) canvas.getContext('2d', { willReadFrequently: true });
  holder.appendChild(canvas);
  document.body.appendChild(holder);
  const chart = new ChartJS(canvas, {
    ...config,
    options: { ...config.options, responsive: false, maintainAspectRatio: false, animation: false, devicePixelRatio: size.pixelRatio },
    plugins: [...(config.plugins ?? []), whiteBackground as Plugin<T>],
  } as ChartConfiguration<T>);
  try {
    chart.draw();
    return await take(canvas);
  } finally {
    chart.destroy();
    holder.remove();
  }
}

/** Draws `config` offscreen and returns it as a PNG (the browser's encoder: RGBA). */
export function renderChartPng<T extends ChartType>(config: ChartConfiguration<T>, size: ImageSize): Promise<Blob> {
  return drawOffscreen(config, size, (canvas) => new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not make a PNG of the chart.'))), 'image/png')));
}

/**
 * Draws `config` offscreen and returns it as an opaque RGB PNG (no alpha channel), encoded
 * here: the canvas is on white, and a PDF embeds an RGB PNG's compressed data as it is, where
 * an RGBA one must be decoded and split into colour and mask. The pixels are read at once; the
 * compression (the browser's own zlib) finishes after, so the next chart can be drawn meanwhile.
 */
export async function renderChartOpaquePng<T extends ChartType>(config: ChartConfiguration<T>, size: ImageSize): Promise<() => Promise<Uint8Array>> {
  const pixels = await drawOffscreen(config, size, (canvas) => ({ width: canvas.width, height: canvas.height, rgba: canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data }), true);
  const raw = rgbRows(pixels.width, pixels.height, pixels.rgba);
  const compressed = deflate(raw);
  return async () => encodePng(pixels.width, pixels.height, await compressed);
}

/** Scanlines for PNG colour type 2 (RGB), each with filter "Up" (the byte minus the one above). */
function rgbRows(width: number, height: number, rgba: Uint8ClampedArray): Uint8Array {
  const stride = width * 3 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * stride;
    const src = y * width * 4;
    raw[row] = y === 0 ? 0 : 2;
    if (y === 0) {
      for (let x = 0, s = src, d = row + 1; x < width; x += 1, s += 4, d += 3) {
        raw[d] = rgba[s]!;
        raw[d + 1] = rgba[s + 1]!;
        raw[d + 2] = rgba[s + 2]!;
      }
    } else {
      const up = src - width * 4;
      for (let x = 0, s = src, u = up, d = row + 1; x < width; x += 1, s += 4, u += 4, d += 3) {
        raw[d] = (rgba[s]! - rgba[u]!) & 0xff;
        raw[d + 1] = (rgba[s + 1]! - rgba[u + 1]!) & 0xff;
        raw[d + 2] = (rgba[s + 2]! - rgba[u + 2]!) & 0xff;
      }
    }
  }
  return raw;
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function encodePng(width: number, height: number, idat: Uint8Array): Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, adaptive filtering, no interlace
  const chunks: Array<[string, Uint8Array]> = [['IHDR', header], ['IDAT', idat], ['IEND', new Uint8Array(0)]];
  const total = signature.length + chunks.reduce((n, [, data]) => n + 12 + data.length, 0);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(signature, 0);
  let at = signature.length;
  for (const [type, data] of chunks) {
    outView.setUint32(at, data.length);
    for (let i = 0; i < 4; i += 1) out[at + 4 + i] = type.charCodeAt(i);
    out.set(data, at + 8);
    outView.setUint32(at + 8 + data.length, crc32(out, at + 4, at + 8 + data.length));
    at += 12 + data.length;
  }
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A file name from a chart's title: no characters Windows refuses. */
export function imageFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 150)}.png`;
}

/** Copies a PNG to the clipboard; throws with a message for the user when it cannot. */
export async function copyPngToClipboard(blob: Blob | Promise<Blob>): Promise<void> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard || typeof navigator.clipboard.write !== 'function') {
    throw new Error('Copying images to the clipboard is not available here. Use "Save as PNG" and insert the file instead.');
  }
  try {
    // A promise in the ClipboardItem keeps the user's click as the gesture that allows the write.
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`The chart could not be copied to the clipboard (${reason}). Use "Save as PNG" and insert the file instead.`);
  }
}
