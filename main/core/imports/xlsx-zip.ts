/**
 * An .xlsx is a zip archive. What the importers ask of one before exceljs reads it, through
 * yauzl's public API: the archive's directory (read from the end of the file, never the whole
 * file), and whether every part inflates to the size and CRC-32 the directory declares.
 * yauzl loads on first use, like exceljs, so commands that never read a workbook never parse it.
 */
import { crc32 } from 'node:zlib';

export interface ZipPart {
  name: string;
  compressedSize: number;
  /** As the archive's directory declares it (a zip bomb declares its own, which is checked when inflated). */
  uncompressedSize: number;
}

/** The parts the archive's directory lists; null when the file is not a readable zip archive. */
export async function zipDirectory(file: string): Promise<ZipPart[] | null> {
  const yauzl = (await import('yauzl')).default;
  try {
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
    try {
      const parts: ZipPart[] = [];
      for await (const entry of zip.eachEntry()) parts.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize });
      return parts;
    } finally {
      zip.close();
    }
  } catch {
    return null;
  }
}

/**
 * Inflates every part and checks it against the directory: its size (yauzl stops a part that
 * inflates beyond it) and its CRC-32. False for a damaged archive (a byte flipped inside the
 * compressed data, a part cut short) or a compression Excel never uses.
 */
export async function zipPartsIntact(file: string): Promise<boolean> {
  const yauzl = (await import('yauzl')).default;
  try {
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        if (!entry.canDecodeFileData()) return false;
        let sum = 0;
        for await (const chunk of await zip.openReadStreamPromise(entry)) sum = crc32(chunk as Buffer, sum);
        if (sum >>> 0 !== entry.crc32 >>> 0) return false;
      }
      return true;
    } finally {
      zip.close();
    }
  } catch {
    return false;
  }
}
