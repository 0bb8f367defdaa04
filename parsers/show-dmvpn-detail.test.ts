import { describe, expect, it } from 'vitest';
import type {
  DmvpnCryptoSession,
  DmvpnInterface,
  DmvpnNhs,
  DmvpnPeer,
  DmvpnTunnel,
} from '../model/records/dmvpn.js';
import { readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showDmvpnDetail, type ShowDmvpnDetailRecord } from './show-dmvpn-detail.js';

type Kind = ShowDmvpnDetailRecord['kind'];
const ofKind =
  <K extends Kind>(kind: K) =>
  (records: ShowDmvpnDetailRecord[]): Extract<ShowDmvpnDetailRecord, { kind: K }>[] =>
    records.filter((record): record is Extract<ShowDmvpnDetailRecord, { kind: K }> => record.kind === kind);
const tunnelsOf: (records: ShowDmvpnDetailRecord[]) => DmvpnTunnel[] = ofKind('dmvpn_tunnel');
const nhssOf: (records: ShowDmvpnDetailRecord[]) => DmvpnNhs[] = ofKind('dmvpn_nhs');
const interfacesOf: (records: ShowDmvpnDetailRecord[]) => DmvpnInterface[] = ofKind('dmvpn_interface');
const peersOf: (records: ShowDmvpnDetailRecord[]) => DmvpnPeer[] = ofKind('dmvpn_peer');
const sessionsOf: (records: ShowDmvpnDetailRecord[]) => DmvpnCryptoSession[] = ofKind('dmvpn_crypto_session');

const parse = (lines: string[], filtered = false) => showDmvpnDetail.parse(lines.join('\n'), { filtered });

const CAPTURES = {
  spoke: 'Truxton-Marley_ENARSI__r4_spoke_phase3_i2_ikev2.raw',
  hubSpoke: 'john-clarkson_cisco-labs__usa1_hubspoke_tunnel51-admindown_tunnel501.raw',
  hub: 'pavel956_Otus_network_proff__r15_hub_tunnel100_tunnel500_crypto.raw',
};
const capture = (name: keyof typeof CAPTURES) =>
  showDmvpnDetail.parse(readCapture('show_dmvpn_detail', CAPTURES[name]));

const TABLE_HEADER = [
  '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
  '----- --------------- --------------- ----- -------- ----- -----------------',
];

describe('show dmvpn detail on the real captures (IOS 15.x, IOS-XE, 17.x)', () => {
  it.each(Object.keys(CAPTURES) as (keyof typeof CAPTURES)[])(
    'reads every line of the %s capture',
    (name) => {
      const result = capture(name);
      expect(result.warnings).toEqual([]);
      expect(result.error).toBeUndefined();
    },
  );

  it('a spoke in phase 3 shows its hub as NHS `RE`, and the I2 temporary entry under the hub NBMA', () => {
    const { records } = capture('spoke');
    expect(nhssOf(records)).toEqual([
      {
        kind: 'dmvpn_nhs',
        line: 17,
        interface: 'Tunnel0',
        addressFamily: 'ipv4',
        nhs: '172.16.123.1',
        status: 'RE',
        statusFlags: ['R', 'E'],
        responding: true,
        nbma: null,
        priority: 0,
        cluster: 0,
      },
    ]);
    const [hub, ...spokes] = peersOf(records);
    expect(hub).toMatchObject({
      peerNbma: '1.1.1.1',
      peerTunnel: '172.16.123.1',
      entries: 2,
      nhsStatus: 'RE',
      interfaceType: 'Spoke',
      targetNetwork: '172.16.123.1/32',
      upDownSeconds: 818,
      extraTunnelAddresses: ['172.16.123.4'],
    });
    expect(hub!.nhrpEntries![1]).toEqual({
      line: 23,
      peerTunnel: '172.16.123.4',
      state: 'UP',
      attrb: 'I2',
      attrs: ['I2'],
      upDownSeconds: 6,
      targetNetwork: '172.16.123.4/32',
    });
    expect(spokes.map((peer) => [peer.peerNbma, peer.attrs, peer.nhsStatus])).toEqual([
      ['2.2.2.2', ['D'], null],
      ['3.3.3.3', ['D'], null],
    ]);
  });

  it('a spoke protected by IKEv2 has one UP-ACTIVE session with its SA, flow counters and outbound SPI', () => {
    const [session] = sessionsOf(capture('spoke').records);
    expect(session).toMatchObject({
      line: 31,
      interface: 'Tunnel0',
      pending: false,
      handle: '0x11708818',
      peer: '1.1.1.1',
      status: 'UP-ACTIVE',
      fvrf: null,
      phase1Id: '1.1.1.1',
    });
    expect(session!.ikeSas).toEqual([
      {
        line: 34,
        version: 'IKEv2',
        sessionId: 2,
        local: '4.4.4.4',
        localPort: 500,
        remote: '1.1.1.1',
        remotePort: 500,
        state: 'Active',
        active: true,
        capabilities: [],
        connId: 2,
        lifetimeSeconds: 86_352,
      },
    ]);
    expect(session!.flows).toEqual([
      {
        line: 38,
        selector: 'permit 47 host 4.4.4.4 host 1.1.1.1',
        action: 'permit',
        protocol: '47',
        source: '4.4.4.4',
        destination: '1.1.1.1',
        activeSas: 2,
        origin: 'crypto map',
        inbound: { packets: 47, drops: 0, lifeKb: 4_310_556, lifeSeconds: 3551 },
        outbound: { packets: 47, drops: 0, lifeKb: 4_310_557, lifeSeconds: 3551 },
        outboundSpi: '0x623029E',
        transform: 'esp-aes esp-sha-hmac',
        socketState: 'Open',
      },
    ]);
  });

  it('an admin-down tunnel is listed by name, and a hub/spoke tunnel keeps its spokes’ NHRP groups and QoS', () => {
    const { records } = capture('hubSpoke');
    expect(
      tunnelsOf(records).map(({ interface: name, adminUp, lineUp, status, protectionProfile }) => ({
        name,
        adminUp,
        lineUp,
        status,
        protectionProfile,
      })),
    ).toEqual([
      { name: 'Tunnel51', adminUp: false, lineUp: false, status: 'admin down', protectionProfile: null },
      { name: 'Tunnel501', adminUp: true, lineUp: true, status: 'up/up', protectionProfile: null },
    ]);
    expect(interfacesOf(records)).toEqual([
      {
        kind: 'dmvpn_interface',
        line: 15,
        interface: 'Tunnel501',
        type: 'Hub/Spoke',
        peerCount: 3,
        addressFamily: null,
      },
    ]);
    expect(
      peersOf(records).map((peer) => [peer.peerNbma, peer.nhrpGroup, peer.qosPolicy, peer.nhsStatus]),
    ).toEqual([
      ['58.169.1.4', 'DMVPN_TUNNEL_SHAPING_LOW', 'DMVPN_TUNNEL_SHAPING-LOW', null],
      ['58.169.1.3', 'DMVPN_TUNNEL_SHAPING_HIGH', 'DMVPN_TUNNEL_SHAPING-HIGH', null],
      ['58.169.1.2', null, null, 'RE'],
    ]);
  });

  it('an unprotected tunnel has an empty crypto section: no session', () => {
    expect(sessionsOf(capture('hubSpoke').records)).toEqual([]);
  });

  it('a hub with two tunnels: a spoke stuck in IKE, and sessions UP-NO-IKE whose flow names the peer', () => {
    const { records } = capture('hub');
    expect(
      peersOf(records).map((peer) => [peer.interface, peer.peerNbma, peer.state, peer.upDownSeconds]),
    ).toEqual([
      ['Tunnel100', '10.10.11.28', 'UP', 537],
      ['Tunnel500', '172.16.5.30', 'IKE', 564],
      ['Tunnel500', '172.16.5.38', 'UP', 537],
    ]);
    expect(
      tunnelsOf(records).map((tunnel) => [tunnel.interface, tunnel.tunnelSource, tunnel.protectionProfile]),
    ).toEqual([
      ['Tunnel100', '10.10.11.15', null],
      ['Tunnel500', '172.16.5.5', 'DMVPN'],
    ]);
    // IOS 15 runs `IPSEC FLOW:` onto the `fvrf:` line when there is no Phase1_id.
    expect(
      sessionsOf(records).map((session) => ({
        peer: session.peer,
        status: session.status,
        ikeSas: session.ikeSas.length,
        flowLine: session.flows[0]!.line,
        decrypted: session.flows[0]!.inbound!.packets,
        encrypted: session.flows[0]!.outbound!.packets,
        spi: session.flows[0]!.outboundSpi,
      })),
    ).toEqual([
      {
        peer: '172.16.5.30',
        status: 'UP-NO-IKE',
        ikeSas: 0,
        flowLine: 38,
        decrypted: 47,
        encrypted: 40,
        spi: '0xBEB18ED0',
      },
      {
        peer: '172.16.5.38',
        status: 'UP-NO-IKE',
        ikeSas: 0,
        flowLine: 48,
        decrypted: 36,
        encrypted: 39,
        spi: '0x5404C316',
      },
    ]);
  });
});

describe('show dmvpn detail on the networks we watch', () => {
  it('an IPv6 spoke: one-line `IPv6 NHS:`, peer blocks, and pending sessions printed without `Session:`', () => {
    const result = parse([
      'Interface Tunnel1 is up/up, Addr. is 10.0.0.1, VRF "" ',
      '   Tunnel Src./Dest. addr: 192.169.2.10/MGRE, Tunnel VRF ""',
      '   Protocol/Transport: "multi-GRE/IP", Protect "test_profile" ',
      'IPv6 NHS: 2001::6 RE',
      'Type:Spoke, Total NBMA Peers (v4/v6): 1',
      '    1.Peer NBMA Address: 192.169.2.9',
      '        Tunnel IPv6 Address: 2001::6',
      '        IPv6 Target Network: 2001::/112',
      '        # Ent: 2, Status: NHRP, UpDn Time: never, Cache Attrib: S',
      '    2.Peer NBMA Address: 192.169.2.9',
      '        Tunnel IPv6 Address: FE80::1',
      '        IPv6 Target Network: FE80::1/128',
      '        # Ent: 0, Status: UP, UpDn Time: 00:00:24, Cache Attrib: D',
      'Pending DMVPN Sessions:',
      'Interface: Tunnel1',
      '  IKE SA: local 192.169.2.10/500 remote 192.169.2.9/500 Active ',
      '  Crypto Session Status: UP-ACTIVE     ',
      '  fvrf: (none), Phase1_id: 192.169.2.9',
      '  IPSEC FLOW: permit 47 host 192.169.2.10 host 192.169.2.9 ',
      '        Active SAs: 2, origin: crypto map',
      '   Outbound SPI : 0x BB0ED02, transform : esp-aes esp-sha-hmac ',
      '    Socket State: Open',
    ]);
    expect(result.warnings).toEqual([]);
    expect(nhssOf(result.records)).toMatchObject([{ nhs: '2001::6', addressFamily: 'ipv6', status: 'RE' }]);
    const [peer] = peersOf(result.records);
    expect(peer).toMatchObject({
      peerNbma: '192.169.2.9',
      peerTunnel: '2001::6',
      state: 'NHRP',
      upDownSeconds: null,
      entries: 2,
      addressFamily: 'ipv6',
      nhsStatus: 'RE',
      extraTunnelAddresses: ['FE80::1'],
    });
    expect(peersOf(result.records)).toHaveLength(1);
    const [session] = sessionsOf(result.records);
    expect(session).toMatchObject({ pending: true, handle: null, peer: '192.169.2.9', status: 'UP-ACTIVE' });
    expect(session!.ikeSas[0]).toMatchObject({ version: 'IKE', remote: '192.169.2.9', capabilities: null });
    expect(session!.flows[0]).toMatchObject({ outboundSpi: '0xBB0ED02', inbound: null, activeSas: 2 });
  });

  it("an IKEv1 hub: a NAT'd spoke on 4500, an old SA still listed Inactive with lifetime 0, rows between blanks", () => {
    const result = parse([
      'Interface Tunnel0 is up/up, Addr. is 192.168.1.1, VRF ""',
      '   Tunnel Src./Dest. addr: 1.1.1.1/Multipoint, Tunnel VRF "INET"',
      '   Protocol/Transport: "multi-GRE/IP", Protect "DMVPN"',
      '   Interface State Control: Enabled',
      'Type:Hub, Total NBMA Peers (v4/v6): 2',
      '',
      ...TABLE_HEADER,
      '    1        6.6.6.6     192.168.1.6    UP 00:00:18    DN     192.168.1.6/32',
      '',
      '    1        7.7.7.7     192.168.1.7 IPSEC 00:00:16     D     192.168.1.7/32',
      '',
      '',
      'Crypto Session Details: ',
      '--------------------------------------------------------------------------------',
      '',
      'Interface: Tunnel0',
      'Session: [0x67620188]',
      '  IKEv1 SA: local 1.1.1.1/4500 remote 6.6.6.6/4500 Active',
      '          Capabilities:DN connid:1004 lifetime:23:59:39',
      '  IKEv1 SA: local 1.1.1.1/4500 remote 6.6.6.6/4500 Inactive',
      '          Capabilities:(none) connid:1003 lifetime:0',
      '  Crypto Session Status: UP-ACTIVE',
      '  fvrf: INET, Phase1_id: 6.6.6.6',
      '  IPSEC FLOW: permit 47 host 1.1.1.1 host 6.6.6.6',
      '        Active SAs: 2, origin: crypto map',
      "        Inbound:  #pkts dec'ed 22 drop 0 life (KB/Sec) KB Vol Rekey Disabled/280",
      "        Outbound: #pkts enc'ed 29 drop 3 life (KB/Sec) KB Vol Rekey Disabled/280",
      '   Outbound SPI : 0x47C7658D, transform : esp-aes esp-sha-hmac',
      '    Socket State: Open',
      '',
      'Interface: Tunnel0',
      'Session: [0x67620288]',
      '  IKEv1 SA: local 1.1.1.1/500 remote 7.7.7.7/500 Active',
      '          Capabilities:D connid:1005 lifetime:1d02h',
      '  Crypto Session Status: UP-IDLE',
      '  fvrf: INET, Phase1_id: 7.7.7.7',
      '',
      'Pending DMVPN Sessions:',
      '',
    ]);
    expect(result.warnings).toEqual([]);
    expect(tunnelsOf(result.records)[0]).toMatchObject({
      tunnelDestination: 'Multipoint',
      tunnelVrf: 'INET',
      interfaceStateControl: true,
      eventPublisher: null,
    });
    expect(peersOf(result.records).map((peer) => [peer.peerNbma, peer.attrs, peer.state])).toEqual([
      ['6.6.6.6', ['D', 'N'], 'UP'],
      ['7.7.7.7', ['D'], 'IPSEC'],
    ]);
    const [natted, idle] = sessionsOf(result.records);
    expect(
      natted!.ikeSas.map((sa) => [sa.remotePort, sa.active, sa.capabilities, sa.connId, sa.lifetimeSeconds]),
    ).toEqual([
      [4500, true, ['D', 'N'], 1004, 86_379],
      [4500, false, [], 1003, 0],
    ]);
    expect(natted).toMatchObject({ fvrf: 'INET', status: 'UP-ACTIVE' });
    expect(natted!.flows[0]!.inbound).toEqual({ packets: 22, drops: 0, lifeKb: null, lifeSeconds: 280 });
    expect(natted!.flows[0]!.outbound).toEqual({ packets: 29, drops: 3, lifeKb: null, lifeSeconds: 280 });
    expect(idle).toMatchObject({ handle: '0x67620288', peer: '7.7.7.7', status: 'UP-IDLE', flows: [] });
    expect(idle!.ikeSas[0]!.lifetimeSeconds).toBe(93_600);
  });

  it('a spoke with two hubs, one not answering (`E` alone), and a tunnel whose line protocol is down', () => {
    const result = parse([
      'Interface Tunnel0 is up/down, Addr. is 10.0.0.11, VRF "RED"',
      '   Tunnel Src./Dest. addr: 203.0.113.11/MGRE, Tunnel VRF ""',
      '   Protocol/Transport: "multi-GRE/IP", Protect "DMVPN"',
      '   Interface State Control: Enabled',
      '   nhrp event-publisher : Disabled',
      'NHRP group: SPOKE-LOW',
      '',
      'IPv4 NHS:',
      '10.0.0.1  RE NBMA Address: 198.51.100.1 priority = 0 cluster = 0',
      '10.0.0.2   E NBMA Address: 198.51.100.2 priority = 1 cluster = 2',
      'Type:Spoke, Total NBMA Peers (v4/v6): 2',
      '',
      ...TABLE_HEADER,
      '    1 198.51.100.1          10.0.0.1  INTF 00:00:31     S        10.0.0.1/32',
      '    1 198.51.100.2          10.0.0.2  INTF    never     S        10.0.0.2/32',
    ]);
    expect(result.warnings).toEqual([]);
    expect(tunnelsOf(result.records)[0]).toMatchObject({
      adminUp: true,
      lineUp: false,
      status: 'up/down',
      vrf: 'RED',
      nhrpGroup: 'SPOKE-LOW',
    });
    expect(
      nhssOf(result.records).map((nhs) => [nhs.nhs, nhs.responding, nhs.nbma, nhs.priority, nhs.cluster]),
    ).toEqual([
      ['10.0.0.1', true, '198.51.100.1', 0, 0],
      ['10.0.0.2', false, '198.51.100.2', 1, 2],
    ]);
    expect(peersOf(result.records).map((peer) => [peer.state, peer.nhsStatus])).toEqual([
      ['INTF', 'RE'],
      ['INTF', 'E'],
    ]);
  });
});

describe('show dmvpn detail given bad or partial output', () => {
  it('says the output is empty', () => {
    expect(showDmvpnDetail.parse('').error?.kind).toBe('empty');
  });

  it('says the router refused the command', () => {
    const result = showDmvpnDetail.parse(
      ['show dmvpn detial', '           ^', "% Invalid input detected at '^' marker."].join('\n'),
    );
    expect(result.error).toMatchObject({ kind: 'invalid-input', line: 3 });
  });

  it('keeps what came before an output cut in the middle of a crypto line, and warns on the cut line', () => {
    const lines = readCapture('show_dmvpn_detail', CAPTURES.spoke).split('\n').slice(0, 40);
    lines[39] = lines[39]!.slice(0, 30);
    const result = showDmvpnDetail.parse(lines.join('\n'));
    expect(result.warnings).toEqual([
      { line: 40, text: "        Inbound:  #pkts dec'ed", reason: 'not a show dmvpn detail line' },
    ]);
    expect(peersOf(result.records)).toHaveLength(3);
    expect(sessionsOf(result.records)[0]!.flows[0]!.inbound).toBeNull();
  });

  it('says text that is not show dmvpn detail output is not recognised, without throwing', () => {
    const result = showDmvpnDetail.parse('hello\n\u0000\u0001 binary\n  ) ( ] [\n999');
    expect(result.error?.kind).toBe('not-recognized');
  });

  it('reads `| include Status|Interface` without warning for the blocks it cut away', () => {
    const resolution = resolveCommand('sh dmvpn det | i Status|Interface');
    if (!resolution.ok) throw new Error(resolution.error);
    const result = showDmvpnDetail.parse(
      [
        'Interface Tunnel500 is up/up, Addr. is 192.168.250.1, VRF ""',
        '   Interface State Control: Disabled',
        'Interface: Tunnel500',
        '  Crypto Session Status: UP-NO-IKE',
        '  Crypto Session Status: DOWN-NEGOTIATING',
      ].join('\n'),
      { filtered: resolution.command.filtered },
    );
    expect(result.warnings).toEqual([]);
    expect(
      sessionsOf(result.records).map((session) => [session.line, session.interface, session.status]),
    ).toEqual([
      [3, 'Tunnel500', 'UP-NO-IKE'],
      [5, 'Tunnel500', 'DOWN-NEGOTIATING'],
    ]);
  });
});

describe('show dmvpn detail | count', () => {
  it('gives the number of sessions counted by `| count Status: UP-ACTIVE`', () => {
    const resolution = resolveCommand('show dmvpn detail | count Status: UP-ACTIVE');
    if (!resolution.ok) throw new Error(resolution.error);
    const { parser, filtered } = resolution.command;
    expect(parser.parse('Number of lines which match regexp = 41', { filtered })).toEqual({
      command: 'show dmvpn detail',
      records: [{ kind: 'dmvpn_match_count', line: 1, lines: 41 }],
      warnings: [],
    });
  });
});

describe('show dmvpn detail in the registry', () => {
  it.each([
    ['sh dmvpn det', 'show dmvpn detail'],
    ['show dmvpn ipv4 detail', 'show dmvpn ipv4 detail'],
    ['sh dmvpn int Tunnel0 det', 'show dmvpn interface Tunnel0 detail'],
    ['show dmvpn peer nbma 192.0.2.1 detail', 'show dmvpn peer nbma 192.0.2.1 detail'],
    ['sh dmvpn ipv6 vrf RED det', 'show dmvpn ipv6 vrf RED detail'],
  ])('resolves `%s`', (line, expanded) => {
    const resolution = resolveCommand(line);
    if (!resolution.ok) throw new Error(resolution.error);
    expect(resolution.command.parser).toBe(showDmvpnDetail);
    expect(resolution.command.expanded).toBe(expanded);
  });

  it('recognises every detail capture from its output alone', () => {
    for (const file of Object.values(CAPTURES)) {
      expect(detectCommand(readCapture('show_dmvpn_detail', file))).toBe(showDmvpnDetail);
    }
  });
});
