import { afterEach, describe, expect, it } from 'vitest';

import { formatSyslogLine } from './syslog-line.js';
import type { SyslogSender } from './syslog-sender.js';
import { createTcpSyslogSender, frameSyslogLine } from './syslog-tcp.js';
import { createUdpSyslogSender } from './syslog-udp.js';
import {
  freeTcpPort,
  tcpLineReceiver,
  udpLineReceiver,
  waitFor,
  type LineReceiver,
} from './test-receivers.js';
import { faultedStates, labTick } from './test-ticks.js';

const lines = labTick(faultedStates(), 0, 900).messages.map((message) => formatSyslogLine(message));

const open: (SyslogSender | LineReceiver)[] = [];
function track<T extends SyslogSender | LineReceiver>(item: T): T {
  open.push(item);
  return item;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

describe('syslog over UDP', () => {
  it('sends one datagram per line, unframed', async () => {
    const receiver = track(await udpLineReceiver());
    const sender = track(createUdpSyslogSender({ host: '127.0.0.1', port: receiver.port }));
    for (const line of lines) sender.send(line);
    await waitFor(() => receiver.lines.length === lines.length, 'every datagram');
    expect(receiver.lines).toEqual(lines);
    expect(sender.dropped()).toBe(0);
  });
});

describe('syslog over TCP', () => {
  it('frames lines by octet counting (byte length, then a space) by default', async () => {
    expect(frameSyslogLine('<189>1: hub1: é', 'octet-counting')).toBe('16 <189>1: hub1: é');
    expect(frameSyslogLine('<189>1: hub1: x', 'newline')).toBe('<189>1: hub1: x\n');
    const receiver = track(await tcpLineReceiver('octet-counting'));
    const sender = track(createTcpSyslogSender({ host: '127.0.0.1', port: receiver.port }));
    for (const line of lines) sender.send(line);
    await waitFor(() => receiver.lines.length === lines.length, 'every line');
    expect(receiver.lines).toEqual(lines);
    expect(receiver.connections).toHaveLength(1);
  });

  it('frames lines with a newline when asked', async () => {
    const receiver = track(await tcpLineReceiver('newline'));
    const sender = track(
      createTcpSyslogSender({ host: '127.0.0.1', port: receiver.port }, { framing: 'newline' }),
    );
    for (const line of lines) sender.send(line);
    await waitFor(() => receiver.lines.length === lines.length, 'every line');
    expect(receiver.lines).toEqual(lines);
  });

  it('connects again after the receiver drops the connection, without losing what it sends meanwhile', async () => {
    const receiver = track(await tcpLineReceiver('octet-counting'));
    const sender = track(
      createTcpSyslogSender({ host: '127.0.0.1', port: receiver.port }, { reconnectDelayMs: 10 }),
    );
    sender.send(lines[0]!);
    await waitFor(() => receiver.lines.length === 1, 'the first line');
    receiver.connections[0]!.destroy();
    await waitFor(() => !sender.connected(), 'the sender to see the connection go');
    for (const line of lines.slice(1, 6)) sender.send(line);
    await waitFor(() => receiver.lines.length === 6, 'the lines sent while away');
    expect(receiver.lines).toEqual(lines.slice(0, 6));
    expect(receiver.connections).toHaveLength(2);
    expect(sender.dropped()).toBe(0);
  });

  it('holds a bounded queue while nothing listens, dropping and counting the oldest lines', async () => {
    const port = await freeTcpPort();
    const sender = track(
      createTcpSyslogSender({ host: '127.0.0.1', port }, { maxQueuedLines: 3, reconnectDelayMs: 10 }),
    );
    for (const line of lines.slice(0, 10)) sender.send(line);
    expect(sender.queued()).toBe(3);
    expect(sender.dropped()).toBe(7);
    // Refused connections are retried, not fatal.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const receiver = track(await tcpLineReceiver('octet-counting', port));
    await waitFor(() => receiver.lines.length === 3, 'the queued lines');
    expect(receiver.lines).toEqual(lines.slice(7, 10));
    expect(sender.queued()).toBe(0);
  });

  it('closes while its receiver is unreachable, counting what was still queued', async () => {
    const sender = createTcpSyslogSender({ host: '127.0.0.1', port: await freeTcpPort() });
    sender.send(lines[0]!);
    await sender.close();
    expect(sender.dropped()).toBe(1);
    sender.send(lines[1]!);
    expect(sender.dropped()).toBe(2);
  });
});
