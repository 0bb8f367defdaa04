import { createSocket } from 'node:dgram';

import snmp from 'net-snmp';
import { afterEach, describe, expect, it } from 'vitest';

import { parseSyslogLine } from '../../parsers/syslog.js';
import { createLiveLab } from '../live/live-lab.js';
import type { LabEmitSettings } from '../live/services.js';
import type { LiveLab } from '../live/types.js';
import { CNE, SYSLOG } from '../traps/oids.js';
import { startLabEmitters } from './emitters.js';
import { tcpLineReceiver, udpLineReceiver, waitFor } from './test-receivers.js';

const SNMP: LabEmitSettings['snmp'] = {
  community: 'lab-public',
  v3: {
    user: 'labv3',
    authProtocol: 'sha',
    authKey: 'auth-pass-123',
    privProtocol: 'aes',
    privKey: 'priv-pass-456',
  },
};

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

interface ReceivedTrap {
  community: string;
  varbinds: snmp.Varbind[];
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('lab emitters on a live lab', () => {
  it('send what the routers log after a fault is injected: syslog on UDP and TCP, traps to a v2c receiver', async () => {
    const lab: LiveLab = createLiveLab({ spokes: 2 }, { tickSeconds: 0.05 });
    cleanup.push(() => lab.close());
    const udp = await udpLineReceiver();
    const tcp = await tcpLineReceiver('octet-counting');
    cleanup.push(
      () => udp.close(),
      () => tcp.close(),
    );
    const trapPort = await freeUdpPort();
    const traps: ReceivedTrap[] = [];
    const trapReceiver = snmp.createReceiver(
      { port: trapPort, address: '127.0.0.1', disableAuthorization: true, includeAuthentication: true },
      (error: unknown, data: { pdu: ReceivedTrap } | undefined) => {
        if (!error && data) traps.push(data.pdu);
      },
    );
    cleanup.push(() => new Promise<void>((resolve) => trapReceiver.close(() => resolve())));

    const emitters = startLabEmitters(lab, {
      syslog: [
        { host: '127.0.0.1', port: udp.port, transport: 'udp' },
        { host: '127.0.0.1', port: tcp.port, transport: 'tcp' },
      ],
      traps: [{ host: '127.0.0.1', port: trapPort, version: '2c' }],
      snmp: SNMP,
    });
    cleanup.push(() => emitters.close());

    lab.injectFault('nhrp-auth-mismatch', 'spoke1');
    lab.advance(600);
    await waitFor(
      () => udp.lines.some((line) => line.includes('%DMVPN-3-DMVPN_NHRP_ERROR')),
      'the hub to log the wrong NHRP key over UDP',
    );
    await waitFor(
      () => traps.some((trap) => trap.varbinds[1]?.value === SYSLOG.clogMessageGenerated),
      'the hub clogMessageGenerated trap',
    );
    await emitters.close();
    const stats = emitters.stats();
    await waitFor(
      () => udp.lines.length === stats.syslogLines && tcp.lines.length === stats.syslogLines,
      'every line sent before close',
    );
    await waitFor(() => traps.length === stats.traps, 'every trap sent before close');
    expect(stats.syslogDropped).toEqual([0, 0]);
    expect(stats.trapsSent).toEqual([stats.traps]);
    expect(stats.trapsFailed).toEqual([0]);

    const events = udp.lines.map((line) => parseSyslogLine(line));
    for (const [index, event] of events.entries()) {
      expect(event, udp.lines[index]).toMatchObject({ priority: expect.any(Number), unsynced: true });
      expect(lab.hostnames()).toContain(event?.hostname);
    }
    // Each router numbers its own messages, one after the other.
    for (const hostname of lab.hostnames()) {
      const sequences = events
        .filter((event) => event?.hostname === hostname)
        .map((event) => event!.sequence!);
      expect(sequences).toEqual(sequences.map((_, index) => sequences[0]! + index));
    }
    expect(tcp.lines).toEqual(udp.lines);
    expect(
      udp.lines.some((line) =>
        /^<187>\d+: hub1: \*\w{3} [ \d]\d [\d:.]+: %DMVPN-3-DMVPN_NHRP_ERROR:/.test(line),
      ),
    ).toBe(true);

    const clog = traps.find((trap) => trap.varbinds[1]?.value === SYSLOG.clogMessageGenerated);
    expect(clog?.community).toBe('lab-public@hub1');
    expect(udp.lines.some((line) => /^<189>\d+: spoke1: .*%DMVPN-5-NHRP_NHS_DOWN: /.test(line))).toBe(true);
    const communities = (trapOid: string): (string | undefined)[] =>
      traps.filter((trap) => trap.varbinds[1]?.value === trapOid).map((trap) => trap.community);
    expect(communities(CNE.nextHopRegServerDown)).toEqual(['lab-public@spoke1']);
    expect(communities(CNE.nextHopRegClientDown)).toEqual(['lab-public@hub1']);
  });
});
