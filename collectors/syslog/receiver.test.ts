import { Socket } from 'node:net';
import { createSocket } from 'node:dgram';

import { afterEach, describe, expect, it } from 'vitest';

import type { ReportedTunnelEvent } from '../../model/tunnel-event.js';
import { startLabEmitters } from '../../lab/emit/emitters.js';
import { formatSyslogLine } from '../../lab/emit/syslog-line.js';
import { createTcpSyslogSender } from '../../lab/emit/syslog-tcp.js';
import { createUdpSyslogSender } from '../../lab/emit/syslog-udp.js';
import { waitFor } from '../../lab/emit/test-receivers.js';
import { faultedStates, labTick } from '../../lab/emit/test-ticks.js';
import { createLiveLab } from '../../lab/live/live-lab.js';
import type { LabLogMessage } from '../../lab/live/types.js';
import type { ReceivedSyslogMessage } from './message.js';
import { startSyslogReceiver, type MalformedSyslog, type RunningSyslogReceiver } from './receiver.js';
import { tunnelEventFromSyslog } from './tunnel-events.js';

const lines = labTick(faultedStates(), 0, 900).messages.map((message) => formatSyslogLine(message));
/** The messages that are tunnel state edges, by their codes (independent of the conversion under test). */
const EDGE_CODE =
  /%(DMVPN-5-NHRP_NH[SCP]_(UP|DOWN)|DMVPN-5-CRYPTO_SS|LINEPROTO-5-UPDOWN|LINK-\d-(UPDOWN|CHANGED)):/;

interface Collected {
  receiver: RunningSyslogReceiver;
  messages: ReceivedSyslogMessage[];
  malformed: MalformedSyslog[];
  events: ReportedTunnelEvent[];
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function receiver(): Promise<Collected> {
  const messages: ReceivedSyslogMessage[] = [];
  const malformed: MalformedSyslog[] = [];
  const events: ReportedTunnelEvent[] = [];
  const running = await startSyslogReceiver({
    host: '127.0.0.1',
    udpPort: 0,
    tcpPort: 0,
    onMessage(message) {
      messages.push(message);
      const event = tunnelEventFromSyslog(message);
      if (event) events.push(event);
    },
    onMalformed: (problem) => malformed.push(problem),
  });
  open.push(running);
  return { receiver: running, messages, malformed, events };
}

function checkLabLines(collected: Collected): void {
  expect(collected.messages.map((message) => message.raw)).toEqual(lines);
  expect(collected.malformed).toEqual([]);
  for (const [index, message] of collected.messages.entries()) {
    expect(message.format).toBe('cisco');
    expect(message.device).toMatch(/^(hub1|spoke[12])$/);
    expect(message.event?.facility).toBeTruthy();
    expect(message.event?.sequence).toBe(Number(/^<\d+>(\d+):/.exec(lines[index]!)![1]));
    expect(message.priority).toBe(Number(/^<(\d+)>/.exec(lines[index]!)![1]));
  }
  expect(collected.events).toHaveLength(lines.filter((line) => EDGE_CODE.test(line)).length);
  const nhcDown = collected.events.find((event) => event.layer === 'nhrp' && event.kind === 'down');
  expect(nhcDown).toMatchObject({
    device: 'hub1',
    interface: 'Tunnel0',
    peer: '198.18.0.2',
    peerNbma: '198.18.0.2',
    peerTunnel: '10.0.0.13',
    from: 'UP',
    to: 'DOWN',
    source: 'syslog',
    reason: 'External (NHRP: no error)',
  });
  const socket = collected.events.find((event) => event.layer === 'crypto');
  expect(socket).toMatchObject({
    device: 'hub1',
    interface: 'Tunnel0',
    peerNbma: '198.18.0.2',
    peerTunnel: null,
  });
}

describe('syslog receiver with the lab senders', () => {
  it('takes every lab line over UDP, parses it and finds its tunnel events', async () => {
    const collected = await receiver();
    const sender = createUdpSyslogSender({ host: '127.0.0.1', port: collected.receiver.udpPort! });
    open.push(sender);
    for (const line of lines) sender.send(line);
    await waitFor(() => collected.messages.length === lines.length, 'every datagram');
    checkLabLines(collected);
    expect(collected.messages[0]!.source.transport).toBe('udp');
  });

  it.each(['octet-counting', 'newline'] as const)(
    'takes every lab line over TCP with %s framing',
    async (framing) => {
      const collected = await receiver();
      const sender = createTcpSyslogSender(
        { host: '127.0.0.1', port: collected.receiver.tcpPort! },
        { framing },
      );
      open.push(sender);
      for (const line of lines) sender.send(line);
      await waitFor(() => collected.messages.length === lines.length, 'every frame');
      checkLabLines(collected);
      expect(collected.receiver.stats()).toMatchObject({
        received: lines.length,
        malformed: 0,
        droppedConnections: 0,
      });
    },
  );

  it("dates events with the router's clock and names the router of a live lab", async () => {
    const lab = createLiveLab({ spokes: 2 }, { speed: 30, tickSeconds: 0.2 });
    open.push({ close: async () => lab.close() });
    const sent: LabLogMessage[] = [];
    lab.onTick((tick) => sent.push(...tick.messages));
    const collected = await receiver();
    const emitters = startLabEmitters(lab, {
      syslog: [{ host: '127.0.0.1', port: collected.receiver.udpPort!, transport: 'udp' }],
      traps: [],
      snmp: {
        community: 'x',
        v3: {
          user: 'u',
          authProtocol: 'sha',
          authKey: 'k'.repeat(8),
          privProtocol: 'aes',
          privKey: 'p'.repeat(8),
        },
      },
    });
    open.unshift(emitters);
    lab.flap('spoke1', 10, 3);
    await waitFor(() => collected.events.length >= 3, 'tunnel events of the lab', 10_000);
    const event = collected.events[0]!;
    const message = sent.find((entry) => formatSyslogLine(entry) === event.raw)!;
    expect(message).toBeDefined();
    expect(event.device).toBe(message.hostname);
    expect(event.at).toBe(message.wallMs);
  });
});

describe('syslog receiver with bad input', () => {
  it('counts and reports datagrams that are no syslog, and keeps receiving', async () => {
    const collected = await receiver();
    const socket = createSocket('udp4');
    open.push({ close: () => new Promise<void>((resolve) => socket.close(() => resolve())) });
    const bad = [
      Buffer.from([0, 1, 2, 0xff, 0xfe]),
      Buffer.from('<999>1: x: %A-5-B: c'),
      Buffer.from('hello'),
      Buffer.from('\n'),
    ];
    for (const datagram of bad) socket.send(datagram, collected.receiver.udpPort!, '127.0.0.1');
    await waitFor(() => collected.malformed.length === bad.length, 'the malformed datagrams');
    socket.send(Buffer.from(lines[0]!), collected.receiver.udpPort!, '127.0.0.1');
    await waitFor(() => collected.messages.length === 1, 'the good line after them');
    expect(collected.receiver.stats()).toMatchObject({ received: 1, malformed: bad.length });
    expect(collected.malformed[0]!.source).toMatchObject({ transport: 'udp', address: '127.0.0.1' });
  });

  it('drops a TCP client sending garbage, and serves the next one', async () => {
    const collected = await receiver();
    const garbage = new Socket();
    const closed = new Promise<void>((resolve) => garbage.on('close', () => resolve()));
    garbage.on('error', () => undefined);
    garbage.connect(collected.receiver.tcpPort!, '127.0.0.1', () =>
      garbage.write(Buffer.from([0x16, 3, 1, 0, 0xa5])),
    );
    await closed;
    expect(collected.receiver.stats()).toMatchObject({ droppedConnections: 1, malformed: 1, received: 0 });

    const bad = new Socket();
    const badClosed = new Promise<void>((resolve) => bad.on('close', () => resolve()));
    bad.on('error', () => undefined);
    bad.connect(collected.receiver.tcpPort!, '127.0.0.1', () => bad.write('12 <189>1: ok\n99999999 x'));
    await badClosed;
    expect(collected.receiver.stats().droppedConnections).toBe(2);

    const good = new Socket();
    open.push({ close: async () => void good.destroy() });
    good.connect(collected.receiver.tcpPort!, '127.0.0.1');
    // One frame cut in pieces across writes.
    const frame = `${Buffer.byteLength(lines[0]!)} ${lines[0]}`;
    for (let at = 0; at < frame.length; at += 7) good.write(frame.slice(at, at + 7));
    await waitFor(() => collected.messages.some((message) => message.raw === lines[0]), 'the good client');
  });
});
