/**
 * Errors a user can meet while opening or saving a workspace. They carry a message written
 * for the analyst; the API turns them into typed error values, never stack traces.
 */
export type WorkspaceErrorCode =
  | 'newer_version'
  | 'not_a_workspace'
  | 'not_found'
  | 'save_failed'
  | 'already_exists'
  | 'locked'
  | 'changed_on_disk'
  | 'invalid'
  /** This copy of Boardpack lacks part of itself (its database engine), whatever the workspace. */
  | 'incomplete_install';

export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** Turns a file-system error into words an analyst understands. */
export function describeFileError(error: unknown, path: string, doing: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `Could not ${doing} "${path}": the file or its folder does not exist (was a drive unplugged or a network share disconnected?).`;
    case 'EACCES':
    case 'EPERM':
      return `Could not ${doing} "${path}": Boardpack is not allowed to write there (the folder may be read-only, or the file is open in another program).`;
    case 'EBUSY':
      return `Could not ${doing} "${path}": the file is open in another program. Close it and try again.`;
    case 'ENOSPC':
      return `Could not ${doing} "${path}": the disk is full. Free some space or save a copy elsewhere.`;
    case 'EROFS':
      return `Could not ${doing} "${path}": the drive is read-only. Save a copy elsewhere.`;
    case 'EISDIR':
      return `Could not ${doing} "${path}": that is a folder, not a file.`;
    default:
      return `Could not ${doing} "${path}": ${(error as Error | undefined)?.message ?? String(error)}.`;
  }
}
