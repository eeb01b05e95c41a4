/**
 * A real full disk: a tiny tmpfs mounted in a private mount namespace (`unshare -rm`, which
 * needs no root), so the save really meets ENOSPC.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'fixtures/disk-full.ts');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-diskfull-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a full disk', () => {
  it('refuses the save with a clear message, keeps the work in memory, and saves a copy elsewhere', async () => {
    const small = path.join(dir, 'small');
    const elsewhere = path.join(dir, 'elsewhere');
    const script = `mkdir -p '${small}' '${elsewhere}' && mount -t tmpfs -o size=256k tmpfs '${small}' && exec '${process.execPath}' --import tsx '${CHILD}' '${small}' '${elsewhere}'`;
    const { stdout } = await promisify(execFile)('unshare', ['-rm', 'sh', '-c', script], { cwd: REPO });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(result.message).toMatch(/the disk is full/);
    expect(result.saveError).toMatch(/the disk is full/);
    expect(result.kept).toBe(400);
    expect(result.rescued).toBe(400);
    expect(result.originalOutcomes).toBe(0);
  });
});
