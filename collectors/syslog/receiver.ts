// The syslog receiver: UDP (one message per datagram) and TCP (RFC 6587 framing, detected per connection). What is
// not syslog is counted and reported, never thrown; a TCP client whose stream cannot be framed is disconnected.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Server, type Socket } from 'node:net';

import {
  decodeSyslogMessage,
  type DeviceByAddress,
  type ReceivedSyslogMessage,
  type SyslogSource,
} from './message.js';
import { DEFAULT_MAX_MESSAGE_BYTES, SyslogFrameSplitter } from './tcp-framing.js';

export interface MalformedSyslog {
  source: SyslogSource;
  receivedAt: number;
  reason: string;
  /** The start of what came, as text. */
  sample: string;
}

export interface SyslogReceiverOptions {
  /** Address to listen on (default 0.0.0.0). */
  host?: string;
  /** UDP port (0: a free one); null opens none. Default 514. */
  udpPort?: number | null;
  /** TCP port (0: a free one); null opens none. Default 601 (RFC 6587 / syslog-conn). */
  tcpPort?: number | null;
  onMessage(message: ReceivedSyslogMessage): void;
  onMalformed?(problem: MalformedSyslog): void;
  deviceByAddress?: DeviceByAddress;
  maxMessageBytes?: number;
  /** A TCP client silent this long is disconnected (default 10 minutes; 0: never). */
  tcpIdleTimeoutMs?: number;
}

export interface SyslogReceiverStats {
  received: number;
  malformed: number;
  /** TCP clients disconnected because their stream was not syslog. */
  droppedConnections: number;
  openConnections: number;
  /** Messages whose onMessage listener threw. */
  listenerErrors: number;
}

export interface RunningSyslogReceiver {
  udpPort: number | null;
  tcpPort: number | null;
  stats(): SyslogReceiverStats;
  close(): Promise<void>;
}

const SAMPLE_CHARS = 120;

export async function startSyslogReceiver(options: SyslogReceiverOptions): Promise<RunningSyslogReceiver> {
  const host = options.host ?? '0.0.0.0';
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const idleTimeoutMs = options.tcpIdleTimeoutMs ?? 10 * 60_000;
  const stats: SyslogReceiverStats = {
    received: 0,
    malformed: 0,
    droppedConnections: 0,
    openConnections: 0,
    listenerErrors: 0,
  };

  function malformed(source: SyslogSource, reason: string, text: string): void {
    stats.malformed += 1;
    options.onMalformed?.({ source, receivedAt: Date.now(), reason, sample: text.slice(0, SAMPLE_CHARS) });
  }

  function deliver(text: string, source: SyslogSource): void {
    const receivedAt = Date.now();
    const message = decodeSyslogMessage(text, source, receivedAt, options.deviceByAddress);
    if (!message) {
      malformed(source, 'not a syslog message', text);
      return;
    }
    stats.received += 1;
    try {
      options.onMessage(message);
    } catch {
      stats.listenerErrors += 1;
    }
  }

  const udp =
    options.udpPort === null
      ? null
      : await openUdp(host, options.udpPort ?? 514, deliver, malformed, maxMessageBytes);
  let tcp: { server: Server; sockets: Set<Socket> } | null = null;
  try {
    if (options.tcpPort !== null) {
      tcp = await openTcp(host, options.tcpPort ?? 601, {
        deliver,
        malformed,
        stats,
        maxMessageBytes,
        idleTimeoutMs,
      });
    }
  } catch (error) {
    udp?.close();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    udpPort: udp ? udp.address().port : null,
    tcpPort: tcp ? portOf(tcp.server) : null,
    stats: () => ({ ...stats }),
    close() {
      closing ??= Promise.all([
        udp ? new Promise<void>((resolve) => udp.close(() => resolve())) : undefined,
        tcp
          ? new Promise<void>((resolve) => {
              for (const socket of tcp.sockets) socket.destroy();
              tcp.server.close(() => resolve());
            })
          : undefined,
      ]).then(() => undefined);
      return closing;
    },
  };
}

async function openUdp(
  host: string,
  port: number,
  deliver: (text: string, source: SyslogSource) => void,
  malformed: (source: SyslogSource, reason: string, text: string) => void,
  maxMessageBytes: number,
): Promise<UdpSocket> {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  socket.on('message', (datagram, remote) => {
    const source: SyslogSource = { transport: 'udp', address: remote.address, port: remote.port };
    if (datagram.length > maxMessageBytes) {
      malformed(source, `datagram of ${datagram.length} bytes`, datagram.toString('latin1'));
      return;
    }
    deliver(datagram.toString('utf8'), source);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // After bind, an error (an ICMP unreachable on some systems) must not end the process; the socket stays usable.
  socket.on('error', () => undefined);
  return socket;
}

interface TcpContext {
  deliver: (text: string, source: SyslogSource) => void;
  malformed: (source: SyslogSource, reason: string, text: string) => void;
  stats: SyslogReceiverStats;
  maxMessageBytes: number;
  idleTimeoutMs: number;
}

async function openTcp(
  host: string,
  port: number,
  context: TcpContext,
): Promise<{ server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    context.stats.openConnections += 1;
    const source: SyslogSource = {
      transport: 'tcp',
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
    };
    const splitter = new SyslogFrameSplitter(
      (text) => context.deliver(text, source),
      context.maxMessageBytes,
    );
    const drop = (reason: string, sample: string): void => {
      context.malformed(source, reason, sample);
      context.stats.droppedConnections += 1;
      socket.destroy();
    };
    if (context.idleTimeoutMs > 0) {
      socket.setTimeout(context.idleTimeoutMs, () => socket.destroy());
    }
    socket.on('data', (chunk: Buffer) => {
      try {
        splitter.push(chunk);
      } catch (error) {
        drop(error instanceof Error ? error.message : String(error), chunk.toString('latin1'));
      }
    });
    socket.on('end', () => {
      try {
        splitter.end();
      } catch (error) {
        drop(error instanceof Error ? error.message : String(error), '');
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      context.stats.openConnections -= 1;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, sockets };
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the syslog TCP server has no port');
  return address.port;
}
