/**
 * Files are read once where once will do: an import that follows its plan (the Import screen's
 * dry run, then Import) reuses what the plan read, as long as every file is the same on disk
 * (same inode, size, modification and change times). A file changed in between is read again.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';

/** What says a file is the same version as before: inode, size, modification and change times. */
export async function fileStamp(file: string): Promise<string> {
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

/** A file's sha256, hashed from its bytes while it had `stamp`: kept only if the file still has it (it did not change while it was read). */
export async function keepSha256(file: string, stamp: string, hash: string): Promise<void> {
  if ((await fileStamp(file).catch(() => null)) !== stamp) return;
  hashes.delete(file);
  hashes.set(file, { stamp, hash });
  if (hashes.size > HASHES_KEPT) hashes.delete(hashes.keys().next().value!);
}

/** The file's SHA-256, computed once per version of the file (or taken from a read that hashed it, see `hashedWhileRead`). */
export async function fileSha256(file: string): Promise<string> {
  const stamp = await fileStamp(file);
  const known = hashes.get(file);
  if (known && known.stamp === stamp) return known.hash;
  const hash = await sha256Streamed(file);
  await keepSha256(file, stamp, hash);
  return hash;
}

/**
 * Runs `read`, which reads the whole file for its own purpose and hashes the bytes on the way
 * (its result's `sha256`, absent when it stopped early), and keeps that hash for `fileSha256`:
 * a 50 MB import is then read once, not once to count and again to hash.
 */
export async function hashedWhileRead<T extends object>(file: string, read: () => Promise<T>): Promise<T> {
  const stamp = await fileStamp(file).catch(() => null);
  const result = await read();
  if (stamp !== null && 'sha256' in result && typeof result.sha256 === 'string') await keepSha256(file, stamp, result.sha256);
  return result;
}

/**
 * The files whose contents are those of a file before them in the list (a copy under another
 * name), each with that first file. Only files of the same size can be copies, so only those are
 * hashed here: the rest are hashed as they are read.
 */
export async function copiesAmong(files: readonly string[]): Promise<Array<{ index: number; file: string; copyOf: string }>> {
  const sizes = await Promise.all(files.map((f) => fs.stat(f).then((s) => s.size, () => -1)));
  const candidates = [...files.keys()].filter((i) => sizes[i]! >= 0 && sizes.indexOf(sizes[i]!) !== sizes.lastIndexOf(sizes[i]!));
  const hashes = await Promise.all(candidates.map((i) => fileSha256(files[i]!)));
  const firstOfHash = new Map<string, string>();
  const copies: Array<{ index: number; file: string; copyOf: string }> = [];
  candidates.forEach((index, n) => {
    const first = firstOfHash.get(hashes[n]!);
    if (first === undefined) firstOfHash.set(hashes[n]!, files[index]!);
    else copies.push({ index, file: files[index]!, copyOf: first });
  });
  return copies;
}

const results = new WeakMap<object, { key: string; value: unknown }>();

/**
 * The result of `compute` for these files and this `context` (what else the result depends on,
 * e.g. the workspace's districts), reused from the last call for the same owner when nothing
 * changed. One result is kept per owner (the workspace).
 */
export async function readOnce<T>(owner: object, files: readonly string[], context: string, compute: () => Promise<T>): Promise<T> {
  const key = JSON.stringify([context, files, await Promise.all(files.map(fileStamp))]);
  const known = results.get(owner);
  if (known && known.key === key) return known.value as T;
  const value = await compute();
  const after = JSON.stringify([context, files, await Promise.all(files.map(fileStamp))]);
  if (after === key) results.set(owner, { key, value });
  return value;
}
