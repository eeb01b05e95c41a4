/**
 * The preload: exposes exactly one function, `invoke(method, args)`, over the single IPC
 * channel. No ipcRenderer, no Node, nothing else reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'boardpack:invoke';

contextBridge.exposeInMainWorld('boardpack', {
  invoke: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNEL, method, args),
});
