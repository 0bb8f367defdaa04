import { describe, expect, it } from 'vitest';

import { readSyslogEnvelope } from './envelope.js';
import { decodeSyslogMessage } from './message.js';
import { routerTime, tunnelEventFromSyslog } from './tunnel-events.js';

const UDP = { transport: 'udp' as const, address: '192.0.2.7', port: 50514 };
const NOW = Date.UTC(2026, 10, 25, 8, 0, 30);

describe('syslog envelopes', () => {
  it('reads an RFC 5424 message with structured data, the Cisco line inside', () => {
    const line =
      '<189>1 2026-11-25T08:00:12.345Z hub1 - - - [meta sequenceId="7" x="a\\]b"] 45: *Nov 25 08:00:12.345: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down';
    expect(readSyslogEnvelope(line)).toMatchObject({
      format: 'rfc5424',
      priority: 189,
      hostname: 'hub1',
      timestamp: '2026-11-25T08:00:12.345Z',
      message: '45: *Nov 25 08:00:12.345: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down',
    });
    const message = decodeSyslogMessage(line, UDP, NOW)!;
    expect(message.device).toBe('hub1');
    expect(message.event).toMatchObject({
      sequence: 45,
      facility: 'LINK',
      mnemonic: 'UPDOWN',
      priority: 189,
    });
    expect(tunnelEventFromSyslog(message)).toMatchObject({
      device: 'hub1',
      interface: 'Tunnel0',
      layer: 'tunnel',
      kind: 'down',
      at: Date.UTC(2026, 10, 25, 8, 0, 12, 345),
    });
  });

  it('reads an RFC 3164 header (a relay) and an IOS line without origin-id, named by source address', () => {
    const relayed =
      '<190>Nov 25 08:00:12 spoke4 88: Nov 25 08:00:12.001 UTC: %DMVPN-5-CRYPTO_SS:  Tunnel0: local address : 198.18.0.4 remote address : 203.0.113.1 socket is UP';
    expect(decodeSyslogMessage(relayed, UDP, NOW)).toMatchObject({ format: 'rfc3164', device: 'spoke4' });
    const bare =
      '<189>*Nov 25 08:00:12.001: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to up';
    const message = decodeSyslogMessage(bare, UDP, NOW, (address) =>
      address === '192.0.2.7' ? 'spoke9' : undefined,
    )!;
    expect(message.device).toBe('spoke9');
    expect(tunnelEventFromSyslog(message)).toMatchObject({
      layer: 'interface',
      kind: 'up',
      interface: 'GigabitEthernet1',
    });
  });

  it('reads the real variants of the samples file', () => {
    const spi =
      "<0>91: *Oct 07 03:10:04: mydevice.com %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=150.1.1.1, prot=50, spi=0x72662541(1919296833), srcaddr=150.3.1.3";
    const message = decodeSyslogMessage(spi, UDP, NOW)!;
    expect(message).toMatchObject({ device: 'mydevice.com', priority: 0 });
    expect(message.event).toMatchObject({
      sequence: 91,
      detail: { type: 'invalid_spi', source: '150.3.1.3' },
    });
    expect(tunnelEventFromSyslog(message)).toBeNull();
    const nhs =
      '<189>Oct 30 02:58:05.963: %DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : (Tunnel: UNKNOWN NBMA: 38.127.0.128 ) for (Tunnel: 172.16.1.3 NBMA: 202.100.3.1) is DOWN, Reason: NHRP Registration Failure(NHRP: no error)';
    expect(tunnelEventFromSyslog(decodeSyslogMessage(nhs, UDP, NOW)!)).toMatchObject({
      layer: 'nhrp',
      kind: 'down',
      peer: '38.127.0.128',
      peerTunnel: null,
      reason: 'NHRP Registration Failure (NHRP: no error)',
      at: NOW,
    });
    const admin =
      '<189>12: hub1: *Sep 21 07:03:52.999: %LINK-5-CHANGED: Interface Tunnel0, changed state to administratively down';
    expect(tunnelEventFromSyslog(decodeSyslogMessage(admin, UDP, NOW)!)).toMatchObject({
      kind: 'down',
      reason: 'administratively down',
    });
  });

  it('refuses what is no syslog', () => {
    for (const text of ['', 'hello', '<192>1: x', '<13>1 bad', '\u0000\u0001']) {
      expect(decodeSyslogMessage(text, UDP, NOW)).toBeUndefined();
    }
  });
});

describe("a router's clock", () => {
  const at = (line: string, receivedAt: number): number => {
    const message = decodeSyslogMessage(line, UDP, receivedAt)!;
    return routerTime(message.event!, receivedAt);
  };

  it('is believed within a day, in the year nearest the arrival', () => {
    const newYear = Date.UTC(2027, 0, 1, 0, 0, 5);
    expect(at('<189>1: r1: *Dec 31 23:59:59.500: %SYS-5-X: y', newYear)).toBe(
      Date.UTC(2026, 11, 31, 23, 59, 59, 500),
    );
  });

  it('is not believed when never set, in another zone, or as an uptime', () => {
    expect(at('<189>1: r1: *Mar  1 00:31:55.431: %SYS-5-X: y', NOW)).toBe(NOW);
    expect(at('<189>1: r1: Nov 25 09:00:12.001 CET: %SYS-5-X: y', NOW)).toBe(NOW);
    expect(at('<189>1: r1: 1d02h: %SYS-5-X: y', NOW)).toBe(NOW);
  });
});
