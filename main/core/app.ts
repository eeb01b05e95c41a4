/**
 * The API: joins every feature's handlers into one table and dispatches to it. Every host
 * (Electron, the browser host, the CLI) calls `dispatch`, which checks the method and its
 * arguments against the contract and turns every error an analyst can meet into a typed value.
 */
import { isMethodName, parseArguments, type ApiError, type ApiResponse, type MethodName } from '../../shared/api/contract';
import { actionsHandlers } from './actions';
import { areasHandlers } from './areas';
import { auditHandlers } from './audit';
import { chartsHandlers } from './charts';
import { dashboardHandlers } from './dashboard';
import { AnalystError } from './errors';
import { exportsHandlers } from './exports';
import { historyHandlers } from './history';
import { importsHandlers } from './imports';
import { indicatorsHandlers } from './indicators';
import { jobsHandlers } from './jobs';
import { periodsHandlers } from './periods';
import { scorecardHandlers } from './scorecard';
import type { Handlers, Session } from './session';
import { WorkspaceError } from './store/errors';
import { valuesHandlers } from './values';
import { workspaceHandlers } from './workspace';

export { createSession, type Handlers, type Session } from './session';

/** Each feature's part of the table; a method is owned by exactly one feature. */
const FEATURES = [
  workspaceHandlers,
  areasHandlers,
  indicatorsHandlers,
  valuesHandlers,
  periodsHandlers,
  dashboardHandlers,
  scorecardHandlers,
  chartsHandlers,
  importsHandlers,
  exportsHandlers,
  actionsHandlers,
  historyHandlers,
  auditHandlers,
  jobsHandlers,
] as const;

/** The whole handler table. A method two features both claim stops the app at start-up. */
export function createHandlers(session: Session, features: readonly ((session: Session) => object)[] = FEATURES): Handlers {
  const table: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [method, handler] of Object.entries(feature(session))) {
      if (method in table) throw new Error(`Two features handle the API method "${method}".`);
      table[method] = handler;
    }
  }
  return table as Handlers;
}

/** Calls a method by name with raw (untrusted) arguments. Never throws. */
export async function dispatch(handlers: Handlers, method: unknown, rawArgs: unknown): Promise<ApiResponse<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `There is no API method called ${JSON.stringify(method)}.` } };
  }
  const args = parseArguments(method, rawArgs);
  if (!args.ok) return args;
  const handler = handlers[method as MethodName] as ((a: unknown) => Promise<unknown>) | undefined;
  if (!handler) return { ok: false, error: { code: 'unknown_method', message: `The API method ${method} has no handler.` } };
  try {
    return { ok: true, value: await handler(args.value) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof AnalystError) return { code: error.code, message: error.message };
  // The store's errors keep their own reason (locked, newer version...); the API groups them.
  if (error instanceof WorkspaceError) {
    const code = error.code === 'save_failed' ? 'io' : error.code === 'locked' || error.code === 'changed_on_disk' ? 'conflict' : 'workspace';
    return { code, message: error.message };
  }
  // Unexpected: keep the message, never the stack.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Boardpack: ${message}` };
}
