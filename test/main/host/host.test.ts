import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../main/host/server';
import { demoHandlers } from '../core/demo-support';

let host: RunningHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-host-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const { handlers } = await demoHandlers();
  host = await startHost({ handlers, rendererDir: dir });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request, so the test can forge Host and Origin headers as an attacker would. */
function request(p: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: p, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const api = (method: string, headers: Record<string, string>, body = '{}') =>
  request(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', host: `127.0.0.1:${host.port}`, ...headers }, body });

describe('browser host', () => {
  it('listens on loopback only and prints a URL with its token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[0-9a-f]{48}$`));
  });

  it('answers API calls with the token', async () => {
    const r = await api('periods.list', { 'x-boardpack-token': host.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).value.map((p: { name: string }) => p.name)).toContain('2014/15 Q4');
  });

  it('refuses forged requests: no token, wrong token, foreign Host, foreign Origin', async () => {
    expect((await api('periods.list', {})).status).toBe(401);
    expect((await api('periods.list', { 'x-boardpack-token': 'f'.repeat(48) })).status).toBe(401);
    expect((await api('periods.list', { 'x-boardpack-token': host.token, host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await api('periods.list', { 'x-boardpack-token': host.token, origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('periods.list', { 'x-boardpack-token': host.token, 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('returns typed errors for bad JSON and bad arguments', async () => {
    const bad = await api('dashboard.get', { 'x-boardpack-token': host.token }, '{not json');
    expect(bad.status).toBe(400);
    const wrong = await api('dashboard.get', { 'x-boardpack-token': host.token }, '{"period": 5}');
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const page = await request('/', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(page.status).toBe(200);
    const traversal = await request('/..%2f..%2fetc%2fpasswd', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(traversal.status).toBe(404);
  });
});

describe('files sent for import (POST /upload)', () => {
  let uploadHost: RunningHost;
  let uploadDir: string;
  beforeAll(async () => {
    uploadDir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-uploads-'));
    const { handlers } = await demoHandlers();
    uploadHost = await startHost({ handlers, rendererDir: dir, uploadDir });
  });
  afterAll(async () => {
    await uploadHost.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  /** Sends `pieces` as one request body, each in its own write a moment apart (as the network splits it). */
  function send(pieces: Array<string | Buffer>, options: { token?: string; hangUpAfter?: number; beforeHangUp?: () => Promise<unknown> } = {}): Promise<{ status: number; body: string } | 'hung up'> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: uploadHost.port, path: '/upload', method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-boardpack-token': options.token ?? uploadHost.token } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', (error) => (options.hangUpAfter !== undefined ? resolve('hung up') : reject(error)));
      void (async () => {
        for (const [i, piece] of pieces.entries()) {
          if (i === options.hangUpAfter) {
            await options.beforeHangUp?.();
            req.destroy();
            resolve('hung up');
            return;
          }
          req.write(piece);
          await new Promise((r) => setTimeout(r, 5));
        }
        req.end();
      })();
    });
  }
  const listing = (files: Array<[string, number]>) => JSON.stringify({ files: files.map(([name, size]) => ({ name, size })) }) + '\n';
  const leftBehind = () => readdir(uploadDir);

  it('writes each file listed to a folder of its own, byte for byte, however the request is split', async () => {
    const first = Buffer.from('Crime ID,Month,Reported by\r\nabc,2024-01,Leicestershire Police\r\n');
    const third = Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x2c, 0x42, 0x0a, 0xa3, 0x35]);
    const head = listing([['2024-01-street.csv', first.length], ['empty.csv', 0], ['../../evil.csv', third.length]]);
    // The list split across writes, and a write that ends one file and starts the next.
    const body = Buffer.concat([Buffer.from(head), first, third]);
    const cuts = [7, head.length + 3, head.length + first.length - 2, head.length + first.length + 4];
    const pieces = [0, ...cuts].map((from, i) => body.subarray(from, cuts[i] ?? body.length));
    const answer = await send(pieces);
    expect(answer).not.toBe('hung up');
    const { status, body: text } = answer as { status: number; body: string };
    expect(status).toBe(200);
    const files = (JSON.parse(text) as { value: { files: Array<{ handle: string; name: string; bytes: number }> } }).value.files;
    // A name cannot climb out of its folder.
    expect(files.map((f) => [f.name, f.bytes])).toEqual([['2024-01-street.csv', first.length], ['empty.csv', 0], ['.._.._evil.csv', third.length]]);
    expect(new Set(files.map((f) => f.handle)).size).toBe(3);
    expect(await readFile(path.join(uploadDir, files[0]!.handle, '2024-01-street.csv'))).toEqual(first);
    expect(await readFile(path.join(uploadDir, files[1]!.handle, 'empty.csv'))).toEqual(Buffer.alloc(0));
    expect(await readFile(path.join(uploadDir, files[2]!.handle, '.._.._evil.csv'))).toEqual(third);
    for (const f of files) await rm(path.join(uploadDir, f.handle), { recursive: true });
  });

  it('refuses the whole upload, keeping nothing, when a file is short, there is more than listed, or the list is wrong', async () => {
    const refused = async (pieces: Array<string | Buffer>, message: RegExp) => {
      const answer = (await send(pieces)) as { status: number; body: string };
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_arguments', message: expect.stringMatching(message) } });
      expect(await leftBehind()).toEqual([]);
    };
    await refused([listing([['a.csv', 4], ['b.csv', 10]]), 'a,b\n', 'x,y'], /"b\.csv" did not arrive whole/);
    await refused([listing([['a.csv', 4]]), 'a,b\nand more'], /More was sent than the files listed/);
    await refused(['{"files": [{"name": "a.csv", "size": -1}]}\n', 'a'], /not listed as Boardpack expects/);
    await refused(['not a list\n', 'a,b\n'], /not listed as Boardpack expects/);
    await refused(['{"files": []}\n'], /not listed as Boardpack expects/);
    await refused([listing([['huge.csv', 3 * 1024 ** 3]]), 'a'], /"huge\.csv" is larger than 2 GB/);
    await refused([listing([['..', 1]]), 'a'], /has no name/);
    await refused([], /No files were sent/);
  });

  it('keeps nothing of an upload the page gave up on (Cancel), and writes nothing without the token', async () => {
    const big = Buffer.alloc(256 * 1024, 0x61);
    // Hung up once the file is being written.
    const writing = () => expect.poll(async () => (await leftBehind()).length, { timeout: 5000 }).toBe(1);
    expect(await send([listing([['big.csv', big.length * 4]]), big, big, big], { hangUpAfter: 3, beforeHangUp: writing })).toBe('hung up');
    await expect.poll(leftBehind, { timeout: 5000 }).toEqual([]);
    const forged = (await send([listing([['x.csv', 4]]), 'a,b\n'], { token: 'f'.repeat(48) })) as { status: number };
    expect(forged.status).toBe(401);
    expect(await leftBehind()).toEqual([]);
  });
});
