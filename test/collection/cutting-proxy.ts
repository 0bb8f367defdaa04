// A TCP relay in front of a router's SSH port that can cut the connection once a number of bytes came from the
// router (in the middle of an output), then refuse connections until it is told to let them through again.

import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export class CuttingProxy {
  private cutAfterBytes = Infinity;
  private refusing = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<CuttingProxy> {
    let proxy: CuttingProxy | null = null;
    const server = createServer((client) => proxy!.relay(client, target));
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
    proxy = new CuttingProxy(server, port);
    return proxy;
  }

  /** From now on, cut every connection after `bytes` more bytes from the router, and refuse new ones. */
  cutAfter(bytes: number): void {
    this.cutAfterBytes = bytes;
  }

  /** Connections go through again. */
  heal(): void {
    this.cutAfterBytes = Infinity;
    this.refusing = false;
  }

  private relay(client: Socket, target: { host: string; port: number }): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const router = connect(target.port, target.host);
    for (const socket of [client, router]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => router.write(chunk));
    router.on('data', (chunk: Buffer) => {
      this.cutAfterBytes -= chunk.length;
      if (this.cutAfterBytes > 0) {
        client.write(chunk);
        return;
      }
      this.refusing = true;
      client.destroy();
      router.destroy();
    });
    client.on('close', () => router.destroy());
    router.on('close', () => client.destroy());
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
