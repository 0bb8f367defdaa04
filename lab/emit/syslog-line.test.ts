import { describe, expect, it } from 'vitest';

import { parseSyslogLine } from '../../parsers/syslog.js';
import { formatSyslogLine, iosDatetimeMsec, messageSeverity, syslogPriority } from './syslog-line.js';
import { faultedStates, labTick } from './test-ticks.js';

const CRYPTO_SS =
  '%DMVPN-5-CRYPTO_SS:  Tunnel0: local address : 203.0.113.2 remote address : 198.51.100.2 socket is UP';

describe('syslog line', () => {
  it('is <PRI>SEQ: HOSTNAME: *TIMESTAMP: %MESSAGE, PRI from local7 and the message severity', () => {
    const line = formatSyslogLine({
      hostname: 'hub1',
      atSeconds: 12.345,
      wallMs: Date.UTC(2024, 10, 25, 8, 0, 12, 345),
      sequence: 45,
      text: CRYPTO_SS,
    });
    expect(line).toBe(`<189>45: hub1: *Nov 25 08:00:12.345: ${CRYPTO_SS}`);
  });

  it('pads a one-digit day with a space and keeps the milliseconds, in UTC', () => {
    expect(iosDatetimeMsec(Date.UTC(2026, 4, 2, 16, 5, 42, 447))).toBe('*May  2 16:05:42.447');
    expect(iosDatetimeMsec(Date.UTC(2026, 11, 31, 23, 59, 59, 7))).toBe('*Dec 31 23:59:59.007');
  });

  it('takes the severity from the message code, debugging for a line without one', () => {
    expect(messageSeverity('%DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: ...')).toBe(3);
    expect(messageSeverity('%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON')).toBe(6);
    expect(messageSeverity('%CRYPTO-IKEV2-5-SA_DOWN: ...')).toBe(5);
    expect(messageSeverity('NHRP: Send Registration Request via Tunnel0')).toBe(7);
    expect(syslogPriority('%LINK-3-UPDOWN: Interface Tunnel0, changed state to up')).toBe(187);
    expect(syslogPriority('%LINK-3-UPDOWN: x', 16)).toBe(131);
  });

  it('reads back through our syslog parser for every message of a faulted network', () => {
    const tick = labTick(faultedStates(), 0, 900);
    expect(tick.messages.length).toBeGreaterThan(50);
    for (const message of tick.messages) {
      const event = parseSyslogLine(formatSyslogLine(message));
      const code = /^%([A-Z0-9_-]+?)-([0-7])-([A-Z0-9_]+):/.exec(message.text);
      expect(event).toMatchObject({
        hostname: message.hostname,
        sequence: message.sequence,
        priority: 23 * 8 + Number(code?.[2]),
        facility: code?.[1],
        severity: Number(code?.[2]),
        mnemonic: code?.[3],
        unsynced: true,
        timeOfDaySeconds: expect.closeTo((message.wallMs / 1000) % 86400, 3),
      });
    }
  });
});
