/**
 * Files are read once where once will do: an import that follows its plan (the Import screen's
 * dry run, then Import) reuses what the plan read, as long as every file is the same on disk
 * (same inode, size, modification and change times). A file changed in between is read again.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';

async function stampOf(file: string): Promise<string> {
  const st = await fs.stat(file);
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/**
 * Hashed as it is read, a quarter of a megabyte at a time: hashing a whole 50 MB import at once
 * would hold the process for a second on a busy machine (no other call answered meanwhile).
 */
async function sha256Streamed(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const hashes = new Map<string, { stamp: string; hash: string }>();
/** Enough for a year of partner files; the oldest is forgotten first. */
const HASHES_KEPT = 1000;

/** The file's SHA-256, computed once per version of the file. */
export async function fileSha256(file: string): Promise<string> {
  const stamp = await stampOf(file);
  const known = hashes.get(file);
  if (known && known.stamp === stamp) return known.hash;
  const hash = await sha256Streamed(file);
  // Kept only if the file did not change while it was read.
  if ((await stampOf(file)) === stamp) {
    hashes.delete(file);
    hashes.set(file, { stamp, hash });
    if (hashes.size > HASHES_KEPT) hashes.delete(hashes.keys().next().value!);
  }
  return hash;
}

const results = new WeakMap<object, { key: string; value: unknown }>();

/**
 * The result of `compute` for these files and this `context` (what else the result depends on,
 * e.g. the workspace's districts), reused from the last call for the same owner when nothing
 * changed. One result is kept per owner (the workspace).
 */
export async function readOnce<T>(owner: object, files: readonly string[], context: string, compute: () => Promise<T>): Promise<T> {
  const key = JSON.stringify([context, files, await Promise.all(files.map(stampOf))]);
  const known = results.get(owner);
  if (known && known.key === key) return known.value as T;
  const value = await compute();
  const after = JSON.stringify([context, files, await Promise.all(files.map(stampOf))]);
  if (after === key) results.set(owner, { key, value });
  return value;
}
