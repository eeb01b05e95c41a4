/** An edit Boardpack refuses, with a message for the analyst; nothing was changed. */
export class EditError extends Error {
  constructor(
    readonly code: 'invalid_arguments' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}
