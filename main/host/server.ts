/**
 * The browser host: serves the built renderer and the handler table on 127.0.0.1 only.
 * End-to-end tests drive it in Chromium, and `npm start` falls back to it when the Electron
 * binary is not installed.
 *
 * Guards (the data never leaves the machine, and no other local page can read it):
 * - listens on the loopback address only, on a random port unless one is given;
 * - every API call needs the per-launch secret token (header X-Boardpack-Token);
 * - the Host header must name this loopback address (stops DNS rebinding);
 * - an Origin header, when sent, must be this host's own origin (stops other sites' pages).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as z from 'zod';
import type { ApiResponse } from '../../shared/api/contract';
import { dispatch, type Handlers } from '../core/app';

export const TOKEN_HEADER = 'x-boardpack-token';
/** Large enough for a quarter's partner files sent for import (base64 adds a third). */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface HostOptions {
  /**
   * Where API calls go: the core in its own process (`CoreClient.call`, as `npm start` and
   * `boardpack serve` run it, so this server answers even while an import runs), or a handler
   * table in this process (tests).
   */
  core?: (method: string, args: unknown) => Promise<ApiResponse<unknown>>;
  handlers?: Handlers;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  port?: number;
  /**
   * Where POST /upload puts files sent for import (`<uploadDir>/<handle>/<name>`): the core's
   * upload folder (`Session.uploadDir`), so `import.uploaded` finds them by handle.
   */
  uploadDir?: string;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The browser host could not find its own port.');
  const port = address.port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const rendererDir = path.resolve(options.rendererDir);
  const handlers = options.handlers;
  const core = options.core ?? (handlers ? (method: string, args: unknown) => dispatch(handlers, method, args) : null);
  if (!core) throw new Error('The browser host needs the core (or a handler table) to answer API calls.');
  const call = core;

  server.on('request', (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, 500, 'application/json', JSON.stringify({ ok: false, error: { code: 'internal', message: String((error as Error).message ?? error) } }));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'This Boardpack host answers only on its loopback address.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return send(res, 403, 'text/plain', 'Requests from other sites are refused.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/upload') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Uploads use POST.');
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 401, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_arguments', message: 'Missing or wrong session token.' } }));
      if (!options.uploadDir) return send(res, 404, 'text/plain', 'This host takes no uploads.');
      const result = await receiveUploads(req, options.uploadDir);
      return send(res, result.ok ? 200 : 400, 'application/json', JSON.stringify(result));
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'API calls use POST.');
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 401, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_arguments', message: 'Missing or wrong session token.' } }));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'API calls send JSON.');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain', 'Request too large.');
      let args: unknown;
      try {
        args = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_arguments', message: 'The request was not valid JSON.' } }));
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const result = await call(method, args);
      return send(res, 200, 'application/json', JSON.stringify(result));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed.');
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep)) return send(res, 404, 'text/plain', 'Not found.');
    let content: Buffer;
    try {
      content = await fs.readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'Not found.');
    }
    send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', content);
  }

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The largest file one upload may carry (a year of police.uk files for a big force is well under this). */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
/** The most files one upload may name, and the most bytes its list may take. */
const MAX_UPLOAD_FILES = 10_000;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Bytes gathered before each write to disk: fewer, larger writes. */
const WRITE_BYTES = 1024 * 1024;

/** The first line of an upload: the files that follow it, in order, and their sizes. */
const UploadManifest = z.object({
  files: z
    .array(z.object({ name: z.string(), size: z.number().int().nonnegative() }))
    .min(1)
    .max(MAX_UPLOAD_FILES),
});

/** A file uploaded for import, named afterwards by its handle (`import.uploaded`). */
export interface UploadedFile {
  handle: string;
  name: string;
  bytes: number;
}

/** What a file is called on disk: its own name, without folders or control characters. */
function safeName(raw: string): string | null {
  const name = raw.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255);
  return name.length === 0 || name === '.' || name === '..' ? null : name;
}

class UploadRefused extends Error {}

/** A file of an upload being written: its handle, the bytes still to come, and those not yet written. */
interface OpenUpload {
  file: fs.FileHandle;
  left: number;
  waiting: Buffer[];
  waitingBytes: number;
}

/**
 * Streams the files sent for import to `<uploadDir>/<handle>/<name>` as they arrive (never held
 * in memory, never base64), and answers with a handle for each, in the order sent. One request
 * carries them all: a line of JSON naming the files and their sizes, then their bytes back to
 * back. (From Chromium, the 24 police.uk months went over in 0.30-0.45 s this way, against
 * 0.45-0.70 s as 24 requests four at a time, and the page can show how far each file has got.)
 * Anything short, long or unnamed refuses the whole upload and leaves nothing behind.
 */
async function receiveUploads(req: http.IncomingMessage, uploadDir: string): Promise<ApiResponse<{ files: UploadedFile[] }>> {
  const made: string[] = [];
  const received: UploadedFile[] = [];
  let open: OpenUpload | null = null;
  const flush = async () => {
    if (!open || open.waitingBytes === 0) return;
    const bytes = open.waiting.length === 1 ? open.waiting[0]! : Buffer.concat(open.waiting, open.waitingBytes);
    open.waiting = [];
    open.waitingBytes = 0;
    for (let at = 0; at < bytes.length; ) at += (await open.file.write(bytes, at, bytes.length - at)).bytesWritten;
  };
  /** Opens the next file named (empty ones are made at once) until one has bytes to come. */
  const next = async (files: Array<{ name: string; size: number }>) => {
    while (received.length < files.length) {
      const { name, size } = files[received.length]!;
      const handle = randomBytes(16).toString('hex');
      const folder = path.join(uploadDir, handle);
      await fs.mkdir(folder, { recursive: true });
      made.push(folder);
      const file = await fs.open(path.join(folder, name), 'wx');
      received.push({ handle, name, bytes: size });
      if (size > 0) {
        open = { file, left: size, waiting: [], waitingBytes: 0 };
        return;
      }
      await file.close();
    }
    open = null;
  };

  let manifest: Array<{ name: string; size: number }> | null = null;
  let head: Buffer[] = [];
  let headBytes = 0;
  /** Why the upload is refused: the rest of the request is read and dropped, so the answer still reaches the page. */
  let refused: unknown = null;
  try {
    for await (const piece of req as AsyncIterable<Buffer>) {
      if (refused !== null) continue;
      try {
        let chunk = piece;
        if (manifest === null) {
          const end = chunk.indexOf(10);
          if (end < 0) {
            head.push(chunk);
            headBytes += chunk.length;
            if (headBytes > MAX_MANIFEST_BYTES) throw new UploadRefused('The files sent were not listed as Boardpack expects.');
            continue;
          }
          head.push(chunk.subarray(0, end));
          chunk = chunk.subarray(end + 1);
          manifest = listedFiles(Buffer.concat(head).toString('utf8'));
          head = [];
          await next(manifest);
        }
        while (chunk.length > 0) {
          const current = open as OpenUpload | null;
          if (current === null) throw new UploadRefused('More was sent than the files listed; try again.');
          const take = Math.min(current.left, chunk.length);
          current.waiting.push(chunk.subarray(0, take));
          current.waitingBytes += take;
          current.left -= take;
          chunk = chunk.subarray(take);
          if (current.left === 0) {
            await flush();
            await current.file.close();
            await next(manifest);
          } else if (current.waitingBytes >= WRITE_BYTES) await flush();
        }
      } catch (error) {
        refused = error;
      }
    }
  } catch (error) {
    // The page went away (Cancel) or the connection broke: nothing is kept.
    refused ??= error;
  }
  if (refused === null && manifest === null) refused = new UploadRefused('No files were sent.');
  if (refused === null && open !== null) refused = new UploadRefused(`"${received[received.length - 1]!.name}" did not arrive whole; try again.`);
  if (refused === null) return { ok: true, value: { files: received } };
  const stillOpen = open as OpenUpload | null;
  await stillOpen?.file.close().catch(() => undefined);
  for (const folder of made) await fs.rm(folder, { recursive: true, force: true });
  if (refused instanceof UploadRefused) return { ok: false, error: { code: 'invalid_arguments', message: refused.message } };
  const name = received[received.length - 1]?.name;
  return { ok: false, error: { code: 'io', message: name ? `"${name}" did not arrive whole; try again.` : 'The files did not arrive whole; try again.' } };
}

/** The files an upload's first line lists, with safe names; refused when it lists none, or too much. */
function listedFiles(line: string): Array<{ name: string; size: number }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new UploadRefused('The files sent were not listed as Boardpack expects.');
  }
  const checked = UploadManifest.safeParse(parsed);
  if (!checked.success) throw new UploadRefused('The files sent were not listed as Boardpack expects.');
  return checked.data.files.map(({ name: raw, size }) => {
    const name = safeName(raw);
    if (name === null) throw new UploadRefused('A file sent has no name.');
    if (size > MAX_UPLOAD_BYTES) throw new UploadRefused(`"${name}" is larger than 2 GB, too large to import.`);
    return { name, size };
  });
}

function tokenMatches(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string' || sent.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(token));
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
