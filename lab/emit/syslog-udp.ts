// Syslog over UDP (`logging host X transport udp port N`): one datagram per line, no framing.

import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';

import type { SyslogReceiver } from '../live/services.js';
import type { SyslogSender } from './syslog-sender.js';

export function createUdpSyslogSender(receiver: Pick<SyslogReceiver, 'host' | 'port'>): SyslogSender {
  const socket = createSocket(isIPv6(receiver.host) ? 'udp6' : 'udp4');
  let dropped = 0;
  let closed = false;
  // An unreachable port shows up as an error event on some systems; a lost datagram is all it means.
  socket.on('error', () => {
    dropped += 1;
  });
  return {
    send(line) {
      if (closed) {
        dropped += 1;
        return;
      }
      socket.send(Buffer.from(line, 'utf8'), receiver.port, receiver.host, (error) => {
        if (error) dropped += 1;
      });
    },
    dropped: () => dropped,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => socket.close(() => resolve()));
    },
  };
}
