import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
