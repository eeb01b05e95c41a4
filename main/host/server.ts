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
  handlers: Handlers;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  port?: number;
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
      const result = await dispatch(options.handlers, method, args);
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
