import { describe, expect, it } from 'vitest';
import type { InterfaceDetail } from '../model/records/system.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { parseDuration } from './common/duration.js';
import { resolveCommand } from './registry/index.js';
import { showInterfaces } from './show-interfaces.js';

const MGRE_HUB_HEAD = 'Tunnel0 is up, line protocol is up \n  Hardware is Tunnel';

const byName = (records: InterfaceDetail[]): Map<string, InterfaceDetail> =>
  new Map(records.map((record) => [record.name, record]));

/** Seconds of an IOS time (null for `never`); NaN for text that is not a time, so it cannot match. */
function seconds(text: string): number | null {
  const value = parseDuration(text);
  return value === undefined ? Number.NaN : value;
}

/** Genie's ShowInterfaces fields, each with the value our record gives for it. */
function asGenie(record: InterfaceDetail): Record<string, unknown> {
  const { counters, tunnel } = record;
  return {
    type: record.hardware,
    enabled: record.adminUp,
    line_protocol: record.lineProtocol,
    // Genie's oper_status follows the line protocol, as our operUp does.
    oper_status: record.operUp ? 'up' : 'down',
    description: record.description,
    mac_address: record.macAddress,
    phys_address: record.burnedInAddress,
    mtu: record.mtu,
    bandwidth: record.bandwidthKbps,
    delay: record.delayUsec,
    reliability: `${record.reliability}/255`,
    txload: `${record.txLoad}/255`,
    rxload: `${record.rxLoad}/255`,
    keepalive: record.keepaliveSeconds,
    arp_type: record.arpType?.toLowerCase(),
    arp_timeout: record.arpTimeoutSeconds,
    last_input: record.lastInputSeconds,
    last_output: record.lastOutputSeconds,
    output_hang: record.lastOutputHangSeconds,
    media_type: record.mediaType,
    link_type: record.linkType,
    'counters.last_clear': record.lastClearingSeconds,
    'counters.in_pkts': counters.inPackets,
    'counters.in_octets': counters.inBytes,
    'counters.in_no_buffer': counters.noBuffer,
    'counters.in_broadcast_pkts': counters.inBroadcasts,
    // Genie keeps whichever of `(N IP multicasts)` and `N multicast` it read last.
    'counters.in_multicast_pkts': counters.inMulticasts ?? counters.inIpMulticasts,
    'counters.in_runts': counters.runts,
    'counters.in_giants': counters.giants,
    'counters.in_throttles': counters.throttles,
    'counters.in_errors': counters.inErrors,
    'counters.in_crc_errors': counters.crc,
    'counters.in_frame': counters.frame,
    'counters.in_overrun': counters.overrun,
    'counters.in_ignored': counters.ignored,
    'counters.in_abort': counters.abort,
    'counters.in_watchdog': counters.watchdog,
    'counters.in_mac_pause_frames': counters.pauseInput,
    'counters.out_pkts': counters.outPackets,
    'counters.out_octets': counters.outBytes,
    'counters.out_underruns': counters.underruns,
    'counters.out_broadcast_pkts': counters.outBroadcasts,
    'counters.out_multicast_pkts': counters.outIpMulticasts,
    'counters.out_errors': counters.outErrors,
    'counters.out_collision': counters.collisions,
    'counters.out_interface_resets': counters.interfaceResets,
    'counters.out_unknown_protocl_drops': counters.unknownProtocolDrops,
    'counters.out_babble': counters.babbles,
    'counters.out_late_collision': counters.lateCollisions,
    'counters.out_deferred': counters.deferred,
    'counters.out_lost_carrier': counters.lostCarrier,
    'counters.out_no_carrier': counters.noCarrier,
    'counters.out_mac_pause_frames': counters.pauseOutput,
    'counters.out_buffer_failure': counters.outputBufferFailures,
    'counters.out_buffers_swapped': counters.outputBuffersSwappedOut,
    'counters.rate.load_interval': record.loadIntervalSeconds,
    'counters.rate.in_rate': record.inputRateBps,
    'counters.rate.in_rate_pkts': record.inputRatePps,
    'counters.rate.out_rate': record.outputRateBps,
    'counters.rate.out_rate_pkts': record.outputRatePps,
    'queues.input_queue_size': record.inputQueue?.size,
    'queues.input_queue_max': record.inputQueue?.max,
    'queues.input_queue_drops': record.inputQueue?.drops,
    'queues.input_queue_flushes': record.inputQueue?.flushes,
    'queues.total_output_drop': record.totalOutputDrops,
    'queues.queue_strategy': record.queueingStrategy,
    'queues.output_queue_size': record.outputQueue?.size,
    'queues.output_queue_max': record.outputQueue?.max,
    'encapsulations.first_dot1q': record.vlanId === null ? undefined : String(record.vlanId),
    'ipv4.unnumbered.interface_ref': record.unnumberedInterface,
    tunnel_source_ip: tunnel?.source,
    tunnel_source_interface: tunnel?.sourceInterface,
    tunnel_destination_ip: tunnel?.destination,
    tunnel_protocol: tunnel?.protocol,
    tunnel_ttl: tunnel?.ttl,
    tunnel_transport_mtu: tunnel?.transportMtu,
    tunnel_transmit_bandwidth: tunnel?.transmitBandwidthKbps,
    tunnel_receive_bandwidth: tunnel?.receiveBandwidthKbps,
    tunnel_protection: tunnel?.protection,
    tunnel_profile: tunnel?.protectionProfile,
  };
}

/** Genie's flattened fields that our record carries, its times turned into seconds. */
function genieFields(upstream: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(upstream)) {
    const path = prefix + key;
    if (value !== null && typeof value === 'object')
      Object.assign(fields, genieFields(value as never, `${path}.`));
    else if (/^(last_input|last_output|output_hang|arp_timeout|counters\.last_clear)$/.test(path)) {
      fields[path] = seconds(String(value));
    } else fields[path] = value;
  }
  return fields;
}

function compareWithGenie(folder: string, file: string, name: string): void {
  const { records, warnings } = showInterfaces.parse(readCapture(folder, file));
  expect(warnings).toEqual([]);
  const upstream = loadUpstream(folder, name) as Record<string, Record<string, unknown>>;
  const ours = byName(records);
  expect([...ours.keys()].sort()).toEqual(Object.keys(upstream).sort());
  for (const [interfaceName, genie] of Object.entries(upstream)) {
    const mapped = asGenie(ours.get(interfaceName)!);
    const expected = genieFields(genie);
    const actual = Object.fromEntries(
      Object.keys(expected)
        .filter((path) => path in mapped)
        .map((path) => [path, mapped[path]]),
    );
    const comparable = Object.fromEntries(Object.entries(expected).filter(([path]) => path in mapped));
    expect({ interface: interfaceName, ...actual }).toEqual({ interface: interfaceName, ...comparable });
  }
}

describe('show interfaces: the captures agree with their upstream parse', () => {
  it('IOS-XE tunnels, one protected by IPsec (genie golden_interface_output_11)', () => {
    compareWithGenie(
      'show_interfaces',
      'genie__golden_interface_output_11_output.txt',
      'genie__golden_interface_output_11',
    );
  });

  it('IOS-XE tunnels after the echoed command line (genie golden_interface_output_10)', () => {
    compareWithGenie(
      'show_interfaces',
      'genie__golden_interface_output_10_output.txt',
      'genie__golden_interface_output_10',
    );
  });

  it('classic IOS Ethernet, subinterface, loopback and PIM tunnel (genie ios golden_output)', () => {
    // Genie also gives the unnumbered Tunnel0 the prefix of the interface it borrows from (`192.168.154.1/24`);
    // IOS prints only the address, which is all we keep, so ipv4 addresses are compared below, not their prefixes.
    compareWithGenie('show_interfaces__ios', 'genie__golden_output_output.txt', 'genie__golden_output');
    const { records } = showInterfaces.parse(
      readCapture('show_interfaces__ios', 'genie__golden_output_output.txt'),
    );
    const ours = byName(records);
    expect(ours.get('GigabitEthernet0/2.1')).toMatchObject({ ipAddress: '192.168.154.1', prefixLength: 24 });
    expect(ours.get('Tunnel0')).toMatchObject({ ipAddress: '192.168.154.1', prefixLength: null });
  });

  it('a branch router with subinterfaces and PIM tunnels (ntc show_interfaces3)', () => {
    const { records, warnings } = showInterfaces.parse(
      readCapture('show_interfaces', 'ntc__cisco_ios_show_interfaces3.raw'),
    );
    expect(warnings).toEqual([]);
    const upstream = (
      loadUpstream('show_interfaces', 'ntc__cisco_ios_show_interfaces3') as {
        parsed_sample: Record<string, string>[];
      }
    ).parsed_sample;
    const text = (value: number | null | undefined): string =>
      value === null || value === undefined ? '' : String(value);
    const time = (value: number | null, printed: string): string =>
      printed === '' ? '' : String(seconds(printed) === value ? printed : value);
    const ours = records.map((record, index) => {
      const ntc = upstream[index]!;
      return {
        interface: record.name,
        link_status: record.status,
        protocol_status: record.lineProtocol,
        hardware_type: record.hardware ?? '',
        mac_address: record.macAddress ?? '',
        bia: record.burnedInAddress ?? '',
        description: record.description ?? '',
        // ntc keeps the unnumbered tunnel's borrowed address out of ip_address; so do we, in unnumberedInterface.
        ip_address: record.unnumberedInterface ? '' : (record.ipAddress ?? ''),
        prefix_length: text(record.prefixLength),
        mtu: text(record.mtu),
        bandwidth: `${record.bandwidthKbps} Kbit`,
        delay: `${record.delayUsec} usec`,
        encapsulation: record.encapsulation ?? '',
        vlan_id: text(record.vlanId),
        duplex: record.duplex ?? '',
        speed: record.speed ?? '',
        media_type: record.mediaType ?? '',
        last_input: time(record.lastInputSeconds, ntc.last_input!),
        last_output: time(record.lastOutputSeconds, ntc.last_output!),
        last_output_hang: time(record.lastOutputHangSeconds, ntc.last_output_hang!),
        queue_strategy: record.queueingStrategy ?? '',
        queue_size: text(record.inputQueue?.size),
        queue_max: text(record.inputQueue?.max),
        queue_drops: text(record.inputQueue?.drops),
        queue_flushes: text(record.inputQueue?.flushes),
        queue_output_drops: text(record.totalOutputDrops),
        input_rate: text(record.inputRateBps),
        input_pps: text(record.inputRatePps),
        output_rate: text(record.outputRateBps),
        output_pps: text(record.outputRatePps),
        input_packets: text(record.counters.inPackets),
        output_packets: text(record.counters.outPackets),
        input_errors: text(record.inErrors),
        output_errors: text(record.outErrors),
        runts: text(record.counters.runts),
        giants: text(record.counters.giants),
        crc: text(record.counters.crc),
        frame: text(record.counters.frame),
        overrun: text(record.counters.overrun),
        abort: text(record.counters.abort),
      };
    });
    // ntc's template reads `packets input` only when `, 0 no buffer` follows, and the media only after `media type
    // is`; these FastEthernet ports print neither, so ntc leaves empty what IOS printed and we read.
    const ntcGaps: Record<string, Record<string, string>> = {
      'FastEthernet0/1/0': { input_packets: '338645504', media_type: '100BaseTX/FX' },
      'FastEthernet0/1/1': { input_packets: '0', media_type: '100BaseTX/FX' },
    };
    const expected = upstream.map((ntc, index) => ({
      ...Object.fromEntries(Object.keys(ours[index]!).map((key) => [key, ntc[key]])),
      ...ntcGaps[ntc.interface!],
    }));
    expect(ours).toEqual(expected);
  });
});

describe('show interfaces: tunnels as a DMVPN engineer reads them', () => {
  const MGRE_HUB = [
    'Tunnel0 is up, line protocol is up ',
    '  Hardware is Tunnel',
    '  Description: DMVPN hub',
    '  Internet address is 10.0.0.1/24',
    '  MTU 17916 bytes, BW 1000 Kbit/sec, DLY 50000 usec, ',
    '     reliability 255/255, txload 1/255, rxload 1/255',
    '  Encapsulation TUNNEL, loopback not set',
    '  Keepalive not set',
    '  Tunnel linestate evaluation up',
    '  Tunnel source 192.0.2.1 (GigabitEthernet1)',
    '   Tunnel Subblocks:',
    '      src-track:',
    '         Tunnel0 source tracking subblock associated with GigabitEthernet1',
    '          Set of tunnels with source GigabitEthernet1, 1 member (includes iterators), on interface <OK>',
    '  Tunnel protocol/transport multi-GRE/IP',
    '    Key 0x3E8, sequencing disabled',
    '    Checksumming of packets disabled',
    '  Tunnel TTL 255, Fast tunneling enabled',
    '  Tunnel transport MTU 1438 bytes',
    '  Tunnel transmit bandwidth 8000 (kbps)',
    '  Tunnel receive bandwidth 8000 (kbps)',
    '  Tunnel protection via IPSec (profile "DMVPN-PROFILE")',
    '  Last input 00:00:01, output never, output hang never',
    '  Last clearing of "show interface" counters 1w2d',
    '  Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 12',
    '  Queueing strategy: fifo',
    '  Output queue: 0/0 (size/max)',
    '  5 minute input rate 2000 bits/sec, 3 packets/sec',
    '  5 minute output rate 1000 bits/sec, 2 packets/sec',
    '     1234567 packets input, 98765432 bytes, 0 no buffer',
    '     Received 0 broadcasts (0 IP multicasts)',
    '     0 runts, 0 giants, 0 throttles',
    '     7 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
    '     2345678 packets output, 87654321 bytes, 0 underruns',
    '     Output 0 broadcasts (0 IP multicasts)',
    '     3 output errors, 0 collisions, 0 interface resets',
    '     0 unknown protocol drops',
    '     0 output buffer failures, 0 output buffers swapped out',
  ].join('\n');

  it('an mGRE hub tunnel with IPsec protection gives its key in decimal, its profile and its counters', () => {
    const { records, warnings } = showInterfaces.parse(MGRE_HUB);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    const [hub] = records;
    expect(hub).toMatchObject({
      name: 'Tunnel0',
      adminUp: true,
      operUp: true,
      ipAddress: '10.0.0.1',
      prefixLength: 24,
      mtu: 17916,
      inBytes: 98765432,
      outBytes: 87654321,
      inErrors: 7,
      outErrors: 3,
      lastInputSeconds: 1,
      lastOutputSeconds: null,
      lastClearingSeconds: 9 * 86_400,
      totalOutputDrops: 12,
      inputRateBps: 2000,
      outputRatePps: 2,
    });
    expect(hub!.tunnel).toEqual({
      source: '192.0.2.1',
      sourceInterface: 'GigabitEthernet1',
      destination: null,
      vrf: null,
      protocol: 'multi-GRE/IP',
      multipoint: true,
      key: 1000,
      sequencing: false,
      checksumming: false,
      ttl: 255,
      tos: null,
      fastTunneling: true,
      transportMtu: 1438,
      transmitBandwidthKbps: 8000,
      receiveBandwidthKbps: 8000,
      protection: 'IPSec',
      protectionProfile: 'DMVPN-PROFILE',
      linestate: 'up',
      linestateReason: null,
      transmitOnly: false,
      pathMtuDiscovery: false,
      pathMtuAgerMinutes: null,
      pathMtuMinimum: null,
    });
  });

  it('a point-to-point tunnel that is up/down says why its line protocol is down', () => {
    const { records, warnings } = showInterfaces.parse(
      [
        'Tunnel1 is up, line protocol is down ',
        '  Hardware is Tunnel',
        '  Internet address is 172.16.100.13/24',
        '  Tunnel linestate evaluation down - no output interface',
        '  Tunnel source 198.51.100.10 (GigabitEthernet0/1), destination 203.0.113.2',
        '  Tunnel protocol/transport GRE/IP',
        '    Key 0x64, sequencing disabled',
        '  Tunnel TTL 255',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ status: 'up', lineProtocol: 'down', adminUp: true, operUp: false });
    expect(records[0]!.tunnel).toMatchObject({
      destination: '203.0.113.2',
      multipoint: false,
      key: 100,
      linestate: 'down',
      linestateReason: 'no output interface',
    });
  });

  it('an administratively down tunnel is neither admin up nor oper up', () => {
    const { records } = showInterfaces.parse(
      'Tunnel51 is administratively down, line protocol is down \n  Hardware is Tunnel\n  Keepalive not set\n',
    );
    expect(records[0]).toMatchObject({
      name: 'Tunnel51',
      status: 'administratively down',
      adminUp: false,
      operUp: false,
      keepalive: 'not set',
      keepaliveSeconds: null,
    });
  });

  it('an IOS 12.3 tunnel groups its clauses differently and still reads the same', () => {
    const { records, warnings } = showInterfaces.parse(
      [
        'Tunnel0 is up, line protocol is up ',
        '  Hardware is Tunnel',
        '  Tunnel source 10.1.1.1 (Ethernet0), destination 10.2.2.2, fastswitch TTL 255',
        '  Tunnel protocol/transport GRE/IP, key disabled, sequencing disabled',
        '  Checksumming of packets disabled,  fast tunneling enabled',
        '  Path MTU Discovery, ager 10 mins, min MTU 92',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]!.tunnel).toMatchObject({
      destination: '10.2.2.2',
      ttl: 255,
      key: null,
      sequencing: false,
      checksumming: false,
      fastTunneling: true,
      pathMtuDiscovery: true,
      pathMtuAgerMinutes: 10,
      pathMtuMinimum: 92,
    });
  });

  it('a switch port keeps its (connected)/(notconnect) state beside the line protocol', () => {
    const { records } = showInterfaces.parse(
      [
        'GigabitEthernet1/0/1 is up, line protocol is up (connected) ',
        '  Hardware is Gigabit Ethernet, address is 0011.2233.4455 (bia 0011.2233.4455)',
        'GigabitEthernet1/0/2 is down, line protocol is down (notconnect) ',
        '  Hardware is Gigabit Ethernet, address is 0011.2233.4456 (bia 0011.2233.4456)',
        'Vlan1 is administratively down, line protocol is down , Autostate Enabled',
        '  Hardware is Ethernet SVI, address is 0011.2233.4400 (bia 0011.2233.4400)',
      ].join('\n'),
    );
    expect(
      records.map(({ name, portState, operUp, headerNote }) => ({ name, portState, operUp, headerNote })),
    ).toEqual([
      { name: 'GigabitEthernet1/0/1', portState: 'connected', operUp: true, headerNote: null },
      { name: 'GigabitEthernet1/0/2', portState: 'notconnect', operUp: false, headerNote: null },
      { name: 'Vlan1', portState: null, operUp: false, headerNote: 'Autostate Enabled' },
    ]);
  });

  it('a port-channel lists its members, a QinQ subinterface its two VLAN ids', () => {
    const { records, warnings } = showInterfaces.parse(
      [
        'Port-channel1 is up, line protocol is up ',
        '  Encapsulation 802.1Q Virtual LAN, Vlan ID  1., loopback not set',
        '    No. of active members in this channel: 2 ',
        '        Member 0 : TenGigabitEthernet0/0/0 , Full-duplex, 10000Mb/s',
        '        Member 1 : TenGigabitEthernet0/0/1 , Full-duplex, 10000Mb/s',
        '    No. of PF_JUMBO supported members in this channel : 2',
        '     0 carrier transitions',
        'Port-channel1.13 is up, line protocol is up ',
        '  Encapsulation QinQ Virtual LAN, outer ID  813, inner ID 13',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      vlanId: 1,
      channelActiveMembers: 2,
      channelJumboMembers: 2,
      channelMembers: [
        { name: 'TenGigabitEthernet0/0/0', duplex: 'Full-duplex', speed: '10000Mb/s' },
        { name: 'TenGigabitEthernet0/0/1', duplex: 'Full-duplex', speed: '10000Mb/s' },
      ],
    });
    expect(records[0]!.counters.carrierTransitions).toBe(0);
    expect(records[1]).toMatchObject({
      encapsulation: 'QinQ Virtual LAN',
      outerVlanId: 813,
      innerVlanId: 13,
    });
  });

  it('weighted fair queueing figures are named after their own legend', () => {
    const { records, warnings } = showInterfaces.parse(
      [
        'Serial0/0/0 is up, line protocol is up ',
        '  Hardware is GT96K Serial',
        '  Encapsulation HDLC, crc 16, loopback not set',
        '  Queueing strategy: weighted fair',
        '  Output queue: 0/1000/64/0 (size/max total/threshold/drops) ',
        '     Conversations  0/1/256 (active/max active/max total)',
        '     Reserved Conversations 0/0 (allocated/max allocated)',
        '     Available Bandwidth 1158 kilobits/sec',
        '     DCD=up  DSR=up  DTR=up  RTS=up  CTS=up',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      crcBits: 16,
      outputQueue: { size: 0, maxTotal: 1000, threshold: 64, drops: 0 },
      conversations: { active: 0, maxActive: 1, maxTotal: 256 },
      reservedConversations: { allocated: 0, maxAllocated: 0 },
      availableBandwidthKbps: 1158,
      signals: { DCD: 'up', DSR: 'up', DTR: 'up', RTS: 'up', CTS: 'up' },
    });
  });

  it('a capture whose indentation was stripped reads the same', () => {
    const stripped = MGRE_HUB.split('\n')
      .map((line) => line.trim())
      .join('\n');
    const ours = showInterfaces.parse(stripped);
    expect(ours.warnings).toEqual([]);
    expect(ours.records).toEqual(showInterfaces.parse(MGRE_HUB).records);
  });
});

describe('show interfaces: filtered and bad output', () => {
  it('`| include Tunnel|line protocol` keeps the headers and tunnel lines', () => {
    const resolution = resolveCommand('sh int | include Tunnel|line protocol');
    expect(resolution.ok && resolution.command.filtered).toBe(true);
    const text = [
      'Tunnel0 is up, line protocol is up ',
      '  Tunnel source 192.0.2.1 (GigabitEthernet1)',
      '  Tunnel protocol/transport multi-GRE/IP',
      '  Tunnel protection via IPSec (profile "DMVPN-PROFILE")',
      'Tunnel1 is up, line protocol is down ',
    ].join('\n');
    const { records, warnings, error } = showInterfaces.parse(text, { filtered: true });
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(
      records.map((record) => [record.name, record.operUp, record.tunnel?.protectionProfile ?? null]),
    ).toEqual([
      ['Tunnel0', true, 'DMVPN-PROFILE'],
      ['Tunnel1', false, null],
    ]);
  });

  it('`| include CRC` lines with no header are counted in one warning, not one each', () => {
    const text = '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n'.repeat(40);
    const { records, warnings, error } = showInterfaces.parse(text, { filtered: true });
    expect(error).toBeUndefined();
    expect(records).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.reason).toMatch(/^40 line\(s\) of interface detail came before any interface header/);
  });

  it('empty output and the router refusing the command are errors, not records', () => {
    expect(showInterfaces.parse('').error?.kind).toBe('empty');
    const refused = showInterfaces.parse(
      "show interfaces tunnnel 0\n                ^\n% Invalid input detected at '^' marker.\n",
    );
    expect(refused.error?.kind).toBe('invalid-input');
    expect(refused.records).toEqual([]);
  });

  it('a block truncated mid-line keeps what it read and warns about the broken line', () => {
    const truncated = MGRE_HUB_HEAD + '\n     1234567 packets input, 98765432 byt';
    const { records, warnings } = showInterfaces.parse(truncated);
    expect(records[0]!.counters.inPackets).toBe(1234567);
    expect(records[0]!.counters.inBytes).toBeNull();
    expect(warnings.map((warning) => warning.reason)).toEqual(['unrecognised counter "98765432 byt"']);
  });

  it('garbage is not recognised and names its first line', () => {
    const { records, error, warnings } = showInterfaces.parse('lorem ipsum\ndolor sit amet\n');
    expect(records).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(error).toMatchObject({ kind: 'not-recognized', line: 1, text: 'lorem ipsum' });
  });

  it('an unknown line inside a block is a warning with its line number', () => {
    const { records, warnings } = showInterfaces.parse(`${MGRE_HUB_HEAD}\n  Frobnication level 7\n`);
    expect(records).toHaveLength(1);
    expect(warnings).toEqual([
      { line: 3, text: '  Frobnication level 7', reason: 'not a line of `show interfaces`' },
    ]);
  });
});
