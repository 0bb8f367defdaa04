// Writes what a DMVPN hub with N spokes prints, in the layout of the real captures, for the parse benchmark.

export interface HubSpoke {
  nbma: string;
  tunnel: string;
}

export function hubSpokes(count: number): HubSpoke[] {
  return Array.from({ length: count }, (_, index) => ({
    nbma: `198.${18 + Math.floor(index / 65_536)}.${Math.floor(index / 256) % 256}.${index % 256}`,
    tunnel: `10.${Math.floor(index / 65_536)}.${Math.floor(index / 256) % 256}.${index % 256}`,
  }));
}

const HUB_NBMA = '203.0.113.1';
const HUB_TUNNEL = '10.255.255.254';

const pad = (text: string, width: number): string => text.padStart(width);
const clock = (index: number): string =>
  `${String(index % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:${String((index * 7) % 60).padStart(2, '0')}`;

export function showDmvpn(spokes: HubSpoke[]): string {
  const rows = spokes.map(
    (spoke, index) =>
      `${pad('1', 6)} ${spoke.nbma.padEnd(15)} ${pad(spoke.tunnel, 15)} ${pad(index % 50 === 0 ? 'NHRP' : 'UP', 5)} ${pad(clock(index), 8)}     D`,
  );
  return [
    'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
    '        N - NATed, L - Local, X - No Socket',
    '        T1 - Route Installed, T2 - Nexthop-override',
    '        C - CTS Capable, I2 - Temporary',
    '        # Ent --> Number of NHRP entries with same NBMA peer',
    '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
    '        UpDn Time --> Up or Down Time for a Tunnel',
    '==========================================================================',
    '',
    'Interface: Tunnel0, IPv4 NHRP Details ',
    `Type:Hub, NHRP Peers:${spokes.length}, `,
    '',
    ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
    ' ----- --------------- --------------- ----- -------- -----',
    ...rows,
    '',
  ].join('\n');
}

export function showIpNhrp(spokes: HubSpoke[]): string {
  return spokes
    .map((spoke, index) =>
      [
        `${spoke.tunnel}/32 via ${spoke.tunnel}`,
        `   Tunnel0 created ${clock(index)}, expire 00:0${index % 10}:12`,
        '   Type: dynamic, Flags: registered used nhop ',
        `   NBMA address: ${spoke.nbma} `,
      ].join('\n'),
    )
    .join('\n')
    .concat('\n');
}

export function showCryptoIsakmpSa(spokes: HubSpoke[]): string {
  const rows = spokes.map(
    (spoke, index) =>
      `${HUB_NBMA.padEnd(15)} ${spoke.nbma.padEnd(15)} QM_IDLE        ${pad(String(1001 + index), 5)} ACTIVE`,
  );
  return [
    'IPv4 Crypto ISAKMP SA',
    'dst             src             state          conn-id status',
    ...rows,
    '',
    'IPv6 Crypto ISAKMP SA',
    '',
  ].join('\n');
}

function spi(index: number, direction: number): string {
  const value = (0x10000000 + index * 2 + direction) >>> 0;
  return `0x${value.toString(16).toUpperCase()}(${value})`;
}

function espSa(index: number, direction: number): string[] {
  return [
    `      spi: ${spi(index, direction)}`,
    '        transform: esp-256-aes esp-sha256-hmac ,',
    '        in use settings ={Transport, }',
    `        conn id: ${2001 + index * 2 + direction}, flow_id: SW:${1 + index}, sibling_flags 80000000, crypto map: Tunnel0-head-0`,
    '        sa timing: remaining key lifetime (k/sec): (4387154/2873)',
    '        IV size: 16 bytes',
    '        replay detection support: Y',
    '        Status: ACTIVE(ACTIVE)',
    '',
  ];
}

export function showCryptoIpsecSa(spokes: HubSpoke[]): string {
  const lines = ['interface: Tunnel0', `    Crypto map tag: Tunnel0-head-0, local addr ${HUB_NBMA}`, ''];
  spokes.forEach((spoke, index) => {
    const encaps = 1000 + index * 13;
    const decaps = 990 + index * 11;
    lines.push(
      '   protected vrf: (none)',
      `   local  ident (addr/mask/prot/port): (${HUB_NBMA}/255.255.255.255/47/0)`,
      `   remote ident (addr/mask/prot/port): (${spoke.nbma}/255.255.255.255/47/0)`,
      `   current_peer ${spoke.nbma} port 500`,
      '     PERMIT, flags={origin_is_acl,}',
      `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
      `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
      '    #pkts compressed: 0, #pkts decompressed: 0',
      '    #pkts not compressed: 0, #pkts compr. failed: 0',
      '    #pkts not decompressed: 0, #pkts decompress failed: 0',
      '    #send errors 0, #recv errors 0',
      '',
      `     local crypto endpt.: ${HUB_NBMA}, remote crypto endpt.: ${spoke.nbma}`,
      '     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet1',
      `     current outbound spi: ${spi(index, 1)}`,
      '     PFS (Y/N): N, DH group: none',
      '',
      '     inbound esp sas:',
      ...espSa(index, 0),
      '     inbound ah sas:',
      '',
      '     inbound pcp sas:',
      '',
      '     outbound esp sas:',
      ...espSa(index, 1),
      '     outbound ah sas:',
      '',
      '     outbound pcp sas:',
      '',
    );
  });
  return lines.join('\n');
}

export function showCryptoSessionDetail(spokes: HubSpoke[]): string {
  const lines = [
    'Crypto session current status',
    '',
    'Code: C - IKE Configuration mode, D - Dead Peer Detection     ',
    'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation     ',
    'X - IKE Extended Authentication, F - IKE Fragmentation',
    'R - IKE Auto Reconnect, U - IKE Dynamic Route Update',
    'S - SIP VPN',
    '',
  ];
  spokes.forEach((spoke, index) => {
    lines.push(
      'Interface: Tunnel0',
      `Uptime: ${clock(index)}`,
      'Session status: UP-ACTIVE     ',
      `Peer: ${spoke.nbma} port 500 fvrf: (none) ivrf: (none)`,
      `      Phase1_id: ${spoke.nbma}`,
      '      Desc: (none)',
      `  Session ID: ${index + 1}  `,
      `  IKEv1 SA: local ${HUB_NBMA}/500 remote ${spoke.nbma}/500 Active `,
      `          Capabilities:D connid:${1001 + index} lifetime:23:${String(index % 60).padStart(2, '0')}:11`,
      `  IPSEC FLOW: permit 47 host ${HUB_NBMA} host ${spoke.nbma} `,
      '        Active SAs: 2, origin: crypto map',
      `        Inbound:  #pkts dec'ed ${990 + index * 11} drop 0 life (KB/Sec) 4387154/2873`,
      `        Outbound: #pkts enc'ed ${1000 + index * 13} drop 0 life (KB/Sec) 4387154/2873`,
      '',
    );
  });
  return lines.join('\n');
}

export function showIpNhrpTraffic(spokes: HubSpoke[]): string {
  const n = spokes.length;
  return [
    'Tunnel0: Max-send limit:10000Pkts/10Sec, Usage:0%',
    `   Sent: Total ${n * 3}`,
    `         0 Resolution Request  ${n} Resolution Reply  0 Registration Request  `,
    `         ${n * 2} Registration Reply  0 Purge Request  0 Purge Reply  `,
    '         0 Error Indication  0 Traffic Indication  0 Redirect Suppress  ',
    `   Rcvd: Total ${n * 3}`,
    `         ${n} Resolution Request  0 Resolution Reply  ${n * 2} Registration Request  `,
    '         0 Registration Reply  0 Purge Request  0 Purge Reply  ',
    '         0 Error Indication  0 Traffic Indication  0 Redirect Suppress  ',
    '',
  ].join('\n');
}

export function showInterfacesTunnel(): string {
  return [
    'Tunnel0 is up, line protocol is up ',
    '  Hardware is Tunnel',
    `  Internet address is ${HUB_TUNNEL}/16`,
    '  MTU 9976 bytes, BW 100 Kbit/sec, DLY 50000 usec, ',
    '     reliability 255/255, txload 1/255, rxload 1/255',
    '  Encapsulation TUNNEL, loopback not set',
    '  Keepalive not set',
    `  Tunnel linestate evaluation up`,
    `  Tunnel source ${HUB_NBMA} (GigabitEthernet1)`,
    '   Tunnel Subblocks:',
    '      src-track:',
    '         Tunnel0 source tracking subblock associated with GigabitEthernet1',
    '          Set of tunnels with source GigabitEthernet1, 1 member (includes iterators), on interface <OK>',
    '  Tunnel protocol/transport multi-GRE/IP',
    '    Key 0x186A0, sequencing disabled',
    '    Checksumming of packets disabled',
    '  Tunnel TTL 255, Fast tunneling enabled',
    '  Tunnel transport MTU 1438 bytes',
    '  Tunnel transmit bandwidth 8000 (kbps)',
    '  Tunnel receive bandwidth 8000 (kbps)',
    '  Tunnel protection via IPSec (profile "DMVPN-PROFILE")',
    '  Last input 00:00:01, output never, output hang never',
    '  Last clearing of "show interface" counters never',
    '  Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 0',
    '  Queueing strategy: fifo',
    '  Output queue: 0/0 (size/max)',
    '  5 minute input rate 2000 bits/sec, 3 packets/sec',
    '  5 minute output rate 2000 bits/sec, 3 packets/sec',
    '     1232134 packets input, 123213412 bytes, 0 no buffer',
    '     Received 0 broadcasts (0 IP multicasts)',
    '     0 runts, 0 giants, 0 throttles ',
    '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
    '     1232100 packets output, 123213000 bytes, 0 underruns',
    '     Output 0 broadcasts (0 IP multicasts)',
    '     0 output errors, 0 collisions, 0 interface resets',
    '     0 unknown protocol drops',
    '     0 output buffer failures, 0 output buffers swapped out',
    '',
  ].join('\n');
}

/** The command set the collector runs on a hub, with what the hub prints for each. */
export function hubCommandSet(spokeCount: number): { command: string; text: string }[] {
  const spokes = hubSpokes(spokeCount);
  return [
    { command: 'show dmvpn', text: showDmvpn(spokes) },
    { command: 'show ip nhrp', text: showIpNhrp(spokes) },
    { command: 'show ip nhrp traffic', text: showIpNhrpTraffic(spokes) },
    { command: 'show crypto isakmp sa', text: showCryptoIsakmpSa(spokes) },
    { command: 'show crypto ipsec sa', text: showCryptoIpsecSa(spokes) },
    { command: 'show crypto session detail', text: showCryptoSessionDetail(spokes) },
    { command: 'show interfaces Tunnel0', text: showInterfacesTunnel() },
  ];
}
