import { describe, expect, it } from 'vitest';
import type { DmvpnInterface, DmvpnPeer } from '../model/records/dmvpn.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { parseDuration } from './common/duration.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showDmvpnDetail } from './show-dmvpn-detail.js';
import { showDmvpn, type ShowDmvpnRecord } from './show-dmvpn.js';

const peersOf = (records: ShowDmvpnRecord[]): DmvpnPeer[] =>
  records.filter((record): record is DmvpnPeer => record.kind === 'dmvpn_peer');
const interfacesOf = (records: ShowDmvpnRecord[]): DmvpnInterface[] =>
  records.filter((record): record is DmvpnInterface => record.kind === 'dmvpn_interface');

const LEGEND = [
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable, I2 - Temporary',
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '==========================================================================',
  '',
];
const TABLE_HEADER = [
  ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
  ' ----- --------------- --------------- ----- -------- -----',
];

/** A whole `show dmvpn` of one tunnel, in the IOS 15.x / IOS-XE layout. */
function tunnelOutput(name: string, type: string, rows: string[]): string[] {
  return [
    `Interface: ${name}, IPv4 NHRP Details `,
    `Type:${type}, NHRP Peers:${rows.filter((row) => /^\s+\d+ /.test(row)).length}, `,
    '',
    ...TABLE_HEADER,
    ...rows,
    '',
  ];
}

const parse = (lines: string[], filtered = false) => showDmvpn.parse(lines.join('\n'), { filtered });

/** Replaces every IOS time string under the given keys by its seconds, as our records hold them. */
function timesInSeconds(value: unknown, keys: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => timesInSeconds(item, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      keys.includes(key) && typeof item === 'string' ? parseDuration(item) : timesInSeconds(item, keys),
    ]),
  );
}

/** Our records in genie's ShowDmvpn shape: interface -> # Ent -> NBMA -> tunnel address -> Attrb -> state, time. */
function asGenieShowDmvpn(records: ShowDmvpnRecord[]): unknown {
  const genie: Record<string, { ent: Record<string, { peers: Record<string, unknown> }> } & object> = {};
  for (const header of interfacesOf(records)) {
    genie[header.interface] = { ent: {}, nhrp_peers: header.peerCount, type: header.type } as never;
  }
  for (const peer of peersOf(records)) {
    const ent = (genie[peer.interface!]!.ent[String(peer.entries)] ??= { peers: {} });
    const tunnels = (
      (ent.peers[peer.peerNbma] ??= { tunnel_addr: {} }) as { tunnel_addr: Record<string, unknown> }
    ).tunnel_addr;
    for (const entry of peer.nhrpEntries!) {
      const attrb = ((tunnels[entry.peerTunnel] ??= { attrb: {} }) as { attrb: Record<string, unknown> })
        .attrb;
      attrb[entry.attrb] = { state: entry.state, time: entry.upDownSeconds };
    }
  }
  return { interfaces: genie };
}

describe('show dmvpn against the upstream parses', () => {
  it.each(['genie__golden_output1', 'genie__golden_output2'])(
    'gives genie the same interfaces, entries, peers, states, flags and times (%s)',
    (name) => {
      const result = showDmvpn.parse(readCapture('show_dmvpn', `${name}_output.txt`));
      expect(result.warnings).toEqual([]);
      expect(asGenieShowDmvpn(result.records)).toEqual(
        timesInSeconds(loadUpstream('show_dmvpn', name), ['time']),
      );
    },
  );

  it('gives ntc-templates the same peers (uptime in seconds)', () => {
    const result = showDmvpn.parse(readCapture('show_dmvpn', 'ntc__cisco_ios_show_dmvpn.raw'));
    const upstream = loadUpstream('show_dmvpn', 'ntc__cisco_ios_show_dmvpn') as { parsed_sample: unknown[] };
    expect(
      peersOf(result.records).map((peer) => ({
        peer_nbma: peer.peerNbma,
        peer_tunnel: peer.peerTunnel,
        state: peer.state,
        uptime: peer.upDownSeconds,
        attribute: peer.attrb,
      })),
    ).toEqual(timesInSeconds(upstream.parsed_sample, ['uptime']));
  });

  it('gives genie the same IPv6 peers; its `ent` is our entries, its `1.` numbering is not kept', () => {
    const result = showDmvpn.parse(readCapture('show_dmvpn_ipv6', 'genie__golden_output1_output.txt'));
    const peers: Record<string, unknown> = {};
    for (const peer of peersOf(result.records)) {
      peers[peer.peerNbma] = {
        tunnel_addr: peer.peerTunnel,
        ipv6_target_network: peer.targetNetwork,
        ent: peer.entries,
        status: peer.state,
        updn_time: peer.upDownSeconds,
        cache_attrib: peer.attrb,
      };
    }
    const [header] = interfacesOf(result.records);
    expect({
      interfaces: { [header!.interface]: { type: header!.type, nhrp_peers: header!.peerCount, peers } },
    }).toEqual(timesInSeconds(loadUpstream('show_dmvpn_ipv6', 'genie__golden_output1'), ['updn_time']));
    expect(peersOf(result.records).map((peer) => peer.addressFamily)).toEqual(['ipv6', 'ipv6']);
  });

  it.each([
    ['genie__golden_output_1', 'show dmvpn | count BFD'],
    ['genie__golden_output_2', 'show dmvpn | count UP'],
  ])('gives genie the same `| count` total (%s)', (name, command) => {
    const resolution = resolveCommand(command);
    if (!resolution.ok) throw new Error(resolution.error);
    const { parser, filtered } = resolution.command;
    const result = parser.parse(readCapture('show_dmvpn_count_status', `${name}_output.txt`), { filtered });
    const upstream = loadUpstream('show_dmvpn_count_status', name) as { count: number };
    expect(result.records).toEqual([{ kind: 'dmvpn_match_count', line: 1, lines: upstream.count }]);
  });
});

describe('show dmvpn on the networks we watch', () => {
  it("a NAT'd spoke shows the N flag, and one with no crypto socket yet shows N and X", () => {
    const result = parse([
      ...LEGEND,
      ...tunnelOutput('Tunnel0', 'Hub', [
        '     1 203.0.113.10         10.0.0.11    UP 01:02:03    DN',
        '     1 203.0.113.11         10.0.0.12  NHRP    never   DNX',
        '     1 198.51.100.7         10.0.0.13    UP    2d03h     D',
      ]),
    ]);
    expect(result.warnings).toEqual([]);
    expect(
      peersOf(result.records).map(({ peerNbma, attrb, attrs, upDownSeconds }) => ({
        peerNbma,
        attrb,
        attrs,
        upDownSeconds,
      })),
    ).toEqual([
      { peerNbma: '203.0.113.10', attrb: 'DN', attrs: ['D', 'N'], upDownSeconds: 3723 },
      { peerNbma: '203.0.113.11', attrb: 'DNX', attrs: ['D', 'N', 'X'], upDownSeconds: null },
      { peerNbma: '198.51.100.7', attrb: 'D', attrs: ['D'], upDownSeconds: 183_600 },
    ]);
  });

  it('keeps the peers of several tunnels apart, each with its interface and hub/spoke type', () => {
    const result = parse([
      ...LEGEND,
      ...tunnelOutput('Tunnel100', 'Hub', ['     1 198.51.100.2         10.100.0.2    UP 00:10:00     D']),
      ...tunnelOutput('Tunnel200', 'Spoke', [
        '     1 203.0.113.1          10.200.0.1    UP     1w2d     S',
        '     1 203.0.113.2          10.200.0.2   IKE 00:00:07     S',
      ]),
    ]);
    expect(result.warnings).toEqual([]);
    expect(interfacesOf(result.records)).toEqual([
      {
        kind: 'dmvpn_interface',
        line: 10,
        interface: 'Tunnel100',
        type: 'Hub',
        peerCount: 1,
        addressFamily: 'ipv4',
      },
      {
        kind: 'dmvpn_interface',
        line: 17,
        interface: 'Tunnel200',
        type: 'Spoke',
        peerCount: 2,
        addressFamily: 'ipv4',
      },
    ]);
    expect(
      peersOf(result.records).map((peer) => [peer.interface, peer.interfaceType, peer.peerTunnel]),
    ).toEqual([
      ['Tunnel100', 'Hub', '10.100.0.2'],
      ['Tunnel200', 'Spoke', '10.200.0.1'],
      ['Tunnel200', 'Spoke', '10.200.0.2'],
    ]);
    expect(peersOf(result.records)[1]!.upDownSeconds).toBe(777_600);
  });

  it('reads the IOS 12.4 layout: `Tunnel0, Type:Hub, NHRP Peers:2,` on one line, legend without a rule', () => {
    const result = parse([
      'Legend: Attrb --> S - Static, D - Dynamic, I - Incompletea',
      '        N - NATed, L - Local, X - No Socket',
      '        # Ent --> Number of NHRP entries with same NBMA peer',
      '',
      'Tunnel0, Type:Hub, NHRP Peers:2,',
      ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
      ' ----- --------------- --------------- ----- -------- -----',
      '     1     172.16.25.2        10.0.0.2    UP    never D    ',
      '     1     172.16.35.3        10.0.0.3    UP 00:00:41 D    ',
      '',
      'Tunnel1, Type:Spoke, NHRP Peers:1,',
      ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
      ' ----- --------------- --------------- ----- -------- -----',
      '     1     172.16.15.1        10.1.0.1  NHRP    never S    ',
    ]);
    expect(result.warnings).toEqual([]);
    expect(
      interfacesOf(result.records).map(({ line, interface: name, type, peerCount }) => [
        line,
        name,
        type,
        peerCount,
      ]),
    ).toEqual([
      [5, 'Tunnel0', 'Hub', 2],
      [11, 'Tunnel1', 'Spoke', 1],
    ]);
    expect(
      peersOf(result.records).map((peer) => [peer.interface, peer.peerNbma, peer.state, peer.upDownSeconds]),
    ).toEqual([
      ['Tunnel0', '172.16.25.2', 'UP', null],
      ['Tunnel0', '172.16.35.3', 'UP', 41],
      ['Tunnel1', '172.16.15.1', 'NHRP', null],
    ]);
  });

  it('reads every peer of a hub with hundreds of spokes, with no warning', () => {
    const states = ['UP', 'NHRP', 'IKE', 'IPSEC', 'INTF', 'BFD', 'DOWN'] as const;
    const spokes = Array.from({ length: 640 }, (_, index) => ({
      nbma: `198.51.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      tunnel: `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      state: states[index % states.length]!,
      seconds: index * 61,
    }));
    const clock = (seconds: number): string =>
      [seconds / 3600, (seconds / 60) % 60, seconds % 60]
        .map((part) => String(Math.floor(part)).padStart(2, '0'))
        .join(':');
    const rows = spokes.map(
      (spoke) =>
        `     1 ${spoke.nbma.padEnd(15)} ${spoke.tunnel.padStart(15)} ${spoke.state.padStart(5)} ${clock(spoke.seconds)}     D`,
    );
    const result = parse([...LEGEND, ...tunnelOutput('Tunnel0', 'Hub', rows)]);
    expect(result.warnings).toEqual([]);
    expect(interfacesOf(result.records)[0]!.peerCount).toBe(640);
    expect(
      peersOf(result.records).map((peer) => [peer.peerNbma, peer.peerTunnel, peer.state, peer.upDownSeconds]),
    ).toEqual(spokes.map((spoke) => [spoke.nbma, spoke.tunnel, spoke.state, spoke.seconds]));
  });

  it('gathers the phase 3 shortcut rows (DT1 route, DT2 next-hop override) under their NBMA peer', () => {
    const result = parse(
      tunnelOutput('Tunnel0', 'Spoke', [
        '     1 192.0.2.1             10.0.0.1    UP     1w2d     S',
        '     2 192.0.2.2             10.0.0.2    UP 00:00:21   DT1',
        '                             10.0.0.2    UP 00:00:21   DT2',
        '     3 192.0.2.3             10.0.0.3    UP 00:01:05   DT1',
        '                             10.0.0.3    UP 00:01:05   DT2',
        '                            10.0.0.33    UP 00:01:04   DT1',
      ]),
    );
    expect(result.warnings).toEqual([]);
    const [, second, third] = peersOf(result.records);
    expect(second).toMatchObject({
      peerNbma: '192.0.2.2',
      entries: 2,
      attrs: ['D', 'T1'],
      extraTunnelAddresses: [],
    });
    expect(second!.nhrpEntries!.map((entry) => [entry.line, entry.attrs])).toEqual([
      [7, ['D', 'T1']],
      [8, ['D', 'T2']],
    ]);
    expect(third).toMatchObject({ peerNbma: '192.0.2.3', entries: 3, extraTunnelAddresses: ['10.0.0.33'] });
    expect(third!.nhrpEntries!.map((entry) => [entry.peerTunnel, entry.attrb, entry.upDownSeconds])).toEqual([
      ['10.0.0.3', 'DT1', 65],
      ['10.0.0.3', 'DT2', 65],
      ['10.0.0.33', 'DT1', 64],
    ]);
  });

  it('reads every peer state (IPSEC, INTF, IKE, NHRP, BFD, DOWN) and warns on a state it does not know', () => {
    const result = parse(
      tunnelOutput('Tunnel0', 'Hub', [
        '     1 198.51.100.1          10.0.0.1 IPSEC 00:00:09     D',
        '     1 198.51.100.2          10.0.0.2  INTF    never     S',
        '     1 198.51.100.3          10.0.0.3   IKE 00:00:30     D',
        '     1 198.51.100.4          10.0.0.4  NHRP    never    SC',
        '     1 198.51.100.5          10.0.0.5   BFD 00:02:00     D',
        '     1 198.51.100.6          10.0.0.6  DOWN    3w5d      D',
        '     1 198.51.100.7          10.0.0.7  WEIRD 00:02:00     D',
      ]),
    );
    expect(peersOf(result.records).map((peer) => peer.state)).toEqual([
      'IPSEC',
      'INTF',
      'IKE',
      'NHRP',
      'BFD',
      'DOWN',
    ]);
    expect(result.warnings).toEqual([
      {
        line: 12,
        text: '     1 198.51.100.7          10.0.0.7  WEIRD 00:02:00     D',
        reason: 'not a show dmvpn line',
      },
    ]);
  });

  it('reads a long IPv6 NBMA that pushes the columns right, and one that wraps onto the next line', () => {
    const result = parse(
      tunnelOutput('Tunnel0', 'Spoke', [
        '     1 2001:DB8:ABCD:1234:5678:9ABC:DEF0:1        10.0.0.5    UP 00:10:00     S',
        '     1 2001:DB8:ABCD:1234:5678:9ABC:DEF0:2',
        '                                                  10.0.0.6  NHRP    never     S',
        '     1 192.0.2.10',
        '                    2001:DB8:100::10    UP 00:00:42     D',
      ]),
    );
    expect(result.warnings).toEqual([]);
    expect(
      peersOf(result.records).map((peer) => [peer.line, peer.peerNbma, peer.peerTunnel, peer.state]),
    ).toEqual([
      [6, '2001:DB8:ABCD:1234:5678:9ABC:DEF0:1', '10.0.0.5', 'UP'],
      [7, '2001:DB8:ABCD:1234:5678:9ABC:DEF0:2', '10.0.0.6', 'NHRP'],
      [9, '192.0.2.10', '2001:DB8:100::10', 'UP'],
    ]);
  });

  it('reads the IPv4 table and the IPv6 peer blocks of one dual-stack tunnel', () => {
    const result = parse([
      ...LEGEND,
      ...tunnelOutput('Tunnel100', 'Hub', ['     1 3.3.3.3              172.31.1.2    UP 00:10:20     D']),
      'Interface: Tunnel100, IPv6 NHRP Details ',
      'Type:Hub, Total NBMA Peers (v4/v6): 1',
      '    1.Peer NBMA Address: 3.3.3.3',
      '        Tunnel IPv6 Address: 2001:DB8:CAFE::2',
      '        IPv6 Target Network: 2001:DB8:CAFE::2/128 (RED)',
      '        # Ent: 2, Status: UP, UpDn Time: 00:10:20, Cache Attrib: D',
      '    2.Peer NBMA Address: 3.3.3.3',
      '        Tunnel IPv6 Address: 2001:DB8:CAFE::2',
      '        IPv6 Target Network: FE80::2/128',
      '        # Ent: 0, Status: UP, UpDn Time: 00:10:20, Cache Attrib: D',
    ]);
    expect(result.warnings).toEqual([]);
    expect(
      interfacesOf(result.records).map((header) => [
        header.interface,
        header.addressFamily,
        header.peerCount,
      ]),
    ).toEqual([
      ['Tunnel100', 'ipv4', 1],
      ['Tunnel100', 'ipv6', 1],
    ]);
    const [v4, v6] = peersOf(result.records);
    expect(v4).toMatchObject({ peerTunnel: '172.31.1.2', addressFamily: 'ipv4' });
    // `# Ent: 0` is the second entry of the NBMA peer above (link-local target), as a continuation row would be.
    expect(v6).toMatchObject({
      line: 19,
      peerNbma: '3.3.3.3',
      peerTunnel: '2001:DB8:CAFE::2',
      entries: 2,
      targetNetwork: '2001:DB8:CAFE::2/128',
      addressFamily: 'ipv6',
      upDownSeconds: 620,
    });
    expect(v6!.nhrpEntries!.map((entry) => entry.targetNetwork)).toEqual([
      '2001:DB8:CAFE::2/128',
      'FE80::2/128',
    ]);
  });

  it('reads the echoed command line of a capture as part of the output', () => {
    const result = parse(['R1#show dmvpn', ...tunnelOutput('Tunnel0', 'Spoke', [])]);
    expect(result.warnings).toEqual([]);
    expect(interfacesOf(result.records)).toHaveLength(1);
  });
});

describe('show dmvpn given bad or partial output', () => {
  it('says the output is empty', () => {
    expect(showDmvpn.parse('\n  \n').error?.kind).toBe('empty');
  });

  it('says the router refused the command', () => {
    const result = showDmvpn.parse(
      [
        'show dmvpn peer nmba 192.0.2.1',
        '                ^',
        "% Invalid input detected at '^' marker.",
        '',
      ].join('\n'),
    );
    expect(result.error).toMatchObject({ kind: 'invalid-input', line: 3 });
    expect(result.records).toEqual([]);
  });

  it('keeps the rows before an output cut mid-line and warns on the cut row', () => {
    const cutInTime = parse([
      ...TABLE_HEADER,
      '     1 10.200.0.3           10.253.0.1    UP 03:19:46     S',
      '     1 10.2',
    ]);
    expect(peersOf(cutInTime.records).map((peer) => peer.peerNbma)).toEqual(['10.200.0.3']);
    expect(cutInTime.warnings).toEqual([
      { line: 4, text: '     1 10.2', reason: 'a peer row whose state and time never came' },
    ]);
    const cutInState = parse([...TABLE_HEADER, '     1 10.202.0.170         10.253.0.2  NH']);
    expect(cutInState.records).toEqual([]);
    expect(cutInState.warnings.map((warning) => warning.line)).toEqual([3]);
  });

  it('says text that is not show dmvpn output is not recognised, without throwing', () => {
    const result = showDmvpn.parse('%$#@ garbage\nlorem ipsum dolor\n12345 67890 abc');
    expect(result.error?.kind).toBe('not-recognized');
    expect(result.records).toEqual([]);
  });

  it('reads the rows left by `| include UP` with no warning for the missing headers', () => {
    const resolution = resolveCommand('sh dmvpn | i UP');
    if (!resolution.ok) throw new Error(resolution.error);
    expect(resolution.command.filtered).toBe(true);
    const result = showDmvpn.parse(
      [
        '     1 10.200.0.3           10.253.0.1    UP 03:19:46     S',
        '     2 192.0.2.2  10.0.0.2    UP 00:00:21   DT1',
      ].join('\n'),
      { filtered: true },
    );
    expect(result.warnings).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(
      peersOf(result.records).map((peer) => [peer.interface, peer.interfaceType, peer.peerNbma]),
    ).toEqual([
      [null, null, '10.200.0.3'],
      [null, null, '192.0.2.2'],
    ]);
  });

  it('warns on a continuation row whose peer row was filtered away', () => {
    const result = showDmvpn.parse('                            10.0.0.33    UP 00:01:04   DT1', {
      filtered: true,
    });
    expect(result.records).toEqual([]);
    expect(result.warnings.map((warning) => warning.reason)).toEqual([
      'a continuation row whose peer row (with # Ent and NBMA address) is not in the output',
    ]);
  });
});

describe('show dmvpn in the registry', () => {
  it.each([
    ['sh dmvpn', 'show dmvpn', []],
    ['sh dmv int Tunnel100', 'show dmvpn interface Tunnel100', ['Tunnel100']],
    ['show dmvpn interface tunnel 100', 'show dmvpn interface tunnel 100', ['tunnel', '100']],
    ['sh dmvpn peer nbma 192.0.2.1', 'show dmvpn peer nbma 192.0.2.1', ['192.0.2.1']],
    ['sh dmvpn peer tun 10.0.0.1', 'show dmvpn peer tunnel 10.0.0.1', ['10.0.0.1']],
    ['sh dmvpn ipv6', 'show dmvpn ipv6', []],
    ['show dmvpn ipv4 vrf RED static', 'show dmvpn ipv4 vrf RED static', ['RED']],
  ])('resolves `%s` to show dmvpn', (line, expanded, args) => {
    const resolution = resolveCommand(line);
    if (!resolution.ok) throw new Error(resolution.error);
    expect(resolution.command.parser).toBe(showDmvpn);
    expect(resolution.command).toMatchObject({ expanded, args });
  });

  it('recognises show dmvpn output, and leaves show dmvpn detail output to its own parser', () => {
    expect(detectCommand(readCapture('show_dmvpn', 'ntc__cisco_ios_show_dmvpn.raw'))).toBe(showDmvpn);
    expect(detectCommand(readCapture('show_dmvpn_ipv6', 'genie__golden_output1_output.txt'))).toBe(showDmvpn);
    expect(
      detectCommand(readCapture('show_dmvpn_detail', 'Truxton-Marley_ENARSI__r4_spoke_phase3_i2_ikev2.raw')),
    ).toBe(showDmvpnDetail);
  });
});
