/**
 * The one kind of error an analyst may see: a code the API passes on and a message written for
 * the analyst, shown as it is. Each feature's refusals are AnalystErrors (or subclasses that
 * fix the code), so the API turns any of them into a typed error in one step.
 */
import type { ApiError } from '../../shared/api/contract';

export type AnalystErrorCode = ApiError['code'];

export class AnalystError extends Error {
  constructor(
    readonly code: AnalystErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnalystError';
  }
}

/** An edit Boardpack refuses, with a message for the analyst; nothing was changed. */
export class EditError extends AnalystError {
  constructor(code: 'invalid_arguments' | 'not_found' | 'conflict', message: string) {
    super(code, message);
    this.name = 'EditError';
  }
}
