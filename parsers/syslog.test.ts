import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../test/fixture-files.js';
import { parseSyslogLine, syslogDetail } from './syslog.js';

interface Sample {
  source: string;
  text: string;
}

/** The real lines of test/fixtures/syslog/syslog-samples.log, in file order. */
function realSamples(): Sample[] {
  const file = readFileSync(join(FIXTURES, 'syslog', 'syslog-samples.log'), 'utf8');
  return file
    .split('\n')
    .filter((line) => /^S\d+ *\|/.test(line))
    .map((line) => {
      const bar = line.indexOf('|');
      return { source: line.slice(0, bar).trim(), text: line.slice(bar + 2) };
    });
}

/** What each real line must give, in file order; S3 lines are trap texts checked through `syslogDetail`. */
const EXPECTED: object[] = [
  {
    timestamp: 'Sep 21 07:02:15.210',
    unsynced: true,
    month: 9,
    day: 21,
    timeOfDaySeconds: 25335.21,
    facility: 'DMVPN',
    severity: 5,
    mnemonic: 'CRYPTO_SS',
    detail: {
      type: 'crypto_socket',
      interface: 'Tunnel0',
      localNbma: '203.0.113.2',
      remoteNbma: '198.51.100.2',
      up: false,
    },
  },
  { detail: { type: 'crypto_socket', interface: 'Tunnel0', remoteNbma: '198.51.100.2', up: true } },
  {
    mnemonic: 'NHRP_NHS_DOWN',
    detail: {
      type: 'nhrp_peer',
      role: 'nhs',
      interface: 'Tunnel0',
      peerTunnel: '172.16.0.1',
      peerNbma: '203.0.113.2',
      localTunnel: '172.16.0.2',
      localNbma: '198.51.100.2',
      up: false,
      reason: 'External',
      reasonDetail: 'NHRP: no error',
    },
  },
  { detail: { role: 'nhs', up: false, reason: 'NHRP Registration Failure', reasonDetail: 'NHRP: no error' } },
  {
    mnemonic: 'NHRP_NHS_UP',
    detail: {
      role: 'nhs',
      peerTunnel: '172.16.0.1',
      peerNbma: '203.0.113.2',
      localNbma: '198.51.100.2',
      up: true,
      reason: null,
    },
  },
  {
    mnemonic: 'NHRP_NHC_DOWN',
    detail: {
      role: 'nhc',
      peerTunnel: '172.16.0.2',
      peerNbma: '198.51.100.2',
      localTunnel: '172.16.0.1',
      localNbma: '203.0.113.2',
      up: false,
      reason: 'External',
    },
  },
  {
    unsynced: false,
    timestamp: 'Oct 30 02:58:05.963',
    detail: {
      role: 'nhs',
      peerTunnel: null,
      peerNbma: '38.127.0.128',
      localTunnel: '172.16.1.3',
      reason: 'NHRP Registration Failure',
    },
  },
  {
    type: 'nhrp_error',
    interface: 'Tunnel0',
    error: 'NHRP Encap Error',
    packetType: 'Purge Reply',
    packetTypeCode: 6,
    reason: 'protocol generic error',
    reasonCode: 7,
    peerTunnel: '172.20.0.2',
    peerNbma: '100.64.0.2',
  },
  {
    type: 'nhrp_error',
    packetType: 'Purge Request',
    packetTypeCode: 5,
    reasonCode: 7,
    peerTunnel: '172.20.0.3',
    peerNbma: '100.64.0.3',
  },
  {
    facility: 'LINEPROTO',
    detail: { type: 'interface_state', layer: 'line-protocol', interface: 'Tunnel0', state: 'down' },
  },
  {
    facility: 'LINK',
    mnemonic: 'CHANGED',
    detail: { type: 'interface_state', layer: 'link', interface: 'Tunnel0', state: 'administratively down' },
  },
  { facility: 'LINK', severity: 5, detail: { layer: 'link', interface: 'Tunnel0', state: 'up' } },
  {
    timestamp: 'May  2 16:05:42.447',
    month: 5,
    day: 2,
    severity: 3,
    detail: { interface: 'Tunnel46', state: 'up' },
  },
  {
    timestamp: 'May 14 03:13:19.422 UTC',
    timezone: 'UTC',
    unsynced: false,
    detail: { layer: 'link', state: 'up' },
  },
  { timezone: 'UTC', detail: { layer: 'line-protocol', interface: 'Tunnel0', state: 'up' } },
  { facility: 'CRYPTO', mnemonic: 'ISAKMP_ON_OFF', detail: { type: 'isakmp_on_off', on: false } },
  {
    detail: {
      type: 'invalid_spi',
      destination: '61.128.1.1',
      protocol: 50,
      spi: '0x3EA71AED',
      source: '103.1.1.1',
      inputInterface: 'GigabitEthernet1',
    },
  },
  {
    detail: {
      destination: '103.163.246.69',
      spi: '0x136D8924',
      source: '161.132.38.201',
      inputInterface: 'Ethernet0/1',
    },
  },
  {
    priority: 0,
    sequence: 91,
    timestamp: 'Oct 07 03:10:04',
    timeOfDaySeconds: 11404,
    hostname: 'mydevice.com',
    detail: { destination: '150.1.1.1', spi: '0x72662541', source: '150.3.1.3', inputInterface: null },
  },
  { mnemonic: 'IKMP_NO_SA', detail: { type: 'ike_no_sa', peer: '203.0.113.10' } },
  { timestamp: null, unsynced: false, detail: { type: 'ike_no_sa', peer: '10.10.10.10' } },
  { timestamp: 'Mar 1 00:31:55.431', month: 3, day: 1, detail: { type: 'ike_no_sa', peer: '10.1.1.1' } },
  {
    facility: 'DUAL',
    detail: {
      type: 'eigrp_neighbor',
      addressFamily: 'IPv4',
      asn: 100,
      neighbor: '172.16.0.1',
      interface: 'Tunnel0',
      state: 'down',
      reason: 'interface down',
    },
  },
  { detail: { role: 'nhc', peerTunnel: '172.16.0.2', up: false, reason: 'administratively prohibited' } },
  {
    detail: {
      type: 'nhrp_netid_unconfigured',
      interface: 'Tunnel0',
      networkId: 100,
      tunnel: '172.16.0.1',
      nbma: '203.0.113.2',
    },
  },
  { detail: { type: 'eigrp_neighbor', neighbor: '172.16.0.2', state: 'up', reason: 'new adjacency' } },
];

/** The message text of a CISCO-SYSLOG-MIB trap rendering: the last quoted string of the line. */
function trapText(line: string): string {
  return line.slice(line.lastIndexOf('" ') + 2, -1);
}

describe('real syslog lines (test/fixtures/syslog)', () => {
  const samples = realSamples();

  it('has an expectation for every real line', () => {
    expect(samples).toHaveLength(EXPECTED.length);
  });

  it.each(samples.map((sample, index) => ({ ...sample, index })))('$source line $index: $text', (sample) => {
    const expected = EXPECTED[sample.index]!;
    if (sample.source === 'S3') {
      // Syslog carried in a trap: facility and mnemonic come from their own varbinds.
      expect(syslogDetail('DMVPN', 'DMVPN_NHRP_ERROR', trapText(sample.text))).toMatchObject(expected);
      return;
    }
    const event = parseSyslogLine(sample.text);
    expect(event).toBeDefined();
    expect(event).toMatchObject(expected);
    expect(event!.detail, 'every real sample is DMVPN-relevant and must be typed').not.toBeNull();
  });
});

describe('DMVPN-relevant messages', () => {
  it('an NHRP authentication mismatch names error code 11 and the registration request', () => {
    const event = parseSyslogLine(
      '*Sep 21 07:20:01.100: %DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: Recieved wrong authentication string for  Registration Request , Reason:  authentication failure (11) on (Tunnel: 172.16.0.1 NBMA: 203.0.113.2)',
    );
    expect(event?.severity).toBe(3);
    expect(event?.detail).toEqual({
      type: 'nhrp_error',
      interface: 'Tunnel0',
      error: 'Recieved wrong authentication string',
      packetType: 'Registration Request',
      packetTypeCode: 3,
      reason: 'authentication failure',
      reasonCode: 11,
      peerTunnel: '172.16.0.1',
      peerNbma: '203.0.113.2',
    });
  });

  it('a hub losing a spoke on registration timeout keeps the reason in parentheses', () => {
    const event = parseSyslogLine(
      '*Sep 21 07:30:00.000: %DMVPN-5-NHRP_NHC_DOWN: Tunnel0: Next Hop Client : (Tunnel: 172.16.0.3 NBMA: 198.51.100.6 ) for (Tunnel: 172.16.0.1 NBMA: 203.0.113.2) is DOWN, Reason: External(NHRP Registration timeout)',
    );
    expect(event?.detail).toMatchObject({
      role: 'nhc',
      reason: 'External',
      reasonDetail: 'NHRP Registration timeout',
    });
  });

  it('a spoke-to-spoke tunnel coming up is an NHP change', () => {
    const event = parseSyslogLine(
      '*Sep 21 07:31:00.000: %DMVPN-5-NHRP_NHP_UP: Tunnel0: Next Hop Peer : (Tunnel: 172.16.0.3 NBMA: 198.51.100.6) for (Tunnel: 172.16.0.2 NBMA: 198.51.100.2) is UP',
    );
    expect(event?.detail).toMatchObject({ role: 'nhp', peerTunnel: '172.16.0.3', up: true });
  });

  it('crypto session status and IKE mode failures name the peer', () => {
    expect(
      parseSyslogLine('%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP .  Peer 10.1.1.1:500 Id: 10.1.1.1')
        ?.detail,
    ).toEqual({
      type: 'crypto_session',
      up: true,
      peer: '10.1.1.1',
      port: 500,
      id: '10.1.1.1',
    });
    expect(
      parseSyslogLine(
        '%CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer 198.51.100.2:4500 Id: 198.51.100.2',
      )?.detail,
    ).toMatchObject({
      up: false,
      port: 4500,
    });
    expect(
      parseSyslogLine(
        '*Mar 28 08:14:22.339: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at 10.2.2.1',
      )?.detail,
    ).toEqual({ type: 'ike_mode_failure', mode: 'Quick', peer: '10.2.2.1' });
  });

  it('clear-text GRE from a peer without tunnel protection is reported with protocol 47', () => {
    const event = parseSyslogLine(
      "*Sep 21 07:40:00.000: %CRYPTO-4-RECVD_PKT_NOT_IPSEC: Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /203.0.113.2, src_addr= 198.51.100.2, prot= 47",
    );
    expect(event?.detail).toEqual({
      type: 'packet_not_ipsec',
      vrf: null,
      destination: '203.0.113.2',
      source: '198.51.100.2',
      protocol: 47,
    });
  });

  it('recursive routing takes the tunnel down', () => {
    const event = parseSyslogLine(
      '*Sep 21 07:41:00.000: %TUN-5-RECURDOWN: Tunnel0 temporarily disabled due to recursive routing',
    );
    expect(event?.detail).toEqual({ type: 'tunnel_recursive_routing', interface: 'Tunnel0' });
  });

  it('OSPF and BGP adjacency changes over the tunnel', () => {
    expect(
      parseSyslogLine(
        '*Jun 6 00:44:05.208: %OSPF-5-ADJCHG: Process 10, Nbr 2.2.2.2 on Tunnel0 from FULL to DOWN, Neighbor Down: Dead timer expired',
      )?.detail,
    ).toEqual({
      type: 'ospf_adjacency',
      processId: 10,
      neighbor: '2.2.2.2',
      interface: 'Tunnel0',
      from: 'FULL',
      to: 'DOWN',
      reason: 'Neighbor Down: Dead timer expired',
    });
    expect(
      parseSyslogLine('*Mar  1 01:14:05.507: %BGP-5-ADJCHANGE: neighbor 8.0.0.1 Down User reset')?.detail,
    ).toEqual({
      type: 'bgp_adjacency',
      neighbor: '8.0.0.1',
      vrf: null,
      up: false,
      reason: 'User reset',
    });
    expect(parseSyslogLine('%BGP-5-ADJCHANGE: neighbor 172.16.0.1 vpn vrf CUST Up')?.detail).toEqual({
      type: 'bgp_adjacency',
      neighbor: '172.16.0.1',
      vrf: 'CUST',
      up: true,
      reason: null,
    });
  });

  it('older %NHRP messages keep their packet type and error code', () => {
    const event = parseSyslogLine(
      '*Mar  1 00:10:00.000: %NHRP-3-PAKREPLY: Receive Registration Reply packet with error - unique address registered already (14)',
    );
    expect(event?.detail).toEqual({
      type: 'nhrp_message',
      interface: null,
      packetType: 'Registration Reply',
      code: 14,
    });
  });
});

describe('timestamps and headers', () => {
  it('reads uptime timestamps as seconds since boot', () => {
    expect(
      parseSyslogLine(
        '00:55:50: %OSPF-5-ADJCHG: Process 1, Nbr 4.4.4.4 on Serial0/2/0 from LOADING to FULL, Loading Done',
      ),
    ).toMatchObject({
      timestamp: '00:55:50',
      uptimeSeconds: 3350,
      month: null,
      detail: { to: 'FULL', reason: 'Loading Done' },
    });
    expect(
      parseSyslogLine('1d02h: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down')?.uptimeSeconds,
    ).toBe(93_600);
  });

  it('reads the year and marks a clock that lost synchronisation', () => {
    expect(
      parseSyslogLine('.Sep 21 2023 07:02:15.210 UTC: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON'),
    ).toMatchObject({
      year: 2023,
      unsynced: true,
      timezone: 'UTC',
      detail: { on: true },
    });
  });

  it('reads the PRI, sequence number and origin hostname of a syslog packet', () => {
    expect(
      parseSyslogLine(
        '<189>45: hub1: *Sep 21 07:02:15.210: %DMVPN-5-CRYPTO_SS:  Tunnel0: local address : 203.0.113.2 remote address : 198.51.100.2 socket is UP',
      ),
    ).toMatchObject({ priority: 189, sequence: 45, hostname: 'hub1', unsynced: true, detail: { up: true } });
  });

  it('reads a line a syslog server wrote, hostname between the time and the message', () => {
    expect(
      parseSyslogLine(
        'Dec 12 10:30:15 Router1 %LINK-3-UPDOWN: Interface FastEthernet0/1, changed state to down',
      ),
    ).toMatchObject({
      timestamp: 'Dec 12 10:30:15',
      hostname: 'Router1',
      detail: { interface: 'FastEthernet0/1', state: 'down' },
    });
  });

  it('keeps messages of unknown facilities as generic events', () => {
    expect(
      parseSyslogLine('*Jan  1 00:00:01.000: %FOO_BAR-2-SOMETHING_ODD: the widget is sad'),
    ).toMatchObject({
      facility: 'FOO_BAR',
      severity: 2,
      mnemonic: 'SOMETHING_ODD',
      message: 'the widget is sad',
      detail: null,
    });
  });

  it('keeps timestamped debug output as an event without a facility', () => {
    expect(
      parseSyslogLine(
        '*Sep 21 07:02:15.210: NHRP: Send Registration Request via Tunnel0 vrf 0, packet size: 92',
      ),
    ).toMatchObject({
      facility: null,
      severity: null,
      message: 'NHRP: Send Registration Request via Tunnel0 vrf 0, packet size: 92',
    });
  });
});

describe('text that is no syslog message', () => {
  it.each([
    '',
    '   ',
    'Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.2(1)T1, RELEASE SOFTWARE (fc1)',
    '        connection id=29, sequence number=219',
    'Technical Support: http://www.cisco.com/techsupport',
    '%%%% garbage %%%',
    '*Sep 21 07:0',
    '<999',
  ])('%j is not a message', (text) => {
    expect(parseSyslogLine(text)).toBeUndefined();
  });

  it('a message truncated mid-line keeps its header and text, without a detail it cannot prove', () => {
    expect(
      parseSyslogLine(
        '*Sep 21 07:03:50.270: %DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : (Tunnel: 172.16',
      ),
    ).toMatchObject({
      mnemonic: 'NHRP_NHS_DOWN',
      message: 'Tunnel0: Next Hop Server : (Tunnel: 172.16',
      detail: null,
    });
  });
});
