import { describe, expect, it } from 'vitest';

import type { IkeTunnel, IpsecTunnel } from '../../model/snmp.js';
import { joinIkeTunnels } from './ike-join.js';
import { address, counter64, octetText } from './values.js';

function ike(index: number, remote: string): IkeTunnel {
  return {
    index,
    localAddress: '203.0.113.1',
    remoteAddress: remote,
    localValue: null,
    remoteValue: null,
    negoMode: null,
    dhGroup: null,
    encryptAlgo: null,
    hashAlgo: null,
    authMethod: null,
    lifetimeSeconds: null,
    activeSeconds: null,
    inOctets: null,
    outOctets: null,
    inDropPkts: null,
    outDropPkts: null,
    active: true,
  };
}

function ipsec(index: number, ikeTunnelIndex: number, remote: string): IpsecTunnel {
  return {
    index,
    ikeTunnelIndex,
    ikeTunnelAlive: false,
    localAddress: '203.0.113.1',
    remoteAddress: remote,
    encapMode: 'transport',
    lifeSizeKb: null,
    lifetimeSeconds: null,
    activeSeconds: null,
    totalRefreshes: null,
    expiredSas: null,
    currentSas: null,
    inOctets: null,
    outOctets: null,
    inPkts: null,
    outPkts: null,
    inDropPkts: null,
    outDropPkts: null,
    inReplayDropPkts: null,
    inAuthFails: null,
    inDecryptFails: null,
    outAuthFails: null,
    outEncryptFails: null,
    active: true,
    ikeJoin: 'none',
    ikeTunnel: null,
    endpoints: [],
  };
}

describe('phase-2 to phase-1 join', () => {
  const phase1 = [ike(27, '62.28.72.57'), ike(469, '198.18.0.2')];

  it('follows cipSecTunIkeTunnelIndex when it leads to a tunnel of the same addresses', () => {
    expect(joinIkeTunnels([ipsec(11, 27, '62.28.72.57')], phase1)[0]).toMatchObject({
      ikeJoin: 'ike-index',
      ikeTunnel: 27,
    });
  });

  it('matches by addresses when the index names no row, or a row of another peer (the IOS stale-index bug)', () => {
    const joined = joinIkeTunnels([ipsec(97, 479, '198.18.0.2'), ipsec(99, 27, '198.18.0.2')], phase1);
    expect(joined.map((row) => [row.ikeJoin, row.ikeTunnel])).toEqual([
      ['addresses', 469],
      ['addresses', 469],
    ]);
  });

  it('says when no phase-1 tunnel fits', () => {
    expect(joinIkeTunnels([ipsec(5, 27, '192.0.2.99')], phase1)[0]).toMatchObject({
      ikeJoin: 'none',
      ikeTunnel: null,
    });
  });
});

describe('SNMP values', () => {
  it('reads Counter64 bytes (with the leading zero of a top-bit value) as bigint', () => {
    expect(counter64(Buffer.from('00ffffffffffffffff', 'hex'))).toBe(2n ** 64n - 1n);
    expect(counter64(Buffer.from('0100', 'hex'))).toBe(256n);
    expect(counter64(Buffer.alloc(0))).toBe(0n);
  });

  it('reads Cisco address octet strings and binary text', () => {
    expect(address(Buffer.from([0x64, 0x40, 0x00, 0x03]))).toBe('100.64.0.3');
    expect(address(Buffer.alloc(0))).toBeNull();
    expect(address(Buffer.from('20010db8000000000000000000000001', 'hex'))).toBe('2001:db8::1');
    expect(octetText(Buffer.from([0xd4, 0x5a, 0xca, 0x22]))).toBe('D4 5A CA 22');
    expect(octetText(Buffer.from('Tunnel0'))).toBe('Tunnel0');
  });
});
