/**
 * The core process's entry: Electron's utilityProcess (messages through process.parentPort)
 * or a Node child process (process.send). Built to dist/electron/core.mjs and dist/host/core.mjs;
 * run through tsx from the TypeScript in development and tests.
 */
import { serveCore } from './core-process';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

if (parentPort) {
  serveCore({
    send: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    exit: (code) => process.exit(code),
  });
} else if (process.send) {
  const send = process.send.bind(process);
  let connected = true;
  const core = serveCore({
    send: (message) => {
      if (connected) send(message);
    },
    onMessage: (listener) => process.on('message', listener),
    exit: (code) => process.exit(code),
  });
  // The host has gone (crashed or killed): save what is open, release the lock and stop.
  process.on('disconnect', () => {
    connected = false;
    void core.stop().finally(() => process.exit(0));
  });
  // Ctrl+C in a terminal reaches the whole process group: the host decides when the core stops
  // (it sends `stop`, and the core saves first), so the core does not die on its own.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => void core.stop().finally(() => process.exit(0)));
} else {
  console.error('The Boardpack core runs as a child of the app or the browser host, not on its own.');
  process.exit(2);
}
