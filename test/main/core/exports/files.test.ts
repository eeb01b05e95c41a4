import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestedFileName } from '../../../../main/core/exports/filename';
import { describeWriteError, nodeExportFileSystem, writeExportFile } from '../../../../main/core/exports/write-file';
import type { ExportFileSystem } from '../../../../main/core/exports/write-file';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'boardpack-write-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function failing(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

async function folder(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  return path;
}

describe('suggestedFileName', () => {
  it('makes a Windows-safe name from the appendix title', () => {
    expect(suggestedFileName('Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4', 'pdf')).toBe(
      'Appendix 1 - Safer Communities Performance Dashboard 2014-15 Q4.pdf',
    );
    expect(suggestedFileName('Appendix 1 - Safer Communities Dashboard 2024/25 Q4', '.xlsx')).toBe('Appendix 1 - Safer Communities Dashboard 2024-25 Q4.xlsx');
  });

  it('strips characters Windows forbids and trailing dots, and avoids reserved names', () => {
    expect(suggestedFileName('Board: "Q4" <draft> | final? * \\ 2014/15.', 'csv')).toBe('Board - Q4 draft final - 2014-15.csv');
    expect(suggestedFileName('  \u0007 ', 'pdf')).toBe('Appendix.pdf');
    expect(suggestedFileName('CON', 'pdf')).toBe('CON appendix.pdf');
    expect(suggestedFileName('x'.repeat(300), 'pdf')).toBe(`${'x'.repeat(120)}.pdf`);
  });
});

describe('writeExportFile', () => {
  it('writes a new file and replaces an existing one, leaving no temporary file', async () => {
    const target = join(await folder('ok'), 'Appendix.pdf');
    const first = await writeExportFile(target, Buffer.from('first'));
    expect(first).toEqual({ ok: true, value: { path: target, bytes: 5 } });
    const second = await writeExportFile(target, 'second, with ↑');
    expect(second.ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('second, with ↑');
    expect(await readdir(join(dir, 'ok'))).toEqual(['Appendix.pdf']);
  });

  it('says when the folder does not exist', async () => {
    const result = await writeExportFile(join(dir, 'missing', 'Appendix.pdf'), 'x');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^The folder ".*missing" does not exist .*: choose another folder\.$/);
  });

  it('refuses to write over a folder', async () => {
    const target = await folder('Appendix.xlsx');
    const result = await writeExportFile(target, 'x');
    expect(result).toEqual({ ok: false, error: `"${target}" is a folder: choose another name.` });
  });

  for (const code of ['EBUSY', 'EPERM', 'EACCES']) {
    it(`says the file is open elsewhere when replacing it fails with ${code}, and keeps the old file`, async () => {
      const place = await folder(`busy-${code}`);
      const target = join(place, 'Appendix.pdf');
      await writeFile(target, 'the published version');
      const fs: ExportFileSystem = { ...nodeExportFileSystem, rename: () => Promise.reject(failing(code)) };
      const result = await writeExportFile(target, 'new version', fs);
      expect(result).toEqual({
        ok: false,
        error: '"Appendix.pdf" is open in another program (for example Excel or a PDF viewer): close it or choose another name.',
      });
      expect(await readFile(target, 'utf8')).toBe('the published version');
      expect(await readdir(place)).toEqual(['Appendix.pdf']);
    });
  }

  it('says the disk is full, and leaves neither a half-written target nor a temporary file', async () => {
    const place = await folder('full');
    const target = join(place, 'Appendix.xlsx');
    await writeFile(target, 'old');
    const fs: ExportFileSystem = {
      ...nodeExportFileSystem,
      async writeNew(path, data) {
        await writeFile(path, typeof data === 'string' ? data.slice(0, 2) : data.subarray(0, 2)); // half written
        throw failing('ENOSPC');
      },
    };
    const result = await writeExportFile(target, 'new content', fs);
    expect(result).toEqual({ ok: false, error: 'There is not enough space on the disk to save "Appendix.xlsx": free some space or save it somewhere else.' });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(place)).toEqual(['Appendix.xlsx']);
  });

  it('says when the folder may not be written to', async () => {
    const place = await folder('denied');
    const fs: ExportFileSystem = { ...nodeExportFileSystem, writeNew: () => Promise.reject(failing('EACCES')) };
    const result = await writeExportFile(join(place, 'a.csv'), 'x', fs);
    expect(result).toEqual({ ok: false, error: `Boardpack is not allowed to save in "${place}": choose another folder.` });
  });

  it('has a message for every failure a user can meet', () => {
    const target = join('C:', 'Reports', 'Appendix.pdf');
    expect(describeWriteError('EROFS', 'write', target)).toMatch(/read-only: choose another folder\.$/);
    expect(describeWriteError('ENAMETOOLONG', 'write', target)).toMatch(/too long/);
    expect(describeWriteError('EIO', 'write', target, 'i/o error')).toBe('Could not save "Appendix.pdf": i/o error.');
  });
});

describe('an export never replaces a workspace', () => {
  it('refuses a .boardpack target (and its backups), leaving the file as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'boardpack-export-guard-'));
    const workspace = join(dir, 'Community safety.boardpack');
    await writeFile(workspace, 'SQLite format 3\0 the workspace');
    const refused = await writeExportFile(workspace, Buffer.from('%PDF-1.7'));
    expect(refused).toEqual({ ok: false, error: '"Community safety.boardpack" is a Boardpack workspace file; an export cannot be saved over it. Choose a name ending in .xlsx, .pdf or .csv.' });
    expect(await readFile(workspace, 'utf8')).toBe('SQLite format 3\0 the workspace');
    await mkdir(`${workspace}.backups`);
    expect((await writeExportFile(join(`${workspace}.backups`, '2025-01-31.boardpack'), 'x')).ok).toBe(false);
    expect((await writeExportFile(join(dir, 'Appendix.xlsx'), 'x')).ok).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});
