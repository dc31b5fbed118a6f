// Starting and stopping the one HTTP server, as promises.
import type { Server } from 'node:http';
import type { Express } from 'express';

export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolveListen(server)));
    server.once('error', reject);
  });
}

/** Stops accepting, and cuts idle keep-alive connections so the process can stop at once. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}
