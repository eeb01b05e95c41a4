/**
 * The real data and reference files kept beside the repository, in `../shared` (police.uk
 * and ONS files in `data/`, the published 2014/15 Q4 appendix in `reference/`). Every test
 * that reads them gets their paths from here, so that without the folder it FAILS with one
 * message saying what is missing and where it should be, instead of an ENOENT deep in an
 * importer or a suite shown as skipped.
 *
 * BOARDPACK_SHARED_DIR points the tests at another copy of the folder (or, to see the
 * message, at one that does not exist).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');

/** Where the shared folder is looked for. */
export function sharedFolder(): string {
  return path.resolve(process.env.BOARDPACK_SHARED_DIR || path.join(REPO, '..', 'shared'));
}

function inShared(part: 'data' | 'reference', parts: string[]): string {
  const folder = path.join(sharedFolder(), part);
  if (!existsSync(folder)) {
    const what = part === 'data' ? 'the real police.uk and ONS data' : 'the published reference files (appendix-2014-15-Q4.tsv)';
    throw new Error(
      `../shared/${part} is missing: this test reads ${what} from the folder "shared" beside the repository, ` +
        `expected at ${folder}. Put the shared folder there, or set BOARDPACK_SHARED_DIR to where it is.`,
    );
  }
  return path.join(folder, ...parts);
}

/** A path in ../shared/data; throws the missing-folder message when the folder is not there. */
export function sharedData(...parts: string[]): string {
  return inShared('data', parts);
}

/** A path in ../shared/reference; throws the missing-folder message when the folder is not there. */
export function sharedReference(...parts: string[]): string {
  return inShared('reference', parts);
}

/** The published 2014/15 Q4 appendix, as tab-separated text (../shared/reference). */
export const appendixTsv = (): string => sharedReference('appendix-2014-15-Q4.tsv');
