// Syslog over TCP (`logging host X transport tcp port N`): one connection per receiver, kept open and re-opened
// after an error, with the lines that arrive meanwhile held in a bounded queue (the oldest dropped and counted).
//
// Framing: IOS has been reported to write each message in a TCP segment of its own with no delimiter (ipSpace,
// "Running syslog over TCP"), which only a receiver reading segment by segment can split. Octet counting (RFC 6587
// 3.4.1, `LEN SP MSG`) carries the same lines unambiguously and is what RFC 6587 receivers (rsyslog, syslog-ng)
// accept; newline framing (3.4.2) is offered for receivers that read lines.

import { Socket } from 'node:net';

import type { SyslogReceiver } from '../live/services.js';
import type { SyslogSender } from './syslog-sender.js';

export type TcpSyslogFraming = 'octet-counting' | 'newline';

export interface TcpSyslogOptions {
  framing?: TcpSyslogFraming;
  /** Lines held while the receiver is unreachable or slow; beyond that the oldest are dropped. */
  maxQueuedLines?: number;
  /** Wait before connecting again after a refused or broken connection. */
  reconnectDelayMs?: number;
}

export interface TcpSyslogSender extends SyslogSender {
  connected(): boolean;
  /** Lines waiting for the connection. */
  queued(): number;
}

const DEFAULTS: Required<TcpSyslogOptions> = {
  framing: 'octet-counting',
  maxQueuedLines: 1000,
  reconnectDelayMs: 1000,
};

/** Bytes the socket may buffer before lines wait in the bounded queue instead. */
const SOCKET_BUFFER_LIMIT = 64 * 1024;

/** How long close() waits for the receiver to close its side after the last line. */
const CLOSE_GRACE_MS = 1000;

/** A line with its framing. */
export function frameSyslogLine(line: string, framing: TcpSyslogFraming): string {
  return framing === 'newline' ? `${line}\n` : `${Buffer.byteLength(line, 'utf8')} ${line}`;
}

export function createTcpSyslogSender(
  receiver: Pick<SyslogReceiver, 'host' | 'port'>,
  options: TcpSyslogOptions = {},
): TcpSyslogSender {
  const settings = { ...DEFAULTS, ...options };
  const queue: string[] = [];
  let socket: Socket | null = null;
  let isConnected = false;
  let closed = false;
  let dropped = 0;
  let retry: NodeJS.Timeout | null = null;

  function enqueue(frame: string): void {
    queue.push(frame);
    while (queue.length > settings.maxQueuedLines) {
      queue.shift();
      dropped += 1;
    }
  }

  function flush(): void {
    while (socket && isConnected && queue.length > 0 && socket.writableLength < SOCKET_BUFFER_LIMIT) {
      socket.write(queue.shift()!);
    }
  }

  function connect(): void {
    retry = null;
    const attempt = new Socket();
    socket = attempt;
    attempt.setNoDelay(true);
    attempt.on('connect', () => {
      isConnected = true;
      flush();
    });
    attempt.on('drain', flush);
    // The 'close' that follows every error schedules the next attempt.
    attempt.on('error', () => undefined);
    attempt.on('close', () => {
      if (socket !== attempt) return;
      socket = null;
      isConnected = false;
      if (!closed) {
        retry = setTimeout(connect, settings.reconnectDelayMs);
        retry.unref();
      }
    });
    attempt.connect(receiver.port, receiver.host);
  }

  connect();

  return {
    send(line) {
      if (closed) {
        dropped += 1;
        return;
      }
      enqueue(frameSyslogLine(line, settings.framing));
      flush();
    },
    dropped: () => dropped,
    connected: () => isConnected,
    queued: () => queue.length,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      if (retry) clearTimeout(retry);
      dropped += queue.length;
      queue.length = 0;
      const open = socket;
      if (!open) return Promise.resolve();
      return new Promise((resolve) => {
        open.once('close', () => resolve());
        if (!isConnected) {
          open.destroy();
          return;
        }
        open.end();
        // A receiver that never closes its side must not hold the lab open.
        setTimeout(() => open.destroy(), CLOSE_GRACE_MS).unref();
      });
    },
  };
}
