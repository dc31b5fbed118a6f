// A TCP port in front of another, that a test can shut (every connection cut, new ones refused, as
// when a database server is gone) and open again on the same port: a database outage without
// restarting the database, so what is measured after it is Zhiban's recovery, not the engine's
// start-up.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class TcpGate {
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private constructor(
    private readonly upstream: { host: string; port: number },
    /** The gate's own port: the same after shut() and open(). */
    public port: number,
  ) {}

  /** A gate on a free loopback port in front of `upstream`, open. */
  static async start(upstream: { host: string; port: number }): Promise<TcpGate> {
    const gate = new TcpGate(upstream, 0);
    await gate.open();
    return gate;
  }

  /** `mongodb://` URI `uri` with its host and port replaced by the gate's. */
  uriFor(uri: string): string {
    const url = new URL(uri);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  /** Listens again on the same port. */
  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = createConnection(this.upstream);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Cuts every connection and stops listening: connecting is refused until open(). */
  async shut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }
}
