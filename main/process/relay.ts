/**
 * What the Electron main process does with a call from the window: nothing but check it and
 * pass it on. The sender must be our own window's main frame showing our own page; the method
 * must be in the contract; the arguments must match its schema. Only then does the call go to
 * the core (in its utilityProcess), and the core's answer comes back as it is.
 */
import { isMethodName, parseArguments, type ApiResponse } from '../../shared/api/contract';

export type CoreCall = (method: string, args: unknown) => Promise<ApiResponse<unknown>>;

export async function relayCall(core: CoreCall, trusted: boolean, method: unknown, args: unknown): Promise<ApiResponse<unknown>> {
  if (!trusted) return { ok: false, error: { code: 'invalid_arguments', message: 'Refused: the request did not come from the Boardpack window.' } };
  if (!isMethodName(method)) return { ok: false, error: { code: 'unknown_method', message: `There is no API method called ${JSON.stringify(method)}.` } };
  const parsed = parseArguments(method, args);
  if (!parsed.ok) return parsed;
  return core(method, parsed.value);
}

/** Calls that write a file: in Electron the window asks for them without a path, and main adds the one the Save dialog returns. */
const EXPORTS: Record<string, { what: (args: Record<string, unknown>) => string; extension: (args: Record<string, unknown>) => string }> = {
  'export.appendix': { what: (a) => `Appendix ${String(a.period)}`, extension: (a) => String(a.format) },
  'export.scorecard': { what: (a) => `Scorecard ${String(a.period)}`, extension: (a) => String(a.format) },
  'export.actions': { what: () => 'Action log', extension: (a) => String(a.format) },
  'export.values': { what: () => 'Values', extension: () => 'csv' },
  'export.agendaPack': { what: (a) => `Agenda pack ${String(a.period)}`, extension: () => 'pdf' },
  'import.template': { what: () => 'Boardpack template', extension: () => 'csv' },
};

/**
 * For an export asked for without a path: the file name to offer in the Save dialog and its
 * extension (characters Windows forbids replaced); null when the call needs no dialog.
 */
export function exportToSave(method: string, args: unknown): { defaultName: string; extension: string } | null {
  const spec = EXPORTS[method];
  if (!spec || typeof args !== 'object' || args === null || 'path' in args) return null;
  const a = args as Record<string, unknown>;
  const extension = spec.extension(a);
  return { defaultName: `${spec.what(a).replace(/[\\/:*?"<>|]/g, '-')}.${extension}`, extension };
}
