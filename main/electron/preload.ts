/**
 * The preload: exposes exactly two functions. `invoke(method, args)` goes over the single IPC
 * channel (main checks the sender and the arguments); `pathForFile(file)` is Electron's
 * webUtils.getPathForFile, so a dropped or chosen file travels to the core as its path, never
 * as its bytes. No ipcRenderer, no Node, nothing else reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';

const CHANNEL = 'boardpack:invoke';

contextBridge.exposeInMainWorld('boardpack', {
  invoke: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNEL, method, args),
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});
