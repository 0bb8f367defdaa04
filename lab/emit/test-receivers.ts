// Real syslog receivers on 127.0.0.1 for the emitters' tests: a UDP socket and a TCP server that split what they
// get into lines (octet counting or newline framing).

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';

import type { TcpSyslogFraming } from './syslog-tcp.js';

export interface LineReceiver {
  port: number;
  lines: string[];
  close(): Promise<void>;
}

/** Resolves once `done()` holds, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function udpLineReceiver(): Promise<LineReceiver> {
  const socket: UdpSocket = createSocket('udp4');
  const lines: string[] = [];
  socket.on('message', (datagram) => lines.push(datagram.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    lines,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** Splits a TCP stream into syslog lines. */
export class FrameReader {
  private pending = Buffer.alloc(0);

  constructor(
    private readonly framing: TcpSyslogFraming,
    private readonly onLine: (line: string) => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (this.framing === 'newline') {
        const end = this.pending.indexOf(10);
        if (end < 0) return;
        this.onLine(this.pending.subarray(0, end).toString('utf8'));
        this.pending = this.pending.subarray(end + 1);
        continue;
      }
      const space = this.pending.indexOf(32);
      if (space < 0) return;
      const length = Number(this.pending.subarray(0, space).toString('ascii'));
      if (!Number.isInteger(length)) throw new Error(`bad octet count: ${this.pending.toString('utf8')}`);
      if (this.pending.length < space + 1 + length) return;
      this.onLine(this.pending.subarray(space + 1, space + 1 + length).toString('utf8'));
      this.pending = this.pending.subarray(space + 1 + length);
    }
  }
}

export interface TcpLineReceiver extends LineReceiver {
  /** Connections accepted so far. */
  connections: Socket[];
}

export async function tcpLineReceiver(framing: TcpSyslogFraming, port = 0): Promise<TcpLineReceiver> {
  const lines: string[] = [];
  const connections: Socket[] = [];
  const server: Server = createServer((connection) => {
    connections.push(connection);
    const reader = new FrameReader(framing, (line) => lines.push(line));
    connection.on('data', (chunk) => reader.push(chunk));
    connection.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return {
    port: address.port,
    lines,
    connections,
    close: () =>
      new Promise((resolve) => {
        for (const connection of connections) connection.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP port nothing listens on (yet). */
export async function freeTcpPort(): Promise<number> {
  const receiver = await tcpLineReceiver('newline');
  await receiver.close();
  return receiver.port;
}
