/**
 * The one IPC channel. Every message is checked: the sender must be our own window's main
 * frame showing our own page; the method must be in the contract; the arguments are
 * validated against its schema by `dispatch`.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type Handlers } from '../core/app';

export const CHANNEL = 'boardpack:invoke';

export function registerIpc(handlers: Handlers, isTrustedFrame: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(CHANNEL, async (event, method: unknown, args: unknown) => {
    if (!isTrustedFrame(event)) {
      return { ok: false, error: { code: 'invalid_arguments', message: 'Refused: the request did not come from the Boardpack window.' } };
    }
    return dispatch(handlers, method, args);
  });
}
