/**
 * The one IPC channel. Every message is checked (main/process/relay.ts): the sender must be our
 * own window's main frame showing our own page; the method must be in the contract; the
 * arguments must match its schema. Then it goes to the core's process, unchanged.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { relayCall, type CoreCall } from '../process/relay';

export const CHANNEL = 'boardpack:invoke';

export function registerIpc(core: CoreCall, isTrustedFrame: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(CHANNEL, (event, method: unknown, args: unknown) => relayCall(core, isTrustedFrame(event), method, args));
}
