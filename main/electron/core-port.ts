/** The core in Electron's utilityProcess, as the protocol's host side (main/process/core-client.ts). */
import path from 'node:path';
import { utilityProcess } from 'electron';
import { CoreClient } from '../process/core-client';
import type { CoreConfig } from '../process/protocol';

export function startCoreProcess(builtDir: string, config: CoreConfig): CoreClient {
  const child = utilityProcess.fork(path.join(builtDir, 'core.mjs'), [], { serviceName: 'Boardpack core', stdio: 'inherit' });
  return new CoreClient(
    {
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    },
    config,
  );
}
